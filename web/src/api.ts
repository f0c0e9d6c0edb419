// The one way the web app talks to the Hearth server (contract: docs/API.md).
import type { CauseProfile, CoupleReport, Draft, Instrument, InstrumentSummary, Results } from './assessments/types';
import type { CheckIn, CheckInAnswers, Cycle, Insights, JourneyEvent, Rhythm } from './insights/types';
import type {
  Availability,
  CalendarState,
  DailyPrompt,
  Depth,
  Intensity,
  LogEntry,
  OwnPrompt,
  Plan,
  Practice,
  PracticeLog,
  Preferences,
  Promise_,
  Promises,
  Slot,
  Tag,
} from './plan/types';

export interface User {
  id: string;
  email: string;
  display_name: string;
  created_at: string;
}

export interface Partner {
  id: string;
  display_name: string;
  is_me: boolean;
  joined_at: string;
}

export interface Couple {
  id: string;
  status: 'waiting' | 'paired';
  created_at: string;
  partners: Partner[];
  invite: { expires_at: string } | null;
}

export interface Me {
  user: User;
  couple: Couple | null;
  /** Whether the conflict workspace is offered to this person (absent on servers without it). */
  conflict_tools?: boolean;
}

export interface Invite {
  code: string;
  expires_at: string;
  couple: Couple;
}

// ---------- The conflict workspace ----------

export type Stage = 'writing' | 'understanding' | 'ideas' | 'agreement' | 'agreed' | 'closed';

export interface Side {
  happened: string;
  felt: string;
  need: string;
  submitted_at: string | null;
}

export interface Restatement {
  text: string;
  status: 'waiting' | 'confirmed' | 'try_again';
  attempts: number;
  updated_at: string;
}

export interface Idea {
  id: string;
  author: string;
  is_mine: boolean;
  text: string;
  created_at: string;
}

export interface Agreement {
  steps: string[];
  proposed_by: string;
  accepted_by: string[];
  agreed_at: string | null;
}

export interface Pause {
  by: string;
  until: string;
  active: boolean;
  suggestion: string;
}

export interface Conflict {
  id: string;
  topic: string;
  started_by: string;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  stage: Stage;
  pause: Pause | null;
  sides: { mine: Side | null; partner: Side | null; partner_submitted: boolean };
  restatements: { mine: Restatement | null; partner: Restatement | null };
  ideas: Idea[];
  agreement: Agreement | null;
  next: string;
}

export interface ConflictSummary {
  id: string;
  topic: string;
  stage: Stage;
  created_at: string;
  ended_at: string | null;
  started_by: string;
  paused: boolean;
}

export interface PatternMonth {
  month: string;
  started: number;
  agreed: number;
  unresolved: number;
  helpful: number;
  harsh: number;
  raised: Record<string, number>;
  withdrew: Record<string, number>;
}

export interface Patterns {
  total: number;
  outcomes: { agreed: number; unresolved: number; paused: number; open: number };
  months: PatternMonth[];
  tone: { helpful: number; harsh: number; ratio: number | null; reference: number };
  partners: {
    id: string;
    display_name: string;
    is_me: boolean;
    raised: number;
    paused: number;
    paused_without_return: number;
    closed_unresolved: number;
  }[];
}

export type HarshFlag = 'blame' | 'absolute' | 'criticism' | 'contempt' | 'defensiveness' | 'stonewalling';
export type HelpfulFlag = 'i_statement' | 'validation' | 'appreciation' | 'repair';

export interface CoachEvidence {
  flag: string;
  start: number;
  end: number;
  text: string;
  reason: string;
}

export interface CoachResult {
  text: string;
  flags: string[];
  harsh: boolean;
  evidence: CoachEvidence[];
  rewrite: string | null;
  tip: string;
}

/** An error from the server (application/problem+json) or from the network. */
export class ApiError extends Error {
  readonly status: number;
  /** The problem slug, e.g. "wrong-credentials"; "network" when the server could not be reached. */
  readonly type: string;
  readonly detail: string;
  readonly field?: string;
  /** Seconds to wait, from Retry-After on 429 and 503. */
  readonly retryAfter?: number;

  constructor(init: { status: number; type: string; detail: string; field?: string; retryAfter?: number }) {
    super(init.detail);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.detail = init.detail;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Options {
  /** Do not send the person to the log-in screen on 401 (used by log in itself). */
  noAuthRedirect?: boolean;
}

let unauthorizedHandler: () => void = () => {
  location.hash = '#/login';
};

/** The app decides what "go and log in" means (clear state, change route). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return undefined;
}

const fallbackDetail: Record<number, string> = {
  400: 'Something in that request was not understood.',
  401: 'Please log in to continue.',
  403: 'That is not allowed.',
  404: 'We could not find that.',
  409: 'That clashes with something that already exists.',
  413: 'That is too much to send at once.',
  415: 'The request was sent in a form the server does not accept.',
  422: 'Something in the form needs another look.',
  429: 'Too many attempts. Please wait a little and try again.',
  503: 'Hearth is busy right now. Please try again in a moment.',
};

export async function request<T>(method: Method, path: string, body?: unknown, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined || method === 'POST' || method === 'PUT' || method === 'PATCH') {
    // The server requires this on every state-changing request with a body (415 otherwise).
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError({
      status: 0,
      type: 'network',
      detail: 'We could not reach Hearth. Check your connection and try again.',
    });
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  let problem: { type?: unknown; detail?: unknown; title?: unknown; field?: unknown } = {};
  try {
    problem = await res.json();
  } catch {
    /* not JSON: fall back to a generic sentence */
  }
  const slug = typeof problem.type === 'string' ? problem.type.replace(/^.*\//, '') : `http-${res.status}`;
  const detail =
    typeof problem.detail === 'string' && problem.detail
      ? problem.detail
      : typeof problem.title === 'string' && problem.title
        ? problem.title
        : fallbackDetail[res.status] ?? 'Something went wrong. Please try again.';
  const error = new ApiError({
    status: res.status,
    type: slug,
    detail,
    field: typeof problem.field === 'string' ? problem.field : undefined,
    retryAfter: parseRetryAfter(res.headers.get('Retry-After')),
  });
  if (res.status === 401 && !options.noAuthRedirect) unauthorizedHandler();
  throw error;
}

export const api = {
  signUp: (email: string, password: string, display_name: string) =>
    request<{ user: User }>('POST', '/api/v1/accounts', { email, password, display_name }, { noAuthRedirect: true }),
  logIn: (email: string, password: string) =>
    request<{ user: User }>('POST', '/api/v1/session', { email, password }, { noAuthRedirect: true }),
  logOut: () => request<void>('DELETE', '/api/v1/session'),
  me: () => request<Me>('GET', '/api/v1/me'),
  rename: (display_name: string) => request<{ user: User }>('PATCH', '/api/v1/me', { display_name }),
  changePassword: (current_password: string, new_password: string) =>
    request<void>('PUT', '/api/v1/me/password', { current_password, new_password }),
  deleteAccount: (password: string) => request<void>('DELETE', '/api/v1/me', { password }),
  createInvite: () => request<Invite>('POST', '/api/v1/couple', {}),
  joinCouple: (code: string) => request<{ couple: Couple }>('POST', '/api/v1/couple/join', { code }),
  leaveCouple: () => request<void>('DELETE', '/api/v1/couple/membership'),

  conflicts: () => request<{ conflicts: ConflictSummary[] }>('GET', '/api/v1/conflicts'),
  startConflict: (topic: string) => request<Conflict>('POST', '/api/v1/conflicts', { topic }),
  conflict: (id: string) => request<Conflict>('GET', `/api/v1/conflicts/${encodeURIComponent(id)}`),
  saveSide: (id: string, side: { happened: string; felt: string; need: string; submit: boolean }) =>
    request<Conflict>('PUT', `/api/v1/conflicts/${encodeURIComponent(id)}/side`, side),
  restate: (id: string, text: string) =>
    request<Conflict>('PUT', `/api/v1/conflicts/${encodeURIComponent(id)}/restatement`, { text }),
  answerRestatement: (id: string, confirm: boolean) =>
    request<Conflict>('POST', `/api/v1/conflicts/${encodeURIComponent(id)}/restatement/answer`, { confirm }),
  addIdea: (id: string, text: string) =>
    request<Conflict>('POST', `/api/v1/conflicts/${encodeURIComponent(id)}/ideas`, { text }),
  proposeAgreement: (id: string, steps: string[]) =>
    request<Conflict>('PUT', `/api/v1/conflicts/${encodeURIComponent(id)}/agreement`, { steps }),
  acceptAgreement: (id: string) =>
    request<Conflict>('POST', `/api/v1/conflicts/${encodeURIComponent(id)}/agreement/accept`, {}),
  pause: (id: string, minutes: number) =>
    request<Conflict>('POST', `/api/v1/conflicts/${encodeURIComponent(id)}/pause`, { minutes }),
  resume: (id: string) => request<Conflict>('POST', `/api/v1/conflicts/${encodeURIComponent(id)}/resume`, {}),
  close: (id: string) => request<Conflict>('POST', `/api/v1/conflicts/${encodeURIComponent(id)}/close`, {}),
  patterns: () => request<Patterns>('GET', '/api/v1/conflicts/patterns'),
  coach: (text: string) => request<CoachResult>('POST', '/api/v1/coach', { text }),

  instruments: () => request<{ instruments: InstrumentSummary[] }>('GET', '/api/v1/instruments'),
  instrument: (id: string) => request<Instrument>('GET', `/api/v1/instruments/${encodeURIComponent(id)}`),
  draft: (id: string) => request<Draft>('GET', `/api/v1/assessments/${encodeURIComponent(id)}/answers`),
  /** Merges these answers into my draft (`null` clears one). */
  saveAnswers: (id: string, answers: Record<string, number | null>) =>
    request<Draft>('PUT', `/api/v1/assessments/${encodeURIComponent(id)}/answers`, { answers }),
  submitAssessment: (id: string) => request<Results>('POST', `/api/v1/assessments/${encodeURIComponent(id)}/submit`, {}),
  results: (id: string) => request<Results>('GET', `/api/v1/assessments/${encodeURIComponent(id)}/results`),
  coupleReport: () => request<CoupleReport>('GET', '/api/v1/couple/report'),
  causes: () => request<CauseProfile>('GET', '/api/v1/causes'),

  /** My check-ins over [from, to] (local dates in `timeZone`), and this week's rhythm. */
  checkins: (from: string, to: string, timeZone: string) =>
    request<{ checkins: CheckIn[]; rhythm: Rhythm }>('GET', checkinsUrl(from, to, timeZone)),
  /** Writes today's check-in; the server answers 409 `not-today` for any other date. */
  saveCheckin: (date: string, answers: CheckInAnswers) =>
    request<{ checkin: CheckIn; rhythm: Rhythm }>('PUT', `/api/v1/checkins/${encodeURIComponent(date)}`, answers),
  insights: (days: 7 | 30 | 90, timeZone: string) =>
    request<Insights>('GET', `/api/v1/insights?${query({ days: String(days), time_zone: timeZone })}`),
  cycle: (timeZone: string) => request<Cycle>('GET', `/api/v1/insights/cycle?${query({ time_zone: timeZone })}`),
  journey: () => request<{ events: JourneyEvent[] }>('GET', '/api/v1/journey'),

  practices: () => request<{ practices: Practice[]; tags: Tag[] }>('GET', '/api/v1/practices'),
  practice: (id: string) => request<Practice>('GET', `/api/v1/practices/${encodeURIComponent(id)}`),
  /** How this practice has gone for us (a partner's notes are never sent). */
  practiceLog: (id: string) => request<PracticeLog>('GET', `/api/v1/practices/${encodeURIComponent(id)}/log`),
  /** Done (with how it felt) or skipped; `date` only for a day before today. */
  logPractice: (id: string, entry: { status: 'done' | 'skipped'; rating?: number | null; note?: string; date?: string }) =>
    request<LogEntry>('POST', `/api/v1/practices/${encodeURIComponent(id)}/log`, entry),
  availability: () => request<Availability>('GET', '/api/v1/availability'),
  saveAvailability: (body: { time_zone: string; slots: Slot[]; preferences: Preferences }) =>
    request<Availability>('PUT', '/api/v1/availability', body),
  plan: () => request<Plan>('GET', '/api/v1/plan'),
  /** A new plan for this week, at this intensity from now on. */
  regeneratePlan: (intensity: Intensity) => request<Plan>('POST', '/api/v1/plan/regenerate', { intensity }),
  calendar: () => request<CalendarState>('GET', '/api/v1/calendar'),
  /** A new secret feed link; any earlier one stops working. */
  newCalendarLink: () => request<{ path: string; token: string }>('POST', '/api/v1/calendar', {}),
  turnOffCalendar: () => request<void>('DELETE', '/api/v1/calendar'),
  promptToday: () => request<DailyPrompt>('GET', '/api/v1/prompts/today'),
  skipPrompt: (lighter: boolean) => request<DailyPrompt>('POST', '/api/v1/prompts/today/skip', { lighter }),
  answerPrompt: (id: string, text: string) =>
    request<DailyPrompt>('PUT', `/api/v1/prompts/${encodeURIComponent(id)}/answer`, { text }),
  pastPrompts: () => request<{ prompts: DailyPrompt[] }>('GET', '/api/v1/prompts'),
  addPrompt: (text: string, depth: Depth, theme: string) =>
    request<OwnPrompt>('POST', '/api/v1/prompts', { text, depth, theme }),
  promises: () => request<Promises>('GET', '/api/v1/promises'),
  makePromise: (text: string, due: string) => request<Promise_>('POST', '/api/v1/promises', { text, due }),
  resolvePromise: (id: string, status: 'kept' | 'missed') =>
    request<Promise_>('PUT', `/api/v1/promises/${encodeURIComponent(id)}`, { status }),
};

/** This week's plan as an iCalendar file (a plain link: the session cookie goes with it). */
export const planIcsUrl = '/api/v1/plan.ics';

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** My check-ins as JSON, or as a CSV file (a plain link: the session cookie goes with it). */
export const checkinsUrl = (from: string, to: string, timeZone: string, format: 'json' | 'csv' = 'json') =>
  `/api/v1/checkins?${query({ from, to, time_zone: timeZone, ...(format === 'csv' ? { format } : {}) })}`;

export const exportUrl = '/api/v1/me/export';
