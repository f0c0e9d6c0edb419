// The couple's journey: a vertical timeline, newest first — starting out, pairing up, check-ups
// finished, check-in milestones, agreements found — grouped by month, each with who and when in words.
import { api } from '../api';
import { Card, Loading, PageTitle } from '../components';
import { fromNow } from '../format';
import { href } from '../router';
import { partnerOf, useSession } from '../session';
import { useLoad } from '../assessments/load';
import { LoadFailed } from '../assessments/parts';
import type { JourneyEvent, JourneyKind } from '../insights/types';

const icons: Record<JourneyKind, string> = {
  joined: 'M12 20.5V12M12 12c0-4.2 2.8-6.5 7-6.5 0 4.2-2.8 6.5-7 6.5zM12 14.5c0-3.3-2.2-5.5-6-5.5 0 3.3 2.2 5.5 6 5.5z',
  paired: 'M9.5 7.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM14.5 7.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z',
  assessment:
    'M8.5 5H7a1.5 1.5 0 0 0-1.5 1.5v13A1.5 1.5 0 0 0 7 21h10a1.5 1.5 0 0 0 1.5-1.5v-13A1.5 1.5 0 0 0 17 5h-1.5M9.5 3.5h5a1 1 0 0 1 1 1v1a1 1 0 0 1-1 1h-5a1 1 0 0 1-1-1v-1a1 1 0 0 1 1-1zM9 13.5l2 2 4-4.5',
  checkin_milestone: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  conflict_agreed: 'M4.5 4.5h15a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H10l-4.5 4v-4h-1a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zM8.5 10l2.5 2.5 4.5-4.5',
};

const kindWords: Record<JourneyKind, string> = {
  joined: 'A beginning',
  paired: 'Together on Hearth',
  assessment: 'A check-up',
  checkin_milestone: 'Check-ins',
  conflict_agreed: 'An agreement',
};

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const dayYearFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "Today", "Yesterday", else "Saturday 21 November · 4 days ago" (with the year when it is not this one). */
function whenWords(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(at)) / 86400000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const day = (at.getFullYear() === now.getFullYear() ? dayFormat : dayYearFormat).format(at);
  return days > 1 ? `${day} · ${fromNow(iso, now.getTime())}` : day;
}

const localDay = (at: string) => new Date(at).toDateString();

/**
 * A moment on the timeline: one event, or several check-ups the same person finished on the same day
 * (they tend to come in a row, and ten near-identical moments would bury the rest).
 */
interface Moment {
  first: JourneyEvent;
  events: JourneyEvent[];
}

function moments(events: JourneyEvent[]): Moment[] {
  const out: Moment[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (
      last &&
      e.kind === 'assessment' &&
      last.first.kind === 'assessment' &&
      last.first.who === e.who &&
      localDay(last.first.at) === localDay(e.at)
    ) {
      last.events.push(e);
    } else {
      out.push({ first: e, events: [e] });
    }
  }
  return out;
}

/**
 * "Daniel finished " when every title starts with it, so a group can list only the check-ups' names;
 * "" otherwise (the titles are then listed whole).
 */
function sharedStart(titles: string[]): string {
  let start = titles[0] ?? '';
  for (const t of titles) while (!t.startsWith(start)) start = start.slice(0, -1);
  const verb = start.indexOf(' finished ');
  return verb < 0 ? '' : start.slice(0, verb + ' finished '.length);
}

/** Moments in months, newest first (as the server sends them). */
function byMonth(events: JourneyEvent[]): { month: string; moments: Moment[] }[] {
  const groups: { month: string; moments: Moment[] }[] = [];
  for (const m of moments(events)) {
    const month = monthFormat.format(new Date(m.first.at));
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.moments.push(m);
    else groups.push({ month, moments: [m] });
  }
  return groups;
}

/** "Daniel finished 5 check-ups", then what they were. */
function GroupTitle({ events, who }: { events: JourneyEvent[]; who: string }) {
  const titles = events.map((e) => e.title);
  const start = sharedStart(titles);
  return (
    <>
      <h3 class="moment-title">{`${start || `${who} finished `}${events.length} check-ups`}</h3>
      <ul class="moment-list">
        {events.map((e) => (
          <li key={e.at}>{e.title.slice(start.length)}</li>
        ))}
      </ul>
    </>
  );
}

export function Journey() {
  const { me } = useSession();
  const partner = partnerOf(me.couple)?.display_name ?? 'Your partner';
  const [load, reload] = useLoad(() => api.journey(), []);
  const whoWords = { me: 'You', partner, us: 'Both of you' };

  let body;
  if (load.state === 'loading') body = <Loading label="Gathering your journey…" />;
  else if (load.state === 'failed') body = <LoadFailed message={load.message} onRetry={reload} />;
  else if (load.data.events.length === 0) {
    body = (
      <Card labelledBy="empty-title" tone="warm">
        <h2 id="empty-title">Your journey starts here</h2>
        <p>Check-ups, check-ins and agreements you find together will appear here as you go.</p>
        <a class="button primary" href={href('checkin')}>
          Check in for today
        </a>
      </Card>
    );
  } else {
    body = (
      <>
        {byMonth(load.data.events).map((group, g) => (
          <section key={group.month} aria-labelledby={`month-${g}`} class="journey-month">
            <h2 class="journey-month-title" id={`month-${g}`}>
              {group.month}
            </h2>
            <ol class="timeline">
              {group.moments.map(({ first: e, events }) => {
                const details = [...new Set(events.map((x) => x.detail).filter(Boolean))];
                return (
                  <li key={e.at + e.title} class={`moment ${e.kind} who-${e.who}`} data-kind={e.kind}>
                    <span class="moment-icon" aria-hidden="true">
                      <svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
                        <path d={icons[e.kind]} />
                      </svg>
                    </span>
                    <div class="moment-body">
                      <p class="moment-meta">
                        <span class={`who-chip ${e.who}`}>{whoWords[e.who]}</span>{' '}
                        <span class="visually-hidden">{kindWords[e.kind]}, </span>
                        <time dateTime={e.at}>{whenWords(e.at)}</time>
                      </p>
                      {events.length === 1 ? (
                        <h3 class="moment-title">{e.title}</h3>
                      ) : (
                        <GroupTitle events={events} who={whoWords[e.who]} />
                      )}
                      {details.map((d) => (
                        <p class="moment-detail" key={d}>
                          {d}
                        </p>
                      ))}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </>
    );
  }

  return (
    <div class="stack journey">
      <div>
        <a class="back-link" href={href('insights')}>
          <span aria-hidden="true">←</span> Insights
        </a>
        <PageTitle title="Your journey">Your journey</PageTitle>
        <p class="lede">The steps you have taken, newest first. Small ones count too.</p>
      </div>
      {body}
    </div>
  );
}
