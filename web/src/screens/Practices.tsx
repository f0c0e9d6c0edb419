// The practice library (#/practices, filterable by what it helps with) and one practice (#/practices/<id>):
// its goal, steps to tick off, how long, who, cost and effort, and why it helps with where that comes from.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Card, Loading, Notice, PageTitle } from '../components';
import { href } from '../router';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { browserZone, fullDayWords } from '../insights/days';
import { plural } from '../insights/words';
import { PracticeFacts } from '../plan/parts';
import type { Practice, Session } from '../plan/types';
import {
  clockWords,
  costWords,
  difficultyWords,
  energyWords,
  minutesShort,
  sessionHere,
  settingWords,
  whoWords,
} from '../plan/words';

/** Where a practice was opened from, so "back" goes there (the plan or the library). */
let openedFrom: 'plan' | 'practices' = 'plan';
export const rememberOpenedFrom = (where: 'plan' | 'practices') => {
  openedFrom = where;
};

/** The chosen filter, kept for this tab only. */
const filterMemory = {
  key: 'hearth.practices-tag',
  get(): string {
    try {
      return sessionStorage.getItem(this.key) ?? '';
    } catch {
      return '';
    }
  },
  set(tag: string) {
    try {
      sessionStorage.setItem(this.key, tag);
    } catch {
      /* storage unavailable: the filter lasts until the screen closes */
    }
  },
};

export function PracticeLibrary() {
  const [load, reload] = useLoad(() => api.practices(), []);
  const [tag, setTag] = useState(filterMemory.get());

  let body;
  if (load.state === 'loading') body = <Loading label="Loading the practices…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else {
    const { practices, tags } = load.data;
    // Only tags some practice has; the filter never leads to an empty list.
    const used = tags.filter((t) => practices.some((p) => p.tags.some((x) => x.id === t.id)));
    const chosen = used.some((t) => t.id === tag) ? tag : '';
    const shown = chosen ? practices.filter((p) => p.tags.some((t) => t.id === chosen)) : practices;
    const sorted = [...shown].sort((a, b) => a.difficulty - b.difficulty || a.minutes - b.minutes || a.title.localeCompare(b.title));
    body =
      practices.length === 0 ? (
        <p class="empty-state">There are no practices on this Hearth yet. Whoever runs it can add them.</p>
      ) : (
        <>
          <div class="field">
            <label for="practice-tag">What would you like to work on?</label>
            <select
              id="practice-tag"
              value={chosen}
              onChange={(event) => {
                setTag(event.currentTarget.value);
                filterMemory.set(event.currentTarget.value);
              }}
            >
              <option value="">Everything</option>
              {used.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          </div>
          <p class="muted small" role="status" data-testid="practice-count">
            {plural(sorted.length, 'practice', 'practices')}
            {chosen ? ` for ${used.find((t) => t.id === chosen)?.title.toLowerCase()}` : ''}, easiest first.
          </p>
          <ul class="practice-list">
            {sorted.map((p) => (
              <li key={p.id}>
                <a class="practice-item" href={href('practices', p.id)} onClick={() => rememberOpenedFrom('practices')}>
                  <span class="practice-item-title">{p.title}</span>
                  <span class="practice-item-goal">{p.goal}</span>
                  <PracticeFacts practice={p} />
                </a>
              </li>
            ))}
          </ul>
        </>
      );
  }

  return (
    <div class="stack">
      <div>
        <a class="back-link" href={href('plan')}>
          <span aria-hidden="true">←</span> This week
        </a>
        <PageTitle title="Practices">Practices</PageTitle>
        <p class="lede">Small things that tend to bring couples closer. Your week is planned from these; you can try any of them any time.</p>
      </div>
      {body}
    </div>
  );
}

/** The steps as a checklist to follow along with. The ticks are for now only: nothing is saved. */
function Steps({ practice }: { practice: Practice }) {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const all = ticked.size === practice.steps.length;
  return (
    <section class="card" aria-labelledby="steps-title">
      <h2 id="steps-title">Steps</h2>
      <p class="muted small" id="steps-hint">
        Tick them off as you go, if that helps. The ticks are just for now.
      </p>
      <ol class="checklist" aria-describedby="steps-hint">
        {practice.steps.map((step, i) => (
          <li key={i} class={ticked.has(i) ? 'ticked' : undefined}>
            <label>
              <input
                type="checkbox"
                checked={ticked.has(i)}
                onChange={(event) => {
                  const next = new Set(ticked);
                  if (event.currentTarget.checked) next.add(i);
                  else next.delete(i);
                  setTicked(next);
                }}
              />
              <span>
                <span class="visually-hidden">Step {i + 1}: </span>
                {step}
              </span>
            </label>
          </li>
        ))}
      </ol>
      <Notice message={all ? 'All steps done. You can mark it done on This week, and say how it felt.' : null} />
    </section>
  );
}

function PlannedFor({ sessions }: { sessions: Session[] }) {
  if (sessions.length === 0) return null;
  return (
    <p class="planned-for" data-testid="planned-for">
      In this week’s plan:{' '}
      {sessions.map((s, i) => (
        <span key={s.id}>
          {i > 0 && ', '}
          {fullDayWords(sessionHere(s, browserZone()).date)} at {clockWords(sessionHere(s, browserZone()).start)}
          {s.done && ' (done)'}
        </span>
      ))}
      .{' '}
      <a href={href('plan')}>See this week</a>
    </p>
  );
}

export function PracticeScreen({ id }: { id: string }) {
  const [load, reload] = useLoad(() => api.practice(id), [id]);
  // Whether it is in this week's plan: a nicety, so a failed request simply shows nothing.
  const [planned] = useLoad(() => api.plan().then((p) => p.sessions.filter((s) => s.practice?.id === id)), [id]);
  const back = openedFrom === 'practices' ? { href: href('practices'), label: 'All practices' } : { href: href('plan'), label: 'This week' };

  let title = 'Practice';
  let body;
  if (load.state === 'loading') body = <Loading label="Opening the practice…" />;
  else if (load.state === 'failed') {
    body =
      load.error?.status === 404 ? (
        <p class="empty-state">
          There is no such practice here — it may have been renamed. <a href={href('practices')}>See all practices</a>.
        </p>
      ) : (
        <LoadFailed message={load.message} onRetry={reload} />
      );
  } else {
    const p = load.data;
    title = p.title;
    body = (
      <>
        {planned.state === 'ready' && <PlannedFor sessions={planned.data} />}
        <dl class="practice-facts-list">
          <div>
            <dt>How long</dt>
            <dd>{minutesShort(p.minutes)}</dd>
          </div>
          <div>
            <dt>Who</dt>
            <dd>{whoWords[p.who]}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{costWords[p.cost]}</dd>
          </div>
          <div>
            <dt>Effort</dt>
            <dd>{difficultyWords[p.difficulty]}</dd>
          </div>
          <div>
            <dt>Energy</dt>
            <dd>{energyWords[p.energy]}</dd>
          </div>
          <div>
            <dt>Where</dt>
            <dd>{settingWords[p.setting]}</dd>
          </div>
        </dl>
        <Steps practice={p} />
        <Card labelledBy="why-title" tone="calm">
          <h2 id="why-title">Why it helps</h2>
          <p>{p.why}</p>
          {p.cite && (
            <p class="cite small" data-testid="cite">
              <span class="muted">Based on: </span>
              {p.cite}
            </p>
          )}
          {p.tags.length > 1 && (
            <>
              <h3 class="small-heading">What kind of practice</h3>
              <ul class="chips">
                {p.tags.map((t) => (
                  <li key={t.id} class="chip">
                    {t.title}
                  </li>
                ))}
              </ul>
            </>
          )}
          {p.areas.length > 0 && (
            <>
              <h3 class="small-heading">Helps with</h3>
              <ul class="chips">
                {p.areas.map((a) => (
                  <li key={a.id} class="chip">
                    {a.title}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      </>
    );
  }

  return (
    <div class="stack practice">
      <div>
        <a class="back-link" href={back.href}>
          <span aria-hidden="true">←</span> {back.label}
        </a>
        {load.state === 'ready' && load.data.tags.length > 0 && (
          <p class="eyebrow">{load.data.tags[0].title}</p>
        )}
        <PageTitle title={title}>{title}</PageTitle>
        {load.state === 'ready' && <p class="lede">{load.data.goal}</p>}
      </div>
      {body}
    </div>
  );
}
