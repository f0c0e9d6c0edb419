// Plain words for the conflict workspace: stages, coach flags and break lengths.
import type { Couple, Stage } from '../api';

export const stageWords: Record<Stage, string> = {
  writing: 'Writing your sides',
  understanding: 'Understanding each other',
  ideas: 'Gathering ideas',
  agreement: 'Agreeing on a plan',
  agreed: 'Agreed',
  closed: 'Closed without an agreement',
};

/** The four steps shown in the stepper, in order. */
export const steps: { stage: Stage; label: string }[] = [
  { stage: 'writing', label: 'Your side' },
  { stage: 'understanding', label: 'Understand each other' },
  { stage: 'ideas', label: 'Ideas' },
  { stage: 'agreement', label: 'Agreement' },
];

export const isOpen = (stage: Stage) => stage !== 'agreed' && stage !== 'closed';

export const harshFlags: Record<string, string> = {
  blame: 'Blame',
  absolute: 'Always and never',
  criticism: 'Criticising who they are',
  contempt: 'Contempt',
  defensiveness: 'Defending yourself',
  stonewalling: 'Shutting the talk down',
};

export const helpfulFlags: Record<string, { name: string; cheer: string }> = {
  i_statement: {
    name: 'Speaking for yourself',
    cheer: 'You are saying how it is for you — that is much easier to hear than a verdict about them.',
  },
  validation: {
    name: 'Making room for their view',
    cheer: 'Acknowledging how they see it helps them feel heard, even where you disagree.',
  },
  appreciation: {
    name: 'Appreciation',
    cheer: 'Naming something good reminds you both that you are on the same side.',
  },
  repair: {
    name: 'Reaching out',
    cheer: 'A small step towards each other in the middle of a disagreement can soften everything after it.',
  },
};

export const breakLengths: { minutes: number; label: string; detail: string }[] = [
  { minutes: 20, label: '20 minutes', detail: 'Time to breathe and let things settle' },
  { minutes: 60, label: 'An hour', detail: 'Go for a walk, have something to eat' },
  { minutes: 180, label: 'Tonight', detail: 'About three hours' },
  { minutes: 1440, label: 'Tomorrow', detail: 'Sleep on it — 24 hours' },
];

/** "You" for the viewer, the partner's name for them, a kind fallback for anyone else. */
export function nameOf(id: string, myId: string, couple: Couple | null, you = 'You'): string {
  if (id === myId) return you;
  return couple?.partners.find((p) => p.id === id)?.display_name ?? 'Your partner';
}
