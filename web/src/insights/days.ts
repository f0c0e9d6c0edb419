// Local days: check-ins belong to the day where the person is, so "today" is worked out in the browser's
// own time zone and sent with every request. Dates are "YYYY-MM-DD"; arithmetic on them is done at noon
// UTC so no daylight-saving change can move a date.

/** The browser's IANA time zone (e.g. "Europe/Berlin"); UTC when the browser does not say. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Today's date in `zone`, as YYYY-MM-DD. */
export function localToday(zone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

export function addDays(date: string, days: number): string {
  const d = noon(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string) => Math.round((noon(b).getTime() - noon(a).getTime()) / 86400000);

const fmt = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
const weekdayLong = fmt({ weekday: 'long' });
const weekdayShort = fmt({ weekday: 'short' });
const weekdayNarrow = fmt({ weekday: 'narrow' });
const dayMonth = fmt({ day: 'numeric', month: 'short' });
const dayMonthYear = fmt({ day: 'numeric', month: 'short', year: 'numeric' });
const fullDay = fmt({ weekday: 'long', day: 'numeric', month: 'long' });

export const weekdayName = (date: string) => weekdayLong.format(noon(date));
export const weekdayInitial = (date: string) => weekdayNarrow.format(noon(date));
export const weekdayAbbrev = (date: string) => weekdayShort.format(noon(date));
/** "Wednesday 25 November" (in the reader's own order). */
export const fullDayWords = (date: string) => fullDay.format(noon(date));
/** "25 Nov", for chart axes. */
export const shortDay = (date: string) => dayMonth.format(noon(date));

/** "today", "yesterday", "Friday" within the last week, else "3 Nov" (with the year when it is not this one). */
export function dayWords(date: string, today: string): string {
  const ago = daysBetween(date, today);
  if (ago === 0) return 'today';
  if (ago === 1) return 'yesterday';
  if (ago > 1 && ago < 7) return weekdayName(date);
  return (date.slice(0, 4) === today.slice(0, 4) ? dayMonth : dayMonthYear).format(noon(date));
}
