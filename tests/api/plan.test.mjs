// The weekly plan (docs/API.md, "What helps", Plan), the planner's rules seen through the API:
// sessions lie inside shared free time and never on a day already gone in the couple's zone;
// 3/5/7 sessions for light/regular/deep; the same inputs give the same plan (read twice, and made
// again with nothing changed) while changed free times make a new one; disliked tags never appear,
// nothing above either partner's budget or energy, one session per main tag; after a round both
// partners finished with one clearly weakest area, the plan aims at it and says so; ratings and
// skips in the log adapt the next plan; difficulty opens up as practices get done; a person
// without a couple still gets a plan. Days are computed here with Intl, in a zone where it is
// about noon so that "today" holds for the whole run. Every response is checked against
// api/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, assertProblem } from './client.mjs';
import {
  PLAN, REGENERATE, SESSIONS, ok, couple, setFree, getPlan, regenerate, everyDay, slot, bothFree, checkPlan, sessionsOf,
  noonZone, localDate, addDays, mondayOf, weekdayOf, DAYS, content, logPath, costRank, energyRank, minutes,
} from './plan-kit.mjs';
import { contentInstrument, answersFor, take } from './assessment-kit.mjs';
import { demoCouple, demoHasDays } from './checkin-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

// Plenty of shared time every day, so every plan can hold all its sessions even on a Sunday.
const WIDE_A = everyDay('07:00', '22:00');
const WIDE_B = everyDay('06:00', '21:30');
const WIDE = bothFree([WIDE_A, WIDE_B]);

/** A paired couple with free times (and preferences) in a zone where it is about noon. */
async function plannedCouple({ a = WIDE_A, b = WIDE_B, prefsA, prefsB } = {}) {
  const zone = noonZone();
  const [x, y] = await couple(server.url, 'Pat', 'Robin');
  await setFree(x, zone, a, prefsA);
  await setFree(y, zone, b, prefsB);
  return { a: x, b: y, zone, today: localDate(zone), free: bothFree([a, b]) };
}

const tagsOf = (session) => session.practice.tags.map((t) => t.id);
const hasNote = (plan, re) => plan.notes.some((n) => re.test(n));

describe('what every plan keeps to', () => {
  test('a regular week: 5 sessions inside our shared free time, from today on, varied, the same for both of us', async () => {
    const c = await plannedCouple();
    const plan = await getPlan(c.a);
    checkPlan(plan, { free: c.free, today: c.today, zone: c.zone });
    assert.equal(plan.intensity, 'regular');
    assert.equal(plan.sessions.length, 5);
    assert.equal(plan.level, 1, 'nothing done yet: the easiest level');
    assert.deepEqual(plan.notes, [], 'everything fit, free times were given');
    assert.ok(plan.sessions.every((s) => s.done === false));
    assert.deepEqual(await getPlan(c.b), plan, "my partner's plan is ours");
  });

  test('never on a day already gone: free time on every day, yet nothing before today', async () => {
    const c = await plannedCouple();
    const plan = await regenerate(c.a, { intensity: 'deep' });
    checkPlan(plan, { free: c.free, today: c.today });
    const gone = DAYS.slice(0, DAYS.indexOf(weekdayOf(c.today)));
    for (const s of plan.sessions) assert.ok(!gone.includes(weekdayOf(s.date)), `${s.date} (${weekdayOf(s.date)}) is already gone`);
    assert.ok(plan.sessions.some((s) => s.date === c.today) || plan.sessions.length === 0, 'today itself can be planned');
  });

  test('3, 5 or 7 sessions for light, regular and deep; the intensity stays for both until changed', async () => {
    const c = await plannedCouple();
    for (const intensity of ['light', 'deep', 'regular', 'light']) {
      const plan = await regenerate(c.a, { intensity });
      checkPlan(plan, { free: c.free, today: c.today });
      assert.equal(plan.intensity, intensity);
      assert.equal(plan.sessions.length, SESSIONS[intensity], intensity);
      assert.deepEqual(await getPlan(c.b), plan, `${intensity}: kept, and the same for my partner`);
    }
    const light = await getPlan(c.a);
    assert.equal(light.level, 1, 'a light week stays at the easiest level');
    for (const s of light.sessions) {
      assert.equal(s.practice.difficulty, 1, `${s.practice.id}: light weeks are easy`);
      assert.equal(s.practice.energy, 'low', `${s.practice.id}: light weeks ask little energy`);
    }
    // Made again without a body: the intensity is kept.
    assert.equal((await regenerate(c.b)).intensity, 'light');
    assert.equal((await ok(c.b.request('POST', REGENERATE))).body.intensity, 'light');
  });

  test('without free times: typical evenings and weekend mornings, and a note saying so', async () => {
    const [a, b] = await couple(server.url);
    const plan = await getPlan(a);
    const evenings = [...everyDay('19:00', '21:30'), slot('sat', '10:00', '12:00'), slot('sun', '10:00', '12:00')];
    checkPlan(plan, { free: evenings, zone: 'UTC' });
    assert.ok(hasNote(plan, /free times/), `a note asks for free times: ${plan.notes}`);
    assert.deepEqual(await getPlan(b), plan);
  });

  test('fewer sessions than asked when they do not fit, with a note saying how many', async () => {
    // One short window, today: two 5-minute practices at most (each keeps a quarter of an hour after it).
    const zone = noonZone();
    const day = weekdayOf(localDate(zone));
    const c = await plannedCouple({ a: [slot(day, '20:00', '20:25')], b: [slot(day, '19:00', '21:00')] });
    const plan = await regenerate(c.a, { intensity: 'deep' });
    checkPlan(plan, { free: c.free, today: c.today });
    assert.ok(plan.sessions.length < 7, `${plan.sessions.length} sessions in 25 minutes a day`);
    assert.ok(plan.sessions.every((s) => s.minutes <= 25));
    assert.ok(hasNote(plan, new RegExp(`Only ${plan.sessions.length} of 7`)), `the note says so: ${plan.notes}`);
  });
});

describe('the same inputs give the same plan', () => {
  test('read twice, or made again with nothing changed: the same sessions', async () => {
    const c = await plannedCouple();
    const first = await getPlan(c.a);
    assert.deepEqual(await getPlan(c.a), first, 'read again: the stored plan, unchanged');
    assert.deepEqual(await getPlan(c.b), first);
    const again = await regenerate(c.b);
    assert.deepEqual(sessionsOf(again), sessionsOf(first), 'made again from the same inputs');
    assert.ok(again.created_at >= first.created_at);
    assert.deepEqual(sessionsOf(await regenerate(c.a, { intensity: 'regular' })), sessionsOf(first), 'the same intensity again changes nothing');
    // Saving the same free times again changes no input.
    await setFree(c.a, c.zone, WIDE_A);
    assert.deepEqual(sessionsOf(await getPlan(c.a)), sessionsOf(first));
  });

  test('two couples with the same inputs get the same practices at the same times', async () => {
    const [c1, c2] = await Promise.all([plannedCouple(), plannedCouple()]);
    if (c1.today !== c2.today) return; // noon zone moved between the two (hourly boundary)
    const [p1, p2] = [await getPlan(c1.a), await getPlan(c2.a)];
    const shape = (p) => p.sessions.map((s) => [s.practice.id, s.date, s.start, s.reason]);
    assert.deepEqual(shape(p1), shape(p2));
    assert.notDeepEqual(p1.sessions.map((s) => s.id), p2.sessions.map((s) => s.id), 'session ids are per couple');
  });

  test('new free times make a new plan that fits them', async () => {
    const c = await plannedCouple();
    const before = await getPlan(c.a);
    const narrowB = everyDay('20:00', '21:30');
    await setFree(c.b, c.zone, narrowB);
    const after = await getPlan(c.a);
    const free = bothFree([WIDE_A, narrowB]);
    checkPlan(after, { free, today: c.today });
    assert.notDeepEqual(sessionsOf(after), sessionsOf(before), 'the plan follows the new free times');
    assert.ok(after.sessions.every((s) => minutes(s.start) >= minutes('20:00')), 'only in the evening now');
    assert.ok(after.created_at >= before.created_at);
    assert.deepEqual(await getPlan(c.b), after);
  });
});

describe('preferences', () => {
  test('a disliked tag never appears, whoever dislikes it, even when the other likes it', async () => {
    const c = await plannedCouple();
    const first = await regenerate(c.a, { intensity: 'deep' });
    const disliked = [...new Set(first.sessions.slice(0, 4).flatMap(tagsOf))];
    const likedByA = first.sessions[4].practice.tags[0].id;
    await setFree(c.a, c.zone, WIDE_A, { dislikes: disliked.slice(0, 3), likes: [likedByA] });
    await setFree(c.b, c.zone, WIDE_B, { dislikes: [...disliked.slice(3), likedByA] });
    const plan = await getPlan(c.a);
    checkPlan(plan, { free: c.free, today: c.today });
    assert.ok(plan.sessions.length > 0);
    for (const s of plan.sessions) {
      for (const t of tagsOf(s)) assert.ok(![...disliked, likedByA].includes(t), `${s.practice.id} has the disliked tag ${t}`);
    }
  });

  test('nothing above the lower budget or energy of the two', async () => {
    const c = await plannedCouple({ prefsA: { budget: 'medium', energy: 'high' }, prefsB: { budget: 'free', energy: 'low' } });
    const plan = await regenerate(c.a, { intensity: 'deep' });
    checkPlan(plan, { free: c.free, today: c.today });
    for (const s of plan.sessions) {
      assert.equal(s.practice.cost, 'free', `${s.practice.id} within a free budget`);
      assert.equal(s.practice.energy, 'low', `${s.practice.id} within low energy`);
    }
    await setFree(c.b, c.zone, WIDE_B, { budget: 'low', energy: 'medium' });
    for (const s of (await getPlan(c.a)).sessions) {
      assert.ok(costRank(s.practice.cost) <= costRank('low'), `${s.practice.id}: ${s.practice.cost}`);
      assert.ok(energyRank(s.practice.energy) <= energyRank('medium'), `${s.practice.id}: ${s.practice.energy}`);
    }
  });

  test('a kind of practice we like comes into the week, and the reason says so', async () => {
    const c = await plannedCouple({ prefsB: { likes: ['walk_and_talk'] } });
    const plan = await getPlan(c.a);
    const walks = plan.sessions.filter((s) => tagsOf(s).includes('walk_and_talk'));
    assert.equal(walks.length, 1, 'one walk (one per main tag)');
    assert.match(walks[0].reason, /enjoy/, walks[0].reason);
  });
});

describe('aimed at the couple’s weakest area', () => {
  // habits: quality time and screens as good as can be, everyday affection as low as can be.
  function habitsAnswers() {
    const ci = contentInstrument('habits');
    const best = (s) => (s.higher_is === 'worse' ? ci.min : ci.max);
    const targets = Object.fromEntries(ci.subscales.map((s) => [s.id, s.id === 'affection' ? ci.min : best(s)]));
    return answersFor(ci, targets);
  }

  test('only after both finished the round, the plan aims at it and the reason names it', async () => {
    const c = await plannedCouple();
    const title = content().subscales.get('habits/affection');
    const aimed = (plan) => plan.sessions.filter((s) => /^Aimed at/.test(s.reason));
    const before = await getPlan(c.a);
    assert.deepEqual(aimed(before), [], 'no results yet');

    await take(c.a, 'habits', habitsAnswers());
    const oneDone = await getPlan(c.a);
    assert.deepEqual(aimed(oneDone), [], 'one partner alone: the round is not shared, the plan reveals nothing of it');
    assert.deepEqual(sessionsOf(oneDone), sessionsOf(before));

    await take(c.b, 'habits', habitsAnswers());
    const plan = await getPlan(c.b); // re-made on read: the shared results changed
    checkPlan(plan, { free: c.free, today: c.today });
    const atAffection = aimed(plan);
    assert.ok(atAffection.length >= 1 && atAffection.length <= 2, `one or two sessions (at most two per area): ${plan.sessions.map((s) => s.reason)}`);
    for (const s of atAffection) {
      assert.ok(s.practice.areas.some((a) => a.id === 'habits/affection'), `${s.practice.id} works on everyday affection`);
      assert.ok(s.reason.toLowerCase().includes(title.toLowerCase()), `the reason names the area: ${s.reason}`);
      assert.match(s.reason, /least settled.*\(0 of 100\)/, s.reason);
    }
    assert.ok(plan.sessions.filter((s) => s.practice.areas.some((a) => a.id === 'habits/affection')).length >= atAffection.length);
    assert.deepEqual(await getPlan(c.a), plan);
  });
});

describe('the practice log adapts the next plan', () => {
  test('a skipped practice leaves the next plan; the plan read meanwhile stays as it was', async () => {
    const c = await plannedCouple();
    const first = await getPlan(c.a);
    const skipped = first.sessions[0].practice.id;
    await ok(c.b.post(logPath(skipped), { status: 'skipped' }), 201);
    assert.deepEqual(sessionsOf(await getPlan(c.a)), sessionsOf(first), 'logging does not reshuffle the week');
    const next = await regenerate(c.a);
    checkPlan(next, { free: c.free, today: c.today });
    assert.ok(!next.sessions.some((s) => s.practice.id === skipped), `${skipped} was skipped: not planned again at once`);
    assert.equal(next.sessions.length, 5);
  });

  test('a practice rated 5 comes into the next plan, one rated 1 leaves it', async () => {
    const c = await plannedCouple();
    const first = await getPlan(c.a);
    const inPlan = new Set(first.sessions.map((s) => s.practice.id));
    const mainTags = new Set(first.sessions.map((s) => s.practice.tags[0].id));
    // An easy practice not planned, of a kind not planned either.
    const loved = [...content().practices.values()].find((p) => p.difficulty === 1 && p.cost === 'free' && !inPlan.has(p.id) && !mainTags.has(p.tags[0]));
    assert.ok(loved);
    const disliked = first.sessions[1].practice.id;
    const lastMonth = addDays(mondayOf(c.today), -10); // before last week: not "done recently"
    await ok(c.a.post(logPath(loved.id), { status: 'done', rating: 5, date: lastMonth }), 201);
    await ok(c.b.post(logPath(disliked), { status: 'done', rating: 1, date: lastMonth }), 201);
    const next = await regenerate(c.b);
    checkPlan(next, { free: c.free, today: c.today });
    const lovedSession = next.sessions.find((s) => s.practice.id === loved.id);
    assert.ok(lovedSession, `${loved.id}, rated 5, is planned`);
    assert.match(lovedSession.reason, /rated it 5 of 5/, lovedSession.reason);
    assert.ok(!next.sessions.some((s) => s.practice.id === disliked), `${disliked}, rated 1, is not`);
  });

  test('a practice done this week marks its session done, for both of us', async () => {
    const c = await plannedCouple();
    const plan = await getPlan(c.a);
    const target = plan.sessions[2];
    await ok(c.b.post(logPath(target.practice.id), { status: 'done', rating: 4 }), 201);
    for (const who of [c.a, c.b]) {
      const seen = await getPlan(who);
      assert.deepEqual(seen.sessions.map((s) => s.done), plan.sessions.map((s) => s.id === target.id));
    }
    // Skipped or done before the week: not done.
    await ok(c.a.post(logPath(plan.sessions[0].practice.id), { status: 'skipped' }), 201);
    await ok(c.a.post(logPath(plan.sessions[1].practice.id), { status: 'done', date: addDays(mondayOf(c.today), -1) }), 201);
    assert.deepEqual((await getPlan(c.a)).sessions.map((s) => s.done), plan.sessions.map((s) => s.id === target.id));
  });

  test('difficulty opens up as practices get done, easier ones first in the week', async () => {
    const c = await plannedCouple();
    assert.equal((await getPlan(c.a)).level, 1);
    const easy = [...content().practices.values()].filter((p) => p.difficulty === 1).slice(0, 8);
    const lastMonth = addDays(mondayOf(c.today), -12);
    for (const p of easy) await ok(c.a.post(logPath(p.id), { status: 'done', rating: 3, date: lastMonth }), 201);
    const plan = await regenerate(c.a, { intensity: 'deep' });
    checkPlan(plan, { free: c.free, today: c.today });
    assert.ok(plan.level > 1, `after 8 practices done the level rises: ${plan.level}`);
    assert.ok(plan.sessions.some((s) => s.practice.difficulty > 1), 'and harder practices are offered');
    // Easier first: with a day free for each session, the week builds up day by day.
    const week = await regenerate(c.a, { intensity: 'regular' });
    checkPlan(week, { free: c.free, today: c.today });
    const daysLeft = 7 - DAYS.indexOf(weekdayOf(c.today));
    if (daysLeft >= week.sessions.length) {
      const levels = week.sessions.map((s) => s.practice.difficulty);
      assert.deepEqual(levels, [...levels].sort(), `easier first: ${levels}`);
    }
    assert.equal((await regenerate(c.a, { intensity: 'light' })).level, 1, 'a light week stays easy');
  });
});

describe('without a couple, or waiting for one', () => {
  test('a person alone gets a plan from their own free time', async () => {
    // As many sessions as asked, or fewer with a note saying so (late in the week little time is left).
    const counted = (plan, wanted) => {
      if (plan.sessions.length < wanted) assert.ok(hasNote(plan, new RegExp(`Only ${plan.sessions.length} of ${wanted}`)), plan.notes.join(' '));
      else assert.equal(plan.sessions.length, wanted);
      assert.ok(plan.sessions.length > 0);
    };
    const p = await register(server.url, 'Alone');
    const bare = await getPlan(p);
    checkPlan(bare, { zone: 'UTC' });
    counted(bare, 5);
    assert.ok(hasNote(bare, /free times/));
    const zone = noonZone();
    const free = [slot('sat', '09:00', '13:00'), ...everyDay('18:00', '21:00')];
    await setFree(p, zone, free);
    const plan = await getPlan(p);
    checkPlan(plan, { free: bothFree([free]), today: localDate(zone), zone });
    counted(plan, 5);
    assert.ok(!hasNote(plan, /free times/), 'free times were given');
    const deep = await regenerate(p, { intensity: 'deep' });
    checkPlan(deep, { free: bothFree([free]), today: localDate(zone), zone });
    counted(deep, SESSIONS.deep);
  });

  test('a person waiting for their partner gets a plan too', async () => {
    const p = await register(server.url, 'Waiting');
    await ok(p.post('/api/v1/couple', {}), 201);
    const zone = noonZone();
    await setFree(p, zone, WIDE_A);
    const plan = await getPlan(p);
    checkPlan(plan, { free: WIDE_A, today: localDate(zone), zone });
    assert.equal(plan.sessions.length, 5);
    assert.deepEqual(await getPlan(p), plan, 'stored, like a couple’s');
  });

  test('alone, the intensity I choose stays', async () => {
    const p = await register(server.url, 'Alone');
    assert.equal((await regenerate(p, { intensity: 'deep' })).intensity, 'deep');
    const plan = await getPlan(p);
    assert.equal(plan.intensity, 'deep');
    assert.equal(plan.sessions.length, 7);
  });

  test('alone, skips and ratings adapt my next plan and done sessions show as done', {
  }, async () => {
    const p = await register(server.url, 'Alone');
    const zone = noonZone();
    await setFree(p, zone, WIDE_A);
    const first = await getPlan(p);
    const skipped = first.sessions[0].practice.id;
    await ok(p.post(logPath(first.sessions[1].practice.id), { status: 'done' }), 201);
    await ok(p.post(logPath(skipped), { status: 'skipped' }), 201);
    const next = await regenerate(p);
    assert.ok(!next.sessions.some((s) => s.practice.id === skipped), `${skipped} was skipped`);
    const done = next.sessions.find((s) => s.practice.id === first.sessions[1].practice.id);
    assert.ok(done, 'a session done this week stays in the new plan');
    assert.equal(done.done, true);
    assert.equal(done.status, 'done');
    assert.equal(done.id, first.sessions[1].id);
  });
});

describe('a week under way', () => {
  test('each session says planned, done or skipped, the same for both of us', async () => {
    const c = await plannedCouple();
    const plan = await getPlan(c.a);
    assert.deepEqual(plan.sessions.map((s) => s.status), plan.sessions.map(() => 'planned'));
    const [skip, doIt] = [plan.sessions[0], plan.sessions[3]];
    await ok(c.b.post(logPath(skip.practice.id), { status: 'skipped' }), 201);
    await ok(c.a.post(logPath(doIt.practice.id), { status: 'done', rating: 3 }), 201);
    for (const who of [c.a, c.b]) {
      const seen = await getPlan(who);
      assert.deepEqual(seen.sessions.map((s) => s.status),
        plan.sessions.map((s) => (s.id === skip.id ? 'skipped' : s.id === doIt.id ? 'done' : 'planned')));
      assert.deepEqual(seen.sessions.map((s) => s.done), seen.sessions.map((s) => s.status === 'done'));
    }
    // Done after a skip: done wins.
    await ok(c.a.post(logPath(skip.practice.id), { status: 'done' }), 201);
    assert.equal((await getPlan(c.b)).sessions.find((s) => s.id === skip.id).status, 'done');
  });

  test('re-planned mid-week, a session already done stays where it was; only what is ahead changes', async () => {
    const c = await plannedCouple();
    const plan = await getPlan(c.a);
    const done = plan.sessions[plan.sessions.length - 1]; // the latest of the week, done early
    await ok(c.b.post(logPath(done.practice.id), { status: 'done', rating: 5 }), 201);
    const keep = (p) => p.sessions.find((s) => s.id === done.id);
    // New free times make a new plan (the old times no longer all fit), and so does asking for one.
    const narrower = everyDay('08:00', '21:00');
    await setFree(c.a, c.zone, narrower);
    for (const next of [await getPlan(c.b), await regenerate(c.a, { intensity: 'deep' })]) {
      const kept = keep(next);
      assert.ok(kept, `${done.practice.id} was done this week and stays in "This week"`);
      assert.deepEqual(
        { date: kept.date, start: kept.start, status: kept.status, reason: kept.reason },
        { date: done.date, start: done.start, status: 'done', reason: done.reason });
      assert.equal(next.sessions.filter((s) => s.practice.id === done.practice.id).length, 1, 'not planned twice');
      const others = next.sessions.filter((s) => s.id !== done.id);
      for (const s of others) {
        if (s.date !== done.date) continue;
        const apart = minutes(s.start) + s.minutes <= minutes(done.start) || minutes(s.start) >= minutes(done.start) + done.minutes;
        assert.ok(apart, `${s.practice.id} at ${s.start} does not overlap the kept session at ${done.start}`);
      }
    }
    const deep = await getPlan(c.b);
    assert.equal(deep.sessions.length, SESSIONS.deep, 'the kept session counts towards the week');
  });
});

describe('the demo couple', () => {
  test('their plan keeps every rule, aims at their weakest shared areas, and marks what they did this week', async (t) => {
    if (!(await demoHasDays())) return t.skip('this build has no `hearth demo --days`');
    const demo = await demoCouple(1);
    try {
      const { maya, daniel } = demo;
      const today = localDate('UTC'); // the demo's free times are in UTC
      const [free, plan] = [(await ok(maya.get('/api/v1/availability'))).body.shared_free_time, await getPlan(maya)];
      assert.equal(plan.time_zone, 'UTC');
      checkPlan(plan, { free, today });
      assert.deepEqual(free, bothFree([(await ok(maya.get('/api/v1/availability'))).body.slots, (await ok(daniel.get('/api/v1/availability'))).body.slots]));
      assert.ok(plan.level > 1, 'the demo couple has done practices before');
      assert.ok(plan.sessions.some((s) => /^Aimed at/.test(s.reason)), `their finished rounds show: ${plan.sessions.map((s) => s.reason)}`);
      const liked = (await ok(maya.get('/api/v1/availability'))).body.preferences.likes;
      assert.ok(plan.sessions.every((s) => s.practice.cost !== 'medium'), "Daniel's budget is low");
      assert.ok(liked.length > 0);
      assert.deepEqual(await getPlan(daniel), plan);
      const logs = [...(await ok(maya.get('/api/v1/me/export'))).body.practice.log, ...(await ok(daniel.get('/api/v1/me/export'))).body.practice.log];
      const doneThisWeek = new Set(logs.filter((l) => l.status === 'done' && l.date >= plan.week_start).map((l) => l.practice));
      assert.deepEqual(plan.sessions.map((s) => s.done), plan.sessions.map((s) => doneThisWeek.has(s.practice.id)));
    } finally {
      await demo.server.stop();
    }
  });
});

describe('bad requests', () => {
  test('a bad intensity or body is refused and the plan stays as it was', async () => {
    const c = await plannedCouple();
    const plan = await regenerate(c.a, { intensity: 'light' });
    for (const [body, field] of [[{ intensity: 'extreme' }, 'intensity'], [{ intensity: 'Light' }, 'intensity'], [{ intensity: null }, 'intensity'],
      [{ intensity: 3 }, 'intensity'], [{ sessions: 7 }, 'sessions']]) {
      assertProblem(await c.a.post(REGENERATE, body), 422, 'invalid-field', field);
    }
    assertProblem(await c.a.post(REGENERATE, 'deep'), 422, 'invalid-field');
    assertProblem(await c.a.request('POST', REGENERATE, { body: '{', headers: { 'content-type': 'application/json' } }), 400, 'malformed-json');
    assertProblem(await c.a.request('POST', REGENERATE, { body: '{"intensity":"deep"}', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    assertProblem(await c.a.post(REGENERATE, { intensity: 'deep' }, { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'cross-site-request');
    assertProblem(await c.a.fresh().post(REGENERATE, {}), 401, 'not-authenticated');
    assertProblem(await c.a.fresh().get(PLAN), 401, 'not-authenticated');
    assert.deepEqual(await getPlan(c.b), plan, 'nothing changed');
  });
});
