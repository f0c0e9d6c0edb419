// The shapes of "what helps": practices, free times, the weekly plan, the calendar feed, the daily
// question and promises (contract: docs/API.md, "What helps"). Dates are local days, "YYYY-MM-DD";
// clock times are "HH:MM" in the plan's or the free times' own time zone.

export type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type Cost = 'free' | 'low' | 'medium';
export type Energy = 'low' | 'medium' | 'high';
export type Intensity = 'light' | 'regular' | 'deep';
export type Depth = 'light' | 'personal' | 'vulnerable';

export interface Tag {
  id: string;
  title: string;
}

export interface Practice {
  id: string;
  title: string;
  /** What a calendar shows: neutral, safe on a lock screen. */
  calendar_title: string;
  goal: string;
  steps: string[];
  minutes: number;
  who: 'together' | 'solo';
  cost: Cost;
  difficulty: 1 | 2 | 3;
  energy: Energy;
  setting: 'home' | 'out' | 'anywhere';
  tags: Tag[];
  areas: { id: string; title: string }[];
  causes: string[];
  why: string;
  cite: string | null;
}

export interface Slot {
  day: Day;
  start: string;
  end: string;
}

export interface Preferences {
  likes: string[];
  dislikes: string[];
  budget: Cost;
  energy: Energy;
}

/** My free times and preferences, and where both of us are free. */
export interface Availability {
  time_zone: string | null;
  slots: Slot[];
  preferences: Preferences | null;
  /** Where both partners are free (mine alone without a partner, or while the partner has added none). */
  shared_free_time: Slot[];
  updated_at: string | null;
}

export interface Session {
  /** Stable for the couple (or the person planning alone), the week and the practice. */
  id: string;
  date: string;
  start: string;
  end: string;
  starts_at: string;
  minutes: number;
  /** One line: why this practice, this week. */
  reason: string;
  done: boolean;
  /** From this week's practice log, for both partners: done wins over skipped. */
  status: 'planned' | 'done' | 'skipped';
  practice: Practice | null;
}

export interface Plan {
  week_start: string;
  intensity: Intensity;
  level: 1 | 2 | 3;
  time_zone: string;
  sessions: Session[];
  notes: string[];
  created_at: string;
}

export interface LogEntry {
  id: string;
  practice: string;
  date: string;
  status: 'done' | 'skipped';
  rating: number | null;
  note: string;
}

/** One time a practice was done or skipped, as its log shows it to me. */
export interface PracticeLogEntry {
  id: string;
  date: string;
  status: 'done' | 'skipped';
  rating: number | null;
  by_me: boolean;
  /** Mine only: always null on my partner's entries (notes are private). */
  note: string | null;
}

/** How one practice has gone for us: my entries and my partner's in our couple, newest first (≤ 50). */
export interface PracticeLog {
  practice: string;
  done: number;
  skipped: number;
  /** Over the rated entries, one decimal; null before any rating. */
  average_rating: number | null;
  last_done: string | null;
  entries: PracticeLogEntry[];
}

export interface CalendarState {
  active: boolean;
  created_at: string | null;
}

export interface Answer {
  text: string;
  updated_at: string;
}

export interface DailyPrompt {
  date: string;
  prompt: { id: string; text: string; depth: Depth; theme: string };
  mine: Answer | null;
  /** Stays null until both have answered (paired reveal). */
  partner: Answer | null;
  partner_answered: boolean;
  /** How many questions the two of us have both answered; deeper ones open up after 5 and 12. */
  answered_by_both: number;
  can_go_lighter: boolean;
}

export interface OwnPrompt {
  id: string;
  text: string;
  depth: Depth;
  theme: string;
}

export interface Promise_ {
  id: string;
  by: string;
  is_mine: boolean;
  text: string;
  due: string;
  status: 'open' | 'kept' | 'missed';
  /** Open, and its day has come: time to say whether it was kept. */
  due_now: boolean;
  created_at: string;
  resolved_at: string | null;
}

/** One partner's promises over the last 90 days. */
export interface Reliability {
  id: string;
  display_name: string;
  is_me: boolean;
  kept: number;
  missed: number;
  open: number;
  share_kept: number | null;
  /** The last six calendar months up to this one, oldest first: promises kept and missed by the month they fell due. */
  months: { month: string; kept: number; missed: number }[];
}

export interface Promises {
  today: string;
  promises: Promise_[];
  reliability: Reliability[];
}
