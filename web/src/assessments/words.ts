// Plain words for check-ups: states, changes, levels and kinds, said the same way on every screen.
import { formatDate } from '../format';
import type { AreaKind, CauseLevel, HigherIs, InstrumentStatus, Waiting } from './types';

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const shortDateYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** "3 Oct" this year, "3 Oct 2025" otherwise. */
export function dayMonth(iso: string, now = new Date()): string {
  const d = new Date(iso);
  return (d.getFullYear() === now.getFullYear() ? shortDate : shortDateYear).format(d);
}

/** Scores are shown as whole numbers: the decimal is noise to a person. */
export const whole = (n: number) => Math.round(n);

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Not started", "4 of 24 answered", "Finished on 3 October 2026". */
export function stateWords(status: InstrumentStatus): string {
  if (status.state === 'in_progress') return `${status.answered} of ${status.total} answered`;
  if (status.state === 'completed' && status.last_submitted_at) return `Finished on ${formatDate(status.last_submitted_at)}`;
  if (status.state === 'completed') return 'Finished';
  return 'Not started';
}

/** "Taken twice", shown once there is more than one attempt to speak of. */
export function attemptsWords(attempts: number): string | null {
  if (attempts < 2) return null;
  if (attempts === 2) return 'Taken twice';
  return `Taken ${attempts} times`;
}

/** Whether a change in score is a welcome one, given which way is better for this area. */
export function changeTone(change: number, higherIs: HigherIs): 'better' | 'harder' | 'same' {
  const rounded = whole(change);
  if (rounded === 0) return 'same';
  return (rounded > 0) === (higherIs === 'better') ? 'better' : 'harder';
}

/** "up 8", "down 3", "about the same". */
export function movedWords(change: number): string {
  const n = whole(change);
  if (n === 0) return 'about the same';
  return `${n > 0 ? 'up' : 'down'} ${Math.abs(n)}`;
}

/** "up 8 since 3 Oct", "down 3 since 3 Oct", "about the same as on 3 Oct". */
export function changeWords(change: number, since?: string): string {
  const same = whole(change) === 0;
  const when = since ? `${same ? 'as on' : 'since'} ${dayMonth(since)}` : same ? 'as last time' : 'since last time';
  return `${movedWords(change)} ${when}`;
}

/** What the number means in this area, for those areas where less is better. */
export const lowerIsCalmer = 'Here a lower score is the calmer one.';

export const kindWords: Record<AreaKind, { title: string; intro: string }> = {
  strength: {
    title: 'Strengths',
    intro: 'You both feel good about these. Worth saying out loud — and protecting.',
  },
  growth: {
    title: 'Growth areas',
    intro: 'You both find these hard right now. That is shared ground to start from, not a fault.',
  },
  different: {
    title: 'Different views',
    intro: 'You see these quite differently. Curiosity helps more than deciding who is right.',
  },
  middle: {
    title: 'In between',
    intro: 'Neither a clear strength nor a shared struggle.',
  },
};

export const levelWords: Record<CauseLevel, string> = {
  likely: 'Likely',
  possible: 'Possible',
  less_likely: 'Less likely',
  not_measured: 'Not measured yet',
};

/** One sentence for the waiting list of the couple report. */
export function waitingWords(w: Waiting, partner: string): string {
  const title = w.instrument.title;
  if (w.me === 'completed' && w.partner === 'not_yet') return `${partner} hasn’t finished ${title} yet.`;
  if (w.me !== 'completed' && w.partner === 'finished') {
    return w.me === 'in_progress'
      ? `${partner} has finished ${title}; you’re part-way through.`
      : `${partner} has finished ${title}; you haven’t taken it yet.`;
  }
  if (w.me === 'in_progress') return `You’re part-way through ${title}, and ${partner} hasn’t finished it yet.`;
  return `Neither of you has finished ${title} yet.`;
}
