// Who may see whose check-ins (docs/API.md, "Daily check-in, insights …"; docs/PRIVACY.md): the
// partner sees only the shared measures (connection, closeness, affection, minutes together,
// focused minutes, tech interference), never mood, stress or self-care, and an appreciation only
// when its author shared it; only while both are in the couple the check-in was made in (not check-ins
// made alone before pairing, not after one of them leaves, not when the same two pair again); a
// stranger sees nothing; GET /checkins (JSON and CSV) is always only mine. Looked for in the raw
// JSON of every route a person can call, with distinctive appreciation texts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { startServer } from '../support/server.mjs';
import { registerMany, pair, hex } from './client.mjs';
import {
  CHECKINS, INSIGHTS, CYCLE, JOURNEY, EXPORT, SHARED, answers, checkIn, ok, allCheckins, sharedOf, valuesOf,
} from './checkin-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const people = (...names) => registerMany(server.url, names);
const secret = (what) => `${what}-${hex(6)}`;

/** Every check-in related answer `who` can get, plus their export, /me and /couple. */
async function everything(who) {
  return Promise.all([
    ...['7', '30', '90'].map((d) => ok(who.get(`${INSIGHTS}?days=${d}`))),
    ok(who.get(`${INSIGHTS}?days=7&time_zone=Pacific%2FKiritimati`)),
    ok(who.get(CYCLE)), ok(who.get(JOURNEY)), ok(who.get(CHECKINS)), ok(who.get(`${CHECKINS}?format=csv`)),
    ok(who.get(EXPORT)), ok(who.get('/api/v1/me')),
  ]);
}

/** Asserts none of `texts` appears in anything `who` can read. */
async function assertUnseen(who, texts, what) {
  for (const res of await everything(who)) {
    for (const t of texts) assert.ok(!res.text.includes(t), `${who.displayName}: ${res.method} ${res.path} shows ${what} "${t}": ${res.text.slice(0, 300)}`);
  }
}

/** The partner parts of an Insights body: every series entry, the averages, the previous ones. */
const partnerParts = (body) => [...body.series.map((d) => d.partner), body.averages.partner, body.previous.partner].filter((x) => x !== null);

/** Asserts that `who` sees nothing at all of a partner's check-ins. */
async function assertNoPartnerCheckins(who) {
  for (const days of [7, 30, 90]) {
    const { body } = await ok(who.get(`${INSIGHTS}?days=${days}`));
    assert.deepEqual(partnerParts(body), [], `${who.displayName}: no partner values (${days} days)`);
    assert.equal(body.weekly.partner_checkins, 0);
    assert.deepEqual(body.appreciations.filter((a) => a.from === 'partner'), []);
  }
  const { body: journey } = await ok(who.get(JOURNEY));
  assert.deepEqual(journey.events.filter((e) => e.kind === 'checkin_milestone' && e.who === 'partner'), [], 'no partner milestones');
}

describe('a couple', () => {
  let p;
  let q;
  let pCheckin;
  const privateLine = secret('PRIVATE appreciation');
  before(async () => {
    [p, q] = await people('Pia', 'Quinn');
    await pair(p, q);
    pCheckin = await checkIn(p, answers({
      connection: 9, closeness: 8, affection: 7, minutes_together: 123, focused_minutes: 45, tech_interference: 2,
      mood: 1, stress: 5, self_care: true, appreciation: { text: privateLine, shared: false },
    }));
  });

  test('the partner sees the shared measures, never mood, stress or self-care', async () => {
    const { body } = await ok(q.get(`${INSIGHTS}?days=7`));
    assert.deepEqual(body.partner, { id: p.id, display_name: p.displayName });
    const day = body.series.find((d) => d.date === pCheckin.date);
    assert.deepEqual(day, { date: pCheckin.date, me: null, partner: sharedOf(pCheckin) });
    assert.deepEqual(body.averages.partner, sharedOf(pCheckin));
    for (const part of partnerParts(body)) assert.deepEqual(Object.keys(part).sort(), [...SHARED].sort());
    // Quinn never checked in: nothing in what Quinn can read names a private measure at all.
    for (const res of await everything(q)) {
      if (res.path.includes('format=csv')) {
        assert.equal(parseCsv(res.text).length, 1, 'my CSV, the header alone');
        continue;
      }
      assert.doesNotMatch(res.text, /"(mood|stress|self_care)"/, `${res.method} ${res.path}: ${res.text.slice(0, 300)}`);
    }
    // Pia sees all of her own.
    const own = await ok(p.get(`${INSIGHTS}?days=7`));
    assert.deepEqual(own.body.series.find((d) => d.date === pCheckin.date).me, valuesOf(pCheckin));
    assert.deepEqual(own.body.averages.me, { ...valuesOf(pCheckin), self_care: 1 });
  });

  test('a private appreciation never reaches the partner; a shared one does, from "partner"', async () => {
    await assertUnseen(q, [privateLine], 'a private appreciation');
    const mine = await ok(p.get(`${INSIGHTS}?days=7`));
    assert.deepEqual(mine.body.appreciations, [{ date: pCheckin.date, from: 'me', text: privateLine, shared: false }], 'the author sees it');

    const sharedLine = secret('SHARED appreciation');
    await checkIn(p, answers({ ...valuesOf(pCheckin), appreciation: { text: sharedLine, shared: true } }), 200);
    for (const days of [7, 30, 90]) {
      const { body } = await ok(q.get(`${INSIGHTS}?days=${days}`));
      assert.deepEqual(body.appreciations, [{ date: pCheckin.date, from: 'partner', text: sharedLine, shared: true }]);
    }
    // Made private again the same day: gone for the partner.
    const again = secret('PRIVATE again');
    await checkIn(p, answers({ ...valuesOf(pCheckin), appreciation: { text: again, shared: false } }), 200);
    await assertUnseen(q, [again, privateLine, sharedLine], 'an appreciation made private');
    assert.deepEqual((await ok(q.get(`${INSIGHTS}?days=30`))).body.appreciations, []);
  });

  test('the cycle and the journey hold only shared measures and milestones, no appreciation', async () => {
    const { body: cycle } = await ok(q.get(CYCLE));
    const point = cycle.series.find((d) => d.date === pCheckin.date);
    assert.deepEqual(point, { date: pCheckin.date, closeness: 8, affection: 7 }, "the couple's mean is Pia's alone");
    const { body: journey } = await ok(q.get(JOURNEY));
    const milestones = journey.events.filter((e) => e.kind === 'checkin_milestone');
    assert.deepEqual(milestones.map((e) => [e.who, e.title]), [['partner', `${p.displayName}'s 1st check-in`]]);
  });

  test('GET /checkins is always only mine, as JSON and as CSV', async () => {
    const qLine = secret('QUINN shared');
    const qCheckin = await checkIn(q, answers({ connection: 3, time_zone: 'Europe/Lisbon', appreciation: { text: qLine, shared: true } }));
    const [pList, qList] = await Promise.all([allCheckins(p), allCheckins(q)]);
    assert.deepEqual(pList.map((c) => [c.date, c.connection]), [[pCheckin.date, 9]]);
    assert.deepEqual(qList, [qCheckin]);
    for (const [who, line, theirs] of [[p, qLine, 'Europe/Lisbon'], [q, privateLine, null]]) {
      for (const query of ['', '?from=2000-01-01&to=2009-12-31', `?from=${pCheckin.date}&to=${pCheckin.date}`, '?format=csv',
        `?format=csv&from=${qCheckin.date}&to=${qCheckin.date}`]) {
        const res = await ok(who.get(`${CHECKINS}${query}`));
        assert.ok(!res.text.includes(line), `${who.displayName} ${query}: the other's appreciation`);
        if (theirs) assert.ok(!res.text.includes(theirs), `${who.displayName} ${query}: the other's check-in`);
      }
    }
    const csv = parseCsv((await ok(p.get(`${CHECKINS}?format=csv`))).text);
    assert.deepEqual(csv.slice(1).map((r) => [r[0], r[1]]), [[pCheckin.date, '9']]);
    // Pia sees Quinn's shared appreciation in her insights, and Quinn's shared measures.
    const { body } = await ok(p.get(`${INSIGHTS}?days=7`));
    assert.ok(body.appreciations.some((a) => a.from === 'partner' && a.text === qLine));
  });

  test('a stranger (with a partner of their own) sees nothing of the couple', async () => {
    const [s, t] = await people('Sol', 'Tam');
    await pair(s, t);
    await checkIn(t, answers({ closeness: 2 }));
    await assertUnseen(s, [privateLine, p.displayName, q.displayName, p.id, q.id, p.email, q.email], 'the other couple');
    const { body } = await ok(s.get(`${INSIGHTS}?days=7`));
    assert.deepEqual(body.partner, { id: t.id, display_name: t.displayName });
    assert.deepEqual(partnerParts(body).map((x) => x.closeness), [2, 2], "only Tam's check-in: the day and the average");
    assert.deepEqual(await allCheckins(s), []);
  });
});

test('check-ins made alone, before pairing, are not shown to the partner', async () => {
  const [p, q] = await people('Early', 'Later');
  const alone = secret('ALONE shared');
  const before = await checkIn(p, answers({ closeness: 10, appreciation: { text: alone, shared: true } }));
  await pair(p, q);
  const { body } = await ok(q.get(`${INSIGHTS}?days=7`));
  assert.deepEqual(body.partner, { id: p.id, display_name: p.displayName }, 'paired');
  await assertNoPartnerCheckins(q);
  await assertUnseen(q, [alone], 'an appreciation written alone');
  assert.equal((await ok(q.get(CYCLE))).body.series.find((d) => d.date === before.date)?.closeness ?? null, null);
  // Still there for its author.
  assert.deepEqual((await ok(p.get(`${INSIGHTS}?days=7`))).body.series.find((d) => d.date === before.date).me, valuesOf(before));
});

test('after one leaves, neither sees the other\'s check-ins; pairing again does not bring them back', async () => {
  const [p, q] = await people('Stays', 'Leaves');
  await pair(p, q);
  const pLine = secret('STAYS shared');
  const qLine = secret('LEAVES shared');
  const pc = await checkIn(p, answers({ closeness: 9, appreciation: { text: pLine, shared: true } }));
  const qc = await checkIn(q, answers({ closeness: 1, appreciation: { text: qLine, shared: true } }));
  // While paired, each sees the other's shared measures and line.
  assert.deepEqual((await ok(p.get(`${INSIGHTS}?days=7`))).body.series.find((d) => d.date === qc.date).partner, sharedOf(qc));
  assert.ok((await ok(q.get(`${INSIGHTS}?days=7`))).text.includes(pLine));

  assert.equal((await q.delete('/api/v1/couple/membership')).status, 204);
  for (const [who, other, line] of [[p, q, qLine], [q, p, pLine]]) {
    const { body } = await ok(who.get(`${INSIGHTS}?days=7`));
    assert.equal(body.partner, null, `${who.displayName} has no partner`);
    await assertNoPartnerCheckins(who);
    await assertUnseen(who, [line, other.displayName], "the former partner's check-in");
    const { body: journey } = await ok(who.get(JOURNEY));
    assert.deepEqual(journey.events.filter((e) => e.who !== 'me').map((e) => e.kind), [], 'no partner or couple events');
  }
  // Each keeps their own.
  assert.deepEqual(await allCheckins(p), [pc]);
  assert.deepEqual(await allCheckins(q), [qc]);

  // The same two pair again (the one who stayed invites, into the same couple): what was written in
  // the old couple stays out of sight.
  await pair(p, q);
  for (const [who, line] of [[p, qLine], [q, pLine]]) {
    const { body } = await ok(who.get(`${INSIGHTS}?days=7`));
    assert.ok(body.partner, 'paired again');
    await assertNoPartnerCheckins(who);
    await assertUnseen(who, [line], "a check-in of the couple's earlier time");
  }
});

test('after a partner deletes their account, nothing of their check-ins remains', async () => {
  const [p, q] = await people('Remains', 'Deletes');
  await pair(p, q);
  const line = secret('DELETED shared');
  await checkIn(q, answers({ appreciation: { text: line, shared: true } }));
  assert.ok((await ok(p.get(`${INSIGHTS}?days=7`))).text.includes(line));
  assert.equal((await q.delete('/api/v1/me', { password: q.password })).status, 204);
  await assertNoPartnerCheckins(p);
  await assertUnseen(p, [line, q.displayName], 'a deleted partner');
});

test('my export holds my own check-ins (docs/PRIVACY.md: "the person\'s own data")', async () => {
  const [p] = await people('Exporter');
  const line = secret('EXPORT mine');
  await checkIn(p, answers({ appreciation: { text: line, shared: false } }));
  const res = await ok(p.get(EXPORT));
  assert.ok(res.text.includes(line), 'my check-in is in my export');
});
