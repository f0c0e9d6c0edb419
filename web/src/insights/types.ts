// The shapes of the check-in, insights, cycle and journey endpoints (contract: docs/API.md, "Daily
// check-in, insights, the positive cycle and the journey"). Dates are local days, "YYYY-MM-DD".

/** What one person answers in a check-in (the body of PUT /api/v1/checkins/{date}). */
export interface CheckInAnswers {
  connection: number;
  closeness: number;
  affection: number;
  minutes_together: number;
  focused_minutes: number;
  tech_interference: number;
  mood: number;
  stress: number;
  self_care: boolean;
  appreciation: { text: string; shared: boolean } | null;
  time_zone: string;
}

export interface CheckIn extends CheckInAnswers {
  date: string;
  created_at: string;
  updated_at: string;
}

/** Monday → today, and how many days of it have a check-in. A gentle count: no streak. */
export interface Rhythm {
  today: string;
  week: { date: string; checked_in: boolean }[];
  count: number;
  total: number;
}

/** What the partner may see of a check-in, and of averages. */
export interface SharedValues {
  connection: number;
  closeness: number;
  affection: number;
  minutes_together: number;
  focused_minutes: number;
  tech_interference: number;
}

/** Mine: also the private fields. In averages `self_care` is the share of days (0–1); per day it is yes/no. */
export interface Values extends SharedValues {
  mood: number;
  stress: number;
  self_care: number | boolean;
}

export type SharedMetric = keyof SharedValues;
export type Metric = keyof Values;

export interface Change {
  metric: Metric;
  this_week: number;
  last_week: number;
  text: string;
}

export interface Weekly {
  from: string;
  to: string;
  my_checkins: number;
  partner_checkins: number;
  enough: boolean;
  went_well: Change[];
  dipped: Change[];
  try: { metric: Metric; text: string; why: string; practice_tag: string } | null;
}

export interface Insights {
  today: string;
  time_zone: string;
  days: 7 | 30 | 90;
  from: string;
  to: string;
  partner: { id: string; display_name: string } | null;
  rhythm: Rhythm;
  series: { date: string; me: Values | null; partner: SharedValues | null }[];
  averages: { me: Values | null; partner: SharedValues | null };
  previous: { me: Values | null; partner: SharedValues | null };
  weekly: Weekly;
  appreciations: { date: string; from: 'me' | 'partner'; text: string }[];
}

export type Verdict = 'not_enough_data' | 'goes_with_more' | 'goes_with_less' | 'no_clear_link';

export interface Correlation {
  r: number;
  n: number;
  low: number;
  high: number;
}

export interface LaggedLink {
  from: 'closeness' | 'affection';
  to: 'closeness' | 'affection';
  pairs: number;
  correlation: Correlation | null;
  /** Points of `to` the next day per point of `from` today, above each person's usual. */
  effect: number | null;
  low: number | null;
  high: number | null;
  verdict: Verdict;
  text: string;
}

export interface SameDayLink {
  from: 'minutes_together' | 'focused_minutes' | 'tech_interference';
  to: 'closeness';
  days: number;
  correlation: Correlation | null;
  verdict: Verdict;
  text: string;
}

export interface Cycle {
  pairs: number;
  min_pairs: number;
  enough: boolean;
  lagged: LaggedLink[];
  same_day: SameDayLink[];
  /** The last 90 days, the couple's mean of both partners' check-ins. */
  series: { date: string; closeness: number | null; affection: number | null }[];
  note: string;
}

export type JourneyKind = 'joined' | 'paired' | 'assessment' | 'checkin_milestone' | 'conflict_agreed';

export interface JourneyEvent {
  at: string;
  kind: JourneyKind;
  who: 'me' | 'partner' | 'us';
  title: string;
  detail: string;
}
