// The cause profile (docs/API.md, "Cause profile"): every cause of content/causes.toml, ranked;
// levels by strength (likely ≥ 60, possible ≥ 40); causes without evidence not measured and naming
// the instruments to take; evidence from my results, my partner's only from a shared round, and the
// couple's conflict record; demand–withdraw roles named in the evidence text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, registerMany, pair } from './client.mjs';
import { CAUSES, content, contentInstrument, fullAnswers, everywhere, ok, take } from './assessment-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const person = (name) => register(server.url, name);
const instrumentIds = () => Object.values(content().instruments).sort((a, b) => a.order - b.order).map((c) => c.id);
/** Instruments with a subscale linked to cause `id`, in order. */
const linkedTo = (id) => instrumentIds().filter((i) => contentInstrument(i).subscales.some((s) => (s.causes ?? []).includes(id)));
const sorted = (xs) => [...xs].sort();

/** The answers that put every area of `ci` on its easy side (`good`) or its hard side. */
function extreme(ci, good) {
  const plan = Object.fromEntries(ci.subscales.map((s) => {
    const better = (s.higher_is ?? 'better') === 'better';
    return [s.id, good === better ? ci.max : ci.min];
  }));
  return fullAnswers(ci, plan);
}

async function profile(who) {
  const res = await ok(who.get(CAUSES));
  return res.body;
}

/**
 * Checks a profile against the content and the rules of the contract; `taken` maps each
 * instrument this person has submitted to the submitted_at of their latest attempt.
 */
function checkProfile(body, taken) {
  const causes = content().causes;
  assert.ok(causes.length > 0, 'content/causes.toml has causes');
  assert.deepEqual(sorted(body.causes.map((c) => c.id)), sorted(causes.map((c) => c.id)), 'every cause of the content, once');
  assert.deepEqual(body.causes.map((c) => c.rank), body.causes.map((_, k) => k + 1), 'ranks 1, 2, 3, … in order');
  let seenUnmeasured = false;
  let last = Infinity;
  for (const c of body.causes) {
    const cc = causes.find((x) => x.id === c.id);
    assert.equal(c.title, cc.title);
    assert.equal(c.explanation, cc.explanation);
    assert.deepEqual(c.practice_tags, (cc.practice_tags ?? []).map((t) => ({ id: t, title: content().tags[t] })), `${c.id} practice tags`);
    const linked = linkedTo(c.id);
    const notTaken = linked.filter((i) => !(i in taken));
    if (c.level === 'not_measured') {
      seenUnmeasured = true;
      assert.equal(c.strength, null, `${c.id}: not measured has no strength`);
      assert.deepEqual(c.evidence, [], `${c.id}: not measured has no evidence`);
      assert.deepEqual(sorted(c.measure_with), sorted(notTaken), `${c.id}: names the instruments to take`);
      assert.ok(linked.length === 0 || c.measure_with.length > 0, `${c.id}: names at least one instrument`);
    } else {
      assert.ok(!seenUnmeasured, `${c.id}: measured causes come before the unmeasured ones`);
      assert.equal(typeof c.strength, 'number', `${c.id} strength`);
      assert.ok(c.strength <= last, `${c.id}: ranked by strength (${c.strength} after ${last})`);
      last = c.strength;
      const level = c.strength >= 60 ? 'likely' : c.strength >= 40 ? 'possible' : 'less_likely';
      assert.equal(c.level, level, `${c.id}: level of strength ${c.strength}`);
      assert.ok(c.evidence.length > 0, `${c.id}: a measured cause shows its evidence`);
      for (const i of c.measure_with) assert.ok(linked.includes(i), `${c.id}: ${i} measures it`);
    }
    for (const e of c.evidence) {
      assert.ok(e.text.length > 0 && e.source.length > 0);
      if (e.value !== null) assert.ok(e.value >= 0 && e.value <= 100, `${c.id}: evidence value ${e.value}`);
    }
    // A cause linked to an instrument I have taken is measured.
    if (linked.some((i) => i in taken)) assert.notEqual(c.level, 'not_measured', `${c.id} is measured by ${linked.filter((i) => i in taken)}`);
  }
  assert.deepEqual(
    sorted(body.based_on.map((b) => `${b.instrument} ${b.submitted_at}`)),
    sorted(Object.entries(taken).map(([i, t]) => `${i} ${t}`)),
    'based on my latest attempt of each instrument I took',
  );
  assert.ok(body.note.length > 0);
}

describe('the causes, ranked', () => {
  test('nothing taken: every cause not measured, naming the instruments that would measure it', async () => {
    const body = await profile(await person('Blank'));
    checkProfile(body, {});
    assert.ok(body.causes.every((c) => c.level === 'not_measured'));
  });

  test('each finished instrument measures its causes; answers on the hard side make them stronger', async () => {
    const [good, poor] = await Promise.all([person('Easy'), person('Hard')]);
    const taken = { good: {}, poor: {} };
    for (const id of instrumentIds()) {
      const ci = contentInstrument(id);
      const [g, p] = await Promise.all([take(good, id, extreme(ci, true)), take(poor, id, extreme(ci, false))]);
      taken.good[id] = g.latest.submitted_at;
      taken.poor[id] = p.latest.submitted_at;
      const [gp, pp] = await Promise.all([profile(good), profile(poor)]);
      checkProfile(gp, taken.good);
      checkProfile(pp, taken.poor);
    }
    const [gp, pp] = await Promise.all([profile(good), profile(poor)]);
    for (const c of pp.causes) {
      const g = gp.causes.find((x) => x.id === c.id);
      if (c.level === 'not_measured') continue;
      assert.ok(c.strength > g.strength, `${c.id}: ${c.strength} (hard answers) > ${g.strength} (easy answers)`);
      for (const e of c.evidence) assert.notEqual(e.whose, 'partner', 'no partner');
    }
    assert.ok(pp.causes.some((c) => c.level === 'likely'), 'hard answers make some cause likely');
    assert.ok(gp.causes.every((c) => c.level !== 'likely'), 'easy answers make none likely');
  });

  test('a retake replaces the evidence: the profile follows my latest attempt', async () => {
    const who = await person('Later');
    const ci = contentInstrument('habits');
    await take(who, 'habits', extreme(ci, false));
    const before = await profile(who);
    const r = await take(who, 'habits', extreme(ci, true));
    const after = await profile(who);
    checkProfile(after, { habits: r.latest.submitted_at });
    for (const c of after.causes.filter((x) => x.level !== 'not_measured')) {
      assert.ok(c.strength < before.causes.find((x) => x.id === c.id).strength, `${c.id} weaker after easier answers`);
    }
  });
});

describe('demand–withdraw and the partner', () => {
  let pat, quin, ria;
  /** Conflict answers: everything in the middle except pursuing and withdrawing. */
  const conflictAnswers = (pursue, withdraw) => {
    const ci = contentInstrument('conflict');
    return fullAnswers(ci, { ...everywhere(ci, 3), i_pursue: pursue, i_withdraw: withdraw });
  };
  const texts = (body, whose) => body.causes.flatMap((c) => c.evidence.filter((e) => e.whose === whose).map((e) => e.text));
  before(async () => {
    [pat, quin, ria] = await registerMany(server.url, ['Pat', 'Quin', 'Ria']);
    await pair(pat, quin);
  });

  test('I pursue strongly: my evidence names the roles ("you tend to pursue, your partner to withdraw")', async () => {
    const r = await take(pat, 'conflict', conflictAnswers(5, 1));
    const body = await profile(pat);
    checkProfile(body, { conflict: r.latest.submitted_at });
    const mine = texts(body, 'mine');
    assert.ok(mine.some((t) => /\byou\b[^.]*\bpursu/i.test(t) && /partner[^.]*withdraw/i.test(t)), `roles named: ${JSON.stringify(mine)}`);
    assert.deepEqual(texts(body, 'partner'), [], 'nothing of Quin before a shared round');
    // Ria, alone, who withdraws: her own role, nothing of anyone else.
    await take(ria, 'conflict', conflictAnswers(1, 5));
    const rias = await profile(ria);
    assert.ok(texts(rias, 'mine').some((t) => /\byou\b[^.]*\bwithdraw/i.test(t)), JSON.stringify(texts(rias, 'mine')));
    assert.deepEqual(texts(rias, 'partner'), []);
  });

  test('once Quin (who withdraws) has finished the round, each sees the other\'s view of the roles', async () => {
    const before = await profile(quin);
    assert.deepEqual(texts(before, 'partner'), [], "Quin sees nothing of Pat's before answering");
    const r = await take(quin, 'conflict', conflictAnswers(1, 5));
    const q = await profile(quin);
    checkProfile(q, { conflict: r.latest.submitted_at });
    assert.ok(texts(q, 'mine').some((t) => /\byou\b[^.]*\bwithdraw/i.test(t) && /partner[^.]*pursu/i.test(t)), JSON.stringify(texts(q, 'mine')));
    assert.ok(texts(q, 'partner').length > 0, "Pat's answers now count, marked as the partner's");
    assert.ok([...texts(q, 'partner'), ...texts(q, 'ours')].some((t) => /pursu/i.test(t) && /withdraw/i.test(t)), 'the partner\'s view of the roles');
    const p = await profile(pat);
    assert.ok(texts(p, 'partner').length > 0);
    assert.ok([...texts(p, 'partner'), ...texts(p, 'ours')].some((t) => /pursu/i.test(t) && /withdraw/i.test(t)));
    // Ria is no one's partner: still only her own.
    assert.deepEqual(texts(await profile(ria), 'partner'), []);
  });
});

describe('the conflict record', () => {
  test('conversations closed without agreement are the couple\'s evidence, marked ours; a stranger gets none', async () => {
    const [una, vic, wes, xan] = await registerMany(server.url, ['Una', 'Vic', 'Wes', 'Xan']);
    await Promise.all([pair(una, vic), pair(wes, xan)]);
    for (let k = 0; k < 4; k++) {
      const c = await una.post('/api/v1/conflicts', { topic: `Unsettled ${k}` });
      assert.equal(c.status, 201, c.text);
      assert.equal((await vic.post(`/api/v1/conflicts/${c.body.id}/close`, {})).status, 200);
    }
    for (const who of [una, vic]) {
      const body = await profile(who);
      checkProfile(body, {});
      const ours = body.causes.filter((c) => c.evidence.some((e) => e.whose === 'ours'));
      assert.ok(ours.length > 0, `${who.displayName}: the conflict record counts: ${JSON.stringify(body.causes.map((c) => [c.id, c.level]))}`);
      for (const c of ours) assert.notEqual(c.level, 'not_measured');
    }
    for (const who of [wes, xan]) {
      const body = await profile(who);
      assert.ok(body.causes.every((c) => c.evidence.length === 0), `${who.displayName} has no evidence at all`);
    }
  });
});
