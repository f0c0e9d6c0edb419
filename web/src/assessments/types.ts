// The shapes of the assessment endpoints (contract: docs/API.md, "Assessments, the couple report and
// the cause profile"). Scores are positions on Hearth's own 0–100 scale.

export type HigherIs = 'better' | 'worse';

export interface InstrumentStatus {
  state: 'not_started' | 'in_progress' | 'completed';
  answered: number;
  total: number;
  attempts: number;
  last_submitted_at: string | null;
}

export interface Draft {
  /** Item id → the chosen point on the scale. Ideal rows use the id "<item id>.ideal". */
  answers: Record<string, number>;
  answered: number;
  total: number;
  updated_at: string;
  /** Every area has enough answers to be scored: the attempt can be finished. */
  ready: boolean;
  /** Subscale ids that still need answers. */
  missing: string[];
}

export interface InstrumentSummary {
  id: string;
  version: number;
  order: number;
  title: string;
  purpose: string;
  minutes: number;
  item_count: number;
  status: InstrumentStatus;
}

export interface Subscale {
  id: string;
  title: string;
  description: string;
  higher_is: HigherIs;
}

export interface Item {
  id: string;
  text: string;
  subscale: string;
  facet: 'real' | 'ideal';
}

export type Side = 'lower' | 'higher';

export interface MapRegion {
  x: Side;
  y: Side;
  label: string;
  meaning: string;
}

export interface InstrumentMap {
  /** Subscale ids of the two axes. */
  x: string;
  y: string;
  split: number;
  note: string;
  regions: MapRegion[];
}

export interface Instrument {
  id: string;
  version: number;
  order: number;
  title: string;
  purpose: string;
  construct: string;
  modelled_on: string[];
  minutes: number;
  scale: { min: number; max: number; labels: string[] };
  ideal: null | { real_label: string; ideal_label: string };
  subscales: Subscale[];
  items: Item[];
  map: InstrumentMap | null;
  status: InstrumentStatus;
  draft: Draft | null;
}

export interface Attempt {
  id: string;
  submitted_at: string;
  version: number;
  scores: Record<string, { score: number; ideal: number | null }>;
}

export interface Band {
  label: string;
  meaning: string;
}

export interface ResultArea {
  subscale: string;
  title: string;
  description: string;
  higher_is: HigherIs;
  score: number;
  band: Band;
  ideal: number | null;
  /** ideal − score */
  ideal_gap: number | null;
  /** score − previous score */
  change: number | null;
}

export interface Results {
  instrument: { id: string; title: string; version: number };
  latest: Attempt;
  previous: Attempt | null;
  /** Oldest first. */
  history: Attempt[];
  areas: ResultArea[];
  map: null | {
    x: number;
    y: number;
    x_subscale: string;
    y_subscale: string;
    region: Band;
    note: string;
  };
}

export type AreaKind = 'strength' | 'growth' | 'different' | 'middle';

export interface ReportArea {
  subscale: string;
  title: string;
  higher_is: HigherIs;
  me: number;
  partner: number;
  difference: number;
  kind: AreaKind;
  starter: string | null;
  ideal_gap: null | { me: number; partner: number };
  /** Since the previous round. */
  change: null | { me: number; partner: number };
}

/** A point on the two-axis map. (docs/API.md leaves `region` unspelt here; the server sends {label, meaning}.) */
export interface MapPoint {
  x: number;
  y: number;
  region: Band;
}

export interface ReportSection {
  instrument: { id: string; title: string };
  round: number;
  my_submitted_at: string;
  partner_submitted_at: string;
  areas: ReportArea[];
  strengths: string[];
  growth_areas: string[];
  different_views: string[];
  map: null | { me: MapPoint; partner: MapPoint; note: string };
}

export interface Waiting {
  instrument: { id: string; title: string };
  me: InstrumentStatus['state'];
  partner: 'finished' | 'not_yet';
}

export interface CoupleReport {
  partner: { id: string; display_name: string };
  sections: ReportSection[];
  waiting: Waiting[];
}

export type CauseLevel = 'likely' | 'possible' | 'less_likely' | 'not_measured';

export interface Cause {
  id: string;
  title: string;
  rank: number;
  level: CauseLevel;
  strength: number | null;
  explanation: string;
  evidence: { source: string; text: string; value: number | null; whose: 'mine' | 'partner' | 'ours' }[];
  practice_tags: { id: string; title: string }[];
  measure_with: string[];
}

export interface CauseProfile {
  causes: Cause[];
  based_on: { instrument: string; submitted_at: string }[];
  note: string;
}
