// Pieces the check-in and insights screens share: the week's rhythm, the download links, the chart
// loader. Lengths and positions are SVG attributes, never style attributes: the CSP allows no inline styles.
import { useEffect, useState } from 'preact/hooks';
import { checkinsUrl } from '../api';
import { addDays, browserZone, dayWords, localToday, weekdayInitial, weekdayName } from './days';
import type { Rhythm } from './types';
import { plural, rhythmWords } from './words';

/**
 * This week, Monday → today, as dots: filled where there is a check-in. A gentle count, never a
 * streak — a missed day is just an empty dot, and nothing is lost.
 */
export function RhythmDots({ rhythm, showTotal = false }: { rhythm: Rhythm; showTotal?: boolean }) {
  return (
    <div class="rhythm" data-testid="rhythm">
      <ol class="rhythm-days" aria-label="This week so far">
        {rhythm.week.map((d) => {
          const today = d.date === rhythm.today;
          return (
            <li key={d.date} class={`${d.checked_in ? 'in' : 'out'}${today ? ' today' : ''}`}>
              <span class="rhythm-dot" aria-hidden="true" />
              <span class="rhythm-day" aria-hidden="true">
                {weekdayInitial(d.date)}
              </span>
              <span class="visually-hidden">
                {today ? 'Today' : weekdayName(d.date)}: {d.checked_in ? 'checked in' : 'no check-in'}
              </span>
            </li>
          );
        })}
      </ol>
      <p class="rhythm-words">
        <strong>{rhythmWords(rhythm)}</strong>
        {showTotal && rhythm.total > 0 && (
          <span class="muted"> · {plural(rhythm.total, 'check-in', 'check-ins')} in all</span>
        )}
      </p>
    </div>
  );
}

/**
 * "Download my check-ins" as CSV and JSON: plain same-origin links, so the session cookie goes with them.
 * The range is as far back as the server allows (3660 days).
 */
export function CheckinDownloads() {
  const zone = browserZone();
  const today = localToday(zone);
  const from = addDays(today, -3659);
  return (
    <div class="actions">
      <a class="button secondary" href={checkinsUrl(from, today, zone, 'csv')} download="hearth-checkins.csv">
        Download CSV<span class="visually-hidden"> of my check-ins</span>
      </a>
      <a class="button quiet" href={checkinsUrl(from, today, zone)} download="hearth-checkins.json">
        Download JSON<span class="visually-hidden"> of my check-ins</span>
      </a>
    </div>
  );
}

type ChartsModule = typeof import('./charts');

/** The chart code, loaded on first use (a separate chunk). `failed` when it could not be had. */
export function useCharts(): { charts: ChartsModule | null; failed: boolean } {
  const [charts, setCharts] = useState<ChartsModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./charts').then(setCharts, () => setFailed(true));
  }, []);
  return { charts, failed };
}

/** A quoted line of appreciation with who wrote it and when. */
export function AppreciationList({
  items,
  today,
  partner,
}: {
  items: { date: string; from: 'me' | 'partner'; text: string }[];
  today: string;
  partner: string;
}) {
  return (
    <ul class="appreciations">
      {items.map((a, i) => (
        <li key={`${a.date}-${a.from}-${i}`} class={a.from}>
          <blockquote>{a.text}</blockquote>
          <p class="appreciation-meta">
            {a.from === 'me' ? 'You' : partner}, {dayWords(a.date, today)}
          </p>
        </li>
      ))}
    </ul>
  );
}
