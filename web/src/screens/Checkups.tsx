// "Check-ups": every questionnaire in order with where the person is in it, and the way to the
// couple report and the cause profile. Signs of distance comes first until it has been finished.
import { api } from '../api';
import { Loading, PageTitle } from '../components';
import { formatDate } from '../format';
import { href } from '../router';
import type { InstrumentSummary } from '../assessments/types';
import { LoadFailed, Progress } from '../assessments/parts';
import { useLoad } from '../assessments/load';
import { unsaved } from '../assessments/unsaved';
import { attemptsWords, plural, stateWords } from '../assessments/words';

/** The check-up to begin with: the first in order, while nothing has been finished. */
export function firstStep(list: InstrumentSummary[]): InstrumentSummary | null {
  if (list.some((i) => i.status.attempts > 0)) return null;
  const first = [...list].sort((a, b) => a.order - b.order)[0];
  return first ?? null;
}

/** The action that fits where the person is: Start, Continue, See results, Take again. */
function Actions({ item, first }: { item: InstrumentSummary; first: boolean }) {
  const take = href('checkups', `${item.id}/take`);
  const results = href('checkups', `${item.id}/results`);
  const { state, attempts } = item.status;
  const about = (verb: string) => `${verb} ${item.title}`;
  if (state === 'in_progress') {
    return (
      <div class="actions">
        <a class="button primary" href={take} aria-label={about('Continue')}>
          Continue
        </a>
        {attempts > 0 && (
          <a class="button secondary" href={results} aria-label={about('See last results for')}>
            See last results
          </a>
        )}
      </div>
    );
  }
  if (state === 'completed' || attempts > 0) {
    return (
      <div class="actions">
        <a class="button secondary" href={results} aria-label={about('See results for')}>
          See results
        </a>
        <a class="button quiet" href={take} aria-label={about('Take again:')}>
          Take again
        </a>
      </div>
    );
  }
  return (
    <div class="actions">
      <a class={`button ${first ? 'primary' : 'secondary'}`} href={take} aria-label={about('Start')}>
        Start
      </a>
    </div>
  );
}

function InstrumentCard({ item, first }: { item: InstrumentSummary; first: boolean }) {
  const titleId = `instrument-${item.id}-title`;
  const attempts = attemptsWords(item.status.attempts);
  const done = item.status.state === 'completed';
  return (
    <li class={`instrument${first ? ' first' : ''}${done ? ' done' : ''}`} data-testid={`instrument-${item.id}`}>
      <section aria-labelledby={titleId}>
        {first && <p class="eyebrow start-here">Start here</p>}
        <h2 id={titleId}>{item.title}</h2>
        <p class="instrument-purpose">{item.purpose}</p>
        <p class="instrument-meta muted small">
          <span>About {plural(item.minutes, 'minute', 'minutes')}</span>
          <span aria-hidden="true"> · </span>
          <span>{plural(item.item_count, 'question', 'questions')}</span>
        </p>
        {item.status.state === 'in_progress' && (
          <Progress id={`progress-${item.id}`} answered={item.status.answered} total={item.status.total} />
        )}
        <p class={`instrument-state ${item.status.state}`}>
          {item.status.state !== 'in_progress' && stateWords(item.status)}
          {item.status.state === 'in_progress' && item.status.last_submitted_at && (
            <>Started again · last finished on {formatDate(item.status.last_submitted_at)}</>
          )}
          {item.status.state === 'in_progress' && !item.status.last_submitted_at && 'Started — your answers are saved'}
          {attempts && <span class="muted"> · {attempts}</span>}
        </p>
        <Actions item={item} first={first} />
      </section>
    </li>
  );
}

export function Checkups() {
  const [load, reload] = useLoad(() => api.instruments(), []);

  let body;
  if (load.state === 'loading') body = <Loading label="Loading your check-ups…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const list = [...load.data.instruments].sort((a, b) => a.order - b.order);
    const first = firstStep(list);
    const anyDone = list.some((i) => i.status.attempts > 0);
    const waiting = unsaved.instruments();
    const unsavedTitles = list.filter((i) => waiting.includes(i.id)).map((i) => i.title);
    body =
      list.length === 0 ? (
        <p class="muted empty-state">There are no check-ups on this Hearth yet. Whoever runs it can add them.</p>
      ) : (
        <>
          {unsavedTitles.length > 0 && (
            <p class="form-error" role="alert">
              Some answers to {unsavedTitles.join(' and ')} could not be saved yet. Open{' '}
              {unsavedTitles.length === 1 ? 'it' : 'them'} and they will be saved.
            </p>
          )}
          <ul class="instrument-list">
            {list.map((item) => (
              <InstrumentCard key={item.id} item={item} first={item.id === first?.id} />
            ))}
          </ul>
          <section aria-labelledby="together-title" class="stack-sm">
            <h2 id="together-title">Putting it together</h2>
            <div class="link-cards">
              <a class="link-card" href={href('checkups', 'report')}>
                <span class="link-card-title">Your couple report</span>
                <span class="muted small">
                  Both your answers side by side — once you have each finished the same check-up.
                </span>
              </a>
              <a class="link-card" href={href('checkups', 'causes')}>
                <span class="link-card-title">Why we drift</span>
                <span class="muted small">
                  {anyDone
                    ? 'What seems to be pulling you apart, and what tends to help.'
                    : 'What may be pulling you apart — it fills in as you finish check-ups.'}
                </span>
              </a>
            </div>
          </section>
        </>
      );
  }

  return (
    <div class="stack">
      <div>
        <PageTitle title="Check-ups">Check-ups</PageTitle>
        <p class="lede">
          Quiet questions, answered on your own. Your answers stay private; your partner sees scores only once you
          have both finished the same check-up.
        </p>
      </div>
      {body}
    </div>
  );
}
