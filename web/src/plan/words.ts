// Plain words for practices, the plan, free times, questions and promises — said the same way on every
// screen. Promises are spoken of kindly: counts in words, never a percentage, a grade or a ranking.
import type { Cost, Day, Depth, Energy, Intensity, Practice, PracticeLog, Reliability, Session } from './types';
import { daysBetween, fullDayWords } from '../insights/days';
import { num, plural } from '../insights/words';

export const days: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const dayNames: Record<Day, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export const intensities: { id: Intensity; label: string; sessions: number; words: string }[] = [
  { id: 'light', label: 'Light week', sessions: 3, words: 'Three short, easy moments — for tired or hard weeks.' },
  { id: 'regular', label: 'Regular', sessions: 5, words: 'Five moments spread over the week.' },
  { id: 'deep', label: 'Deep', sessions: 7, words: 'Seven moments, for a week with room to lean in.' },
];

export const costWords: Record<Cost, string> = { free: 'Free', low: 'Costs a little', medium: 'Costs something' };
export const budgetWords: Record<Cost, string> = {
  free: 'Only free things',
  low: 'A little money is fine',
  medium: 'Happy to spend on an outing',
};
export const energyWords: Record<Energy, string> = { low: 'Low energy', medium: 'Some energy', high: 'Lively' };
export const energyChoiceWords: Record<Energy, string> = {
  low: 'Low — gentle, restful things',
  medium: 'Medium — a bit of effort is fine',
  high: 'High — up for something active',
};
export const difficultyWords: Record<1 | 2 | 3, string> = { 1: 'Easy', 2: 'Takes some care', 3: 'A stretch' };
export const whoWords: Record<Practice['who'], string> = { together: 'Together', solo: 'On your own' };
export const settingWords: Record<Practice['setting'], string> = { home: 'At home', out: 'Out and about', anywhere: 'Anywhere' };

export const depthWords: Record<Depth, string> = { light: 'Light', personal: 'Personal', vulnerable: 'Deeper' };
export const depthHints: Record<Depth, string> = {
  light: 'Easy and warm, for any day.',
  personal: 'About how you each feel, remember and hope.',
  vulnerable: 'Tender ground, for when you both feel safe.',
};
export const themes: { id: string; label: string }[] = [
  { id: 'everyday', label: 'Everyday life' },
  { id: 'appreciation', label: 'Appreciation' },
  { id: 'dreams', label: 'Dreams' },
  { id: 'fears', label: 'Worries and fears' },
  { id: 'past', label: 'Our past' },
  { id: 'future', label: 'Our future' },
  { id: 'intimacy', label: 'Closeness and intimacy' },
];

/** How it felt, 1–5: said as feelings, not grades. */
export const feelingWords = ['Hard', 'Not much', 'Okay', 'Good', 'Lovely'];

/** "once", "twice", "3 times". */
export const timesWords = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** "today", "yesterday", else "on Tuesday 24 November" (in the reader's own order). */
export function onDayWords(date: string, today: string): string {
  const ago = daysBetween(date, today);
  if (ago === 0) return 'today';
  if (ago === 1) return 'yesterday';
  return `on ${fullDayWords(date)}`;
}

/**
 * How a practice has gone, in a line: "Done 3 times · felt 4.3 of 5 on average · last time on Tuesday
 * 24 November". Skips are said only while nothing is done, and kindly; empty before anything is logged.
 */
export function practiceLogWords(log: PracticeLog, today: string): string[] {
  if (log.done === 0) return log.skipped ? [`Not done yet — skipped ${timesWords(log.skipped)}, and that is fine`] : [];
  const words = [`Done ${timesWords(log.done)}`];
  if (log.average_rating !== null) {
    // One rating is not an average; the list holds every entry unless there are more than it shows.
    const all = log.entries.length === log.done + log.skipped;
    const rated = log.entries.filter((e) => e.rating !== null).length;
    words.push(`felt ${num(log.average_rating)} of 5${all && rated === 1 ? '' : ' on average'}`);
  }
  if (log.last_done) words.push(`last time ${onDayWords(log.last_done, today)}`);
  return words;
}

/** "5 min", "1 h", "1 h 30 min". */
export function minutesShort(m: number): string {
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

/** "19:30" (or "7:30 PM", as the reader's locale has it). "24:00" is midnight at the end of the day. */
export function clockWords(hhmm: string): string {
  if (hhmm === '24:00') return clockFormat.format(new Date('1970-01-01T00:00:00Z'));
  return clockFormat.format(new Date(`1970-01-01T${hhmm}:00Z`));
}

export const spanWords = (start: string, end: string) => `${clockWords(start)}–${clockWords(end)}`;

/**
 * A partner's promises lately, in kind words: "kept 4 of 5 lately", "2 on the go". No percentages, and
 * nothing that compares the two of you.
 */
export function reliabilityWords(r: Reliability): string {
  const marked = r.kept + r.missed;
  const open = r.open > 0 ? `${plural(r.open, 'promise', 'promises')} on the go` : '';
  if (marked === 0) return open ? `${open[0].toUpperCase()}${open.slice(1)}` : 'No promises yet';
  const kept = r.kept === marked && marked > 1 ? `Kept all ${marked} lately` : `Kept ${r.kept} of ${marked} lately`;
  return open ? `${kept}, and ${open}` : kept;
}

/**
 * A session's day and clock times where the reader is. The plan is made in the couple's time zone (UTC
 * until someone adds free times), so the instant it starts is what counts.
 */
export function sessionHere(s: Session, zone: string): { date: string; start: string; end: string } {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const at = (d: Date) => {
    const parts = format.formatToParts(d);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
  };
  const start = new Date(s.starts_at);
  if (Number.isNaN(start.getTime())) return { date: s.date, start: s.start, end: s.end };
  const from = at(start);
  const to = at(new Date(start.getTime() + s.minutes * 60000));
  return { date: from.date, start: from.time, end: to.date === from.date ? to.time : '24:00' };
}
