// The calendar feed and download (docs/API.md, "What helps", Calendar feed), read with ical.js and
// checked as raw text: one VEVENT per session of this week's plan at the plan's own times with a
// 30-minute reminder, my open promises as all-day reminders at 9:00, neutral summaries only (a
// practice's calendar_title or "Reminder": never a practice's title or a promise's words, even one
// full of commas, semicolons and line breaks), stable UIDs, CRLF lines folded at 75 octets with
// TEXT escaped. The feed needs no login: its token is the secret; making a new one or turning it
// off makes the old address 404, and unknown tokens are 404. The download needs a login.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { hearthBinary, startServer } from '../support/server.mjs';
import { Client, register, assertProblem } from './client.mjs';
import {
  PLAN_ICS, CALENDAR, PROMISES, ok, couple, setFree, getPlan, regenerate, everyDay, noonZone, localDate, addDays, content,
  readCalendar, checkRawCalendar, promisePath, localParts, sessionsOf,
} from './plan-kit.mjs';

const run = promisify(execFile);

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const WIDE_A = everyDay('07:00', '22:00');
const WIDE_B = everyDay('06:00', '21:30');

async function calendarCouple() {
  const zone = noonZone();
  const [a, b] = await couple(server.url, 'Sam', 'Kim');
  await setFree(a, zone, WIDE_A);
  await setFree(b, zone, WIDE_B);
  return { a, b, zone, today: localDate(zone) };
}

const anon = () => new Client(server.url);
const download = async (who) => {
  const res = await ok(who.get(PLAN_ICS));
  assert.equal(res.contentType, 'text/calendar');
  assert.match(res.headers.get('content-type'), /charset=utf-8/i);
  assert.equal(res.headers.get('content-disposition'), 'attachment; filename="hearth-week.ics"');
  return res;
};
const newFeed = async (who) => (await ok(who.post(CALENDAR, {}), 201)).body;
const fetchFeed = async (path) => {
  const res = await ok(anon().get(path));
  assert.equal(res.contentType, 'text/calendar');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.deepEqual(res.setCookies, [], 'the feed sets no cookie');
  return res;
};
/** The events without DTSTAMP-like parts that change on every fetch. */
const eventsOf = (text) => readCalendar(text).events;

/** Everything in a calendar must be of the plan and my open promises, said neutrally. */
function checkCalendar(text, plan, myOpenPromises) {
  checkRawCalendar(text);
  const { events, version, name } = readCalendar(text);
  assert.equal(version, '2.0');
  assert.equal(name, 'Hearth');
  assert.equal(events.length, plan.sessions.length + myOpenPromises.length, 'one event per session and per open promise of mine');
  assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'UIDs are unique');
  const calendarTitles = new Set([...content().practices.values()].map((p) => p.calendar_title));
  for (const s of plan.sessions) {
    const e = events.find((x) => x.uid === `${s.id}@hearth`);
    assert.ok(e, `an event for session ${s.id} (${s.practice.id})`);
    assert.equal(e.allDay, false);
    assert.equal(e.start, s.starts_at, `${s.practice.id}: at the plan's time`);
    assert.equal(Date.parse(e.end) - Date.parse(e.start), s.minutes * 60000, `${s.practice.id}: as long as the session`);
    assert.equal(e.summary, s.practice.calendar_title, `${s.practice.id}: the neutral title`);
    assert.deepEqual(e.alarms, [{ action: 'DISPLAY', trigger: '-PT30M' }], `${s.practice.id}: a reminder 30 minutes before`);
    for (const secret of [s.practice.title, s.practice.goal, s.reason, s.practice.steps[0], s.practice.why]) {
      assert.ok(!text.includes(secret), `the calendar shows "${secret}"`);
    }
  }
  for (const p of myOpenPromises) {
    const e = events.find((x) => x.uid === `promise-${p.id}@hearth`);
    assert.ok(e, `an event for promise ${p.id}`);
    assert.equal(e.allDay, true, 'a promise is an all-day event');
    assert.equal(e.start, p.due);
    assert.equal(e.end, addDays(p.due, 1));
    assert.equal(e.summary, 'Reminder');
    assert.deepEqual(e.alarms, [{ action: 'DISPLAY', trigger: 'PT9H' }], 'a reminder at 9:00 on the day');
  }
  for (const e of events) {
    assert.ok(e.summary === 'Reminder' || calendarTitles.has(e.summary), `a neutral summary: ${e.summary}`);
    assert.ok(e.description && !/[\r\n]/.test(e.description));
  }
}

describe('the download, GET /api/v1/plan.ics', () => {
  test('holds this week’s sessions at the plan’s times with neutral titles, and my open promises', async () => {
    const c = await calendarCouple();
    const plan = await regenerate(c.a, { intensity: 'deep' });
    const promise = (await ok(c.a.post(PROMISES, { text: 'Book the table', due: addDays(c.today, 2) }), 201)).body;
    const res = await download(c.a);
    checkCalendar(res.text, plan, [promise]);
    // My partner's calendar has the same sessions, and not my promise.
    checkCalendar((await download(c.b)).text, plan, []);
  });

  test('needs a login', async () => {
    assertProblem(await anon().get(PLAN_ICS), 401, 'not-authenticated');
  });
});

describe('the feed, GET /calendar/{token}.ics', () => {
  test('made with POST /api/v1/calendar: no login needed, the same as the download, stable UIDs', async () => {
    const c = await calendarCouple();
    assert.deepEqual((await ok(c.a.get(CALENDAR))).body, { active: false, created_at: null });
    const link = await newFeed(c.a);
    assert.match(link.token, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
    assert.equal(link.path, `/calendar/${link.token}.ics`);
    const state = await ok(c.a.get(CALENDAR));
    assert.equal(state.body.active, true);
    assert.ok(Date.parse(state.body.created_at) > Date.now() - 60000);
    assert.ok(!state.text.includes(link.token), 'the address is shown only once');
    assert.deepEqual((await ok(c.b.get(CALENDAR))).body, { active: false, created_at: null }, "my partner's feed is theirs");

    const plan = await getPlan(c.a);
    const first = await fetchFeed(link.path);
    checkCalendar(first.text, plan, []);
    assert.deepEqual(eventsOf(first.text), eventsOf((await download(c.a)).text), 'the feed and the download agree');
    const second = await fetchFeed(link.path);
    assert.deepEqual(eventsOf(second.text), eventsOf(first.text), 'fetched again: the same events, the same UIDs');
    await regenerate(c.b);
    assert.deepEqual(eventsOf((await fetchFeed(link.path)).text).map((e) => e.uid), eventsOf(first.text).map((e) => e.uid),
      'the plan made again from the same inputs keeps its UIDs');
  });

  test('follows the plan and my promises: a new intensity, a new promise, a kept one', async () => {
    const c = await calendarCouple();
    const link = await newFeed(c.a);
    const light = await regenerate(c.b, { intensity: 'light' });
    checkCalendar((await fetchFeed(link.path)).text, light, []);
    const p1 = (await ok(c.a.post(PROMISES, { text: 'Call your mother back', due: c.today }), 201)).body;
    const p2 = (await ok(c.a.post(PROMISES, { text: 'Fix the bike', due: addDays(c.today, 90) }), 201)).body;
    await ok(c.b.post(PROMISES, { text: 'Plan the weekend', due: addDays(c.today, 1) }), 201);
    checkCalendar((await fetchFeed(link.path)).text, light, [p1, p2]);
    await ok(c.b.put(promisePath(p1.id), { status: 'kept' }));
    checkCalendar((await fetchFeed(link.path)).text, light, [p2]);
    const deep = await regenerate(c.a, { intensity: 'deep' });
    checkCalendar((await fetchFeed(link.path)).text, deep, [p2]);
  });

  test('a promise full of commas, semicolons and line breaks never appears; the text is still valid iCalendar', async () => {
    const c = await calendarCouple();
    const link = await newFeed(c.a);
    const text = 'Buy milk, eggs; and bread\nand flowers, the yellow ones; wrap them\\nicely, "please"; '
      + 'then, at last; call Oma back, since she asked, twice; and write it down, ok; done. Ümlaut ✓ 🎉';
    assert.ok(text.length <= 200);
    const promise = (await ok(c.a.post(PROMISES, { text, due: addDays(c.today, 1) }), 201)).body;
    assert.equal(promise.text, text);
    const plan = await getPlan(c.a);
    for (const res of [await fetchFeed(link.path), await download(c.a)]) {
      checkCalendar(res.text, plan, [promise]);
      const unfolded = res.text.replace(/\r\n[ \t]/g, '');
      for (const piece of ['milk', 'eggs', 'flowers', 'Oma', 'yellow', 'Ümlaut', '🎉', 'Buy milk\\, eggs']) {
        assert.ok(!unfolded.includes(piece), `the calendar shows "${piece}" of the promise`);
      }
    }
  });

  test('a new address replaces the old one, turning it off makes it 404, and it can be turned on again', async () => {
    const c = await calendarCouple();
    const first = await newFeed(c.a);
    await fetchFeed(first.path);
    const second = await newFeed(c.a);
    assert.notEqual(second.token, first.token);
    assertProblem(await anon().get(first.path), 404, 'not-found');
    await fetchFeed(second.path);

    assert.equal((await ok(c.a.delete(CALENDAR), 204)).text, '');
    assertProblem(await anon().get(second.path), 404, 'not-found');
    assert.deepEqual((await ok(c.a.get(CALENDAR))).body, { active: false, created_at: null });
    await ok(c.a.delete(CALENDAR), 204); // turning it off again is harmless

    const third = await newFeed(c.a);
    await fetchFeed(third.path);
    for (const old of [first.path, second.path]) assertProblem(await anon().get(old), 404, 'not-found');
    assert.equal((await ok(c.a.get(CALENDAR))).body.active, true);

    // My partner's feed is separate: theirs on, mine off, theirs still works.
    const theirs = await newFeed(c.b);
    await ok(c.a.delete(CALENDAR), 204);
    await fetchFeed(theirs.path);
    assertProblem(await anon().get(third.path), 404, 'not-found');
  });

  test('the token is the secret: unknown, altered or partial tokens are 404', async () => {
    const c = await calendarCouple();
    const link = await newFeed(c.a);
    const flip = (t) => (t[0] === 'A' ? 'B' : 'A') + t.slice(1);
    for (const token of [randomBytes(32).toString('base64url'), flip(link.token), link.token.slice(0, 42), `${link.token}x`, link.token.toLowerCase() === link.token ? link.token.toUpperCase() : link.token.toLowerCase()]) {
      assertProblem(await anon().get(`/calendar/${token}.ics`), 404, 'not-found');
    }
    const seen = new Set();
    for (let k = 0; k < 5; k++) seen.add((await newFeed(c.a)).token);
    assert.equal(seen.size, 5, 'a fresh token each time');
    // A session cookie does not open someone else's feed, and no cookie is needed for one's own.
    assertProblem(await c.b.get(`/calendar/${randomBytes(32).toString('base64url')}.ics`), 404, 'not-found');
  });

  test('deleting my account turns my feed off', async () => {
    const c = await calendarCouple();
    const link = await newFeed(c.b);
    await fetchFeed(link.path);
    await ok(c.b.delete('/api/v1/me', { password: c.b.password }), 204);
    assertProblem(await anon().get(link.path), 404, 'not-found');
  });

  test('making and turning off a feed need a login and the same site', async () => {
    const c = await calendarCouple();
    assertProblem(await anon().post(CALENDAR, {}), 401, 'not-authenticated');
    assertProblem(await anon().delete(CALENDAR), 401, 'not-authenticated');
    assertProblem(await anon().get(CALENDAR), 401, 'not-authenticated');
    assertProblem(await c.a.post(CALENDAR, {}, { headers: { origin: 'https://elsewhere.example' } }), 403, 'cross-site-request');
    assertProblem(await c.a.post(CALENDAR, { name: 'mine' }), 422, 'invalid-field', 'name');
    assert.deepEqual((await ok(c.a.get(CALENDAR))).body, { active: false, created_at: null }, 'nothing made');
    const link = await newFeed(c.a);
    assertProblem(await c.a.delete(CALENDAR, undefined, { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'cross-site-request');
    await fetchFeed(link.path);
    const noBody = await ok(c.a.request('POST', CALENDAR), 201);
    assert.match(noBody.body.token, /^[A-Za-z0-9_-]{43}$/, 'no body at all is fine');
  });
});

describe('the weeks around this one', () => {
  test('once `hearth plan --all --next` has planned next week, the feed holds it too; the download stays this week', async () => {
    const c = await calendarCouple();
    const feed = await newFeed(c.a);
    const thisWeek = await getPlan(c.a);
    const before = eventsOf((await fetchFeed(feed.path)).text);
    assert.equal(before.length, thisWeek.sessions.length, 'nothing planned beyond this week yet');

    const { stdout } = await run(hearthBinary, ['plan', '--all', '--next', '--data', server.dataDir], { timeout: 60000 });
    assert.match(stdout, /^Planned next week for \d+ couples? \(\d+ sessions\)/);
    const nextMonday = addDays(thisWeek.week_start, 7);
    const text = (await fetchFeed(feed.path)).text;
    checkRawCalendar(text);
    const events = eventsOf(text);
    const later = events.filter((e) => localParts(Date.parse(e.start), c.zone).date >= nextMonday);
    assert.equal(later.length, 5, 'a regular week of 5 sessions, next week');
    for (const e of later) {
      const { date } = localParts(Date.parse(e.start), c.zone);
      assert.ok(date < addDays(nextMonday, 7), `${e.start} lies in next week`);
      assert.equal(e.alarms.length, 1);
    }
    assert.deepEqual(events.filter((e) => !later.includes(e)), before, 'this week is unchanged');
    assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'UIDs stay unique across weeks');
    // This week's plan and the one-off download are still this week's.
    assert.deepEqual(sessionsOf(await getPlan(c.b)), sessionsOf(thisWeek));
    assert.equal(eventsOf((await download(c.a)).text).length, thisWeek.sessions.length);
    // Run again: nothing changed, so the same plans are kept and the feed is the same.
    await run(hearthBinary, ['plan', '--all', '--next', '--data', server.dataDir], { timeout: 60000 });
    assert.deepEqual(eventsOf((await fetchFeed(feed.path)).text), events);
  });
});

describe('fetched too often', () => {
  test('one feed asked for many times at once gets 429 with Retry-After; another feed still answers', async () => {
    const c = await calendarCouple();
    const mine = await newFeed(c.a);
    const theirs = await newFeed(c.b);
    const statuses = [];
    let refused;
    for (let i = 0; i < 30; i += 1) {
      const res = await anon().get(mine.path);
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    assert.ok(statuses.slice(0, 15).every((s) => s === 200), `a burst of fetches is fine: ${statuses}`);
    assert.ok(refused, `30 fetches at once are too many: ${statuses}`);
    assertProblem(refused, 429, 'too-many-requests');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'says when to come back');
    await fetchFeed(theirs.path);
  });
});

describe('without a couple', () => {
  test('a person alone has a plan, and their calendar holds its sessions', async () => {
    const p = await register(server.url, 'Alone');
    await setFree(p, noonZone(), WIDE_A);
    const plan = await getPlan(p);
    assert.equal(plan.sessions.length, 5);
    const { events } = readCalendar((await download(p)).text);
    assert.equal(events.length, plan.sessions.length);
  });
});
