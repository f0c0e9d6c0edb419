// Promises (docs/API.md, "What helps", Promises): one partner promises something small by a day
// (today … 90 days on, in the couple's zone), both see it; either marks it kept (any time) or
// missed (from its due day on), once — 409 already-resolved / not-due-yet otherwise; reliability per
// partner (kept and missed over the last 90 days, open ones, the share kept); every bad field is
// 422 naming it and nothing changes; a stranger can neither read nor mark our promises; my export
// holds only my own. Every response is checked against api/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, assertProblem, hex } from './client.mjs';
import { PROMISES, EXPORT, promisePath, ok, couple, setFree, everyDay, noonZone, localDate, addDays } from './plan-kit.mjs';
import { demoCouple, demoHasDays } from './checkin-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** A paired couple in a zone (A's free times) where it is about noon. */
async function promiseCouple() {
  const zone = noonZone();
  const [a, b] = await couple(server.url, 'Jo', 'Lee');
  await setFree(a, zone, everyDay('19:00', '21:00'));
  return { a, b, zone, today: localDate(zone) };
}
const list = async (who) => (await ok(who.get(PROMISES))).body;

/** The six months up to `today`'s ("YYYY-MM"), oldest first, with the kept and missed of `promises` due in each. */
function monthsOf(today, promises = []) {
  const [y, m] = today.split('-').map(Number);
  const out = [];
  for (let k = 5; k >= 0; k -= 1) {
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    const month = d.toISOString().slice(0, 7);
    const due = promises.filter((p) => p.due.slice(0, 7) === month);
    out.push({ month, kept: due.filter((p) => p.status === 'kept').length, missed: due.filter((p) => p.status === 'missed').length });
  }
  return out;
}
const promise = async (who, text, due) => (await ok(who.post(PROMISES, { text, due }), 201)).body;
const mark = async (who, id, status) => (await ok(who.put(promisePath(id), { status }))).body;

describe('making promises', () => {
  test('201 with the promise; both partners see it, by due date; today is the couple’s', async () => {
    const c = await promiseCouple();
    const empty = await list(c.a);
    assert.equal(empty.today, c.today);
    assert.deepEqual(empty.promises, []);
    const later = await promise(c.a, 'Fix the bike light', addDays(c.today, 5));
    assert.match(later.id, /^[0-9]+$/);
    assert.deepEqual(later, {
      id: later.id, by: c.a.id, is_mine: true, text: 'Fix the bike light', due: addDays(c.today, 5), status: 'open', due_now: false,
      created_at: later.created_at, resolved_at: null,
    });
    assert.ok(Date.parse(later.created_at) > Date.now() - 60000);
    const now = await promise(c.b, 'Call the school', c.today);
    assert.equal(now.due_now, true, 'due today: its day has come');
    assert.equal(now.by, c.b.id);
    const last = await promise(c.a, 'Plan the trip', addDays(c.today, 90));

    const seenByB = await list(c.b);
    assert.deepEqual(seenByB.promises.map((p) => p.id), [now.id, later.id, last.id], 'by due date');
    assert.deepEqual(seenByB.promises.map((p) => p.is_mine), [true, false, false]);
    assert.deepEqual(seenByB.promises[1], { ...later, is_mine: false });
    const seenByA = await list(c.a);
    assert.deepEqual(seenByA.promises, [{ ...now, is_mine: false }, later, last]);
  });

  test('every bad field is 422 naming it and nothing is promised', async () => {
    const c = await promiseCouple();
    await promise(c.a, 'The one that stays', addDays(c.today, 1));
    const before = await list(c.a);
    const cases = [
      [{ text: '', due: c.today }, 'text'], [{ text: '  \n ', due: c.today }, 'text'], [{ text: 'x'.repeat(201), due: c.today }, 'text'],
      [{ text: '😀'.repeat(201), due: c.today }, 'text'], [{ text: null, due: c.today }, 'text'], [{ text: 5, due: c.today }, 'text'], [{ due: c.today }, 'text'],
      [{ text: 'ok', due: addDays(c.today, -1) }, 'due'], [{ text: 'ok', due: addDays(c.today, 91) }, 'due'], [{ text: 'ok', due: '2026-02-30' }, 'due'],
      [{ text: 'ok', due: '2026-13-01' }, 'due'], [{ text: 'ok', due: 'tomorrow' }, 'due'], [{ text: 'ok', due: 20261201 }, 'due'], [{ text: 'ok' }, 'due'],
      [{ text: 'ok', due: c.today, by: c.b.id }, 'by'], [{ text: 'ok', due: c.today, status: 'kept' }, 'status'],
    ];
    for (const [body, field] of cases) assertProblem(await c.a.post(PROMISES, body), 422, 'invalid-field', field);
    assertProblem(await c.a.post(PROMISES, ['ok', c.today]), 422, 'invalid-field');
    assertProblem(await c.a.request('POST', PROMISES, { body: '{"text":"ok"', headers: { 'content-type': 'application/json' } }), 400, 'malformed-json');
    assertProblem(await c.a.request('POST', PROMISES, { body: JSON.stringify({ text: 'ok', due: c.today }), headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    assertProblem(await c.a.post(PROMISES, { text: 'ok', due: c.today }, { headers: { origin: 'https://elsewhere.example' } }), 403, 'cross-site-request');
    assert.deepEqual(await list(c.a), before, 'nothing changed');
  });

  test('the edges that are fine: 200 characters (counted as characters), today, 90 days ahead', async () => {
    const c = await promiseCouple();
    assert.equal((await promise(c.a, 'x'.repeat(200), c.today)).text.length, 200);
    const emoji = '😀'.repeat(200);
    assert.equal((await promise(c.a, emoji, addDays(c.today, 90))).text, emoji, '200 emoji (800 bytes)');
  });

  test('promises need a couple and a login', async () => {
    const alone = await register(server.url, 'Alone');
    assertProblem(await alone.get(PROMISES), 404, 'not-in-couple');
    assertProblem(await alone.post(PROMISES, { text: 'Mine', due: localDate('UTC') }), 404, 'not-in-couple');
    assertProblem(await alone.put(promisePath('1'), { status: 'kept' }), 404, 'not-in-couple');
    const anon = alone.fresh();
    assertProblem(await anon.get(PROMISES), 401, 'not-authenticated');
    assertProblem(await anon.post(PROMISES, { text: 'Mine', due: localDate('UTC') }), 401, 'not-authenticated');
    assertProblem(await anon.put(promisePath('1'), { status: 'kept' }), 401, 'not-authenticated');
    const waiting = await register(server.url, 'Waiting');
    await ok(waiting.post('/api/v1/couple', {}), 201);
    const mine = await promise(waiting, 'Something for later', addDays(localDate('UTC'), 1));
    assert.equal(mine.is_mine, true, 'waiting for a partner is enough');
  });
});

describe('kept or missed', () => {
  test('either partner marks kept any time, missed from the due day on, once', async () => {
    const c = await promiseCouple();
    const soon = await promise(c.a, 'Water the plants', addDays(c.today, 3));
    const due = await promise(c.a, 'Take out the bins', c.today);
    const other = await promise(c.b, 'Book the dentist', c.today);

    assertProblem(await c.b.put(promisePath(soon.id), { status: 'missed' }), 409, 'not-due-yet');
    assertProblem(await c.a.put(promisePath(soon.id), { status: 'missed' }), 409, 'not-due-yet');
    const kept = await mark(c.b, soon.id, 'kept'); // early is fine for kept, and my partner may mark mine
    assert.deepEqual({ ...kept, resolved_at: null }, { ...soon, is_mine: false, status: 'kept', resolved_at: null });
    assert.ok(Date.parse(kept.resolved_at) > Date.now() - 60000);
    assert.equal(kept.due_now, false);

    const missed = await mark(c.a, due.id, 'missed');
    assert.equal(missed.status, 'missed');
    assert.equal(missed.due_now, false, 'no longer open');
    assert.equal((await mark(c.a, other.id, 'kept')).status, 'kept', "I may mark my partner's");

    for (const [id, status] of [[soon.id, 'kept'], [soon.id, 'missed'], [due.id, 'kept'], [due.id, 'missed'], [other.id, 'missed']]) {
      assertProblem(await c.b.put(promisePath(id), { status }), 409, 'already-resolved');
    }
    const now = await list(c.b);
    assert.deepEqual(now.promises.map((p) => [p.id, p.status]), [[due.id, 'missed'], [other.id, 'kept'], [soon.id, 'kept']]);
  });

  test('bad statuses and unknown promises change nothing', async () => {
    const c = await promiseCouple();
    const p = await promise(c.a, 'Make pancakes', c.today);
    const before = await list(c.a);
    for (const [body, field] of [[{ status: 'open' }, 'status'], [{ status: 'done' }, 'status'], [{ status: 'KEPT' }, 'status'], [{ status: null }, 'status'],
      [{}, 'status'], [{ status: 'kept', note: 'yay' }, 'note']]) {
      assertProblem(await c.a.put(promisePath(p.id), body), 422, 'invalid-field', field);
    }
    for (const id of ['1', '0', 'abc', `${p.id}0`, '-1']) assertProblem(await c.a.put(promisePath(id), { status: 'kept' }), 404, 'no-such-promise');
    assert.deepEqual(await list(c.a), before);
  });
});

describe('reliability', () => {
  test('per partner: kept, missed, open and the share kept (two decimals), null before any is marked', async () => {
    const c = await promiseCouple();
    const r0 = (await list(c.a)).reliability;
    const none = monthsOf(c.today);
    assert.equal(none.length, 6);
    assert.equal(none[5].month, c.today.slice(0, 7));
    assert.deepEqual(r0, [
      { id: c.a.id, display_name: c.a.displayName, is_me: true, kept: 0, missed: 0, open: 0, share_kept: null, months: none },
      { id: c.b.id, display_name: c.b.displayName, is_me: false, kept: 0, missed: 0, open: 0, share_kept: null, months: none },
    ]);
    const ps = [];
    for (const k of [0, 1, 2]) ps.push(await promise(c.a, `Small thing ${k}`, c.today));
    await promise(c.a, 'Later thing', addDays(c.today, 10));
    await promise(c.b, 'B thing', addDays(c.today, 1));
    await mark(c.b, ps[0].id, 'kept');
    await mark(c.a, ps[1].id, 'kept');
    await mark(c.b, ps[2].id, 'missed');
    const seenByB = (await list(c.b)).reliability;
    const thisMonth = none.map((m, i) => (i === 5 ? { ...m, kept: 2, missed: 1 } : m));
    assert.deepEqual(seenByB, [
      { id: c.a.id, display_name: c.a.displayName, is_me: false, kept: 2, missed: 1, open: 1, share_kept: 0.67, months: thisMonth },
      { id: c.b.id, display_name: c.b.displayName, is_me: true, kept: 0, missed: 0, open: 1, share_kept: null, months: none },
    ]);
  });

  test('on the demo couple, reliability is what the list of promises says', async (t) => {
    if (!(await demoHasDays())) return t.skip('this build has no `hearth demo --days`');
    const demo = await demoCouple(1);
    try {
      for (const [me, other] of [[demo.maya, demo.daniel], [demo.daniel, demo.maya]]) {
        const { today, promises, reliability } = await list(me);
        assert.ok(promises.length >= 4, 'the demo has promises');
        const expected = [demo.maya, demo.daniel].map((who) => {
          const own = promises.filter((p) => p.by === who.id);
          const counted = own.filter((p) => p.status !== 'open' && p.due >= addDays(today, -90));
          const kept = counted.filter((p) => p.status === 'kept').length;
          const missed = counted.length - kept;
          return {
            id: who.id, display_name: who.displayName, is_me: who === me, kept, missed, open: own.filter((p) => p.status === 'open').length,
            share_kept: counted.length ? Math.round((kept / counted.length) * 100) / 100 : null,
            months: monthsOf(today, own),
          };
        });
        assert.deepEqual(reliability, expected, `${me.displayName}'s view`);
        assert.deepEqual(promises.map((p) => p.is_mine), promises.map((p) => p.by === me.id));
        assert.deepEqual(promises.map((p) => p.due), promises.map((p) => p.due).sort(), 'by due date');
        assert.deepEqual(promises.map((p) => p.due_now), promises.map((p) => p.status === 'open' && p.due <= today));
        assert.ok(other.id !== me.id);
      }
    } finally {
      await demo.server.stop();
    }
  });

  test('alone in a couple: only my own line', async () => {
    const p = await register(server.url, 'Waiting');
    await ok(p.post('/api/v1/couple', {}), 201);
    const r = (await list(p)).reliability;
    assert.deepEqual(r, [{ id: p.id, display_name: p.displayName, is_me: true, kept: 0, missed: 0, open: 0, share_kept: null, months: monthsOf(localDate('UTC')) }]);
  });
});

describe('who sees what', () => {
  test('a stranger can neither read nor mark our promises; my export holds only my own', async () => {
    const c = await promiseCouple();
    const textA = `A promises ${hex(6)}`;
    const textB = `B promises ${hex(6)}`;
    const pa = await promise(c.a, textA, c.today);
    await promise(c.b, textB, addDays(c.today, 2));

    const stranger = await register(server.url, 'Stranger');
    await ok(stranger.post('/api/v1/couple', {}), 201);
    for (const status of ['kept', 'missed']) assertProblem(await stranger.put(promisePath(pa.id), { status }), 404, 'no-such-promise');
    const theirs = await list(stranger);
    assert.deepEqual(theirs.promises, []);
    for (const res of [await stranger.get(PROMISES), await stranger.get(EXPORT), await stranger.get('/api/v1/plan.ics')]) {
      for (const t of [textA, textB]) assert.ok(!res.text.includes(t), `${res.method} ${res.path} shows our promise`);
    }
    const loner = await register(server.url, 'Loner');
    assertProblem(await loner.put(promisePath(pa.id), { status: 'kept' }), 404, 'not-in-couple');
    assert.equal((await list(c.a)).promises.find((p) => p.id === pa.id).status, 'open', 'still open');

    const exportA = await ok(c.a.get(EXPORT));
    assert.deepEqual(exportA.body.practice.promises.map((p) => [p.text, p.due, p.status]), [[textA, c.today, 'open']]);
    assert.ok(!exportA.text.includes(textB), "my partner's promise is not in my export");
    const exportB = await ok(c.b.get(EXPORT));
    assert.deepEqual(exportB.body.practice.promises.map((p) => p.text), [textB]);
    assert.ok(!exportB.text.includes(textA));
  });
});
