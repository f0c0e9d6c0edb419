// The positive cycle (docs/API.md, "Cycle"): on the couple's own last 365 days, each person's values
// centred on their own means; does closeness on one day go with more affection the next (and the
// reverse): `to[t+1] = b0 + b1·to[t] + b2·from[t]` by least squares, with a 95% interval; a verdict
// other than no_clear_link only when the interval excludes 0; never a claim of cause. The demo
// builds a lagged closeness → affection effect in (src/cli/demo.cc); the numbers are recomputed
// here with jStat from each partner's own GET /checkins.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jStat from 'jstat';
import { startServer } from '../support/server.mjs';
import { registerMany, pair, assertProblem } from './client.mjs';
import {
  CYCLE, AHEAD, BEHIND, METRICS, answers, checkIn, ok, allCheckins, within, round2, addDays, datesFrom, demoHasDays, demoCouple,
} from './checkin-kit.mjs';

const NO_DEMO = !(await demoHasDays()) && 'this build of `hearth demo` has no --days';
const MIN_PAIRS = 21;

const cycleOf = async (who, query = '') => (await ok(who.get(`${CYCLE}${query}`))).body;
const todayOf = (cycle) => cycle.series[cycle.series.length - 1].date;
const near = (got, want, what, tolerance = 0.007) => assert.ok(Math.abs(got - want) <= tolerance, `${what}: ${got}, recomputed ${want}`);

/** Shape beyond the schema: the two lagged links and three same-day ones in order, 90 days of series. */
function checkShape(cycle) {
  assert.equal(cycle.min_pairs, MIN_PAIRS);
  assert.equal(cycle.enough, cycle.pairs >= MIN_PAIRS);
  assert.deepEqual(cycle.lagged.map((l) => [l.from, l.to]), [['closeness', 'affection'], ['affection', 'closeness']]);
  assert.deepEqual(cycle.same_day.map((l) => [l.from, l.to]), [['minutes_together', 'closeness'], ['focused_minutes', 'closeness'], ['tech_interference', 'closeness']]);
  assert.equal(cycle.pairs, Math.max(...cycle.lagged.map((l) => l.pairs)));
  const today = todayOf(cycle);
  assert.deepEqual(cycle.series.map((p) => p.date), datesFrom(addDays(today, -89), today), 'the last 90 days, oldest first');
}

/** Verdicts follow the (rounded) intervals; below the minimum nothing is said. */
function checkVerdicts(cycle) {
  for (const l of cycle.lagged) {
    const what = `${l.from} → ${l.to}`;
    if (l.pairs < MIN_PAIRS) {
      assert.deepEqual([l.verdict, l.correlation, l.effect, l.low, l.high], ['not_enough_data', null, null, null, null], what);
      continue;
    }
    assert.notEqual(l.verdict, 'not_enough_data', what);
    assert.equal(l.correlation.n, l.pairs, what);
    assert.ok(l.low <= l.effect && l.effect <= l.high, `${what}: ${l.low} ≤ ${l.effect} ≤ ${l.high}`);
    if (l.verdict === 'goes_with_more') assert.ok(l.low >= 0 && l.effect > 0, what);
    if (l.verdict === 'goes_with_less') assert.ok(l.high <= 0 && l.effect < 0, what);
    if (l.verdict === 'no_clear_link') assert.ok(l.low <= 0 && l.high >= 0, what);
  }
  for (const l of cycle.same_day) {
    const what = `${l.from} with closeness`;
    if (l.days < MIN_PAIRS) {
      assert.deepEqual([l.verdict, l.correlation], ['not_enough_data', null], what);
      continue;
    }
    const c = l.correlation;
    assert.equal(c.n, l.days);
    assert.ok(c.low <= c.r && c.r <= c.high, what);
    if (l.verdict === 'goes_with_more') assert.ok(c.low >= 0 && c.r > 0, what);
    if (l.verdict === 'goes_with_less') assert.ok(c.high <= 0 && c.r < 0, what);
    if (l.verdict === 'no_clear_link') assert.ok(c.low <= 0 && c.high >= 0, what);
  }
}

/** No text claims a cause: every sentence that speaks of one denies it ("not proof", "never prove"). */
function checkNoCause(cycle) {
  const texts = [...cycle.lagged.map((l) => l.text), ...cycle.same_day.map((l) => l.text), cycle.note];
  for (const text of texts) {
    for (const sentence of text.split(/(?<=[.;:!?])\s+/)) {
      if (/\bcaus/i.test(sentence)) assert.match(sentence, /\b(not|never|no)\b/i, `a claim of cause: "${sentence}"`);
    }
    assert.doesNotMatch(text, /\b(because|leads? to|makes? you|results? in)\b/i, `causal wording: "${text}"`);
  }
  assert.match(cycle.note, /never prove a cause|not proof/);
  for (const l of cycle.lagged) if (l.verdict === 'goes_with_more' || l.verdict === 'goes_with_less') assert.match(l.text, /not (proof|a cause)/, l.text);
}

/**
 * The cycle recomputed from each person's check-ins (mine first): centred on each person's own means
 * over the last 365 days, day pairs pooled, least squares with jStat.
 */
function reference(today, people) {
  const from = addDays(today, -364);
  const centred = people.map((list) => {
    const days = within(list, from, today);
    const mean = Object.fromEntries(METRICS.map((m) => [m, days.reduce((s, c) => s + Number(c[m]), 0) / days.length]));
    return new Map(days.map((c) => [c.date, Object.fromEntries(METRICS.map((m) => [m, Number(c[m]) - mean[m]]))]));
  });
  const z975 = jStat.normal.inv(0.975, 0, 1);
  const pearson = (x, y) => {
    const r = jStat.corrcoeff(x, y);
    const half = z975 / Math.sqrt(x.length - 3);
    return { r, n: x.length, low: Math.tanh(Math.atanh(r) - half), high: Math.tanh(Math.atanh(r) + half) };
  };
  const lagged = [['closeness', 'affection'], ['affection', 'closeness']].map(([x, y]) => {
    const next = [];
    const rows = [];
    for (const person of centred) {
      for (const [date, v] of person) {
        const tomorrow = person.get(addDays(date, 1));
        if (tomorrow) {
          next.push(tomorrow[y]);
          rows.push([1, v[y], v[x]]);
        }
      }
    }
    if (next.length < MIN_PAIRS) return { pairs: next.length };
    const model = jStat.models.ols(next, rows);
    const t = jStat.studentt.inv(0.975, model.df_resid);
    const [effect, se] = [model.coef[2], model.t.se[2]];
    return { pairs: next.length, effect, low: effect - t * se, high: effect + t * se, correlation: pearson(rows.map((r) => r[2]), next) };
  });
  const sameDay = ['minutes_together', 'focused_minutes', 'tech_interference'].map((x) => {
    const all = centred.flatMap((person) => [...person.values()]);
    return { days: all.length, correlation: all.length >= MIN_PAIRS ? pearson(all.map((v) => v[x]), all.map((v) => v.closeness)) : null };
  });
  const series = datesFrom(addDays(today, -89), today).map((date) => {
    const those = people.map((list) => list.find((c) => c.date === date)).filter(Boolean);
    const mean = (m) => (those.length ? round2(those.reduce((s, c) => s + c[m], 0) / those.length) : null);
    return { date, closeness: mean('closeness'), affection: mean('affection') };
  });
  return { lagged, sameDay, series };
}

function checkAgainstReference(cycle, people, who) {
  const ref = reference(todayOf(cycle), people);
  assert.deepEqual(cycle.series, ref.series, `${who}: the series is the couple's mean of each day`);
  cycle.lagged.forEach((l, k) => {
    const r = ref.lagged[k];
    const what = `${who}: ${l.from} → ${l.to}`;
    assert.equal(l.pairs, r.pairs, `${what}: pairs of consecutive days`);
    if (r.pairs < MIN_PAIRS) return;
    near(l.effect, r.effect, `${what}: effect`);
    near(l.low, r.low, `${what}: low`);
    near(l.high, r.high, `${what}: high`);
    for (const f of ['r', 'low', 'high']) near(l.correlation[f], r.correlation[f], `${what}: correlation ${f}`);
  });
  cycle.same_day.forEach((l, k) => {
    const r = ref.sameDay[k];
    assert.equal(l.days, r.days, `${who}: ${l.from} days`);
    if (r.correlation) for (const f of ['r', 'low', 'high']) near(l.correlation[f], r.correlation[f], `${who}: ${l.from} ${f}`);
  });
}

describe('ninety days of demo couples', { skip: NO_DEMO }, () => {
  let demo;
  const data = {};
  before(async () => {
    demo = await demoCouple(90, 6);
    for (const [a, b] of demo.couples) [data[a.email], data[b.email]] = await Promise.all([allCheckins(a), allCheckins(b)]);
  });
  after(async () => { await demo?.server.stop(); });

  test('the lagged link closeness → affection that the demo builds in is found', async () => {
    const cycle = await cycleOf(demo.maya);
    checkShape(cycle);
    assert.equal(cycle.enough, true);
    assert.ok(cycle.pairs >= MIN_PAIRS);
    const [closeToAffection] = cycle.lagged;
    assert.equal(closeToAffection.verdict, 'goes_with_more', JSON.stringify(closeToAffection));
    assert.ok(closeToAffection.effect > 0 && closeToAffection.low > 0, 'the interval lies above 0');
    assert.ok(closeToAffection.correlation.r > 0);
    assert.match(closeToAffection.text, /not proof/);
    // Both partners see the same couple's numbers.
    assert.deepEqual(await cycleOf(demo.daniel), cycle);
  });

  test('the numbers are least squares on both partners\' centred day pairs (recomputed with jStat)', async () => {
    for (const [a, b] of demo.couples) {
      const cycle = await cycleOf(a);
      checkShape(cycle);
      checkAgainstReference(cycle, [data[a.email], data[b.email]], a.displayName);
    }
  });

  test('verdicts follow the 95% intervals; no text ever claims a cause', async (t) => {
    const verdicts = {};
    for (const [a] of demo.couples) {
      const cycle = await cycleOf(a);
      checkVerdicts(cycle);
      checkNoCause(cycle);
      for (const l of [...cycle.lagged, ...cycle.same_day]) verdicts[l.verdict] = (verdicts[l.verdict] ?? 0) + 1;
    }
    t.diagnostic(`verdicts seen: ${JSON.stringify(verdicts)}`);
  });

  test('a time_zone sets today; an unknown one is 422', async () => {
    const cycle = await cycleOf(demo.maya, `?time_zone=${encodeURIComponent(AHEAD)}`);
    checkShape(cycle);
    assert.ok(todayOf(cycle) >= todayOf(await cycleOf(demo.maya)), 'Kiritimati is never behind UTC');
    assertProblem(await demo.maya.get(`${CYCLE}?time_zone=Nowhere%2FAtAll`), 422, 'invalid-field', 'time_zone');
  });
});

describe('little data', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('a new couple with two days each: not enough data, said plainly', async () => {
    const [p, q] = await registerMany(server.url, ['Few', 'Days']);
    const none = await cycleOf(p);
    checkShape(none);
    assert.deepEqual([none.pairs, none.enough], [0, false]);
    assert.ok(none.series.every((d) => d.closeness === null && d.affection === null));
    await pair(p, q);
    const mine = [await checkIn(p, answers({ time_zone: BEHIND, closeness: 2, affection: 4 })), await checkIn(p, answers({ time_zone: AHEAD, closeness: 6, affection: 9 }))];
    const theirs = [await checkIn(q, answers({ time_zone: BEHIND, closeness: 5, affection: 0 }))];
    const cycle = await cycleOf(p, `?time_zone=${encodeURIComponent(AHEAD)}`);
    checkShape(cycle);
    checkVerdicts(cycle);
    checkNoCause(cycle);
    assert.equal(cycle.enough, false);
    assert.ok(cycle.pairs <= 1);
    assert.deepEqual(cycle.lagged.map((l) => l.verdict), ['not_enough_data', 'not_enough_data']);
    assert.deepEqual(cycle.same_day.map((l) => [l.days, l.verdict]), Array(3).fill([3, 'not_enough_data']));
    for (const l of cycle.lagged) assert.match(l.text, /21/, 'says how much data it needs');
    checkAgainstReference(cycle, [mine, theirs], p.displayName);
  });

  test('a demo couple of ten days: not enough data yet', { skip: NO_DEMO }, async () => {
    const demo = await demoCouple(10);
    try {
      const cycle = await cycleOf(demo.maya);
      checkShape(cycle);
      checkVerdicts(cycle);
      checkNoCause(cycle);
      assert.equal(cycle.enough, false);
      assert.ok(cycle.pairs > 0 && cycle.pairs < MIN_PAIRS, `${cycle.pairs} pairs`);
      assert.deepEqual([...cycle.lagged, ...cycle.same_day].map((l) => l.verdict), Array(5).fill('not_enough_data'));
      checkAgainstReference(cycle, [await allCheckins(demo.maya), await allCheckins(demo.daniel)], 'Maya');
    } finally {
      await demo.server.stop();
    }
  });
});
