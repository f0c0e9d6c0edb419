// Helpers for the "What helps" tests (docs/API.md, "What helps: practices, the weekly plan, the
// calendar, prompts and promises"): the practice library and prompt packs read from content/ with
// smol-toml (never from the server), routes, local days and clock times computed here with Intl,
// free times and a reference for where two people are both free, the rules every plan keeps, and
// calendars read with ical.js.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { parse as parseToml } from 'smol-toml';
import { repoRoot } from '../support/server.mjs';
import { register, pair } from './client.mjs';
import { localDate, noonZone, addDays, mondayOf, toDay } from './checkin-kit.mjs';

export { localDate, noonZone, addDays, mondayOf };

export const PRACTICES = '/api/v1/practices';
export const AVAILABILITY = '/api/v1/availability';
export const PLAN = '/api/v1/plan';
export const REGENERATE = '/api/v1/plan/regenerate';
export const PLAN_ICS = '/api/v1/plan.ics';
export const CALENDAR = '/api/v1/calendar';
export const PROMPTS = '/api/v1/prompts';
export const TODAY = '/api/v1/prompts/today';
export const SKIP = '/api/v1/prompts/today/skip';
export const PROMISES = '/api/v1/promises';
export const EXPORT = '/api/v1/me/export';
export const practicePath = (id) => `${PRACTICES}/${encodeURIComponent(id)}`;
export const logPath = (id) => `${PRACTICES}/${encodeURIComponent(id)}/log`;
export const answerPath = (id) => `${PROMPTS}/${encodeURIComponent(id)}/answer`;
export const promisePath = (id) => `${PROMISES}/${encodeURIComponent(id)}`;

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const SESSIONS = { light: 3, regular: 5, deep: 7 };
const COSTS = ['free', 'low', 'medium'];
const ENERGIES = ['low', 'medium', 'high'];
export const costRank = (c) => COSTS.indexOf(c);
export const energyRank = (e) => ENERGIES.indexOf(e);

// ---------------------------------------------------------------------------------------------
// The content, as the files say.

const contentDir = join(repoRoot, 'content');
const tomlFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.toml')).sort().map((f) => join(dir, f));

let library;
/** { practices: Map id → practice (as in the TOML), tags: { id: title }, prompts: Map id → prompt, subscales: Map area → title } */
export function content() {
  if (library) return library;
  const practices = new Map();
  for (const f of tomlFiles(join(contentDir, 'practices'))) {
    for (const p of parseToml(readFileSync(f, 'utf8')).practices ?? []) {
      assert.ok(!practices.has(p.id), `practice ${p.id} is defined once`);
      practices.set(p.id, p);
    }
  }
  const prompts = new Map();
  for (const f of tomlFiles(join(contentDir, 'prompts'))) {
    const pack = parseToml(readFileSync(f, 'utf8'));
    for (const p of pack.prompts ?? []) prompts.set(`${pack.id}.${p.id}`, { id: `${pack.id}.${p.id}`, text: p.text, depth: p.depth, theme: p.theme });
  }
  const subscales = new Map();
  for (const f of tomlFiles(join(contentDir, 'instruments')).filter((x) => !x.endsWith('scales.toml'))) {
    const inst = parseToml(readFileSync(f, 'utf8'));
    for (const s of inst.subscales ?? []) subscales.set(`${inst.id}/${s.id}`, s.title);
  }
  const tags = parseToml(readFileSync(join(contentDir, 'practice-tags.toml'), 'utf8')).tags;
  library = { practices, prompts, subscales, tags };
  return library;
}

/** A practice of the content as the API shows it (docs/API.md, "Practice"). */
export function expectedPractice(p) {
  const { tags, subscales } = content();
  return {
    id: p.id, title: p.title, calendar_title: p.calendar_title, goal: p.goal, steps: p.steps, minutes: p.minutes,
    who: p.who, cost: p.cost, difficulty: p.difficulty, energy: p.energy, setting: p.setting,
    tags: p.tags.map((t) => ({ id: t, title: tags[t] })),
    areas: p.areas.map((a) => ({ id: a, title: subscales.get(a) })),
    causes: p.causes ?? [], why: p.why, cite: p.cite ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Routes.

export async function ok(promise, status = 200) {
  const res = await promise;
  assert.equal(res.status, status, `${res.method} ${res.path}: expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res;
}

/** Two people paired; resolves with [inviter, joiner]. */
export async function couple(url, a = 'Alex', b = 'Blair') {
  const [x, y] = await Promise.all([register(url, a), register(url, b)]);
  await pair(x, y);
  return [x, y];
}

/** PUTs my free times (and preferences, if given); resolves with the Availability. */
export async function setFree(who, zone, slots, preferences) {
  const body = { time_zone: zone, slots, ...(preferences === undefined ? {} : { preferences }) };
  return (await ok(who.put(AVAILABILITY, body))).body;
}

export const getPlan = async (who) => (await ok(who.get(PLAN))).body;
export const regenerate = async (who, body) => (await ok(who.post(REGENERATE, body))).body;

/** A slot. */
export const slot = (day, start, end) => ({ day, start, end });
/** The same hours on every day of the week. */
export const everyDay = (start, end) => DAYS.map((d) => slot(d, start, end));

// ---------------------------------------------------------------------------------------------
// Clock times and days.

export const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const clock = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** mon … sun of a date. */
export const weekdayOf = (date) => DAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
export const daysBetween = (from, to) => toDay(to) - toDay(from);

/** The local date and HH:MM of an instant in a zone. */
export function localParts(instant, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Where everyone is free (the intersection, merged; runs under 10 minutes dropped), computed minute
 * by minute: the reference for shared_free_time. `people` is a list of slot lists.
 */
export function bothFree(people) {
  if (people.length === 0) return [];
  const out = [];
  for (const day of DAYS) {
    const free = new Array(1440).fill(true);
    for (const slots of people) {
      const mine = new Array(1440).fill(false);
      for (const s of slots) if (s.day === day) for (let m = minutes(s.start); m < minutes(s.end); m++) mine[m] = true;
      for (let m = 0; m < 1440; m++) free[m] = free[m] && mine[m];
    }
    for (let m = 0; m < 1440;) {
      if (!free[m]) { m++; continue; }
      let e = m;
      while (e < 1440 && free[e]) e++;
      if (e - m >= 10) out.push(slot(day, clock(m), clock(e)));
      m = e;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The rules every plan keeps (docs/API.md, "Plan").

/**
 * Checks a plan against the rules that hold whatever the inputs: shape, the week, days already
 * gone, times inside `free` (slots, or omitted to skip), no overlap, variety, the practice as in
 * the content, and `today` (the couple's local date) when given.
 */
export function checkPlan(plan, { free, today, zone } = {}) {
  const where = `plan of ${plan.week_start}`;
  assert.equal(weekdayOf(plan.week_start), 'mon', `${where}: the week starts on a Monday`);
  if (zone) assert.equal(plan.time_zone, zone, `${where}: the couple's zone`);
  if (today) assert.equal(plan.week_start, mondayOf(today), `${where}: this week (today is ${today})`);
  const starts = plan.sessions.map((s) => s.starts_at);
  assert.deepEqual(starts, [...starts].sort(), `${where}: sessions in time order`);
  const mainTags = plan.sessions.map((s) => s.practice.tags[0].id);
  assert.equal(new Set(mainTags).size, mainTags.length, `${where}: no two sessions share a main tag (${mainTags})`);
  assert.equal(new Set(plan.sessions.map((s) => s.id)).size, plan.sessions.length, `${where}: session ids are unique`);
  for (const s of plan.sessions) {
    const what = `${where}: ${s.practice.id} on ${s.date} ${s.start}`;
    const offset = daysBetween(plan.week_start, s.date);
    assert.ok(offset >= 0 && offset <= 6, `${what}: inside the week`);
    if (today) assert.ok(s.date >= today, `${what}: not on a day already gone (today is ${today})`);
    assert.equal(s.minutes, s.practice.minutes, `${what}: as long as the practice`);
    assert.equal(s.end, clock(Math.min(1440, minutes(s.start) + s.minutes)), `${what}: end = start + minutes`);
    assert.deepEqual(localParts(s.starts_at, plan.time_zone), { date: s.date, time: s.start }, `${what}: starts_at is the local date and start`);
    assert.ok(s.practice.difficulty <= plan.level, `${what}: difficulty ${s.practice.difficulty} within level ${plan.level}`);
    assert.ok(s.reason.length > 0, `${what}: a reason`);
    const c = content().practices.get(s.practice.id);
    assert.ok(c, `${what}: a practice of the library`);
    assert.deepEqual(s.practice, expectedPractice(c), `${what}: the practice as in content/`);
    if (free) {
      const fits = free.some((f) => f.day === weekdayOf(s.date) && minutes(f.start) <= minutes(s.start) && minutes(s.start) + s.minutes <= minutes(f.end));
      assert.ok(fits, `${what} (${s.minutes} min) lies inside the free time ${JSON.stringify(free)}`);
    }
  }
  const byDay = {};
  for (const s of plan.sessions) (byDay[s.date] ??= []).push(s);
  for (const [date, list] of Object.entries(byDay)) {
    for (let i = 1; i < list.length; i++) {
      assert.ok(minutes(list[i].start) >= minutes(list[i - 1].start) + list[i - 1].minutes, `${where}: sessions on ${date} do not overlap`);
    }
  }
}

/** The sessions of a plan reduced to what decides them (not created_at). */
export const sessionsOf = (plan) => plan.sessions.map((s) => ({ id: s.id, practice: s.practice.id, date: s.date, start: s.start, minutes: s.minutes, reason: s.reason }));

// ---------------------------------------------------------------------------------------------
// Calendars (RFC 5545), read with ical.js; the raw text checked here.

/** Parses a VCALENDAR; resolves the events as plain objects. */
export function readCalendar(text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const start = v.getFirstPropertyValue('dtstart');
    const end = v.getFirstPropertyValue('dtend');
    return {
      uid: v.getFirstPropertyValue('uid'),
      summary: v.getFirstPropertyValue('summary'),
      description: v.getFirstPropertyValue('description'),
      allDay: start?.isDate ?? false,
      start: start && (start.isDate ? start.toString() : start.toJSDate().toISOString().replace('.000Z', 'Z')),
      end: end && (end.isDate ? end.toString() : end.toJSDate().toISOString().replace('.000Z', 'Z')),
      alarms: v.getAllSubcomponents('valarm').map((a) => ({ action: a.getFirstPropertyValue('action'), trigger: a.getFirstPropertyValue('trigger')?.toString() })),
    };
  });
  return { cal, events, name: cal.getFirstPropertyValue('x-wr-calname'), version: cal.getFirstPropertyValue('version') };
}

const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'COMMENT', 'X-WR-CALNAME', 'CATEGORIES']);

/**
 * The raw text of a calendar keeps RFC 5545's form: CRLF line ends only, no physical line over 75
 * octets, every TEXT value with its commas, semicolons, backslashes and line breaks escaped.
 * Resolves the unfolded content lines.
 */
export function checkRawCalendar(text) {
  assert.ok(text.endsWith('\r\n'), 'the last line ends with CRLF');
  assert.ok(!/[^\r]\n|\r(?!\n)/.test(text), 'every line ends with CRLF (no bare LF or CR)');
  const physical = text.slice(0, -2).split('\r\n');
  for (const l of physical) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `a line of ${Buffer.byteLength(l, 'utf8')} octets: ${l}`);
  const lines = text.replace(/\r\n[ \t]/g, '').slice(0, -2).split('\r\n');
  for (const l of lines) {
    const colon = l.indexOf(':');
    assert.ok(colon > 0, `a content line has a name and a value: ${l}`);
    const name = l.slice(0, colon).split(';')[0].toUpperCase();
    if (!TEXT_PROPERTIES.has(name)) continue;
    const value = l.slice(colon + 1);
    for (let i = 0; i < value.length; i++) {
      if (value[i] === '\\') {
        assert.ok('\\;,nN'.includes(value[i + 1] ?? ''), `${name}: a valid escape at ${i}: ${value}`);
        i++;
      } else {
        assert.ok(!',;'.includes(value[i]), `${name}: an unescaped "${value[i]}" at ${i}: ${value}`);
      }
    }
  }
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  return lines;
}
