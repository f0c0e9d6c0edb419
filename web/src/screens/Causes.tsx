// "Why we drift": the likely causes of distance, ranked, each with what points to it and what tends
// to help; causes nothing has measured yet say which check-up would.
import { api } from '../api';
import { Card, Loading, PageTitle } from '../components';
import { formatDate } from '../format';
import { href } from '../router';
import { useSession } from '../session';
import type { Cause, CauseProfile, InstrumentSummary } from '../assessments/types';
import { LoadFailed, ScoreBar } from '../assessments/parts';
import { useLoad } from '../assessments/load';
import { levelWords } from '../assessments/words';

function CauseCard({ cause, titleOf }: { cause: Cause; titleOf: (id: string) => string }) {
  const id = `cause-${cause.id}`;
  const measured = cause.level !== 'not_measured';
  return (
    <li class={`cause level-${cause.level}`} data-testid={id}>
      <section aria-labelledby={`${id}-title`}>
        <div class="cause-head">
          <span class="cause-rank" aria-hidden="true">
            {cause.rank}
          </span>
          <h2 id={`${id}-title`}>
            <span class="visually-hidden">{cause.rank}. </span>
            {cause.title}
          </h2>
          <span class={`level-badge ${cause.level}`}>{levelWords[cause.level]}</span>
        </div>
        {cause.strength !== null && (
          <div class="bars">
            <ScoreBar name="How strongly it shows" score={cause.strength} />
          </div>
        )}
        <p>{cause.explanation}</p>
        {cause.evidence.length > 0 && (
          <>
            <h3 class="small-heading">What this is based on</h3>
            <ul class="evidence">
              {/* The server's sentence already says whose answers and which score. */}
              {cause.evidence.map((e, i) => (
                <li key={i}>{e.text}</li>
              ))}
            </ul>
          </>
        )}
        {cause.measure_with.length > 0 && (
          <p class="measure-with">
            {measured ? 'To see it more clearly' : 'To see whether this plays a part'}, take the check-up
            {cause.measure_with.length > 1 ? 's' : ''}{' '}
            {cause.measure_with.map((m, i) => (
              <span key={m}>
                {i > 0 && (i === cause.measure_with.length - 1 ? ' and ' : ', ')}
                <a href={href('checkups', `${m}/take`)}>{titleOf(m)}</a>
              </span>
            ))}
            .
          </p>
        )}
        {cause.practice_tags.length > 0 && (
          <>
            <h3 class="small-heading">{measured ? 'What tends to help' : 'What helps, if it does'}</h3>
            <ul class="chips">
              {cause.practice_tags.map((t) => (
                <li key={t.id} class="chip">
                  {t.title}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </li>
  );
}

async function fetchProfile(): Promise<{ profile: CauseProfile; instruments: InstrumentSummary[] }> {
  // Instrument titles only make the links nicer; the profile does not wait on them failing.
  const [profile, list] = await Promise.all([api.causes(), api.instruments().catch(() => null)]);
  return { profile, instruments: list?.instruments ?? [] };
}

export function Causes() {
  const { me } = useSession();
  const [load, reload] = useLoad(fetchProfile, []);

  let body;
  if (load.state === 'loading') body = <Loading label="Looking at what may be behind it…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const { profile, instruments } = load.data;
    const titleOf = (id: string) => instruments.find((i) => i.id === id)?.title ?? id.replace(/_/g, ' ');
    const causes = [...profile.causes].sort((a, b) => a.rank - b.rank);
    const measured = causes.filter((c) => c.level !== 'not_measured');
    body = (
      <>
        {profile.note && (
          <Card labelledBy="note-title" tone="calm">
            <h2 id="note-title" class="visually-hidden">
              A note before you read
            </h2>
            <p class="cause-note">{profile.note}</p>
          </Card>
        )}
        {measured.length === 0 && (
          <p class="muted empty-state">
            Nothing is measured yet, so nothing is ranked. Finish a check-up — Signs of distance is a good first one —
            and this page starts to fill in.{' '}
            <a href={href('checkups')}>Go to check-ups</a>
          </p>
        )}
        {causes.length > 0 && (
          <ol class="cause-list">
            {causes.map((c) => (
              <CauseCard key={c.id} cause={c} titleOf={titleOf} />
            ))}
          </ol>
        )}
        {profile.based_on.length > 0 && (
          <p class="muted small based-on">
            Based on{' '}
            {profile.based_on.map((b, i) => (
              <span key={`${b.instrument}-${b.submitted_at}`}>
                {i > 0 && (i === profile.based_on.length - 1 ? ' and ' : ', ')}
                {titleOf(b.instrument)} ({formatDate(b.submitted_at)})
              </span>
            ))}
            {me.couple?.status === 'paired' ? ', and how your disagreements have gone.' : '.'}
          </p>
        )}
      </>
    );
  }

  return (
    <div class="stack causes">
      <div>
        <a class="back-link" href={href('checkups')}>
          <span aria-hidden="true">←</span> Check-ups
        </a>
        <PageTitle title="Why we drift">Why we drift</PageTitle>
        <p class="lede">
          Distance rarely has one cause. Here is what seems to be pulling you apart most, from your check-ups — a
          guide for noticing and talking, not a verdict.
        </p>
      </div>
      {body}
    </div>
  );
}
