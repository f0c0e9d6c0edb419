// Who may see whose answers and scores (docs/API.md, "Assessments, the couple report and the cause
// profile"): each person answers privately; a partner's scores are reachable only once both have
// finished the same round (a couple's round k = each partner's k-th attempt submitted while in this
// couple); attempts made alone or with a former partner never reach a partner; a stranger never
// sees anything. Checked on the raw JSON of every route a person can call: their scores are
// chosen so that they print as distinctive numbers (e.g. 95.8) that are looked for everywhere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { registerMany, pair, assertProblem } from './client.mjs';
import {
  REPORT, CAUSES, EXPORT, answersPath, resultsPath, contentInstrument, referenceScores, fullAnswers,
  round1, ok, getInstrument, getDraft, save, take, everythingVisible, assertNoNumbers, distinctive, everywhere,
} from './assessment-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const ALL = ['signs', 'core', 'habits', 'conflict', 'attachment'];
let habits;
let core;
let attachment;
before(() => {
  habits = contentInstrument('habits');
  core = contentInstrument('core');
  attachment = contentInstrument('attachment');
});

/** Six values on a 1–5 scale adding up to `sum`: a six-item subscale scored (sum − 6)/24 × 100. */
const six = (sum) => {
  const b = Math.floor(sum / 6);
  return Array.from({ length: 6 }, (_, k) => (k < sum - 6 * b ? b + 1 : b));
};
/**
 * Answers to core whose real scores are given by the sums of trust, communication and acceptance
 * (e.g. 29 → 95.8, 7 → 4.2, 25 → 79.2: numbers that stand out in raw JSON), and ideal ones by
 * `ideal` (all 5 by default).
 */
const coreAnswers = ([t, c, a], [it, ic, ia] = [30, 30, 30]) => fullAnswers(
  core,
  { trust: six(t), communication: six(c), acceptance: six(a) },
  { trust: six(it), communication: six(ic), acceptance: six(ia) },
);

/** Every score (real and ideal) of a set of answers to `ci`. */
const allScores = (ci, answers) => Object.values(referenceScores(ci, answers)).flatMap((s) => [s.score, s.ideal]).filter((v) => v !== null);

/**
 * Asserts that none of the distinctive scores of `secrets` ([ci, answers] pairs) appears anywhere
 * `viewer` can read; scores that `viewer` may legitimately see (`allowed`, [ci, answers] pairs:
 * their own, and revealed rounds) are left out of the search.
 */
async function assertHidden(viewer, secrets, allowed = []) {
  // What `viewer` may see, and numbers derived from it (complements, differences, means), which
  // could print the same as a hidden score by chance.
  const base = allowed.flatMap(([ci, a]) => allScores(ci, a));
  const may = new Set(base.flatMap((x) => [x, round1(100 - x)]));
  for (const x of base) for (const y of base) for (const v of [x - y, (x + y) / 2]) may.add(round1(v));
  const look = [...new Set(secrets.flatMap(([ci, a]) => distinctive(referenceScores(ci, a))))].filter((v) => !may.has(v));
  assert.ok(look.length > 0, 'there are distinctive scores to look for');
  const seen = await everythingVisible(viewer, ALL);
  assertNoNumbers(seen, look, `a score ${viewer.displayName} may not see`);
  return seen;
}

/** Asserts the cause profile of `who` carries no evidence from a partner. */
async function assertNoPartnerEvidence(who) {
  const { body } = await ok(who.get(CAUSES));
  for (const c of body.causes) {
    for (const e of c.evidence) assert.notEqual(e.whose, 'partner', `${who.displayName}: ${c.id} has partner evidence before a shared round: ${e.text}`);
  }
  return body;
}

/** What the report should say for instrument `ci`, from `mine` and `theirs` (answers per round, oldest first). */
function expectSection(ci, mine, theirs) {
  const round = Math.min(mine.length, theirs.length);
  const me = referenceScores(ci, mine[round - 1]);
  const them = referenceScores(ci, theirs[round - 1]);
  const meBefore = round > 1 ? referenceScores(ci, mine[round - 2]) : null;
  const themBefore = round > 1 ? referenceScores(ci, theirs[round - 2]) : null;
  const areas = ci.subscales.map((s) => {
    const a = me[s.id].score;
    const b = them[s.id].score;
    const worse = s.higher_is === 'worse';
    const good = (v) => (worse ? v <= 30 : v >= 70);
    const hard = (v) => (worse ? v > 50 : v < 50);
    let kind = 'middle';
    if (Math.abs(a - b) >= 25) kind = 'different';
    else if (good(a) && good(b)) kind = 'strength';
    else if (hard(a) && hard(b)) kind = 'growth';
    const starter = { strength: s.talk_strength, growth: s.talk_growth, different: s.talk_gap, middle: null }[kind];
    return {
      subscale: s.id,
      title: s.title,
      higher_is: s.higher_is ?? 'better',
      me: a,
      partner: b,
      difference: round1(Math.abs(a - b)),
      kind,
      starter,
      ideal_gap: ci.ideal === true ? { me: round1(me[s.id].ideal - a), partner: round1(them[s.id].ideal - b) } : null,
      change: round > 1 ? { me: round1(a - meBefore[s.id].score), partner: round1(b - themBefore[s.id].score) } : null,
    };
  });
  return { round, areas };
}

/** Checks `who`'s report section for `ci` against the answers of both (per round, oldest first). */
async function checkSection(who, partner, ci, mine, theirs) {
  const res = await ok(who.get(REPORT));
  const report = res.body;
  assert.deepEqual(report.partner, { id: partner.id, display_name: partner.displayName });
  const section = report.sections.find((s) => s.instrument.id === ci.id);
  assert.ok(section, `${who.displayName} has a ${ci.id} section: ${res.text.slice(0, 300)}`);
  const want = expectSection(ci, mine, theirs);
  assert.deepEqual(section.instrument, { id: ci.id, title: ci.title });
  assert.equal(section.round, want.round, 'the latest round both have finished');
  const areas = section.areas.map((a) => ({ ...a, difference: Math.abs(a.difference) }));
  assert.deepEqual(areas, want.areas, `${who.displayName}'s ${ci.id} areas`);
  const of = (kind) => want.areas.filter((a) => a.kind === kind).map((a) => a.subscale);
  assert.deepEqual(section.strengths, of('strength'));
  assert.deepEqual(section.growth_areas, of('growth'));
  assert.deepEqual(section.different_views, of('different'));
  const myResults = (await ok(who.get(resultsPath(ci.id)))).body;
  assert.ok(myResults.history.some((h) => h.submitted_at === section.my_submitted_at), 'my_submitted_at is one of my attempts');
  if (!ci.map) {
    assert.equal(section.map, null);
  } else {
    const pos = (answers) => {
      const sc = referenceScores(ci, answers);
      const x = sc[ci.map.x].score;
      const y = sc[ci.map.y].score;
      const side = (v) => (v >= ci.map.split ? 'higher' : 'lower');
      const r = ci.map.regions.find((g) => g.x === side(x) && g.y === side(y));
      return { x, y, region: { label: r.label, meaning: r.meaning } };
    };
    assert.deepEqual(section.map, { me: pos(mine[want.round - 1]), partner: pos(theirs[want.round - 1]), note: ci.map.note });
  }
  return { report, section, text: res.text };
}

describe('the paired reveal', () => {
  let ann, ben, sam, tia, sol;
  // Real scores (trust, communication, acceptance) and ideal ones, each easy to spot in raw JSON.
  const annC = () => coreAnswers([29, 7, 25], [30, 23, 30]); // 95.8 4.2 79.2 | 100 70.8 100
  const benC = () => coreAnswers([13, 20, 26], [17, 22, 16]); // 29.2 58.3 83.3 | 45.8 66.7 41.7
  const samC = () => coreAnswers([19, 11, 8]); // 54.2 20.8 8.3 | 100s
  const tiaC = () => coreAnswers([14, 10, 22], [30, 24, 24]); // 33.3 16.7 66.7 | 100 75 75
  before(async () => {
    [ann, ben, sam, tia, sol] = await registerMany(server.url, ['Ann', 'Ben', 'Sam', 'Tia', 'Sol']);
    await Promise.all([pair(ann, ben), pair(sam, tia)]);
  });

  test('alone: my results at once, but no couple report (409 no-partner), also while inviting', async () => {
    const r = await take(sol, 'core', annC());
    assert.equal(r.history.length, 1);
    assertProblem(await sol.get(REPORT), 409, 'no-partner');
    const causes = await assertNoPartnerEvidence(sol);
    assert.deepEqual(causes.based_on.map((b) => b.instrument), ['core']);
    assert.equal((await sol.post('/api/v1/couple', {})).status, 201);
    assertProblem(await sol.get(REPORT), 409, 'no-partner');
  });

  test('before both have finished: the partner sees nothing of mine, on any route', async () => {
    await take(ann, 'core', annC());
    const attachmentDraft = fullAnswers(attachment, { [attachment.map.x]: six(11), [attachment.map.y]: six(28) });
    await save(ann, 'attachment', attachmentDraft);

    // Ben: his own empty drafts and no results; the routes are always "mine".
    const benDraft = await getDraft(ben, 'attachment');
    assert.deepEqual([benDraft.answers, benDraft.answered], [{}, 0], "Ben's draft is his own, not Ann's");
    assert.deepEqual((await getDraft(ben, 'core')).answers, {});
    assertProblem(await ben.get(resultsPath('core')), 404, 'no-results');
    const inst = await getInstrument(ben, 'attachment');
    assert.equal(inst.draft, null);
    assert.equal(inst.status.state, 'not_started');
    assert.equal((await getInstrument(ben, 'core')).status.attempts, 0);
    for (const who of [ann, ben]) {
      const res = await who.get(REPORT);
      assertProblem(res, 409, 'report-not-ready');
      assert.ok(res.body.detail.includes(core.title), `the detail says what is still to finish: ${res.body.detail}`);
    }
    await assertNoPartnerEvidence(ben);
    await assertNoPartnerEvidence(ann);
    await assertHidden(ben, [[core, annC()], [attachment, attachmentDraft]]);
    // Strangers see nothing either.
    await assertHidden(sam, [[core, annC()], [attachment, attachmentDraft]]);
    await assertHidden(tia, [[core, annC()], [attachment, attachmentDraft]]);
  });

  test('once both have finished the round, the report shows both, each from their own side', async () => {
    await take(ben, 'core', benC());
    const a = await checkSection(ann, ben, core, [annC()], [benC()]);
    const b = await checkSection(ben, ann, core, [benC()], [annC()]);
    assert.equal(a.section.partner_submitted_at, b.section.my_submitted_at);
    assert.equal(b.section.partner_submitted_at, a.section.my_submitted_at);
    for (const { report } of [a, b]) {
      assert.deepEqual(report.sections.map((s) => s.instrument.id), ['core'], 'only the shared instrument');
      for (const w of report.waiting) assert.notEqual(w.instrument.id, 'core', 'a shared round is not waiting');
    }
    // Ann's attachment draft is still hers alone.
    assert.deepEqual((await getDraft(ben, 'attachment')).answers, {});
    // Now the partner's scores may appear in the cause profile, marked as the partner's.
    const causes = (await ok(ben.get(CAUSES))).body;
    assert.ok(causes.causes.some((c) => c.evidence.some((e) => e.whose === 'partner')), 'partner evidence after a shared round');
    // Exports hold only one's own assessments.
    const [annExport, benExport] = await Promise.all([ok(ann.get(EXPORT)), ok(ben.get(EXPORT))]);
    const only = (theirs, mine) => distinctive(referenceScores(core, theirs)).filter((v) => !allScores(core, mine).includes(v));
    assertNoNumbers([annExport], only(benC(), annC()), "Ben's scores in Ann's export");
    assertNoNumbers([benExport], only(annC(), benC()), "Ann's scores in Ben's export");
    const annIds = (await ok(ann.get(resultsPath('core')))).body.history.map((h) => h.id);
    const benIds = (await ok(ben.get(resultsPath('core')))).body.history.map((h) => h.id);
    for (const [exp, own, theirs] of [[annExport.body, annIds, benIds], [benExport.body, benIds, annIds]]) {
      const found = [];
      (function walk(node) {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          if (typeof node.id === 'string' && typeof node.submitted_at === 'string' && node.scores) found.push(node.id);
          Object.values(node).forEach(walk);
        }
      }(exp));
      for (const id of found) assert.ok(own.includes(id) && !theirs.includes(id), `export attempt ${id} is the person's own`);
    }
  });

  test('strangers in another couple never see either partner, even after their own round', async () => {
    await Promise.all([take(sam, 'core', samC()), take(tia, 'core', tiaC())]);
    await checkSection(sam, tia, core, [samC()], [tiaC()]);
    for (const who of [sam, tia]) {
      await assertHidden(who, [[core, annC()], [core, benC()]], [[core, samC()], [core, tiaC()]]);
      const { body } = await ok(who.get(REPORT));
      assert.ok(![ann.id, ben.id].includes(body.partner.id));
    }
    // And Ann and Ben see nothing of Sam and Tia.
    for (const who of [ann, ben]) await assertHidden(who, [[core, samC()], [core, tiaC()]], [[core, annC()], [core, benC()]]);
  });

  test('habits and attachment: no ideal gap; higher-is-worse areas; both positions on the map', async () => {
    const [q, t, a] = habits.subscales.map((x) => x.id);
    const annH = fullAnswers(habits, { [q]: 5, [t]: [4, 5], [a]: [3, 2] });
    const benH = fullAnswers(habits, { [q]: [2, 1], [t]: 2, [a]: [3, 4] });
    const { x, y } = attachment.map;
    const annA = fullAnswers(attachment, { [x]: six(8), [y]: six(26) }); // 8.3 83.3: anxious-leaning
    const benA = fullAnswers(attachment, { [x]: six(19), [y]: six(7) }); // 54.2 4.2: avoidant-leaning
    await Promise.all([take(ann, 'habits', annH), take(ben, 'habits', benH)]);
    await take(ann, 'attachment', annA);
    await assertHidden(ben, [[attachment, annA]], [[core, annC()], [core, benC()], [habits, annH], [habits, benH]]);
    await take(ben, 'attachment', benA);
    for (const [who, partner, mine, theirs] of [[ann, ben, [annH, annA], [benH, benA]], [ben, ann, [benH, benA], [annH, annA]]]) {
      await checkSection(who, partner, habits, [mine[0]], [theirs[0]]);
      const { report } = await checkSection(who, partner, attachment, [mine[1]], [theirs[1]]);
      assert.deepEqual(report.sections.map((s) => s.instrument.id).sort(), ['attachment', 'core', 'habits']);
    }
  });
});

describe('the couple report: kinds of areas at their edges', () => {
  test('strength from 70 (30 when higher is worse), growth below 50 (above 50), different from 25 points apart', async () => {
    // habits has five items per subscale: scores (sum − 5)/20 × 100 land exactly on the edges.
    const five = (sum) => {
      const b = Math.floor(sum / 5);
      return Array.from({ length: 5 }, (_, k) => (k < sum - 5 * b ? b + 1 : b));
    };
    const [q, t, a] = habits.subscales.map((x) => x.id);
    assert.deepEqual(habits.subscales.map((x) => x.higher_is), ['better', 'worse', 'better']);
    const answers = (sq, st, sa) => fullAnswers(habits, { [q]: five(sq), [t]: five(st), [a]: five(sa) });
    const rounds = [
      // quality time 70/70 → strength; screens 30/30 (worse) → strength; affection 50/45 → middle
      { me: answers(19, 11, 15), partner: answers(19, 11, 14), kinds: ['strength', 'strength', 'middle'] },
      // 45/45 → growth; screens 55/55 → growth; affection 75/50 → exactly 25 apart: different
      { me: answers(14, 16, 20), partner: answers(14, 16, 15), kinds: ['growth', 'growth', 'different'] },
      // 50/50 → middle; screens 50/50 → middle; affection 95/70: both strong, but 25 apart: different wins
      { me: answers(15, 15, 24), partner: answers(15, 15, 19), kinds: ['middle', 'middle', 'different'] },
      // 65/70 → middle; screens 35/30 → middle; affection 45/55 → middle
      { me: answers(18, 12, 14), partner: answers(19, 11, 16), kinds: ['middle', 'middle', 'middle'] },
    ];
    const [mo, nat] = await registerMany(server.url, ['Mo', 'Nat']);
    await pair(mo, nat);
    const mine = [];
    const theirs = [];
    for (const r of rounds) {
      mine.push(r.me);
      theirs.push(r.partner);
      await Promise.all([take(mo, 'habits', r.me), take(nat, 'habits', r.partner)]);
      const { section } = await checkSection(mo, nat, habits, mine, theirs);
      assert.deepEqual(section.areas.map((x) => x.kind), r.kinds, `round ${mine.length}: ${section.areas.map((x) => `${x.me}/${x.partner}`).join(', ')}`);
      for (const x of section.areas) assert.equal(x.starter === null, x.kind === 'middle', 'a starter for every kind but middle');
      await checkSection(nat, mo, habits, theirs, mine);
    }
  });
});

describe('a round is each partner\'s k-th attempt in this couple', () => {
  let cat, dan;
  const c = [
    () => coreAnswers([29, 25, 11]), // 95.8 79.2 20.8
    () => coreAnswers([17, 8, 20]), // 45.8 8.3 58.3
    () => coreAnswers([7, 26, 23]), // 4.2 83.3 70.8
  ];
  const d = [
    () => coreAnswers([14, 19, 30]), // 33.3 54.2 100
    () => coreAnswers([22, 13, 6]), // 66.7 29.2 0
  ];
  before(async () => {
    [cat, dan] = await registerMany(server.url, ['Cat', 'Dan']);
    await pair(cat, dan);
  });

  test('Cat retakes twice, Dan once: the report shows round 1 only, and Cat\'s newer scores stay hidden', async () => {
    for (const f of c) await take(cat, 'core', f());
    await take(dan, 'core', d[0]());
    await checkSection(dan, cat, core, [d[0]()], [c[0]()]);
    const { report } = await checkSection(cat, dan, core, [c[0](), c[1](), c[2]()], [d[0]()]);
    await assertHidden(dan, [[core, c[1]()], [core, c[2]()]], [[core, d[0]()], [core, c[0]()]]);
    // Round 2 is waiting: Cat has finished it, Dan has not (and no scores are shown for it).
    const waitingCat = report.waiting.find((w) => w.instrument.id === 'core');
    assert.ok(waitingCat, `Cat's report lists core round 2 as waiting: ${JSON.stringify(report.waiting)}`);
    assert.deepEqual([waitingCat.me, waitingCat.partner], ['completed', 'not_yet'], 'Cat has finished round 2, Dan not yet');
    const danReport = (await ok(dan.get(REPORT))).body;
    const waitingDan = danReport.waiting.find((w) => w.instrument.id === 'core');
    assert.ok(waitingDan, `Dan's report lists core round 2 as waiting: ${JSON.stringify(danReport.waiting)}`);
    assert.deepEqual([waitingDan.me, waitingDan.partner], ['not_started', 'finished']);
    await save(dan, 'core', { trust_1: 3 });
    const later = (await ok(dan.get(REPORT))).body.waiting.find((w) => w.instrument.id === 'core');
    assert.deepEqual([later.me, later.partner], ['in_progress', 'finished']);
    assert.equal((await ok(cat.get(REPORT))).body.waiting.find((w) => w.instrument.id === 'core').partner, 'not_yet', "Dan's draft is not finished");
    await save(dan, 'core', { trust_1: null });
  });

  test('Dan\'s second attempt completes round 2: the report moves on, with each one\'s change', async () => {
    await take(dan, 'core', d[1]());
    await checkSection(dan, cat, core, [d[0](), d[1]()], [c[0](), c[1]()]);
    await checkSection(cat, dan, core, [c[0](), c[1](), c[2]()], [d[0](), d[1]()]);
    await assertHidden(dan, [[core, c[2]()]], [[core, d[0]()], [core, d[1]()], [core, c[0]()], [core, c[1]()]]);
  });
});

describe('attempts made alone or with a former partner never reach a partner', () => {
  let eve, fin, gil, hal;
  const e0 = () => coreAnswers([29, 7, 17]); // 95.8 4.2 45.8
  const e1 = () => coreAnswers([25, 11, 8]); // 79.2 20.8 8.3
  const e2 = () => coreAnswers([14, 26, 20]); // 33.3 83.3 58.3
  const f1 = () => coreAnswers([13, 23, 28]); // 29.2 70.8 91.7
  const g1 = () => coreAnswers([6, 18, 30]); // 0 50 100
  const h1 = () => coreAnswers([24, 12, 18]); // 75 25 50
  before(async () => { [eve, fin, gil, hal] = await registerMany(server.url, ['Eve', 'Fin', 'Gil', 'Hal']); });

  test('an attempt from before the couple does not count for its rounds', async () => {
    await take(eve, 'core', e0());
    await pair(eve, fin);
    await take(fin, 'core', f1());
    for (const who of [eve, fin]) assertProblem(await who.get(REPORT), 409, 'report-not-ready');
    await assertNoPartnerEvidence(fin);
    await assertHidden(fin, [[core, e0()]], [[core, f1()]]);
    await assertHidden(eve, [[core, f1()]], [[core, e0()]]);
  });

  test('the first attempt in the couple makes round 1; the one from before stays hidden', async () => {
    await take(eve, 'core', e1());
    await checkSection(fin, eve, core, [f1()], [e1()]);
    const eveReport = await checkSection(eve, fin, core, [e1()], [f1()]);
    assert.equal(eveReport.section.round, 1);
    await assertHidden(fin, [[core, e0()]], [[core, f1()], [core, e1()]]);
  });

  test('after leaving, nothing of the former partner is reachable', async () => {
    assert.equal((await fin.delete('/api/v1/couple/membership')).status, 204);
    assertProblem(await fin.get(REPORT), 409, 'no-partner');
    assertProblem(await eve.get(REPORT), 409, 'no-partner');
    await assertNoPartnerEvidence(fin);
    await assertNoPartnerEvidence(eve);
    await assertHidden(fin, [[core, e0()], [core, e1()]], [[core, f1()]]);
    await assertHidden(eve, [[core, f1()]], [[core, e0()], [core, e1()]]);
  });

  test('a new partner in the same couple never sees attempts made with the former one', async () => {
    const kept = (await eve.me()).couple.id;
    await pair(eve, gil); // Eve kept the couple; Gil joins it
    assert.equal((await gil.me()).couple.id, kept, 'the same couple, with a new partner');
    await take(gil, 'core', g1());
    for (const who of [eve, gil]) assertProblem(await who.get(REPORT), 409, 'report-not-ready');
    await assertNoPartnerEvidence(gil);
    await assertNoPartnerEvidence(eve);
    await assertHidden(gil, [[core, e0()], [core, e1()], [core, f1()]], [[core, g1()]]);
    await assertHidden(eve, [[core, f1()]], [[core, e0()], [core, e1()]]);

    await take(eve, 'core', e2());
    await checkSection(gil, eve, core, [g1()], [e2()]);
    await checkSection(eve, gil, core, [e2()], [g1()]);
    await assertHidden(gil, [[core, e0()], [core, e1()], [core, f1()]], [[core, g1()], [core, e2()]]);
  });

  test('the one who left starts over with someone new: their earlier attempts stay behind too', async () => {
    await pair(fin, hal);
    await take(hal, 'core', h1());
    for (const who of [fin, hal]) assertProblem(await who.get(REPORT), 409, 'report-not-ready');
    await assertHidden(hal, [[core, f1()], [core, e1()], [core, e0()]], [[core, h1()]]);
    await assertNoPartnerEvidence(hal);
  });
});

describe('a deleted account takes its answers along', () => {
  test('after a partner deletes their account, nothing of theirs is left in the report or the causes', async () => {
    const [kim, lou] = await registerMany(server.url, ['Kim', 'Lou']);
    await pair(kim, lou);
    const kimC = coreAnswers([10, 29, 14]); // 16.7 95.8 33.3
    const louC = coreAnswers([25, 7, 23]); // 79.2 4.2 70.8
    await Promise.all([take(kim, 'core', kimC), take(lou, 'core', louC)]);
    await checkSection(kim, lou, core, [kimC], [louC]);
    assert.equal((await lou.delete('/api/v1/me', { password: lou.password })).status, 204);
    assertProblem(await kim.get(REPORT), 409, 'no-partner');
    await assertNoPartnerEvidence(kim);
    await assertHidden(kim, [[core, louC]], [[core, kimC]]);
    assert.equal((await ok(kim.get(resultsPath('core')))).body.history.length, 1, "Kim's own results stay");
  });
});
