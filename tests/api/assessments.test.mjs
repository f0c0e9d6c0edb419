// Assessments (docs/API.md, "Assessments, the couple report and the cause profile"), for one person:
// the list and the instruments as the content files say; answering privately, saving part of an
// attempt and resuming it; submitting; scores computed by hand and by a reference scorer that
// follows content/instruments/README.md; bands, the ideal gap, the map; retakes with history and
// change; and bad input, each refused with a problem that changes nothing (proven by reading
// everything before and after). Every response is also checked against api/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, assertProblem } from './client.mjs';
import {
  INSTRUMENTS, instrumentPath, answersPath, submitPath, resultsPath, content, contentInstrument,
  referenceScores, referenceBand, answersFor, everywhere, fullAnswers, round1, isOneDecimal, ok,
  getInstrument, getDraft, save, take,
} from './assessment-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const JSON_TYPE = { 'content-type': 'application/json' };
const person = (name) => register(server.url, name);
const byOrder = () => Object.values(content().instruments).sort((a, b) => a.order - b.order).map((c) => c.id);
const sorted = (xs) => [...xs].sort();

/** Everything one person can read about instrument `id`: draft, instrument, results, list. */
async function everything(who, id) {
  const reads = await Promise.all([who.get(answersPath(id)), who.get(instrumentPath(id)), who.get(resultsPath(id)), who.get(INSTRUMENTS)]);
  return reads.map((r) => ({ path: r.path, status: r.status, body: r.body }));
}

/** Runs `act` (which makes refused requests and checks them) and proves nothing changed. */
async function unchanged(who, id, act) {
  const before = await everything(who, id);
  await act();
  assert.deepEqual(await everything(who, id), before, 'the refused requests changed nothing');
}

/** Checks a Results body against the content and the reference scorer for the attempts given. */
function checkResults(res, ci, history) {
  const latest = history[history.length - 1];
  const previous = history.length > 1 ? history[history.length - 2] : null;
  assert.deepEqual(res.instrument, { id: ci.id, title: ci.title, version: ci.version });
  assert.equal(res.history.length, history.length, 'one attempt per submit');
  assert.deepEqual(res.latest, res.history[res.history.length - 1], 'latest is the last of the history');
  assert.deepEqual(res.previous, res.history.length > 1 ? res.history[res.history.length - 2] : null);
  assert.equal(new Set(res.history.map((a) => a.id)).size, history.length, 'attempt ids differ');
  for (let k = 1; k < res.history.length; k++) {
    assert.ok(res.history[k - 1].submitted_at <= res.history[k].submitted_at, 'history is oldest first');
  }
  res.history.forEach((attempt, k) => {
    assert.equal(attempt.version, ci.version);
    assert.deepEqual(attempt.scores, referenceScores(ci, history[k]), `attempt ${k + 1}: scores as the reference scorer computes them`);
  });
  const want = referenceScores(ci, latest);
  const before = previous && referenceScores(ci, previous);
  assert.deepEqual(res.areas.map((a) => a.subscale), ci.subscales.map((s) => s.id), 'areas in subscale order');
  for (const a of res.areas) {
    const s = ci.subscales.find((x) => x.id === a.subscale);
    assert.equal(a.title, s.title);
    assert.equal(a.description, s.description);
    assert.equal(a.higher_is, s.higher_is ?? 'better');
    assert.equal(a.score, want[s.id].score, `${s.id} score`);
    assert.ok(isOneDecimal(a.score), `${s.id}: ${a.score} has one decimal`);
    assert.deepEqual(a.band, referenceBand(ci, s.id, a.score), `${s.id}: band of ${a.score}`);
    assert.equal(a.ideal, want[s.id].ideal, `${s.id} ideal`);
    assert.equal(a.ideal_gap, a.ideal === null ? null : round1(a.ideal - a.score), `${s.id}: ideal gap = ideal − score`);
    assert.equal(a.change, before ? round1(a.score - before[s.id].score) : null, `${s.id}: change = score − previous score`);
  }
  if (!ci.map) {
    assert.equal(res.map, null);
  } else {
    const x = want[ci.map.x].score;
    const y = want[ci.map.y].score;
    const side = (v) => (v >= ci.map.split ? 'higher' : 'lower');
    const region = ci.map.regions.find((r) => r.x === side(x) && r.y === side(y));
    assert.deepEqual(res.map, {
      x, y, x_subscale: ci.map.x, y_subscale: ci.map.y, region: { label: region.label, meaning: region.meaning }, note: ci.map.note,
    });
  }
}

describe('the list and the instruments', () => {
  let fay;
  before(async () => { fay = await person('Fay'); });

  test('every instrument of content/instruments is listed in order, not started', async () => {
    const { body } = await ok(fay.get(INSTRUMENTS));
    assert.deepEqual(body.instruments.map((i) => i.id), byOrder());
    for (const id of ['signs', 'core', 'habits', 'conflict', 'attachment']) assert.ok(byOrder().includes(id), `${id} is in the content`);
    for (const s of body.instruments) {
      const ci = contentInstrument(s.id);
      assert.deepEqual(
        [s.version, s.order, s.title, s.purpose, s.minutes, s.item_count],
        [ci.version, ci.order, ci.title, ci.purpose, ci.minutes, ci.apiItems.length],
        s.id,
      );
      assert.deepEqual(s.status, { state: 'not_started', answered: 0, total: ci.apiItems.length, attempts: 0, last_submitted_at: null }, s.id);
    }
  });

  test('an instrument is its content file: scale, subscales, items (with ideal twins), map; no draft', async () => {
    for (const id of byOrder()) {
      const inst = await getInstrument(fay, id);
      const ci = contentInstrument(id);
      assert.deepEqual(
        [inst.id, inst.version, inst.order, inst.title, inst.purpose, inst.construct, inst.modelled_on, inst.minutes],
        [ci.id, ci.version, ci.order, ci.title, ci.purpose, ci.construct, ci.modelled_on, ci.minutes],
        id,
      );
      assert.deepEqual(inst.scale, { min: ci.min, max: ci.max, labels: ci.scaleSpec.labels }, `${id} scale`);
      assert.deepEqual(inst.ideal, ci.ideal === true ? { real_label: ci.real_label, ideal_label: ci.ideal_label } : null, `${id} ideal`);
      assert.deepEqual(inst.subscales, ci.subscales.map((s) => ({ id: s.id, title: s.title, description: s.description, higher_is: s.higher_is ?? 'better' })), `${id} subscales`);
      const key = (it) => `${it.id}|${it.subscale}|${it.facet}`;
      assert.deepEqual(sorted(inst.items.map(key)), sorted(ci.apiItems.map(key)), `${id} items`);
      for (const it of inst.items.filter((x) => x.facet === 'real')) assert.equal(it.text, ci.item(it.id).text, `${id} ${it.id} text`);
      for (const it of inst.items) assert.ok(it.text.length > 0);
      if (!ci.map) {
        assert.equal(inst.map, null, `${id} map`);
      } else {
        const region = (r) => `${r.x}|${r.y}|${r.label}|${r.meaning}`;
        assert.deepEqual([inst.map.x, inst.map.y, inst.map.split, inst.map.note], [ci.map.x, ci.map.y, ci.map.split, ci.map.note]);
        assert.deepEqual(sorted(inst.map.regions.map(region)), sorted(ci.map.regions.map(region)));
        assert.deepEqual(sorted(inst.map.regions.map((r) => `${r.x}|${r.y}`)), ['higher|higher', 'higher|lower', 'lower|higher', 'lower|lower']);
      }
      assert.deepEqual(inst.status, { state: 'not_started', answered: 0, total: inst.items.length, attempts: 0, last_submitted_at: null });
      assert.equal(inst.draft, null, `${id}: no draft before any answer`);
    }
  });

  test('core asks each of its 18 statements twice: how it is and how I would like it', async () => {
    const inst = await getInstrument(fay, 'core');
    assert.deepEqual(inst.subscales.map((s) => s.id), ['trust', 'communication', 'acceptance']);
    assert.ok(inst.ideal.real_label && inst.ideal.ideal_label);
    for (const s of ['trust', 'communication', 'acceptance']) {
      const real = inst.items.filter((it) => it.subscale === s && it.facet === 'real').map((it) => it.id);
      assert.deepEqual(sorted(real), sorted([1, 2, 3, 4, 5, 6].map((k) => `${s}_${k}`)), s);
      const ideal = inst.items.filter((it) => it.subscale === s && it.facet === 'ideal').map((it) => it.id);
      assert.deepEqual(sorted(ideal), sorted(real.map((r) => `${r}.ideal`)), `${s} ideal twins`);
    }
    assert.equal(inst.items.length, 36);
    const attachment = await getInstrument(fay, 'attachment');
    assert.ok(attachment.map, 'attachment has a map');
    assert.deepEqual(sorted([attachment.map.x, attachment.map.y]), ['attach_anxiety', 'attach_avoidance']);
    for (const id of ['signs', 'habits', 'conflict', 'attachment']) {
      const inst2 = await getInstrument(fay, id);
      assert.equal(inst2.ideal, null, id);
      assert.ok(inst2.items.every((it) => it.facet === 'real' && !it.id.endsWith('.ideal')), id);
    }
    const subs = async (id) => (await getInstrument(fay, id)).subscales.map((s) => s.id);
    assert.deepEqual(await subs('habits'), ['quality_time', 'tech_interference', 'affection']);
    assert.deepEqual(await subs('conflict'), ['avoidance', 'i_pursue', 'i_withdraw', 'harshness', 'validation', 'repair']);
  });

  test('an unknown instrument → 404 no-such-instrument on every route, and nothing is made', async () => {
    for (const id of ['nope', 'CORE', 'core2', '0', 'core.ideal']) {
      assertProblem(await fay.get(instrumentPath(id)), 404, 'no-such-instrument');
      assertProblem(await fay.get(answersPath(id)), 404, 'no-such-instrument');
      assertProblem(await fay.put(answersPath(id), { answers: { trust_1: 3 } }), 404, 'no-such-instrument');
      assertProblem(await fay.post(submitPath(id), {}), 404, 'no-such-instrument');
      assertProblem(await fay.get(resultsPath(id)), 404, 'no-such-instrument');
    }
    const { body } = await fay.get(INSTRUMENTS);
    assert.deepEqual(body.instruments.map((i) => i.id), byOrder());
    assert.ok(body.instruments.every((i) => i.status.state === 'not_started'));
  });
});

describe('answering privately, resuming, submitting (habits)', () => {
  const ID = 'habits';
  let gus, ci, subs;
  const itemsOf = (s) => ci.apiItems.filter((it) => it.subscale === s).map((it) => it.id);
  before(async () => {
    gus = await person('Gus');
    ci = contentInstrument(ID);
    subs = ci.subscales.map((s) => s.id);
  });

  test('nothing saved yet: an empty draft, no results', async () => {
    const d = await getDraft(gus, ID);
    assert.deepEqual(d.answers, {});
    assert.deepEqual([d.answered, d.total, d.ready], [0, ci.apiItems.length, false]);
    assert.deepEqual(sorted(d.missing), sorted(subs), 'every area still needs answers');
    assertProblem(await gus.get(resultsPath(ID)), 404, 'no-results');
  });

  test('a partial save is merged into the draft, and resumes from anywhere', async () => {
    const [a1, a2, a3] = itemsOf(subs[0]);
    const [b1] = itemsOf(subs[1]);
    let d = await save(gus, ID, { [a1]: 2, [a2]: 4 });
    assert.deepEqual(d.answers, { [a1]: 2, [a2]: 4 });
    assert.equal(d.answered, 2);
    assert.equal(d.ready, false);
    assert.ok(d.updated_at, 'updated_at is set once something is saved');
    d = await save(gus, ID, { [a3]: 5, [b1]: 1 });
    assert.deepEqual(d.answers, { [a1]: 2, [a2]: 4, [a3]: 5, [b1]: 1 }, 'merged: earlier answers stay');
    d = await save(gus, ID, { [a1]: 3, [a2]: null });
    const expected = { [a1]: 3, [a3]: 5, [b1]: 1 };
    assert.deepEqual(d.answers, expected, 'a value overwrites, null clears');
    assert.equal(d.answered, 3);
    assert.deepEqual(sorted(d.missing), sorted(subs));

    assert.deepEqual(await getDraft(gus, ID), d, 'GET answers is what was saved');
    const phone = await gus.anotherDevice();
    assert.deepEqual(await getDraft(phone, ID), d, 'another device resumes the same draft');
    const inst = await getInstrument(phone, ID);
    assert.deepEqual(inst.draft, d, 'the instrument carries the draft, to resume it');
    assert.deepEqual(inst.status, { state: 'in_progress', answered: 3, total: ci.apiItems.length, attempts: 0, last_submitted_at: null });
    const { body } = await ok(phone.get(INSTRUMENTS));
    assert.deepEqual(body.instruments.find((i) => i.id === ID).status, inst.status);
    // The other instruments are untouched.
    for (const other of body.instruments.filter((i) => i.id !== ID)) assert.equal(other.status.state, 'not_started', other.id);
  });

  test('clearing every answer leaves no open attempt', async () => {
    const who = await person('Clear');
    const [a, b] = ci.apiItems.map((it) => it.id);
    await save(who, ID, { [a]: 2, [b]: 3 });
    assert.equal((await getInstrument(who, ID)).status.state, 'in_progress');
    const d = await save(who, ID, { [a]: null, [b]: null });
    assert.deepEqual([d.answers, d.answered, d.ready], [{}, 0, false]);
    const inst = await getInstrument(who, ID);
    assert.equal(inst.draft, null);
    assert.deepEqual(inst.status, { state: 'not_started', answered: 0, total: ci.apiItems.length, attempts: 0, last_submitted_at: null });
  });

  test('submitting too early → 422 incomplete naming the areas, and nothing changes', async () => {
    // Fill the first area completely; the others stay short.
    await save(gus, ID, answersFor(ci, { [subs[0]]: 4 }));
    const d = await getDraft(gus, ID);
    assert.deepEqual(sorted(d.missing), sorted(subs.slice(1)), 'the filled area no longer misses answers');
    await unchanged(gus, ID, async () => {
      for (const body of [{}, undefined]) {
        const res = await gus.request('POST', submitPath(ID), body === undefined ? {} : { json: body });
        assertProblem(res, 422, 'incomplete');
        for (const s of ci.subscales.slice(1)) {
          assert.ok(res.body.detail.includes(s.title) || res.body.detail.includes(s.id), `detail names ${s.id}: ${res.body.detail}`);
        }
      }
    });
    assertProblem(await gus.get(resultsPath(ID)), 404, 'no-results');
  });

  test('with enough answers in every area the draft is ready; submitting scores it at once', async () => {
    const answers = fullAnswers(ci, { [subs[0]]: [5, 4], [subs[1]]: [2, 3, 3], [subs[2]]: 4 });
    const d = await save(gus, ID, answers);
    assert.deepEqual(d.answers, answers, 'every earlier answer was overwritten by this full set');
    assert.deepEqual([d.ready, d.missing, d.answered], [true, [], ci.apiItems.length]);
    const submitted = await gus.post(submitPath(ID), {});
    assert.equal(submitted.status, 201, submitted.text);
    checkResults(submitted.body, ci, [answers]);
    const results = await ok(gus.get(resultsPath(ID)));
    assert.deepEqual(results.body, submitted.body, 'GET results is what the submit answered');

    const empty = await getDraft(gus, ID);
    assert.deepEqual([empty.answers, empty.answered, empty.ready], [{}, 0, false], 'the draft is emptied');
    const inst = await getInstrument(gus, ID);
    assert.equal(inst.draft, null, 'no open attempt after submitting');
    assert.equal(inst.status.state, 'completed');
    assert.equal(inst.status.attempts, 1);
    assert.equal(inst.status.total, ci.apiItems.length);
    assert.equal(inst.status.last_submitted_at, submitted.body.latest.submitted_at);
    const { body } = await ok(gus.get(INSTRUMENTS));
    assert.deepEqual(body.instruments.find((i) => i.id === ID).status, inst.status);
  });

  test('a submit may come without any body', async () => {
    const sci = contentInstrument('signs');
    await save(gus, 'signs', fullAnswers(sci, everywhere(sci, [1, 2, 3])));
    const res = await gus.request('POST', submitPath('signs'));
    assert.equal(res.status, 201, res.text);
    checkResults(res.body, sci, [fullAnswers(sci, everywhere(sci, [1, 2, 3]))]);
  });
});

describe('scores', () => {
  test('reverse-keyed answers are flipped: answering "as if forward" gives (a − min)/(max − min) × 100 everywhere', async () => {
    const who = await person('Flip');
    for (const id of byOrder()) {
      const ci = contentInstrument(id);
      const points = Array.from({ length: ci.max - ci.min + 1 }, (_, k) => ci.min + k);
      const a = points[points.length - 2]; // one below the top: 75.0 on a 1–5 scale
      const r = await take(who, id, fullAnswers(ci, everywhere(ci, a)));
      const want = round1(((a - ci.min) / (ci.max - ci.min)) * 100);
      for (const area of r.areas) {
        assert.equal(area.score, want, `${id}.${area.subscale}`);
        if (ci.ideal === true) assert.deepEqual([area.ideal, area.ideal_gap], [want, 0]);
      }
    }
  });

  test('the same raw answer on every item: reverse items count the other way', async () => {
    const who = await person('Raw');
    for (const id of byOrder()) {
      const ci = contentInstrument(id);
      const raw = Object.fromEntries(ci.apiItems.map((it) => [it.id, ci.max]));
      const r = await take(who, id, raw);
      for (const area of r.areas) {
        const items = ci.apiItems.filter((it) => it.subscale === area.subscale && it.facet === 'real');
        const reversed = items.filter((it) => it.reverse).length;
        // Forward items count max, reversed ones min: mean − min = (n − r)(max − min)/n.
        const want = round1(((items.length - reversed) / items.length) * 100);
        assert.equal(area.score, want, `${id}.${area.subscale}: ${reversed} of ${items.length} reverse-keyed`);
      }
    }
    const ci = contentInstrument('core');
    assert.ok(ci.apiItems.some((it) => it.reverse), 'core has reverse-keyed items (else this proves little)');
  });

  test('core by hand: raw answers, reverse keys (trust_4, communication_5, acceptance_6) and ideal gaps', async () => {
    const ci = contentInstrument('core');
    assert.deepEqual(ci.apiItems.filter((it) => it.reverse && it.facet === 'real').map((it) => it.id), ['trust_4', 'communication_5', 'acceptance_6'],
      'the reverse keys this test was computed with');
    const raw = (prefix, values, suffix = '') => Object.fromEntries(values.map((v, k) => [`${prefix}_${k + 1}${suffix}`, v]));
    const answers = {
      // trust: 5 4 4 [2→4] 5 4 = 26, mean 4.333 → (3.333/4) × 100 = 83.3
      ...raw('trust', [5, 4, 4, 2, 5, 4]),
      // communication: 2 2 3 1 [5→1] 2 = 11, mean 1.833 → 20.8
      ...raw('communication', [2, 2, 3, 1, 5, 2]),
      // acceptance: 3 3 3 3 3 [1→5] = 20, mean 3.333 → 58.3
      ...raw('acceptance', [3, 3, 3, 3, 3, 1]),
      // ideal trust: 5 5 5 [1→5] 5 5 = 30 → 100.0
      ...raw('trust', [5, 5, 5, 1, 5, 5], '.ideal'),
      // ideal communication: 4 5 4 5 [2→4] 5 = 27, mean 4.5 → 87.5
      ...raw('communication', [4, 5, 4, 5, 2, 5], '.ideal'),
      // ideal acceptance: 5 4 4 5 5 [1→5] = 28, mean 4.667 → 91.7
      ...raw('acceptance', [5, 4, 4, 5, 5, 1], '.ideal'),
    };
    const who = await person('Hand');
    const r = await take(who, 'core', answers);
    // The gap is ideal − score as shown: 91.7 − 58.3 = 33.4.
    const got = Object.fromEntries(r.areas.map((a) => [a.subscale, [a.score, a.band.label, a.ideal, a.ideal_gap, a.change]]));
    assert.deepEqual(got, {
      trust: [83.3, 'A strength', 100, 16.7, null],
      communication: [20.8, 'Could use care', 87.5, 66.7, null],
      acceptance: [58.3, 'Partly there', 91.7, 33.4, null],
    });
    assert.deepEqual(r.latest.scores, {
      trust: { score: 83.3, ideal: 100 }, communication: { score: 20.8, ideal: 87.5 }, acceptance: { score: 58.3, ideal: 91.7 },
    });
    checkResults(r, ci, [answers]);
  });

  test('signs by hand: higher is worse, nine items (signs_6 and signs_9 reversed), bands at the edges', async () => {
    const ci = contentInstrument('signs');
    assert.deepEqual(ci.apiItems.filter((it) => it.reverse).map((it) => it.id), ['signs_6', 'signs_9']);
    const raw = (values) => Object.fromEntries(values.map((v, k) => [`signs_${k + 1}`, v]).filter(([, v]) => v !== null));
    const who = await person('Signs');
    const cases = [
      // all 4: seven count 4, the two reversed count 2: 32/9 = 3.556 → (2.556/4) × 100 = 63.9 → "Many signs"
      [[4, 4, 4, 4, 4, 4, 4, 4, 4], 63.9, 'Many signs'],
      // 1s, reversed 5s: every item counts 1 → 0.0
      [[1, 1, 1, 1, 1, 5, 1, 1, 5], 0, 'Few signs'],
      // effective sum 20: (20/9 − 1)/4 = 30.56 → 30.6, which rounds to 31: "Some signs", not "Few signs"
      [[3, 3, 2, 2, 2, 4, 2, 2, 4], 30.6, 'Some signs'],
      // effective sum 19 → 27.8 → "Few signs"
      [[3, 2, 2, 2, 2, 4, 2, 2, 4], 27.8, 'Few signs'],
      // seven of nine answered (min_answered 0.75 needs 6.75): 2 2 2 2 2 [4→2] 2 → 25.0
      [[2, 2, 2, 2, 2, 4, 2, null, null], 25, 'Few signs'],
    ];
    const history = [];
    for (const [values, score, band] of cases) {
      const answers = raw(values);
      history.push(answers);
      const r = await take(who, 'signs', answers);
      assert.deepEqual([r.areas[0].score, r.areas[0].band.label, r.areas[0].higher_is], [score, band, 'worse'], values.join(' '));
      assert.equal(r.areas[0].ideal, null);
      assert.equal(r.areas[0].ideal_gap, null);
      checkResults(r, ci, history);
    }
    // Six of nine is too few.
    await save(who, 'signs', raw([2, 2, 2, 2, 2, 4, null, null, null]));
    assertProblem(await who.post(submitPath('signs'), {}), 422, 'incomplete');
    assert.deepEqual((await getDraft(who, 'signs')).missing, ['signs']);
  });

  test('partial answers: enough in every area is scored over the answered items only; one short is incomplete', async () => {
    const ci = contentInstrument('habits');
    const who = await person('Part');
    const plan = {};
    const short = {};
    for (const s of ci.subscales) {
      const n = ci.apiItems.filter((it) => it.subscale === s.id).length;
      const need = Math.ceil(ci.minAnswered * n - 1e-9);
      // `need` answers: 5, then 2s (the rest left out); one fewer in `short`.
      plan[s.id] = Array.from({ length: n }, (_, k) => (k === 0 ? 5 : k < need ? 2 : null));
      short[s.id] = plan[s.id].map((v, k) => (k === need - 1 ? null : v));
    }
    const first = ci.subscales[0].id;
    const shortAnswers = answersFor(ci, { ...plan, [first]: short[first] });
    await save(who, 'habits', shortAnswers);
    const d = await getDraft(who, 'habits');
    assert.deepEqual([d.ready, d.missing], [false, [first]], `${first} has one answer fewer than min_answered of its items`);
    const res = await who.post(submitPath('habits'), {});
    assertProblem(res, 422, 'incomplete');
    const title = ci.subscales[0].title;
    assert.ok(res.body.detail.includes(title) || res.body.detail.includes(first), `names ${first}: ${res.body.detail}`);
    for (const s of ci.subscales.slice(1)) {
      assert.ok(!res.body.detail.includes(s.title), `does not name ${s.id}, which has enough answers: ${res.body.detail}`);
    }

    const answers = answersFor(ci, plan);
    const r = await take(who, 'habits', answers);
    for (const a of r.areas) {
      const need = plan[a.subscale].filter((v) => v !== null).length;
      // (5 + 2(need − 1))/need on a 1–5 scale
      const want = round1(((((5 + 2 * (need - 1)) / need) - 1) / 4) * 100);
      assert.equal(a.score, want, `${a.subscale}: mean of the ${need} answered items`);
    }
    checkResults(r, ci, [answers]);
  });

  test('bands: the band holding the score rounded to a whole number, per subscale', async () => {
    const who = await person('Band');
    for (const id of byOrder()) {
      const ci = contentInstrument(id);
      // Three attempts spread over the scale: low, middle and high answers.
      const history = [];
      for (const values of [[ci.min], [ci.min, ci.max, Math.round((ci.min + ci.max) / 2)], [ci.max]]) {
        const answers = fullAnswers(ci, everywhere(ci, values));
        history.push(answers);
        const r = await take(who, id, answers);
        checkResults(r, ci, history);
      }
    }
  });

  test('the attachment map: the two axis scores and the region they fall in', async () => {
    const ci = contentInstrument('attachment');
    const who = await person('Map');
    const history = [];
    const { min, max } = ci;
    for (const [x, y] of [[min, min], [max, min], [min, max], [max, max], [min + 1, max - 1]]) {
      const answers = fullAnswers(ci, { ...everywhere(ci, min), [ci.map.x]: x, [ci.map.y]: y });
      history.push(answers);
      const r = await take(who, 'attachment', answers);
      checkResults(r, ci, history);
      const side = (v) => ((((v - ci.min) / (ci.max - ci.min)) * 100) >= ci.map.split ? 'higher' : 'lower');
      const region = ci.map.regions.find((reg) => reg.x === side(x) && reg.y === side(y));
      assert.equal(r.map.region.label, region.label, `answers ${x}/${y}`);
    }
  });
});

describe('retaking keeps the history', () => {
  test('each retake is a new attempt; previous and change compare with the one before', async () => {
    const ci = contentInstrument('core');
    const who = await person('Retake');
    const sets = [
      fullAnswers(ci, everywhere(ci, [2, 3]), everywhere(ci, 5)),
      fullAnswers(ci, everywhere(ci, [4, 3, 4]), everywhere(ci, [4, 5])),
      fullAnswers(ci, { trust: 1, communication: [5, 5, 4], acceptance: 3 }, everywhere(ci, 4)),
    ];
    const bodies = [];
    for (let k = 0; k < sets.length; k++) {
      const r = await take(who, 'core', sets[k]);
      checkResults(r, ci, sets.slice(0, k + 1));
      if (k > 0) assert.deepEqual(r.previous, bodies[k - 1].latest, 'previous is the attempt before');
      assert.deepEqual(r.history.slice(0, k), bodies.map((b) => b.latest), 'earlier attempts are kept as they were');
      bodies.push(r);
      const inst = await getInstrument(who, 'core');
      assert.equal(inst.status.attempts, k + 1);
      assert.equal(inst.status.last_submitted_at, r.latest.submitted_at);
    }
    // By hand, second → third: trust 1 everywhere → 0.0, was mean 22/6 → 66.7: change −66.7.
    const trust = bodies[2].areas.find((a) => a.subscale === 'trust');
    assert.deepEqual([trust.score, trust.change], [0, -66.7]);
    assert.deepEqual((await ok(who.get(resultsPath('core')))).body, bodies[2]);
  });

  test('a new draft after submitting starts empty and does not touch the results', async () => {
    const ci = contentInstrument('habits');
    const who = await person('Again');
    const first = await take(who, 'habits', fullAnswers(ci, everywhere(ci, 3)));
    const item = ci.apiItems[0].id;
    const d = await save(who, 'habits', { [item]: 1 });
    assert.deepEqual(d.answers, { [item]: 1 });
    assert.deepEqual((await ok(who.get(resultsPath('habits')))).body, first, 'results are of submitted attempts only');
    const inst = await getInstrument(who, 'habits');
    assert.deepEqual(inst.draft, d);
    assert.equal(inst.status.attempts, 1);
  });
});

describe('bad input changes nothing', () => {
  let ivy;
  let ci;
  let core;
  const ID = 'habits';
  before(async () => {
    ivy = await person('Ivy');
    ci = contentInstrument(ID);
    core = contentInstrument('core');
    // Something to protect: a submitted attempt and an open draft.
    await take(ivy, ID, fullAnswers(ci, everywhere(ci, [2, 4])));
    await save(ivy, ID, { [ci.apiItems[0].id]: 3, [ci.apiItems[1].id]: 5 });
  });

  test('an unknown item id → 422 invalid-field, field answers.<id>', async () => {
    const known = ci.apiItems[2].id;
    await unchanged(ivy, ID, async () => {
      assertProblem(await ivy.put(answersPath(ID), { answers: { nope_2: null } }), 422, 'invalid-field', 'answers.nope_2');
      for (const bad of ['nope_1', `${ci.apiItems[0].id}.ideal`, 'trust_1', `${known}_x`, '', 'Quality_time_1']) {
        assertProblem(await ivy.put(answersPath(ID), { answers: { [bad]: 3 } }), 422, 'invalid-field', `answers.${bad}`);
        // together with a good answer: neither is saved
        assertProblem(await ivy.put(answersPath(ID), { answers: { [known]: 4, [bad]: 3 } }), 422, 'invalid-field', `answers.${bad}`);
      }
    });
  });

  test('a value outside the scale or not an integer → 422 invalid-field, field answers.<id>', async () => {
    const item = ci.apiItems[3].id;
    const good = ci.apiItems[4].id;
    const bad = [ci.min - 1, ci.max + 1, 0, -1, 100, 1e9, 2.5, ci.min + 0.5, '3', '', true, false, [3], { value: 3 }];
    await unchanged(ivy, ID, async () => {
      for (const v of bad) {
        assertProblem(await ivy.put(answersPath(ID), { answers: { [item]: v } }), 422, 'invalid-field', `answers.${item}`);
        assertProblem(await ivy.put(answersPath(ID), { answers: { [good]: 2, [item]: v } }), 422, 'invalid-field', `answers.${item}`);
      }
    });
    // The ideal facet of core is checked the same way.
    await unchanged(ivy, 'core', async () => {
      for (const v of [0, 6, 2.5, '4']) {
        assertProblem(await ivy.put(answersPath('core'), { answers: { 'trust_1.ideal': v } }), 422, 'invalid-field', 'answers.trust_1.ideal');
      }
      assertProblem(await ivy.put(answersPath('core'), { answers: { 'trust_1.wish': 3 } }), 422, 'invalid-field', 'answers.trust_1.wish');
    });
    assert.ok(core.apiItems.some((it) => it.id === 'trust_1.ideal'));
  });

  test('a body that is not {"answers": {…}} → 422 invalid-field (400 when not JSON, 415 when not JSON typed)', async () => {
    await unchanged(ivy, ID, async () => {
      for (const raw of ['[]', '"answers"', '42', 'null', 'true', `[{"answers":{"${ci.apiItems[2].id}":1}}]`]) {
        assertProblem(await ivy.request('PUT', answersPath(ID), { body: raw, headers: JSON_TYPE }), 422, 'invalid-field');
      }
      assertProblem(await ivy.put(answersPath(ID), {}), 422, 'invalid-field', 'answers');
      for (const answers of [[], [3], 3, 'x', null, true]) {
        assertProblem(await ivy.put(answersPath(ID), { answers }), 422, 'invalid-field', 'answers');
      }
      for (const extra of ['submit', 'instrument', 'Answers']) {
        assertProblem(await ivy.put(answersPath(ID), { answers: { [ci.apiItems[2].id]: 1 }, [extra]: true }), 422, 'invalid-field', extra);
      }
      assertProblem(await ivy.request('PUT', answersPath(ID), { body: '{"answers": {', headers: JSON_TYPE }), 400, 'malformed-json');
      assertProblem(await ivy.request('PUT', answersPath(ID), { body: JSON.stringify({ answers: { [ci.apiItems[2].id]: 1 } }) }), 415, 'unsupported-media-type');
      const cross = await ivy.put(answersPath(ID), { answers: { [ci.apiItems[2].id]: 1 } }, { headers: { origin: 'https://elsewhere.example' } });
      assertProblem(cross, 403, 'cross-site-request');
    });
  });

  test('submit takes {} or nothing: anything else is refused and nothing is submitted', async () => {
    // Make the draft complete, so that a wrongly accepted submit would show.
    await save(ivy, ID, fullAnswers(ci, everywhere(ci, 5)));
    await unchanged(ivy, ID, async () => {
      assertProblem(await ivy.post(submitPath(ID), { now: true }), 422, 'invalid-field', 'now');
      for (const raw of ['[]', '"submit"', '1', 'null']) {
        assertProblem(await ivy.request('POST', submitPath(ID), { body: raw, headers: JSON_TYPE }), 422, 'invalid-field');
      }
      assertProblem(await ivy.request('POST', submitPath(ID), { body: '{', headers: JSON_TYPE }), 400, 'malformed-json');
      assertProblem(await ivy.request('POST', submitPath(ID), { body: '{}' }), 415, 'unsupported-media-type');
      assertProblem(await ivy.post(submitPath(ID), {}, { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'cross-site-request');
    });
  });

  test('huge numbers, a body over the cap, other methods: refused, nothing changes', async () => {
    const item = ci.apiItems[5].id;
    await unchanged(ivy, ID, async () => {
      for (const v of ['18446744073709551617', '-9223372036854775809', '4294967299', '-0', '3.0000000001', '1e9']) {
        const res = await ivy.request('PUT', answersPath(ID), { body: `{"answers":{"${item}":${v}}}`, headers: JSON_TYPE });
        assertProblem(res, 422, 'invalid-field', `answers.${item}`);
      }
      const big = await ivy.put(answersPath(ID), { answers: { [item]: 2 }, pad: 'x'.repeat(1100000) });
      assertProblem(big, 413, 'body-too-large');
      for (const [method, path, allow] of [
        ['DELETE', answersPath(ID), 'GET, PUT'], ['POST', answersPath(ID), 'GET, PUT'], ['GET', submitPath(ID), 'POST'],
        ['PUT', submitPath(ID), 'POST'], ['POST', resultsPath(ID), 'GET'], ['DELETE', resultsPath(ID), 'GET'],
        ['POST', INSTRUMENTS, 'GET'], ['PUT', instrumentPath(ID), 'GET'], ['POST', '/api/v1/couple/report', 'GET'], ['DELETE', '/api/v1/causes', 'GET'],
      ]) {
        const res = await ivy.request(method, path, { validate: false });
        assertProblem(res, 405, 'method-not-allowed');
        assert.deepEqual(res.headers.get('allow').split(',').map((m) => m.trim()).sort(), allow.split(', ').sort(), `${method} ${path}: Allow`);
      }
      for (const path of [`${INSTRUMENTS}/`, '/api/v1/assessments/habits', `${instrumentPath(ID)}/items`, '/api/v1/assessments/habits/answers/extra']) {
        assertProblem(await ivy.request('GET', path, { validate: false }), 404, 'not-found');
      }
    });
  });

  test('results before any attempt → 404 no-results; not logged in → 401 everywhere', async () => {
    assertProblem(await ivy.get(resultsPath('attachment')), 404, 'no-results');
    const nobody = ivy.fresh();
    for (const res of [
      await nobody.get(INSTRUMENTS), await nobody.get(instrumentPath(ID)), await nobody.get(answersPath(ID)),
      await nobody.put(answersPath(ID), { answers: {} }), await nobody.post(submitPath(ID), {}), await nobody.get(resultsPath(ID)),
      await nobody.get('/api/v1/couple/report'), await nobody.get('/api/v1/causes'),
      // Not logged in comes first, even for an instrument that does not exist.
      await nobody.get(instrumentPath('nope')), await nobody.put(answersPath('nope'), { answers: { x: 1 } }),
    ]) assertProblem(res, 401, 'not-authenticated');
  });
});

describe('at the same moment', () => {
  test('saves from several devices at once are all merged', async () => {
    const ci = contentInstrument('conflict');
    const who = await person('Many');
    const devices = [who, ...(await Promise.all([1, 2, 3].map(() => who.anotherDevice())))];
    const items = ci.apiItems.slice(0, 12).map((it) => it.id);
    const answers = Object.fromEntries(items.map((id, k) => [id, (k % 5) + 1]));
    await Promise.all(items.map((id, k) => save(devices[k % devices.length], 'conflict', { [id]: answers[id] })));
    const d = await getDraft(who, 'conflict');
    assert.deepEqual(d.answers, answers, 'no answer was lost to another save');
    assert.equal(d.answered, items.length);
  });

  test('two submits at once make one attempt; the other finds nothing left to submit', async () => {
    const ci = contentInstrument('attachment');
    const who = await person('Twice');
    const phone = await who.anotherDevice();
    await save(who, 'attachment', fullAnswers(ci, everywhere(ci, [2, 4])));
    const [a, b] = await Promise.all([who.post(submitPath('attachment'), {}), phone.post(submitPath('attachment'), {})]);
    assert.deepEqual([a.status, b.status].sort(), [201, 422], `${a.status} ${a.text.slice(0, 200)} / ${b.status} ${b.text.slice(0, 200)}`);
    assertProblem([a, b].find((r) => r.status === 422), 422, 'incomplete');
    const results = (await ok(who.get(resultsPath('attachment')))).body;
    assert.equal(results.history.length, 1);
    assert.equal((await getInstrument(phone, 'attachment')).status.attempts, 1);
  });
});

describe('the export', () => {
  test('holds my attempts (answers and scores) and my open drafts', async () => {
    const who = await person('Export');
    const core = contentInstrument('core');
    const habits = contentInstrument('habits');
    const a1 = fullAnswers(core, everywhere(core, [2, 5]), everywhere(core, 4));
    const a2 = fullAnswers(core, everywhere(core, 3), everywhere(core, 5));
    const h1 = fullAnswers(habits, everywhere(habits, [1, 4]));
    await take(who, 'core', a1);
    const r2 = await take(who, 'core', a2);
    const rh = await take(who, 'habits', h1);
    const draft = await save(who, 'signs', { signs_1: 2, signs_9: 5 });
    const exp = await ok(who.get('/api/v1/me/export'));
    const { attempts, drafts } = exp.body.assessments;
    const byId = Object.fromEntries(attempts.map((x) => [x.id, x]));
    assert.equal(attempts.length, 3);
    for (const [att, answers, inst] of [[r2.history[0], a1, 'core'], [r2.history[1], a2, 'core'], [rh.latest, h1, 'habits']]) {
      const e = byId[att.id];
      assert.ok(e, `attempt ${att.id} is exported`);
      assert.deepEqual(
        { instrument: e.instrument, version: e.version, submitted_at: e.submitted_at, answers: e.answers, scores: e.scores },
        { instrument: inst, version: att.version, submitted_at: att.submitted_at, answers, scores: att.scores },
      );
    }
    assert.equal(drafts.length, 1);
    assert.deepEqual([drafts[0].instrument, drafts[0].answers, drafts[0].updated_at], ['signs', draft.answers, draft.updated_at]);
  });
});

describe('kept across a restart', () => {
  test('drafts and attempts survive the server stopping and starting again', async () => {
    const own = await startServer();
    let again;
    try {
      const ci = contentInstrument('core');
      const who = await register(own.url, 'Durable');
      const r = await take(who, 'core', fullAnswers(ci, everywhere(ci, [4, 2]), everywhere(ci, 5)));
      const d = await save(who, 'habits', { [contentInstrument('habits').apiItems[0].id]: 4 });
      await own.stop({ keepData: true });
      again = await startServer({ dataDir: own.dataDir });
      who.baseUrl = again.url; // same session cookie, new port
      assert.deepEqual((await ok(who.get(resultsPath('core')))).body, r);
      assert.deepEqual(await getDraft(who, 'habits'), d);
      assert.equal((await getInstrument(who, 'core')).status.attempts, 1);
    } finally {
      await again?.stop();
      await own.stop();
    }
  });
});
