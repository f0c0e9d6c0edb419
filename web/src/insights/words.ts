// Plain words for check-ins and insights: what each measure is called, what its ends mean, and how a
// change is said — the same on every screen.
import type { Metric, Rhythm, Verdict } from './types';

/** What the partner sees of a check-in, and what stays mine (docs/API.md: shared and private fields). */
export const sharedWords = 'connection, closeness, affection, time together, screens';
export const privateWords = 'mood, stress, self-care';

export const metricNames: Record<Metric, string> = {
  connection: 'Feeling connected',
  closeness: 'Closeness',
  affection: 'Affection',
  minutes_together: 'Time together',
  focused_minutes: 'Focused, phone-free time',
  tech_interference: 'Screens in the way',
  mood: 'Mood',
  stress: 'Stress',
  self_care: 'Self-care',
};

/** Where lower is the better way to be. */
export const lowerIsBetter = (m: Metric) => m === 'tech_interference' || m === 'stress';

export const moodWords = ['Very low', 'Low', 'Okay', 'Good', 'Very good'];
export const stressWords = ['None', 'A little', 'Some', 'A lot', 'Very much'];

/** 1.5 → "1.5", 7 → "7": one decimal at most, none when whole. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** 95 → "1 h 35 min", 45 → "45 min", 120 → "2 h". */
export function minutesWords(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Whether a chart draws 7-day average lines over faint daily dots: beyond a month (a month of dots is
 * still readable), and only once there are two weeks of days to average (else there would be no line).
 */
export function smoothed(series: (number | null)[][]): boolean {
  const days = series[0]?.length ?? 0;
  return days >= 32 && series.some((values) => values.filter((v) => v !== null).length >= 14);
}

/** A value as people read it: "7.2 of 10", "1 h 5 min a day", "3.4 of 5", "on 40% of days". */
export function valueWords(m: Metric, v: number): string {
  if (m === 'minutes_together' || m === 'focused_minutes') return `${minutesWords(v)} a day`;
  if (m === 'mood' || m === 'stress') return `${num(v)} of 5`;
  if (m === 'self_care') return `on ${Math.round(v * 100)}% of days`;
  return `${num(v)} of 10`;
}

/** Below this a change is "about the same": a tenth of the scale's usual spread. */
function steady(m: Metric): number {
  if (m === 'minutes_together' || m === 'focused_minutes') return 10;
  if (m === 'mood' || m === 'stress') return 0.2;
  if (m === 'self_care') return 0.1;
  return 0.4;
}

export type Direction = 'up' | 'down' | 'same';

export function direction(m: Metric, now: number, before: number): Direction {
  const delta = now - before;
  if (Math.abs(delta) < steady(m)) return 'same';
  return delta > 0 ? 'up' : 'down';
}

/** Whether a move is a welcome one for this measure. */
export function tone(m: Metric, d: Direction): 'better' | 'harder' | 'same' {
  if (d === 'same') return 'same';
  return (d === 'up') !== lowerIsBetter(m) ? 'better' : 'harder';
}

/** "up from 6.1", "down from 45 min", "about the same as before (6.8)". */
export function changeWords(m: Metric, now: number, before: number | null | undefined): string {
  if (before === null || before === undefined) return 'nothing to compare with yet';
  const d = direction(m, now, before);
  const was =
    m === 'minutes_together' || m === 'focused_minutes'
      ? minutesWords(before)
      : m === 'self_care'
        ? `${Math.round(before * 100)}%`
        : num(before);
  if (d === 'same') return `about the same as before (${was})`;
  return `${d} from ${was}`;
}

/** "3 days this week", said gently: no streak, nothing to lose. */
export function rhythmWords(r: Rhythm): string {
  if (r.count === 0) return r.total === 0 ? 'No check-ins yet' : 'No check-ins yet this week';
  return `${plural(r.count, 'day', 'days')} this week`;
}

export const verdictWords: Record<Verdict, string> = {
  not_enough_data: 'Not enough data yet',
  goes_with_more: 'Goes with more',
  goes_with_less: 'Goes with less',
  no_clear_link: 'No clear link yet',
};
