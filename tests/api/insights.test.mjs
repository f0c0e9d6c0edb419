// Insights (docs/API.md, "Daily check-in, insights, the positive cycle and the journey"): trends
// over 7, 30 or 90 days with every day in range, averages and the range before, the weekly summary,
// appreciations; the day follows the time zone. Check-ins can only be written for today through the
// API, so two days come from two time zones (UTC−11 and UTC+14) and many days from `hearth demo
// --days N`, whose partners both log in: each one's own GET /checkins is the truth the other's
// insights are compared with (means computed here, rounded to two decimals).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { repoRoot, startServer } from '../support/server.mjs';
import { registerMany, pair, assertProblem } from './client.mjs';
import {
  INSIGHTS, CHECKINS, AHEAD, BEHIND, SHARED, METRICS, answers, checkIn, ok, allCheckins, sharedOf, valuesOf, means, within,
  round2, addDays, datesFrom, mondayOf, demoHasDays, demoCouple,
} from './checkin-kit.mjs';

const HAS_DAYS = await demoHasDays();
const NO_DEMO = !HAS_DAYS && 'this build of `hearth demo` has no --days';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const insights = async (who, query = '') => (await ok(who.get(`${INSIGHTS}${query}`))).body;
const zone = (tz) => `time_zone=${encodeURIComponent(tz)}`;

/** Checks the series of an Insights body: every day from `from` to `to`, `days` of them, ending today. */
function checkRange(body, days) {
  assert.equal(body.days, days);
  assert.equal(body.to, body.today);
  assert.equal(body.from, addDays(body.today, -(days - 1)));
  assert.deepEqual(body.series.map((d) => d.date), datesFrom(body.from, body.to), 'every day in range, in order');
  assert.equal(body.rhythm.today, body.today);
}

/** What the series should hold, from my check-ins and my partner's (each as its author sees it). */
function expectedSeries(body, mine, theirs) {
  const m = new Map(mine.map((c) => [c.date, c]));
  const t = new Map((theirs ?? []).map((c) => [c.date, c]));
  return body.series.map(({ date }) => ({
    date,
    me: m.has(date) ? valuesOf(m.get(date)) : null,
    partner: theirs && t.has(date) ? sharedOf(t.get(date)) : null,
  }));
}

/** The averages of a range [from, to]: mine of every measure, my partner's of the shared ones. */
const expectedAverages = (mine, theirs, from, to) => ({
  me: means(within(mine, from, to), METRICS),
  partner: theirs ? means(within(theirs, from, to), SHARED) : null,
});

/** The appreciations of the last 14 days: all of mine, my partner's shared ones; newest first. */
function expectedAppreciations(body, mine, theirs) {
  const from = addDays(body.to, -13);
  const out = [
    ...within(mine, from, body.to).filter((c) => c.appreciation).map((c) => ({ date: c.date, from: 'me', text: c.appreciation.text, shared: c.appreciation.shared })),
    ...within(theirs ?? [], from, body.to).filter((c) => c.appreciation?.shared).map((c) => ({ date: c.date, from: 'partner', text: c.appreciation.text, shared: true })),
  ];
  return out.sort((a, b) => (a.date === b.date ? (a.from === 'me' ? -1 : 1) : a.date > b.date ? -1 : 1));
}

// ---- The weekly summary, as docs/API.md describes it ----
const LOWER_IS_BETTER = new Set(['tech_interference']);
const notable = (m) => (m === 'minutes_together' || m === 'focused_minutes' ? 15 : 0.75);
const numberText = (v) => (Math.abs(v - Math.round(v)) < 0.05 ? v.toFixed(0) : v.toFixed(1));
const suggestions = parseToml(readFileSync(join(repoRoot, 'content', 'insights', 'suggestions.toml'), 'utf8')).suggestions;

function expectedWeekly(today, mine, theirs) {
  const from = addDays(today, -6);
  const week = (a, b) => {
    const rows = [...within(mine, a, b), ...within(theirs ?? [], a, b)];
    return { n: rows.length, values: means(rows, SHARED) };
  };
  const now = week(from, today);
  const before = week(addDays(from, -7), addDays(from, -1));
  const w = {
    from, to: today, my_checkins: within(mine, from, today).length, partner_checkins: within(theirs ?? [], from, today).length,
    enough: now.n >= 3 && before.n >= 3,
  };
  if (!w.enough) return { ...w, went_well: [], dipped: [], focus: null };
  const better = [];
  const worse = [];
  for (const m of SHARED) {
    const c = { metric: m, this_week: now.values[m], last_week: before.values[m] };
    const delta = c.this_week - c.last_week;
    const size = (LOWER_IS_BETTER.has(m) ? -delta : delta) / notable(m);
    if (size >= 1) better.push([size, c]);
    if (size <= -1) worse.push([-size, c]);
  }
  const top = (list) => list.sort((a, b) => b[0] - a[0]).slice(0, 2).map(([, c]) => c);
  const wentWell = top(better);
  const dipped = top(worse);
  let focus = dipped[0]?.metric ?? null;
  if (!focus) {
    let lowest = 11;
    for (const m of ['connection', 'closeness', 'affection', 'tech_interference']) {
      const howWell = LOWER_IS_BETTER.has(m) ? 10 - now.values[m] : now.values[m];
      if (howWell < lowest) { lowest = howWell; focus = m; }
    }
  }
  return { ...w, went_well: wentWell, dipped, focus };
}

function checkWeekly(weekly, today, mine, theirs) {
  const want = expectedWeekly(today, mine, theirs);
  const strip = (list) => list.map(({ metric, this_week: a, last_week: b }) => ({ metric, this_week: a, last_week: b }));
  assert.deepEqual(
    { from: weekly.from, to: weekly.to, my_checkins: weekly.my_checkins, partner_checkins: weekly.partner_checkins, enough: weekly.enough },
    { from: want.from, to: want.to, my_checkins: want.my_checkins, partner_checkins: want.partner_checkins, enough: want.enough },
  );
  assert.deepEqual(strip(weekly.went_well), want.went_well, 'went well: shared measures that rose (or interference that fell) by a notable step, best first');
  assert.deepEqual(strip(weekly.dipped), want.dipped, 'dipped: largest first');
  for (const c of [...weekly.went_well, ...weekly.dipped]) {
    assert.ok(c.text.includes(numberText(c.this_week)) && c.text.includes(numberText(c.last_week)), `the text gives both weeks: ${c.text}`);
  }
  if (!want.enough) {
    assert.equal(weekly.try, null);
    return;
  }
  assert.equal(weekly.try?.metric, want.focus, 'one thing to try, for what dipped most (else the lowest scale)');
  const s = suggestions.find((x) => x.text === weekly.try.text);
  assert.ok(s, `the suggestion is one of content/insights/suggestions.toml: ${weekly.try.text}`);
  assert.deepEqual(weekly.try, { metric: s.metric, text: s.text, why: s.why, practice_tag: s.practice_tag });
}

describe('two days through two time zones', () => {
  let p;
  let q;
  const pc = {};
  const qc = {};
  before(async () => {
    [p, q] = await registerMany(server.url, ['Pat', 'Quin']);
    await pair(p, q);
    pc.behind = await checkIn(p, answers({
      time_zone: BEHIND, connection: 7, closeness: 3, affection: 1, minutes_together: 45, focused_minutes: 20, tech_interference: 10,
      mood: 2, stress: 1, self_care: true, appreciation: { text: 'Pat, shared, behind', shared: true },
    }));
    pc.ahead = await checkIn(p, answers({
      time_zone: AHEAD, connection: 4, closeness: 8, affection: 2, minutes_together: 100, focused_minutes: 33, tech_interference: 3,
      mood: 5, stress: 4, self_care: false, appreciation: { text: 'Pat, private, ahead', shared: false },
    }));
    qc.behind = await checkIn(q, answers({
      time_zone: BEHIND, connection: 0, closeness: 10, affection: 5, minutes_together: 0, focused_minutes: 0, tech_interference: 1,
      mood: 3, stress: 3, self_care: false,
    }));
    qc.ahead = await checkIn(q, answers({
      time_zone: AHEAD, connection: 3, closeness: 5, affection: 6, minutes_together: 61, focused_minutes: 60, tech_interference: 2,
      mood: 1, stress: 5, self_care: false, appreciation: { text: 'Quin, private, ahead', shared: false },
    }));
  });

  test('averages are the means of what was put (by hand), the partner\'s of the shared measures only', async () => {
    const body = await insights(p, `?days=7&${zone(AHEAD)}`);
    checkRange(body, 7);
    assert.equal(body.time_zone, AHEAD);
    assert.ok(body.today === pc.ahead.date || body.today === addDays(pc.ahead.date, 1), `today in Kiritimati: ${body.today}`);
    assert.deepEqual(body.partner, { id: q.id, display_name: q.displayName });
    assert.deepEqual(body.averages, {
      me: { connection: 5.5, closeness: 5.5, affection: 1.5, minutes_together: 72.5, focused_minutes: 26.5, tech_interference: 6.5, mood: 3.5, stress: 2.5, self_care: 0.5 },
      partner: { connection: 1.5, closeness: 7.5, affection: 5.5, minutes_together: 30.5, focused_minutes: 30, tech_interference: 1.5 },
    });
    assert.deepEqual(body.previous, { me: null, partner: null }, 'nothing in the week before');
    assert.deepEqual(body.series, expectedSeries(body, [pc.behind, pc.ahead], [qc.behind, qc.ahead]));
    // The partner's view: the same days the other way round.
    const theirs = await insights(q, `?days=7&${zone(AHEAD)}`);
    assert.deepEqual(theirs.averages, {
      me: { connection: 1.5, closeness: 7.5, affection: 5.5, minutes_together: 30.5, focused_minutes: 30, tech_interference: 1.5, mood: 2, stress: 4, self_care: 0 },
      partner: { connection: 5.5, closeness: 5.5, affection: 1.5, minutes_together: 72.5, focused_minutes: 26.5, tech_interference: 6.5 },
    });
    assert.deepEqual(theirs.series, expectedSeries(theirs, [qc.behind, qc.ahead], [pc.behind, pc.ahead]));
  });

  test('the weekly summary needs 3 check-ins in each week; appreciations are mine and the shared ones', async () => {
    const body = await insights(p, `?days=7&${zone(AHEAD)}`);
    assert.deepEqual(body.weekly, {
      from: addDays(body.today, -6), to: body.today, my_checkins: 2, partner_checkins: 2, enough: false, went_well: [], dipped: [], try: null,
    });
    assert.deepEqual(body.appreciations, expectedAppreciations(body, [pc.behind, pc.ahead], [qc.behind, qc.ahead]));
    assert.deepEqual(body.appreciations.map((a) => [a.from, a.text]), [['me', 'Pat, private, ahead'], ['me', 'Pat, shared, behind']]);
    const theirs = await insights(q, `?days=30&${zone(AHEAD)}`);
    assert.deepEqual(theirs.appreciations.map((a) => [a.from, a.text]), [['me', 'Quin, private, ahead'], ['partner', 'Pat, shared, behind']]);
  });

  test('the time zone decides today: in Pago Pago the Kiritimati day has not come yet', async () => {
    const body = await insights(p, `?days=7&${zone(BEHIND)}`);
    checkRange(body, 7);
    assert.equal(body.time_zone, BEHIND);
    assert.ok(body.today < pc.ahead.date);
    const mine = [pc.behind, pc.ahead].filter((c) => c.date <= body.today);
    assert.deepEqual(body.averages.me, means(mine, METRICS));
    assert.deepEqual(body.series, expectedSeries(body, [pc.behind, pc.ahead], [qc.behind, qc.ahead]));
    // Without time_zone: the zone of my latest check-in (Kiritimati's day is the latest).
    const byDefault = await insights(p, '?days=7');
    assert.equal(byDefault.time_zone, AHEAD);
    assert.equal(byDefault.averages.me.closeness, 5.5);
    // A person who never checked in reads in UTC.
    const [r] = await registerMany(server.url, ['Reader']);
    const fresh = await insights(r);
    assert.equal(fresh.time_zone, 'UTC');
    checkRange(fresh, 30);
    assert.deepEqual([fresh.partner, fresh.averages, fresh.previous, fresh.appreciations], [null, { me: null, partner: null }, { me: null, partner: null }, []]);
    assert.ok(fresh.series.every((d) => d.me === null && d.partner === null));
  });

  test('days is 7, 30 or 90 (30 by default); anything else, or an unknown zone, is 422', async () => {
    checkRange(await insights(p), 30);
    for (const days of [7, 30, 90]) checkRange(await insights(p, `?days=${days}`), days);
    for (const days of ['0', '1', '14', '31', '60', '91', '365', '-7', '7.0', '07', '%207', 'seven', '']) {
      assertProblem(await p.get(`${INSIGHTS}?days=${days}`), 422, 'invalid-field', 'days');
    }
    for (const bad of ['Mars%2FOlympus', '', 'utc', 'Europe%2FBerlin%20']) {
      assertProblem(await p.get(`${INSIGHTS}?time_zone=${bad}`), 422, 'invalid-field', 'time_zone');
    }
  });
});

describe('a hundred and twenty days of demo couples', { skip: NO_DEMO }, () => {
  let demo;
  const data = {};
  before(async () => {
    // Six couples (improving, stalling, declining, each twice, with their own random days), so the
    // weekly summary meets rises, dips and steady weeks whatever today is.
    demo = await demoCouple(120, 6);
    for (const [a, b] of demo.couples) [data[a.email], data[b.email]] = await Promise.all([allCheckins(a), allCheckins(b)]);
    data.maya = data[demo.maya.email];
    data.daniel = data[demo.daniel.email];
  });
  after(async () => { await demo?.server.stop(); });
  const sides = () => [[demo.maya, data.maya, data.daniel], [demo.daniel, data.daniel, data.maya]];
  const everyone = () => demo.couples.flatMap(([a, b]) => [[a, data[a.email], data[b.email]], [b, data[b.email], data[a.email]]]);

  test('the demo has check-ins of both partners on most of the days', () => {
    assert.ok(data.maya.length >= 90 && data.daniel.length >= 60, `${data.maya.length} and ${data.daniel.length} check-ins`);
    assert.ok(data.maya.every((c) => c.time_zone === 'UTC'));
  });

  test('every day in range; my values are my check-ins, my partner\'s are their shared measures', async () => {
    for (const [who, mine, theirs] of sides()) {
      for (const days of [7, 30, 90]) {
        const body = await insights(who, `?days=${days}`);
        checkRange(body, days);
        assert.deepEqual(body.series, expectedSeries(body, mine, theirs), `${who.displayName}, ${days} days`);
      }
    }
  });

  test('averages and the range before are the means of the check-ins in each range', async () => {
    for (const [who, mine, theirs] of everyone()) {
      for (const days of [7, 30, 90]) {
        const body = await insights(who, `?days=${days}`);
        assert.deepEqual(body.averages, expectedAverages(mine, theirs, body.from, body.to), `${who.displayName}, ${days} days`);
        const previous = expectedAverages(mine, theirs, addDays(body.from, -days), addDays(body.from, -1));
        assert.deepEqual(body.previous, previous, `${who.displayName}, the ${days} days before`);
        assert.notEqual(previous.me, null, 'the demo reaches into the range before');
        const selfCare = within(mine, body.from, body.to);
        assert.equal(body.averages.me.self_care, round2(selfCare.filter((c) => c.self_care).length / selfCare.length), 'self-care: a share of days');
      }
    }
  });

  test('the weekly summary pools both partners\' shared measures, the last 7 days against the 7 before', async (t) => {
    const seen = { went_well: 0, dipped: 0, steady: 0 };
    for (const [a, b] of demo.couples) {
      for (const [who, mine, theirs] of [[a, data[a.email], data[b.email]], [b, data[b.email], data[a.email]]]) {
        const body = await insights(who, '?days=7');
        assert.equal(body.weekly.enough, true, 'the demo checks in often enough');
        checkWeekly(body.weekly, body.today, mine, theirs);
        const other = await insights(who, '?days=90');
        assert.deepEqual(other.weekly, body.weekly, 'the same whatever the range');
        if (body.weekly.went_well.length) seen.went_well++;
        if (body.weekly.dipped.length) seen.dipped++;
        if (!body.weekly.went_well.length && !body.weekly.dipped.length) seen.steady++;
      }
    }
    t.diagnostic(`weekly summaries with rises: ${seen.went_well}, dips: ${seen.dipped}, steady: ${seen.steady}`);
  });

  test('appreciations: the last 14 days, mine and my partner\'s shared ones, newest first', async () => {
    for (const [who, mine, theirs] of sides()) {
      const body = await insights(who, '?days=30');
      assert.deepEqual(body.appreciations, expectedAppreciations(body, mine, theirs));
      const hidden = within(theirs, addDays(body.to, -13), body.to).filter((c) => c.appreciation && !c.appreciation.shared);
      for (const c of hidden) assert.ok(!body.appreciations.some((a) => a.from === 'partner' && a.date === c.date), 'a private line stays private');
    }
  });

  test('the rhythm counts this week from Monday and every check-in ever', async () => {
    for (const [who, mine] of sides()) {
      const body = await insights(who, '?days=7');
      const dates = mine.map((c) => c.date);
      const week = datesFrom(mondayOf(body.today), body.today);
      assert.deepEqual(body.rhythm, {
        today: body.today, week: week.map((date) => ({ date, checked_in: dates.includes(date) })),
        count: week.filter((d) => dates.includes(d)).length, total: mine.length,
      });
    }
  });

  test('GET /checkins ranges over the demo days', async () => {
    const { maya } = demo;
    const last = data.maya[data.maya.length - 1].date;
    for (const [from, to] of [[addDays(last, -10), addDays(last, -3)], [addDays(last, -119), addDays(last, -100)], [last, last]]) {
      const res = await ok(maya.get(`${CHECKINS}?from=${from}&to=${to}`));
      assert.deepEqual(res.body.checkins, within(data.maya, from, to));
    }
    const byDefault = await ok(maya.get(CHECKINS));
    assert.deepEqual(byDefault.body.checkins, within(data.maya, addDays(byDefault.body.rhythm.today, -29), byDefault.body.rhythm.today), 'the last 30 days');
  });
});
