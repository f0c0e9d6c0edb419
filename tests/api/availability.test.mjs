// Free times and preferences (docs/API.md, "What helps", Availability): mine as saved, round trip,
// defaults, and shared_free_time — where both partners are free — against a reference computed
// here minute by minute (tests/api/plan-kit.mjs, bothFree), for fixed cases and for many seeded
// random weeks; a partner who has given no free times yet does not block the other's; a partner
// sees my free time only through the intersection, never my slots or preferences. Every kind of
// bad time zone, slot and preference is 422 naming the field, and nothing changes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, assertProblem } from './client.mjs';
import { AVAILABILITY, ok, couple, setFree, slot, everyDay, bothFree, DAYS, clock } from './plan-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const DEFAULTS = { likes: [], dislikes: [], budget: 'medium', energy: 'high' };
const mine = async (who) => (await ok(who.get(AVAILABILITY))).body;

describe('my free times and preferences', () => {
  test('before I save: nothing, and no shared free time', async () => {
    const p = await register(server.url, 'New');
    assert.deepEqual(await mine(p), { time_zone: null, slots: [], preferences: null, shared_free_time: [], updated_at: null });
  });

  test('PUT then GET: my slots as sent, my preferences, my zone; left-out preferences take their defaults', async () => {
    const p = await register(server.url, 'Planner');
    const slots = [slot('sat', '09:00', '24:00'), slot('mon', '18:30', '21:00'), slot('mon', '07:00', '07:10')];
    const prefs = { likes: ['walk_and_talk', 'date_night'], dislikes: ['physical_intimacy'], budget: 'low', energy: 'medium' };
    const saved = await setFree(p, 'Europe/Berlin', slots, prefs);
    assert.deepEqual(saved.slots, slots, 'slots as sent');
    assert.deepEqual(saved.preferences, prefs);
    assert.equal(saved.time_zone, 'Europe/Berlin');
    assert.ok(Date.parse(saved.updated_at) > Date.now() - 60000);
    assert.deepEqual(await mine(p), saved, 'GET gives what PUT answered');

    // Without preferences: the defaults (a PUT replaces everything).
    const plain = await setFree(p, 'Asia/Tokyo', [slot('sun', '10:00', '12:00')]);
    assert.deepEqual(plain.preferences, DEFAULTS);
    assert.equal(plain.time_zone, 'Asia/Tokyo');
    // Part of the preferences: the rest takes its default.
    assert.deepEqual((await setFree(p, 'UTC', [], { budget: 'free' })).preferences, { ...DEFAULTS, budget: 'free' });
    assert.deepEqual((await setFree(p, 'UTC', [], {})).preferences, DEFAULTS);
    assert.deepEqual((await mine(p)).slots, [], 'no free times at all is fine');
  });

  test('alone, the shared free time is my own, merged and in week order', async () => {
    const p = await register(server.url, 'Solo');
    const slots = [slot('wed', '20:00', '22:00'), slot('mon', '18:00', '20:00'), slot('mon', '19:00', '21:00'), slot('mon', '21:00', '21:30'), slot('tue', '08:00', '08:10')];
    const saved = await setFree(p, 'UTC', slots);
    assert.deepEqual(saved.shared_free_time, [slot('mon', '18:00', '21:30'), slot('tue', '08:00', '08:10'), slot('wed', '20:00', '22:00')]);
    assert.deepEqual(saved.shared_free_time, bothFree([slots]));
  });

  test('while waiting for a partner, the shared free time is my own', async () => {
    const p = await register(server.url, 'Waiting');
    await ok(p.post('/api/v1/couple', {}), 201);
    const slots = [slot('fri', '19:00', '23:00')];
    assert.deepEqual((await setFree(p, 'UTC', slots)).shared_free_time, slots);
  });
});

describe('where both are free', () => {
  test('the intersection of both partners’ free times, seen the same by both; my slots stay mine', async () => {
    const [a, b] = await couple(server.url);
    const slotsA = [slot('mon', '17:00', '22:00'), slot('tue', '06:00', '08:00'), slot('sat', '09:00', '24:00'), slot('sun', '10:00', '10:25')];
    const slotsB = [slot('mon', '18:30', '19:30'), slot('mon', '21:00', '23:00'), slot('tue', '07:55', '09:00'), slot('sat', '00:00', '12:00'),
      slot('sat', '20:00', '24:00'), slot('sun', '10:20', '11:00'), slot('thu', '10:00', '11:00')];
    // A alone for now: B has given nothing, so A's times are not blocked.
    const first = await setFree(a, 'UTC', slotsA, { likes: ['walk_and_talk'] });
    assert.deepEqual(first.shared_free_time, bothFree([slotsA]));
    assert.deepEqual((await mine(b)).shared_free_time, bothFree([slotsA]), "B, with none given, sees A's times");
    const savedB = await setFree(b, 'UTC', slotsB, { budget: 'free' });
    const want = [slot('mon', '18:30', '19:30'), slot('mon', '21:00', '22:00'), slot('sat', '09:00', '12:00'), slot('sat', '20:00', '24:00')];
    assert.deepEqual(bothFree([slotsA, slotsB]), want, 'the reference: overlaps under 10 minutes (tue 07:55–08:00, sun 10:20–10:25) do not count');
    assert.deepEqual(savedB.shared_free_time, want);
    const [viewA, viewB] = [await mine(a), await mine(b)];
    assert.deepEqual(viewA.shared_free_time, want);
    assert.deepEqual(viewB.shared_free_time, want);
    assert.deepEqual(viewA.slots, slotsA, 'A sees A’s own slots');
    assert.deepEqual(viewB.slots, slotsB, 'B sees B’s own slots');
    assert.deepEqual(viewA.preferences, { ...DEFAULTS, likes: ['walk_and_talk'] });
    assert.deepEqual(viewB.preferences, { ...DEFAULTS, budget: 'free' }, "never the partner's preferences");
    // B empties theirs: A's times count alone again.
    assert.deepEqual((await setFree(b, 'UTC', [])).shared_free_time, bothFree([slotsA]));
  });

  test('for many random weeks the shared free time is exactly the reference intersection', async () => {
    const [a, b] = await couple(server.url);
    let seed = 20261125;
    const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const randomWeek = () => Array.from({ length: 1 + rand(9) }, () => {
      const start = rand(144) * 10;
      const end = Math.min(1440, start + 10 + rand(40) * 10);
      return slot(DAYS[rand(7)], clock(start), clock(end));
    });
    for (let round = 0; round < 25; round++) {
      const [wa, wb] = [randomWeek(), randomWeek()];
      await setFree(a, 'UTC', wa);
      const got = await setFree(b, 'UTC', wb);
      const want = bothFree([wa, wb]);
      assert.deepEqual(got.shared_free_time, want, `round ${round}: A ${JSON.stringify(wa)} B ${JSON.stringify(wb)}`);
      assert.deepEqual((await mine(a)).shared_free_time, want, `round ${round}, A's view`);
    }
  });

  test('free times in two time zones are compared as the same instants', {
  }, async () => {
    const [a, b] = await couple(server.url);
    await setFree(a, 'Europe/Berlin', [slot('mon', '19:00', '21:00')]);
    const got = await setFree(b, 'America/New_York', [slot('mon', '19:00', '21:00')]);
    // 19:00–21:00 in New York is 01:00–03:00 on Tuesday in Berlin: they are never free together.
    assert.deepEqual(got.shared_free_time, []);
  });
});

describe('bad free times and preferences', () => {
  const good = { time_zone: 'UTC', slots: [slot('mon', '18:00', '22:00')] };
  const withSlot = (s) => ({ ...good, slots: [slot('tue', '10:00', '11:00'), s] });
  const withPrefs = (preferences) => ({ ...good, preferences });
  const cases = [
    // time zones
    [{ ...good, time_zone: 'Mars/Olympus' }, 'time_zone'], [{ ...good, time_zone: 'utc' }, 'time_zone'], [{ ...good, time_zone: '' }, 'time_zone'],
    [{ ...good, time_zone: 'Etc/Unknown' }, 'time_zone'], [{ ...good, time_zone: 'GMT+5' }, 'time_zone'], [{ ...good, time_zone: '+02:00' }, 'time_zone'],
    [{ ...good, time_zone: null }, 'time_zone'], [{ ...good, time_zone: 1 }, 'time_zone'], [{ slots: good.slots }, 'time_zone'],
    // slots
    [{ ...good, slots: null }, 'slots'], [{ ...good, slots: {} }, 'slots'], [{ time_zone: 'UTC' }, 'slots'],
    [withSlot(slot('Mon', '10:00', '11:00')), 'slots[1]'], [withSlot(slot('monday', '10:00', '11:00')), 'slots[1]'],
    [withSlot(slot('mon', '8:00', '11:00')), 'slots[1]'], [withSlot(slot('mon', '08:00', '11:0')), 'slots[1]'],
    [withSlot(slot('mon', '08:60', '11:00')), 'slots[1]'], [withSlot(slot('mon', '24:30', '24:40')), 'slots[1]'],
    [withSlot(slot('mon', '10:00', '25:00')), 'slots[1]'], [withSlot(slot('mon', '-1:00', '11:00')), 'slots[1]'],
    [withSlot(slot('mon', '+9:00', '11:00')), 'slots[1]'], [withSlot(slot('mon', '10h00', '11:00')), 'slots[1]'],
    [withSlot(slot('mon', '11:00', '10:00')), 'slots[1]'], [withSlot(slot('mon', '10:00', '10:00')), 'slots[1]'],
    [withSlot(slot('mon', '10:00', '10:09')), 'slots[1]'], [withSlot(slot('mon', '24:00', '24:00')), 'slots[1]'],
    [withSlot(slot('mon', '22:00', '02:00')), 'slots[1]'],
    [withSlot({ day: 'mon', start: '10:00' }), 'slots[1]'], [withSlot({ day: 'mon', start: '10:00', end: '11:00', note: 'x' }), 'slots[1]'],
    [withSlot({ day: 'mon', start: 600, end: 660 }), 'slots[1]'], [withSlot({ day: 0, start: '10:00', end: '11:00' }), 'slots[1]'],
    [withSlot('mon 10-11'), 'slots[1]'], [withSlot(null), 'slots[1]'],
    [{ ...good, slots: Array.from({ length: 51 }, () => slot('mon', '10:00', '11:00')) }, 'slots'],
    // preferences
    [withPrefs({ likes: ['no_such_tag'] }), 'preferences.likes'], [withPrefs({ likes: 'walk_and_talk' }), 'preferences.likes'],
    [withPrefs({ likes: [1] }), 'preferences.likes'], [withPrefs({ dislikes: ['walk_and_talk', 'nope'] }), 'preferences.dislikes'],
    [withPrefs({ dislikes: null }), 'preferences.dislikes'], [withPrefs({ budget: 'high' }), 'preferences.budget'],
    [withPrefs({ budget: 0 }), 'preferences.budget'], [withPrefs({ energy: 'none' }), 'preferences.energy'],
    [withPrefs({ energy: null }), 'preferences.energy'], [withPrefs({ colour: 'red' }), 'preferences.colour'],
    [withPrefs(null), 'preferences'], [withPrefs([]), 'preferences'], [withPrefs('cheap'), 'preferences'],
    // the body
    [{ ...good, zone: 'UTC' }, 'zone'],
  ];

  test('each is 422 naming the field, and my free times, preferences and our shared time stay as they were', async () => {
    const [a, b] = await couple(server.url);
    await setFree(a, 'Europe/Paris', [slot('wed', '19:00', '22:00')], { likes: ['date_night'], budget: 'low' });
    await setFree(b, 'Europe/Paris', [slot('wed', '20:00', '23:00')]);
    const before = await mine(a);
    for (const [body, field] of cases) {
      assertProblem(await a.put(AVAILABILITY, body), 422, 'invalid-field', field);
    }
    assertProblem(await a.put(AVAILABILITY, [good]), 422, 'invalid-field');
    assertProblem(await a.request('PUT', AVAILABILITY, { body: '{"time_zone": "UTC",', headers: { 'content-type': 'application/json' } }), 400, 'malformed-json');
    assertProblem(await a.request('PUT', AVAILABILITY, { body: JSON.stringify(good), headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    assertProblem(await a.request('PUT', AVAILABILITY), 400, 'malformed-json');
    assertProblem(await a.put(AVAILABILITY, good, { headers: { origin: 'https://elsewhere.example' } }), 403, 'cross-site-request');
    assertProblem(await a.fresh().put(AVAILABILITY, good), 401, 'not-authenticated');
    assert.deepEqual(await mine(a), before, 'nothing changed');
    assert.deepEqual((await mine(b)).shared_free_time, [slot('wed', '20:00', '22:00')]);
  });

  test('the edges that are fine: 50 slots, 10 minutes, 00:00 to 24:00, a tag both liked and disliked', async () => {
    const p = await register(server.url, 'Edges');
    assert.equal((await setFree(p, 'UTC', Array.from({ length: 50 }, () => slot('mon', '10:00', '11:00')))).slots.length, 50);
    assert.deepEqual((await setFree(p, 'UTC', [slot('tue', '23:50', '24:00')])).slots, [slot('tue', '23:50', '24:00')]);
    assert.deepEqual((await setFree(p, 'UTC', everyDay('00:00', '24:00'))).shared_free_time, everyDay('00:00', '24:00'));
    const both = await setFree(p, 'UTC', [], { likes: ['quality_time'], dislikes: ['quality_time'] });
    assert.deepEqual([both.preferences.likes, both.preferences.dislikes], [['quality_time'], ['quality_time']]);
  });
});
