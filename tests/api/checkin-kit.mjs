// Helpers for the check-in tests (docs/API.md, "Daily check-in, insights, the positive cycle and
// the journey"): routes, local dates computed here (Intl, never the server's), a valid set of
// answers, checking in "today" without flaking at midnight, the demo couple (`hearth demo`) on a
// server of its own, and the reference computations the server's numbers are compared with.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hearthBinary, repoRoot, startServer } from '../support/server.mjs';
import { Person } from './client.mjs';

export const CHECKINS = '/api/v1/checkins';
export const INSIGHTS = '/api/v1/insights';
export const CYCLE = '/api/v1/insights/cycle';
export const JOURNEY = '/api/v1/journey';
export const EXPORT = '/api/v1/me/export';
export const checkinPath = (date) => `${CHECKINS}/${date}`;

// The measures, as docs/API.md lists them: the first six are shared with the partner.
export const SHARED = ['connection', 'closeness', 'affection', 'minutes_together', 'focused_minutes', 'tech_interference'];
export const PRIVATE = ['mood', 'stress', 'self_care'];
export const METRICS = [...SHARED, ...PRIVATE];
export const CSV_HEADER = ['date', 'connection', 'closeness', 'affection', 'minutes_together', 'focused_minutes',
  'tech_interference', 'mood', 'stress', 'self_care', 'appreciation', 'appreciation_shared', 'time_zone'];

// Zones far apart: Kiritimati (UTC+14) and Pago Pago (UTC−11) are never on the same date.
export const AHEAD = 'Pacific/Kiritimati';
export const BEHIND = 'Pacific/Pago_Pago';

// ---------------------------------------------------------------------------------------------
// Dates.

/** The calendar date (YYYY-MM-DD) in `timeZone` at instant `at`. */
export function localDate(timeZone, at = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * An IANA zone (Etc/GMT±N) where it is between 10:30 and 13:30 now, so that a test can take
 * "today" there as fixed for a while: far from midnight, whatever the time of the run.
 */
export function noonZone(at = new Date()) {
  const utcHours = at.getUTCHours() + at.getUTCMinutes() / 60;
  const offset = Math.max(-12, Math.min(14, Math.round(12 - utcHours))); // local = UTC + offset
  // Etc/GMT names have the sign the other way round: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

const dayMs = 86400000;
export const toDay = (date) => Date.parse(`${date}T00:00:00Z`) / dayMs;
export const fromDay = (n) => new Date(n * dayMs).toISOString().slice(0, 10);
export const addDays = (date, n) => fromDay(toDay(date) + n);
/** Monday of the week holding `date`. */
export const mondayOf = (date) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
/** Every date from `from` to `to`, in order. */
export function datesFrom(from, to) {
  const out = [];
  for (let d = toDay(from); d <= toDay(to); d++) out.push(fromDay(d));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Check-ins.

/** A complete, valid check-in body (UTC unless told), with `changes` applied. */
export const answers = (changes = {}) => ({
  connection: 6, closeness: 5, affection: 4, minutes_together: 90, focused_minutes: 30, tech_interference: 3,
  mood: 4, stress: 2, self_care: true, time_zone: 'UTC', ...changes,
});

/**
 * PUTs `body` as today's check-in in `body.time_zone`, today as computed here. If midnight passes
 * there between computing the date and the server reading it (409 and the date here has moved
 * on), tries once more with the new date. Resolves with the response (not asserted).
 */
export async function checkInToday(who, body) {
  for (let attempt = 0; ; attempt++) {
    const before = localDate(body.time_zone);
    const res = await who.put(checkinPath(before), body);
    if (res.status === 409 && attempt === 0 && localDate(body.time_zone) !== before) continue;
    return res;
  }
}

/** As checkInToday, asserting 201 (or `status`); resolves with the saved CheckIn. */
export async function checkIn(who, body, status = 201) {
  const res = await checkInToday(who, body);
  assert.equal(res.status, status, `${who.displayName} checks in: ${res.status} ${res.text.slice(0, 400)}`);
  return res.body.checkin;
}

export async function ok(promise, status = 200) {
  const res = await promise;
  assert.equal(res.status, status, `${res.method} ${res.path}: expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res;
}

/** All of `who`'s check-ins up to tomorrow in the furthest zone ahead (3660 days back). */
export async function allCheckins(who) {
  const to = addDays(localDate(AHEAD), 1);
  return (await ok(who.get(`${CHECKINS}?from=${addDays(to, -3659)}&to=${to}`))).body.checkins;
}

/** The shared measures of a check-in (what a partner may see of it). */
export const sharedOf = (c) => Object.fromEntries(SHARED.map((m) => [m, c[m]]));
/** All measures of a check-in, as the insights series shows them to their author. */
export const valuesOf = (c) => Object.fromEntries(METRICS.map((m) => [m, c[m]]));

// ---------------------------------------------------------------------------------------------
// Reference computations (docs/API.md): means rounded to two decimals, self-care as a share.

export const round2 = (v) => Math.round(v * 100) / 100;

/** Means of `metrics` over `list` (check-ins or day values), or null when it is empty. */
export function means(list, metrics) {
  if (list.length === 0) return null;
  return Object.fromEntries(metrics.map((m) => [m, round2(list.reduce((s, c) => s + Number(c[m]), 0) / list.length)]));
}

export const within = (list, from, to) => list.filter((c) => c.date >= from && c.date <= to);

// ---------------------------------------------------------------------------------------------
// The demo couple.

const run = promisify(execFile);
export const DEMO_PASSWORD = 'hearth-demo-password';

let daysOption;
/** Whether this build's `hearth demo` has `--days` (it was added after the check-ins). */
export async function demoHasDays() {
  daysOption ??= run(hearthBinary, ['demo', '--help']).then(({ stdout }) => /--days/.test(stdout), () => false);
  return daysOption;
}

/** Logs in as a demo partner; resolves with a Person (user and display name filled in). */
export async function demoPerson(url, email) {
  const p = new Person(url, { email, password: DEMO_PASSWORD });
  const res = await p.post('/api/v1/session', { email, password: DEMO_PASSWORD });
  assert.equal(res.status, 200, `demo login ${email}: ${res.status} ${res.text}`);
  p.user = res.body.user;
  p.displayName = res.body.user.display_name;
  return p;
}

// `hearth demo` names couple i by two first names from a list (src/cli/demo.cc): couple 0 is
// maya@ and daniel@demo.hearth, couple i > 0 is <name>.<i>@demo.hearth.
const DEMO_NAMES = ['maya', 'daniel', 'priya', 'tom', 'lena', 'sam', 'aisha', 'jonas', 'mei', 'lucas', 'noor', 'eli'];
const demoEmail = (i, k) => (i === 0 ? `${DEMO_NAMES[k]}@demo.hearth` : `${DEMO_NAMES[(2 * i + k) % DEMO_NAMES.length]}.${i}@demo.hearth`);

/**
 * Creates `couples` demo couples (at most 6) with `days` days of check-ins in a fresh data
 * directory and starts a server on it. Resolves with { server, maya, daniel, couples: [[a, b]] }
 * (maya and daniel are couple 0); stop the server with server.stop().
 */
export async function demoCouple(days, couples = 1) {
  assert.ok(couples <= DEMO_NAMES.length / 2);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-demo-'));
  await run(hearthBinary, ['demo', '--data', dir, '--couples', String(couples), '--days', String(days)], { timeout: 60000, cwd: repoRoot });
  const server = await startServer({ dataDir: dir });
  const all = await Promise.all(Array.from({ length: couples }, (_, i) => Promise.all([0, 1].map((k) => demoPerson(server.url, demoEmail(i, k))))));
  return { server, maya: all[0][0], daniel: all[0][1], couples: all };
}
