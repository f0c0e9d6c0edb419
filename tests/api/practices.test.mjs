// The practice library and the practice log (docs/API.md, "What helps"): every practice as
// content/practices/*.toml says (read here with smol-toml), the tag and area filters, 404 for an
// unknown practice; logging done or skipped with a rating and a note, for today or the 30 days
// before in the couple's time zone, every bad field refused with 422 and nothing logged; the note
// stays with its author. Every response is also checked against api/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, assertProblem } from './client.mjs';
import {
  PRACTICES, EXPORT, practicePath, logPath, content, expectedPractice, ok, couple, setFree, everyDay, noonZone, localDate, addDays,
} from './plan-kit.mjs';
import { AHEAD, BEHIND } from './checkin-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const practices = () => [...content().practices.values()];
const ids = (list) => list.map((p) => p.id).sort();
const bySorted = (list) => [...list].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
const myLog = async (who) => (await ok(who.get(EXPORT))).body.practice.log;

describe('the practice library', () => {
  test('lists every practice of content/practices/ exactly as the files say, and every tag', async () => {
    const p = await register(server.url, 'Reader');
    const res = await ok(p.get(PRACTICES));
    assert.equal(practices().length, 77, 'the content holds 77 practices');
    assert.deepEqual(ids(res.body.practices), ids(practices()));
    for (const got of res.body.practices) assert.deepEqual(got, expectedPractice(content().practices.get(got.id)), got.id);
    assert.deepEqual(res.body.tags.map((t) => [t.id, t.title]).sort(), Object.entries(content().tags).sort(), 'every tag of practice-tags.toml');
  });

  test('each practice on its own is the same as in the list', async () => {
    const p = await register(server.url, 'Reader');
    const all = await Promise.all(practices().map((c) => ok(p.get(practicePath(c.id)))));
    for (const [k, res] of all.entries()) assert.deepEqual(res.body, expectedPractice(practices()[k]));
  });

  test('calendar titles are neutral: short, and never the practice’s own title', () => {
    for (const c of practices()) {
      assert.ok(c.calendar_title.length >= 1 && c.calendar_title.length <= 40, `${c.id}: ${c.calendar_title}`);
      assert.notEqual(c.calendar_title.toLowerCase(), c.title.toLowerCase(), `${c.id}: the calendar title gives nothing away`);
    }
  });

  test('?tag= keeps the practices with that tag, ?area= those aimed at that area, both together both', async () => {
    const p = await register(server.url, 'Filter');
    for (const tag of Object.keys(content().tags)) {
      const res = await ok(p.get(`${PRACTICES}?tag=${tag}`));
      assert.deepEqual(ids(res.body.practices), ids(practices().filter((c) => c.tags.includes(tag))), `tag ${tag}`);
      assert.equal(res.body.tags.length, Object.keys(content().tags).length, 'the tag list stays whole');
    }
    const areas = [...new Set(practices().flatMap((c) => c.areas))];
    assert.ok(areas.length >= 10);
    for (const area of areas) {
      const res = await ok(p.get(`${PRACTICES}?area=${encodeURIComponent(area)}`));
      assert.deepEqual(ids(res.body.practices), ids(practices().filter((c) => c.areas.includes(area))), `area ${area}`);
    }
    const both = await ok(p.get(`${PRACTICES}?tag=physical_affection&area=${encodeURIComponent('habits/affection')}`));
    const want = practices().filter((c) => c.tags.includes('physical_affection') && c.areas.includes('habits/affection'));
    assert.ok(want.length > 0);
    assert.deepEqual(ids(both.body.practices), ids(want));
    for (const q of ['tag=no_such_tag', 'area=nope%2Fnope', 'tag=', 'area=']) {
      assert.deepEqual((await ok(p.get(`${PRACTICES}?${q}`))).body.practices, [], `?${q} matches nothing`);
    }
  });

  test('an unknown practice is 404 no-such-practice', async () => {
    const p = await register(server.url, 'Lost');
    for (const id of ['nope', 'SPEAKER_LISTENER', 'speaker%20listener', 'speaker_listener%00', '..%2Fspeaker_listener']) {
      assertProblem(await p.get(`${PRACTICES}/${id}`), 404, 'no-such-practice');
    }
  });

  test('the library needs a login', async () => {
    const p = await register(server.url, 'Leaver');
    const anon = p.fresh();
    assertProblem(await anon.get(PRACTICES), 401, 'not-authenticated');
    assertProblem(await anon.get(practicePath('speaker_listener')), 401, 'not-authenticated');
    assertProblem(await anon.post(logPath('speaker_listener'), { status: 'done' }), 401, 'not-authenticated');
  });
});

describe('logging a practice', () => {
  // A couple in a zone where it is about noon: "today" there holds for hours.
  async function loggingCouple() {
    const zone = noonZone();
    const [a, b] = await couple(server.url, 'Logger', 'Partner');
    await setFree(a, zone, everyDay('18:00', '22:00'));
    return { a, b, zone, today: localDate(zone) };
  }

  test('done with a rating and a note, or skipped: 201 with the entry, today by default', async () => {
    const { a, today } = await loggingCouple();
    const done = await ok(a.post(logPath('speaker_listener'), { status: 'done', rating: 4, note: 'Easier than we thought' }), 201);
    assert.match(done.body.id, /^[0-9]+$/);
    assert.deepEqual({ ...done.body, id: undefined }, { id: undefined, practice: 'speaker_listener', date: today, status: 'done', rating: 4, note: 'Easier than we thought' });
    const skipped = await ok(a.post(logPath('evening_walk'), { status: 'skipped' }), 201);
    assert.deepEqual({ ...skipped.body, id: undefined }, { id: undefined, practice: 'evening_walk', date: today, status: 'skipped', rating: null, note: '' });
    const nullRating = await ok(a.post(logPath('evening_walk'), { status: 'done', rating: null, date: addDays(today, -3) }), 201);
    assert.equal(nullRating.body.rating, null);
    assert.equal(nullRating.body.date, addDays(today, -3));
    assert.notEqual(done.body.id, skipped.body.id);
    const log = await myLog(a);
    assert.deepEqual(log[0], { practice: 'evening_walk', date: addDays(today, -3), status: 'done', rating: null, note: '' }, 'oldest day first');
    assert.deepEqual(bySorted(log.slice(1)), bySorted([
      { practice: 'speaker_listener', date: today, status: 'done', rating: 4, note: 'Easier than we thought' },
      { practice: 'evening_walk', date: today, status: 'skipped', rating: null, note: '' },
    ]), 'my export holds my log');
  });

  test('today or one of the 30 days before (in the couple’s zone); other days are 422 date and nothing is logged', async () => {
    const { a, today } = await loggingCouple();
    await ok(a.post(logPath('speaker_listener'), { status: 'done', date: addDays(today, -30) }), 201);
    const before = await myLog(a);
    for (const date of [addDays(today, -31), addDays(today, 1), '2000-01-01', '2099-12-31']) {
      assertProblem(await a.post(logPath('speaker_listener'), { status: 'done', date }), 422, 'invalid-field', 'date');
    }
    for (const date of ['2026-02-30', '2026-13-01', 'yesterday', '', '20261125']) {
      assertProblem(await a.post(logPath('speaker_listener'), { status: 'done', date }), 422, 'invalid-field', 'date');
    }
    assertProblem(await a.post(logPath('speaker_listener'), { status: 'done', date: 20261125 }), 422, 'invalid-field', 'date');
    assert.deepEqual(await myLog(a), before, 'nothing logged');
  });

  test('every bad field is 422 naming it, an unknown practice 404, and nothing is logged', async () => {
    const { a } = await loggingCouple();
    const cases = [
      [{ status: 'maybe' }, 'status'], [{ status: 'DONE' }, 'status'], [{ status: true }, 'status'], [{}, 'status'],
      [{ status: 'done', rating: 0 }, 'rating'], [{ status: 'done', rating: 6 }, 'rating'], [{ status: 'done', rating: 2.5 }, 'rating'],
      [{ status: 'done', rating: '4' }, 'rating'], [{ status: 'done', note: 5 }, 'note'], [{ status: 'done', note: null }, 'note'],
      [{ status: 'done', note: 'x'.repeat(2001) }, 'note'], [{ status: 'done', how: 'fine' }, 'how'],
    ];
    for (const [body, field] of cases) assertProblem(await a.post(logPath('speaker_listener'), body), 422, 'invalid-field', field);
    assertProblem(await a.request('POST', logPath('speaker_listener'), { body: '{"status":', headers: { 'content-type': 'application/json' } }), 400, 'malformed-json');
    assertProblem(await a.request('POST', logPath('speaker_listener'), { body: '{"status":"done"}', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    assertProblem(await a.post(logPath('speaker_listener'), ['done']), 422, 'invalid-field');
    assertProblem(await a.post(logPath('no_such_practice'), { status: 'done' }), 404, 'no-such-practice');
    assert.deepEqual(await myLog(a), [], 'nothing logged');
  });

  test('a note of 500 characters is kept', async () => {
    const { a } = await loggingCouple();
    const note = 'é'.repeat(500);
    assert.equal((await ok(a.post(logPath('speaker_listener'), { status: 'done', note }), 201)).body.note, note);
  });

  test('a note over 500 characters is 422 note', {
  }, async () => {
    const { a } = await loggingCouple();
    assertProblem(await a.post(logPath('speaker_listener'), { status: 'done', note: 'x'.repeat(501) }), 422, 'invalid-field', 'note');
    assert.deepEqual(await myLog(a), []);
  });

  test('my note stays mine: my partner’s export and plan never show it', async () => {
    const { a, b } = await loggingCouple();
    const note = `Private note ${Date.now()}`;
    await ok(a.post(logPath('speaker_listener'), { status: 'done', rating: 5, note }), 201);
    for (const res of await Promise.all([b.get(EXPORT), b.get('/api/v1/plan'), b.get('/api/v1/plan.ics'), b.get(PRACTICES)])) {
      assert.equal(res.status, 200);
      assert.ok(!res.text.includes(note), `${res.method} ${res.path} shows my note`);
    }
    assert.deepEqual((await myLog(b)), [], "my log is not in my partner's export");
  });

  test('the log of a practice: both of ours, newest first, counted and averaged; my partner’s notes never shown', async () => {
    const { a, b, today } = await loggingCouple();
    const id = 'speaker_listener';
    const logOf = async (who, practice = id) => (await ok(who.get(`${practicePath(practice)}/log`))).body;
    assert.deepEqual(await logOf(a), { practice: id, done: 0, skipped: 0, average_rating: null, last_done: null, entries: [] });
    const noteA = `A's own words ${Date.now()}`;
    const noteB = `B's own words ${Date.now()}`;
    const first = (await ok(a.post(logPath(id), { status: 'done', rating: 5, note: noteA, date: addDays(today, -6) }), 201)).body;
    const second = (await ok(b.post(logPath(id), { status: 'done', rating: 4, note: noteB, date: addDays(today, -2) }), 201)).body;
    const third = (await ok(a.post(logPath(id), { status: 'skipped' }), 201)).body;
    await ok(b.post(logPath('repair_phrases'), { status: 'done', rating: 1 }), 201); // another practice
    const entry = (e, byMe, note) => ({ id: e.id, date: e.date, status: e.status, rating: e.rating, by_me: byMe, note });
    assert.deepEqual(await logOf(a), {
      practice: id, done: 2, skipped: 1, average_rating: 4.5, last_done: addDays(today, -2),
      entries: [entry(third, true, ''), entry(second, false, null), entry(first, true, noteA)],
    });
    const seenByB = await ok(b.get(`${practicePath(id)}/log`));
    assert.deepEqual(seenByB.body.entries, [entry(third, false, null), entry(second, true, noteB), entry(first, false, null)]);
    assert.ok(!seenByB.text.includes(noteA), "A's note never reaches B");
    // Another practice's log holds only its own entries; an unknown practice is 404.
    assert.deepEqual((await logOf(a, 'repair_phrases')).entries.map((e) => [e.by_me, e.rating]), [[false, 1]]);
    assertProblem(await a.get(`${practicePath('no_such_thing')}/log`), 404, 'no-such-practice');
    // Once B leaves, each sees only their own entries.
    await ok(b.delete('/api/v1/couple/membership'), 204);
    assert.deepEqual((await logOf(a)).entries.map((e) => e.id), [third.id, first.id]);
    const bAlone = await logOf(b);
    assert.deepEqual(bAlone.entries.map((e) => [e.id, e.note]), [[second.id, noteB]]);
    assert.equal(bAlone.average_rating, 4);
  });

  test('alone, the day of a log is today in my own time zone', {
  }, async () => {
    // A zone whose date differs from UTC's right now: UTC+14 from 10:00 UTC, else UTC−11.
    const zone = new Date().getUTCHours() >= 10 ? AHEAD : BEHIND;
    const p = await register(server.url, 'Alone');
    await setFree(p, zone, everyDay('18:00', '22:00'));
    const before = localDate(zone);
    const res = await ok(p.post(logPath('speaker_listener'), { status: 'done' }), 201);
    assert.ok([before, localDate(zone)].includes(res.body.date), `logged for ${res.body.date}, today in ${zone} is ${before}`);
  });
});
