// "This week": the couple's plan day by day — when, what, for how long and why — with "Mark done" (and
// how it felt), "Skip this one", and a light / regular / deep week. Ratings and skips shape the next
// plans; nothing here keeps score.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Button, FormError, Loading, Notice, PageTitle } from '../components';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import { addDays, browserZone, daysBetween, fullDayWords, localToday, shortDay } from '../insights/days';
import { plural } from '../insights/words';
import { DoneForm, TogetherNav } from '../plan/parts';
import { rememberOpenedFrom } from './Practices';
import type { Intensity, Plan, Session } from '../plan/types';
import { clockWords, feelingWords, intensities, sessionHere } from '../plan/words';

/** "Today", "Tomorrow", else nothing: the day's own name is the heading. */
function nearWords(date: string, today: string): string | null {
  const d = daysBetween(today, date);
  if (d === 0) return 'Today';
  if (d === 1) return 'Tomorrow';
  return null;
}

function IntensitySwitch({ plan, onPlan }: { plan: Plan; onPlan: (plan: Plan, message: string) => void }) {
  const [busy, setBusy] = useState<Intensity | null>(null);
  const [error, setError] = useState<string | undefined>();
  const current = intensities.find((i) => i.id === plan.intensity) ?? intensities[1];

  async function choose(id: Intensity) {
    if (busy || id === plan.intensity) return;
    setBusy(id);
    setError(undefined);
    try {
      const next = await api.regeneratePlan(id);
      const chosen = intensities.find((i) => i.id === id)!;
      const n = next.sessions.length;
      onPlan(
        next,
        id === 'light'
          ? `A light week it is: ${plural(n, 'short moment', 'short moments')}. Be gentle with yourselves.`
          : `Your week is re-made: ${plural(n, 'moment', 'moments')} (${chosen.label.toLowerCase()}).`,
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="intensity" aria-labelledby="intensity-title">
      <h2 id="intensity-title" class="small-heading">
        How full a week?
      </h2>
      <div class="range-switch intensity-switch" role="group" aria-labelledby="intensity-title" aria-describedby="intensity-words">
        {intensities.map((i) => (
          <button
            key={i.id}
            type="button"
            class="range-option"
            aria-pressed={i.id === plan.intensity}
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => void choose(i.id)}
          >
            {busy === i.id ? 'One moment…' : i.label}
          </button>
        ))}
      </div>
      <p class="muted small" id="intensity-words">
        {current.words} Changing it makes a new plan for the rest of this week.
      </p>
      <FormError message={error} />
    </section>
  );
}

function SessionItem({
  session,
  here,
  today,
  onChange,
}: {
  session: Session;
  /** Its day and times in the reader's time zone. */
  here: { date: string; start: string; end: string };
  /** Today in the plan's time zone (the server's "today" for logging). */
  today: string;
  onChange: (status: Session['status']) => void;
}) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [skipping, setSkipping] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const practice = session.practice;
  const titleId = `session-${session.id}-title`;

  async function skip() {
    if (skipping || !practice) return;
    setSkipping(true);
    setError(undefined);
    try {
      await api.logPractice(practice.id, { status: 'skipped', ...(session.date < today ? { date: session.date } : {}) });
      onChange('skipped');
      setMessage('Skipped — that is fine. Hearth will suggest it less often.');
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Something went wrong. Please try again.');
    } finally {
      setSkipping(false);
    }
  }

  const state = session.status === 'planned' ? 'open' : session.status;
  return (
    <li class={`session ${state}`} data-testid="session" data-session={session.id}>
      <section aria-labelledby={titleId}>
        <p class="session-when">
          <time dateTime={`${here.date}T${here.start}`}>{clockWords(here.start)}</time>
          <span aria-hidden="true">–</span>
          <span class="visually-hidden"> to </span>
          <time dateTime={`${here.date}T${here.end === '24:00' ? '23:59' : here.end}`}>{clockWords(here.end)}</time>
          <span class="session-minutes">
            <span aria-hidden="true"> · </span>
            {session.minutes} min
          </span>
        </p>
        <h3 id={titleId} class="session-title">
          {practice ? (
            <a href={href('practices', practice.id)} onClick={() => rememberOpenedFrom('plan')}>
              {practice.title}
            </a>
          ) : (
            'A moment together'
          )}
        </h3>
        <p class="session-reason">{session.reason}</p>
        {state === 'done' && (
          <p class="session-state done" ref={statusRef} tabIndex={-1} data-testid="session-done">
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
              <path d="M4.5 10.5l3.5 3.5 7.5-8" />
            </svg>
            Done
          </p>
        )}
        {state === 'skipped' && (
          <p class="session-state skipped" ref={statusRef} tabIndex={-1}>
            Skipped this week
          </p>
        )}
        <Notice message={message} />
        {state === 'open' && practice && !open && (
          <div class="session-actions">
            <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
              Mark done<span class="visually-hidden">: {practice.title}</span>
            </Button>
            <Button type="button" variant="quiet" busy={skipping} busyLabel="Skipping…" onClick={() => void skip()}>
              Skip this one<span class="visually-hidden">: {practice.title}</span>
            </Button>
          </div>
        )}
        {state === 'open' && practice && open && (
          <DoneForm
            practice={practice}
            id={`feel-${session.id}`}
            today={today}
            day={session.date}
            onCancel={() => setOpen(false)}
            onDone={({ rating }) => {
              setOpen(false);
              setMessage(
                rating === null
                  ? 'Marked as done. Well done, you two.'
                  : `Marked as done — it felt ${feelingWords[rating - 1].toLowerCase()}. Hearth will keep that in mind for next week.`,
              );
              onChange('done');
              requestAnimationFrame(() => statusRef.current?.focus());
            }}
          />
        )}
        <FormError message={error} />
      </section>
    </li>
  );
}

function Week({ plan, onPlan }: { plan: Plan; onPlan: (plan: Plan) => void }) {
  const today = localToday(plan.time_zone);
  const zone = browserZone();
  const myToday = localToday(zone);
  // By day where the reader is.
  const byDay = new Map<string, { session: Session; here: ReturnType<typeof sessionHere> }[]>();
  for (const session of plan.sessions) {
    const here = sessionHere(session, zone);
    byDay.set(here.date, [...(byDay.get(here.date) ?? []), { session, here }]);
  }
  const done = plan.sessions.filter((s) => s.done).length;

  if (plan.sessions.length === 0) {
    return (
      <p class="empty-state" data-testid="no-sessions">
        Nothing is planned for the rest of this week. Add the times you are both free and Hearth will find room for a
        few small moments.
      </p>
    );
  }

  return (
    <div class="week" data-testid="week">
      {done > 0 && (
        <p class="week-count">
          {done === plan.sessions.length
            ? `All ${plan.sessions.length} done this week. That is real care for each other.`
            : `${done} of ${plan.sessions.length} done so far — each one counts.`}
        </p>
      )}
      {[...byDay.entries()].map(([date, sessions]) => {
        const near = nearWords(date, myToday);
        const past = date < myToday;
        return (
          <section key={date} class={`plan-day${past ? ' past' : ''}`} aria-labelledby={`day-${date}`} data-testid="plan-day">
            <h2 id={`day-${date}`} class="plan-day-title">
              {near && <span class="day-chip">{near}</span>}
              {fullDayWords(date)}
              {past && <span class="visually-hidden"> (earlier this week)</span>}
            </h2>
            <ul class="sessions">
              {sessions.map(({ session: s, here }) => (
                <SessionItem
                  key={s.id}
                  session={s}
                  here={here}
                  today={today}
                  onChange={(status) =>
                    onPlan({
                      ...plan,
                      sessions: plan.sessions.map((x) => (x.id === s.id ? { ...x, status, done: status === 'done' } : x)),
                    })
                  }
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export function PlanScreen() {
  const { me, refresh } = useSession();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const partner = me.couple?.status === 'paired' ? (partnerOf(me.couple)?.display_name ?? null) : null;
  const [load, reload] = useLoad(() => api.plan(), []);
  // The plan as changed here (done, a new intensity) since it was loaded.
  const [changed, setPlan] = useState<Plan | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const plan = changed ?? (load.state === 'ready' ? load.data : null);

  let body;
  if (load.state === 'loading') body = <Loading label="Looking at your week…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else if (plan) {
    const otherZone = plan.time_zone !== browserZone();
    body = (
      <>
        {plan.notes.length > 0 && (
          <div class="plan-notes" data-testid="plan-notes">
            {plan.notes.length === 1 ? (
              <p>{plan.notes[0]}</p>
            ) : (
              <ul>
                {plan.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            <a class="path-link" href={href('plan', 'times')}>
              Your free times and wishes <span aria-hidden="true">→</span>
            </a>
          </div>
        )}
        <IntensitySwitch
          plan={plan}
          onPlan={(next, words) => {
            setPlan(next);
            setMessage(words);
          }}
        />
        <Notice message={message} />
        <Week plan={plan} onPlan={setPlan} />
        <p class="muted small">
          {plan.level === 1
            ? 'Easier practices come first; others open up as you do a few.'
            : plan.level === 2
              ? 'You have done a few practices, so some that ask a little more are in the mix now.'
              : 'All the practices are open to you now, the deeper ones too.'}
          {otherZone && ` Times are shown where you are (${browserZone().replace(/_/g, ' ')}).`}
        </p>
        <section aria-labelledby="more-title" class="stack-sm">
          <h2 id="more-title">Shape your week</h2>
          <div class="link-cards">
            <a class="link-card" href={href('plan', 'times')}>
              <span class="link-card-title">Free times and wishes</span>
              <span class="muted small">
                {partner
                  ? `When you are free, and what you enjoy. The plan uses the time you and ${partner} share.`
                  : 'When you are free, and what you enjoy or would rather skip.'}
              </span>
            </a>
            <a class="link-card" href={href('plan', 'calendar')}>
              <span class="link-card-title">In your own calendar</span>
              <span class="muted small">The week in your phone’s calendar, with neutral titles and a reminder.</span>
            </a>
            <a class="link-card" href={href('practices')}>
              <span class="link-card-title">All practices</span>
              <span class="muted small">Every small practice Hearth knows, by what it helps with.</span>
            </a>
          </div>
        </section>
      </>
    );
  }

  const weekStart = plan?.week_start;
  return (
    <div class="stack plan">
      <TogetherNav current="plan" />
      <div>
        {weekStart && (
          <p class="eyebrow">
            Week of {shortDay(weekStart)} – {shortDay(addDays(weekStart, 6))}
          </p>
        )}
        <PageTitle title="This week">This week</PageTitle>
        <p class="lede">
          {partner
            ? `A few small moments for you and ${partner}, placed in the time you both have free. Do what you can — nothing here keeps score.`
            : 'A few small moments, placed in the time you have free. Do what you can — nothing here keeps score.'}
        </p>
      </div>
      {body}
    </div>
  );
}
