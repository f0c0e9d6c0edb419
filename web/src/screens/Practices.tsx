// The practice library (#/practices, filterable by what it helps with) and one practice (#/practices/<id>):
// its goal, steps to tick off, how long, who, cost and effort, why it helps with where that comes from,
// and how it has gone for us ("We did this", with how it felt; a partner's notes are never shown).
import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Button, Card, Loading, Notice, PageTitle } from '../components';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { type Load, useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { browserZone, dayWords, fullDayWords, localToday } from '../insights/days';
import { plural } from '../insights/words';
import { DoneForm, PracticeFacts } from '../plan/parts';
import type { LogEntry, Plan, Practice, PracticeLog, PracticeLogEntry, Session } from '../plan/types';
import {
  clockWords,
  costWords,
  difficultyWords,
  energyWords,
  feelingWords,
  minutesShort,
  onDayWords,
  practiceLogWords,
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
      <Notice message={all ? 'All steps done. When you are ready, say below how it felt.' : null} />
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

/** How many log entries show before "Show all". */
const FIRST_ENTRIES = 5;

/** Said to the person who just logged it. */
function savedWords(entry: LogEntry, today: string): string {
  const felt = entry.rating === null ? '' : `, and it felt ${feelingWords[entry.rating - 1].toLowerCase()}`;
  const more = entry.rating === null ? ' Thank you for making the time.' : ' Hearth will keep that in mind for your next plans.';
  return `Saved — done ${onDayWords(entry.date, today)}${felt}.${more}`;
}

/** Five dots for the eye; the words beside them say the same. */
function RatingDots({ rating }: { rating: number }) {
  return (
    <>
      <span class="rating-dots" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((i) => (
          <span key={i} class={i <= rating ? 'rating-dot on' : 'rating-dot'} />
        ))}
      </span>
      <span class="visually-hidden"> ({rating} of 5)</span>
    </>
  );
}

/** One time it was done or skipped: who, when, how it felt, and the note only when it is mine. */
function LogItem({
  entry,
  today,
  partner,
  focusRef,
}: {
  entry: PracticeLogEntry;
  today: string;
  partner: string;
  /** Given to the first entry "Show all" reveals, which then takes the focus. */
  focusRef?: { current: HTMLLIElement | null };
}) {
  const day = dayWords(entry.date, today);
  return (
    <li class={`log-entry ${entry.status}`} data-testid="log-entry" ref={focusRef} tabIndex={focusRef ? -1 : undefined}>
      <p class="log-entry-top">
        <span class="log-entry-who">{entry.by_me ? 'You' : partner}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={entry.date}>{day[0].toUpperCase() + day.slice(1)}</time>
      </p>
      <p class="log-entry-what">
        <span>
          {entry.status === 'done' ? 'Done' : 'Skipped'}
          {entry.rating !== null && `, felt ${feelingWords[entry.rating - 1].toLowerCase()}`}
        </span>
        {entry.rating !== null && <RatingDots rating={entry.rating} />}
      </p>
      {entry.by_me && entry.note && <p class="log-entry-note">{entry.note}</p>}
    </li>
  );
}

/**
 * "How it has gone": a line of counts, "We did this" (the same form as on This week, with a day to
 * pick), and the latest entries. `today` is the couple's, so the days offered are the ones the server
 * accepts.
 */
function HowItHasGone({
  practice,
  today,
  load,
  reload,
  onLogged,
}: {
  practice: Practice;
  today: string;
  load: Load<PracticeLog>;
  reload: () => void;
  onLogged: () => void;
}) {
  const { me } = useSession();
  const paired = me.couple?.status === 'paired';
  const partner = (paired && partnerOf(me.couple)?.display_name) || 'Your partner';
  const together = paired && practice.who === 'together';
  // The log as fetched again after saving, so the list does not blink through "loading".
  const [fresh, setFresh] = useState<PracticeLog | null>(null);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const actionRef = useRef<HTMLDivElement>(null);
  const firstMoreRef = useRef<HTMLLIElement>(null);
  const log = fresh ?? (load.state === 'ready' ? load.data : null);
  const action = together ? 'We did this' : 'I did this';

  let body;
  if (!log && load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else if (!log) body = <Loading label="Looking at how it has gone…" />;
  else {
    const summary = practiceLogWords(log, today);
    const shown = all ? log.entries : log.entries.slice(0, FIRST_ENTRIES);
    body = (
      <>
        {summary.length === 0 ? (
          <p class="log-empty" data-testid="practice-log-empty">
            Not tried yet. {together ? 'Once you two have' : 'Once you have'}, say how it felt — it helps Hearth plan what
            suits you.
          </p>
        ) : (
          <p class="log-summary" data-testid="practice-log-summary">
            {summary.map((w, i) => (
              <span key={w}>
                {i > 0 && <span aria-hidden="true"> · </span>}
                {w}
              </span>
            ))}
          </p>
        )}
        <p
          class={message ? 'notice' : 'notice empty'}
          role="status"
          ref={noticeRef}
          tabIndex={message ? -1 : undefined}
          data-testid="practice-log-saved"
        >
          {message ?? ''}
        </p>
        {open ? (
          <DoneForm
            practice={practice}
            id="log-feel"
            today={today}
            onCancel={() => {
              setOpen(false);
              requestAnimationFrame(() => actionRef.current?.querySelector('button')?.focus());
            }}
            onDone={(entry) => {
              setOpen(false);
              setMessage(savedWords(entry, today));
              requestAnimationFrame(() => noticeRef.current?.focus());
              api.practiceLog(practice.id).then(setFresh, () => {
                setFresh(null);
                reload();
              });
              onLogged();
            }}
          />
        ) : (
          <div class="log-action" ref={actionRef}>
            <Button type="button" variant={summary.length === 0 ? 'primary' : 'secondary'} onClick={() => setOpen(true)}>
              {action}
            </Button>
          </div>
        )}
        {log.entries.length > 0 && (
          <>
            <h3 class="small-heading" id="log-list-title">
              Your log
            </h3>
            <ul class="log-entries" aria-labelledby="log-list-title">
              {shown.map((e, i) => (
                <LogItem
                  key={e.id}
                  entry={e}
                  today={today}
                  partner={partner}
                  focusRef={all && i === FIRST_ENTRIES ? firstMoreRef : undefined}
                />
              ))}
            </ul>
            {!all && log.entries.length > FIRST_ENTRIES && (
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  setAll(true);
                  requestAnimationFrame(() => firstMoreRef.current?.focus());
                }}
              >
                Show all {log.entries.length}
              </button>
            )}
            {log.done + log.skipped > log.entries.length && (
              <p class="muted small">The latest {log.entries.length} are listed.</p>
            )}
            {paired && (
              <p class="muted small" data-testid="log-privacy">
                Notes stay with whoever wrote them: {partner} sees the day and how it felt, never your note.
              </p>
            )}
          </>
        )}
      </>
    );
  }

  return (
    <section class="card practice-log" aria-labelledby="log-title" data-testid="practice-log">
      <h2 id="log-title">How it has gone</h2>
      {body}
    </section>
  );
}

export function PracticeScreen({ id }: { id: string }) {
  const [load, reload] = useLoad(() => api.practice(id), [id]);
  const [logLoad, reloadLog] = useLoad(() => api.practiceLog(id), [id]);
  // This week's plan: whether the practice is in it (a nicety, so a failed request simply shows
  // nothing), and the couple's time zone, whose today is the one the server logs against.
  const [planLoad] = useLoad(() => api.plan(), [id]);
  const [freshPlan, setFreshPlan] = useState<Plan | null>(null);
  const plan = freshPlan ?? (planLoad.state === 'ready' ? planLoad.data : null);
  const planned = plan ? plan.sessions.filter((s) => s.practice?.id === id) : null;
  const today = localToday(plan?.time_zone ?? browserZone());
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
        {planned && <PlannedFor sessions={planned} />}
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
        <HowItHasGone
          practice={p}
          today={today}
          load={logLoad}
          reload={reloadLog}
          onLogged={() => void api.plan().then(setFreshPlan, () => {})}
        />
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
