// The journey (docs/API.md, "Journey"): milestones newest first — joining, pairing, questionnaires
// finished (a partner's only for rounds in this couple, as "finished", never with scores),
// check-in milestones (1st, 7th, 30th, 100th, 365th) and disagreements that ended in an agreement.
// A demo couple of 120 days has all kinds; a partner's scores are looked for in the raw JSON.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { registerMany, pair } from './client.mjs';
import { JOURNEY, answers, checkIn, ok, allCheckins, demoHasDays, demoCouple } from './checkin-kit.mjs';
import { contentInstrument, fullAnswers, everywhere, take, resultsPath, assertNoNumbers, distinctive, referenceScores } from './assessment-kit.mjs';

const NO_DEMO = !(await demoHasDays()) && 'this build of `hearth demo` has no --days';
const MILESTONES = [1, 7, 30, 100, 365];
const ordinal = (n) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;

const journeyOf = async (who) => (await ok(who.get(JOURNEY))).body.events;

function checkOrder(events) {
  for (let k = 1; k < events.length; k++) assert.ok(events[k - 1].at >= events[k].at, `newest first: ${events[k - 1].at} before ${events[k].at}`);
}

/** The check-in milestones of a person's check-ins (oldest day first): [at, n]. */
const milestonesOf = (checkins) => MILESTONES.filter((n) => checkins.length >= n).map((n) => [checkins[n - 1].created_at, n]);

/** Everything one person finished, by instrument: [{ instrument, submitted_at, scores }]. */
async function attemptsOf(who, ids) {
  const out = [];
  for (const id of ids) {
    const res = await who.get(resultsPath(id));
    if (res.status === 404) continue;
    assert.equal(res.status, 200, res.text);
    for (const a of res.body.history) out.push({ instrument: res.body.instrument, submitted_at: a.submitted_at, scores: a.scores });
  }
  return out;
}

describe('a demo couple of 120 days', { skip: NO_DEMO }, () => {
  let demo;
  let instruments;
  before(async () => {
    demo = await demoCouple(120);
    instruments = (await ok(demo.maya.get('/api/v1/instruments'))).body.instruments.map((i) => i.id);
  });
  after(async () => { await demo?.server.stop(); });

  test('every milestone, newest first, each where it happened', async () => {
    for (const [me, partner] of [[demo.maya, demo.daniel], [demo.daniel, demo.maya]]) {
      const events = await journeyOf(me);
      checkOrder(events);
      const [mine, theirs] = await Promise.all([allCheckins(me), allCheckins(partner)]);
      const [myAttempts, theirAttempts] = await Promise.all([attemptsOf(me, instruments), attemptsOf(partner, instruments)]);
      const { body: couple } = await ok(me.get('/api/v1/couple'));
      const conflicts = (await ok(me.get('/api/v1/conflicts'))).body.conflicts.filter((c) => c.stage === 'agreed');
      assert.ok(conflicts.length > 0 && myAttempts.length > 0 && theirAttempts.length > 0, 'the demo has all kinds');

      const want = [
        ['joined', 'me', me.user.created_at],
        ['paired', 'us', couple.partners.map((p) => p.joined_at).sort().pop()],
        ...myAttempts.map((a) => ['assessment', 'me', a.submitted_at]),
        ...theirAttempts.map((a) => ['assessment', 'partner', a.submitted_at]),
        ...milestonesOf(mine).map(([at]) => ['checkin_milestone', 'me', at]),
        ...milestonesOf(theirs).map(([at]) => ['checkin_milestone', 'partner', at]),
        ...conflicts.map((c) => ['conflict_agreed', 'us', c.ended_at]),
      ];
      const key = (x) => x.join(' ');
      assert.deepEqual(events.map((e) => key([e.kind, e.who, e.at])).sort(), want.map(key).sort(), `${me.displayName}'s journey`);

      // What the titles and details say.
      for (const [at, n] of milestonesOf(mine)) {
        assert.ok(events.some((e) => e.kind === 'checkin_milestone' && e.who === 'me' && e.at === at && e.title.includes(ordinal(n))), `my ${ordinal(n)} check-in`);
      }
      for (const [at, n] of milestonesOf(theirs)) {
        assert.ok(events.some((e) => e.kind === 'checkin_milestone' && e.who === 'partner' && e.at === at && e.title.includes(ordinal(n)) && e.title.includes(partner.displayName)),
          `${partner.displayName}'s ${ordinal(n)} check-in`);
      }
      for (const c of conflicts) assert.ok(events.some((e) => e.kind === 'conflict_agreed' && e.at === c.ended_at && e.detail.includes(c.topic)), c.topic);
      for (const a of theirAttempts) {
        assert.ok(events.some((e) => e.kind === 'assessment' && e.who === 'partner' && e.at === a.submitted_at && e.title.includes(a.instrument.title)
          && e.title.includes(partner.displayName)), `${partner.displayName} finished ${a.instrument.title}`);
      }
      assert.ok(events.find((e) => e.kind === 'paired').title.includes(partner.displayName));
    }
    assert.ok((await allCheckins(demo.maya)).length >= 100, 'the demo reaches the 100th check-in milestone');
  });

  test("a partner's questionnaires appear as finished, never with a score", async () => {
    const theirs = await attemptsOf(demo.daniel, instruments);
    const scores = [...new Set(theirs.flatMap((a) => distinctive(a.scores)))];
    assert.ok(scores.length > 5, 'there are distinctive scores to look for');
    const mine = new Set((await attemptsOf(demo.maya, instruments)).flatMap((a) => distinctive(a.scores)));
    const res = await ok(demo.maya.get(JOURNEY));
    assertNoNumbers([res], scores.filter((v) => !mine.has(v)), "a partner's score");
    assert.doesNotMatch(res.text, /"(scores?|answers?)"/, 'no scores or answers');
  });
});

describe('questionnaires in a new couple', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  const core = () => contentInstrument('core');
  const signs = () => contentInstrument('signs');
  const six = (sum) => Array.from({ length: 6 }, (_, k) => Math.floor(sum / 6) + (k < sum % 6 ? 1 : 0));
  // Scores like 95.8, 4.2 and 79.2 stand out in raw JSON.
  const coreAnswers = () => fullAnswers(core(), { trust: six(29), communication: six(7), acceptance: six(25) }, { trust: six(27), communication: six(11), acceptance: six(13) });

  test("a partner's finished questionnaire: its title and who, no score anywhere; attempts made alone stay out", async () => {
    const [p, q] = await registerMany(server.url, ['Reader', 'Taker']);
    await take(q, 'signs', fullAnswers(signs(), everywhere(signs(), [2, 3, 5])));
    await pair(p, q);
    assert.deepEqual((await journeyOf(p)).filter((e) => e.who === 'partner'), [], 'an attempt made alone is not on the journey');
    const answers = coreAnswers();
    await take(q, 'core', answers);
    const events = await journeyOf(p);
    checkOrder(events);
    const theirs = events.filter((e) => e.who === 'partner');
    assert.deepEqual(theirs.map((e) => e.kind), ['assessment']);
    assert.ok(theirs[0].title.includes(q.displayName) && theirs[0].title.includes(core().title), theirs[0].title);
    const res = await ok(p.get(JOURNEY));
    assertNoNumbers([res], distinctive(referenceScores(core(), answers)), "the partner's core score");
    // The one who took it sees it as theirs.
    const own = (await journeyOf(q)).filter((e) => e.kind === 'assessment');
    assert.deepEqual(own.map((e) => e.who), ['me', 'me']);
  });

  test("a partner's first round in this couple is not called a retake because of an attempt made alone", async () => {
    const [p, q] = await registerMany(server.url, ['Reader', 'Taker']);
    await take(q, 'signs', fullAnswers(signs(), everywhere(signs(), [2, 3])));
    await pair(p, q);
    await take(q, 'signs', fullAnswers(signs(), everywhere(signs(), [4])));
    const [event] = (await journeyOf(p)).filter((e) => e.who === 'partner');
    assert.doesNotMatch(`${event.title} ${event.detail}`, /2nd|again|retake/i, 'nothing of the attempt made alone reaches the partner');
  });

  test('the first check-in is a milestone, for me and (made in the couple) for my partner', async () => {
    const [p, q] = await registerMany(server.url, ['First', 'Second']);
    await pair(p, q);
    const c = await checkIn(p, answers());
    const [mine, theirs] = await Promise.all([journeyOf(p), journeyOf(q)]);
    assert.deepEqual(mine.filter((e) => e.kind === 'checkin_milestone').map((e) => [e.who, e.at]), [['me', c.created_at]]);
    assert.deepEqual(theirs.filter((e) => e.kind === 'checkin_milestone').map((e) => [e.who, e.at]), [['partner', c.created_at]]);
    assert.deepEqual(mine.map((e) => e.kind).sort(), ['checkin_milestone', 'joined', 'paired']);
    checkOrder(mine);
  });
});
