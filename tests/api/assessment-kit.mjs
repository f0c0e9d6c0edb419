// Helpers for the assessment tests (docs/API.md, "Assessments, the couple report and the cause
// profile"): the content files read independently of the server (with smol-toml, not the server's
// reader), a reference scorer that follows content/instruments/README.md, answer sets built to
// hit chosen scores, and shortcuts for the routes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { repoRoot } from '../support/server.mjs';

export const INSTRUMENTS = '/api/v1/instruments';
export const REPORT = '/api/v1/couple/report';
export const CAUSES = '/api/v1/causes';
export const EXPORT = '/api/v1/me/export';
export const instrumentPath = (id) => `${INSTRUMENTS}/${id}`;
export const answersPath = (id) => `/api/v1/assessments/${id}/answers`;
export const submitPath = (id) => `/api/v1/assessments/${id}/submit`;
export const resultsPath = (id) => `/api/v1/assessments/${id}/results`;

// ---------------------------------------------------------------------------------------------
// The content, as the files say (never as the server says).

const contentDir = join(repoRoot, 'content');
const instrumentsDir = join(contentDir, 'instruments');
function readToml(path) {
  try {
    return parseToml(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof TomlError) throw new Error(`${path}:${e.line}:${e.column}: ${e.message}`);
    throw e;
  }
}

let cache;
export function content() {
  if (cache) return cache;
  const scales = readToml(join(instrumentsDir, 'scales.toml'));
  const instruments = {};
  for (const f of readdirSync(instrumentsDir).filter((x) => x.endsWith('.toml') && x !== 'scales.toml').sort()) {
    const doc = readToml(join(instrumentsDir, f));
    instruments[doc.id] = doc;
  }
  const causesFile = join(contentDir, 'causes.toml');
  const tagsFile = join(contentDir, 'practice-tags.toml');
  cache = {
    scales,
    instruments,
    causes: existsSync(causesFile) ? readToml(causesFile).causes ?? [] : [],
    tags: existsSync(tagsFile) ? readToml(tagsFile).tags ?? {} : {},
  };
  return cache;
}

/** One instrument of the content, with its scale resolved and its items as the API names them. */
export function contentInstrument(id) {
  const c = content().instruments[id];
  assert.ok(c, `content/instruments has an instrument "${id}"`);
  const scale = c.scale && typeof c.scale === 'object' ? c.scale : content().scales[c.scale];
  assert.ok(scale, `${id}: scale ${c.scale} is in scales.toml`);
  const items = [];
  for (const it of c.items) {
    items.push({ id: it.id, statement: it.id, subscale: it.subscale, reverse: it.reverse === true, facet: 'real', text: it.text });
    if (c.ideal === true) items.push({ id: `${it.id}.ideal`, statement: it.id, subscale: it.subscale, reverse: it.reverse === true, facet: 'ideal', text: it.text });
  }
  return {
    ...c,
    scaleSpec: scale,
    min: scale.min,
    max: scale.max,
    minAnswered: c.scoring?.min_answered ?? 1,
    apiItems: items,
    item: (itemId) => items.find((x) => x.id === itemId),
    bandsOf: (sub) => {
      const s = c.subscales.find((x) => x.id === sub);
      return s.bands?.length ? s.bands : c.bands;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The reference scorer (content/instruments/README.md, "Scoring").

export const round1 = (v) => Math.round(v * 10 + (v >= 0 ? 1e-9 : -1e-9)) / 10;
export const isOneDecimal = (v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;

/**
 * Scores `answers` (item id → value) for the content instrument `ci`: per subscale
 * { score, ideal } (each null with too few answers), rounded to one decimal.
 */
export function referenceScores(ci, answers) {
  const out = {};
  for (const s of ci.subscales) {
    const facet = (f) => {
      const items = ci.apiItems.filter((it) => it.subscale === s.id && it.facet === f);
      const vals = items.filter((it) => answers[it.id] !== undefined && answers[it.id] !== null)
        .map((it) => (it.reverse ? ci.min + ci.max - answers[it.id] : answers[it.id]));
      if (items.length === 0 || vals.length === 0 || vals.length < ci.minAnswered * items.length - 1e-9) return null;
      const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
      return round1(((mean - ci.min) / (ci.max - ci.min)) * 100);
    };
    out[s.id] = { score: facet('real'), ideal: ci.ideal === true ? facet('ideal') : null };
  }
  return out;
}

/** The band of the content for `score` in subscale `sub` (the score rounded to a whole number). */
export function referenceBand(ci, sub, score) {
  const r = Math.round(score);
  const b = ci.bandsOf(sub).find((x) => x.from <= r && r <= x.to);
  assert.ok(b, `${ci.id}.${sub}: a band holds ${r}`);
  return { label: b.label, meaning: b.meaning };
}

/**
 * Answers for instrument `ci` so that each subscale's *effective* values (after reverse keys) are
 * the given list, in item order: `plan` maps subscale id → an array of values (repeated/cut to
 * the number of items), or a single value for all. `facet` chooses the items ('real', 'ideal').
 * Subscales not in the plan are left out.
 */
export function answersFor(ci, plan, facet = 'real') {
  const answers = {};
  for (const s of ci.subscales) {
    if (!(s.id in plan)) continue;
    const items = ci.apiItems.filter((it) => it.subscale === s.id && it.facet === facet);
    const want = Array.isArray(plan[s.id]) ? plan[s.id] : [plan[s.id]];
    items.forEach((it, k) => {
      const v = want[k % want.length];
      if (v === null || v === undefined) return;
      answers[it.id] = it.reverse ? ci.min + ci.max - v : v;
    });
  }
  return answers;
}

/** The plan giving every subscale the same effective values. */
export const everywhere = (ci, values) => Object.fromEntries(ci.subscales.map((s) => [s.id, values]));

/** Answers for every item of `ci` (both facets when it has an ideal one). */
export function fullAnswers(ci, realPlan, idealPlan = realPlan) {
  return { ...answersFor(ci, realPlan, 'real'), ...(ci.ideal === true ? answersFor(ci, idealPlan, 'ideal') : {}) };
}

// ---------------------------------------------------------------------------------------------
// Routes.

export async function ok(promise, status = 200) {
  const res = await promise;
  assert.equal(res.status, status, `${res.method} ${res.path}: expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res;
}

export const getInstrument = async (who, id) => (await ok(who.get(instrumentPath(id)))).body;
export const getDraft = async (who, id) => (await ok(who.get(answersPath(id)))).body;
export const save = async (who, id, answers) => (await ok(who.put(answersPath(id), { answers }))).body;

/** Saves `answers` and submits; resolves with the Results of the submit (201). */
export async function take(who, id, answers) {
  await save(who, id, answers);
  return (await ok(who.post(submitPath(id), {}), 201)).body;
}

/** Scores of one attempt as { subscale: { score, ideal } }. */
export const scoresOf = (attempt) => attempt.scores;

/**
 * A number as JSON would print it, matched as a whole token in raw text: a JSON number (after
 * `:`, `,` or `[`) or a number in a sentence (after a space or bracket) — not part of an email or
 * an id.
 */
export function numberPattern(v) {
  const s = String(v).replace('.', '\\.');
  return new RegExp(`(?<=[:,[\\s("])${s}0*(?=[,\\]}\\s)%".;])`);
}

/** Everything `who` can read about assessments (raw texts), to look for what must not be there. */
export async function everythingVisible(who, instrumentIds) {
  const reads = [who.get(INSTRUMENTS), who.get(REPORT), who.get(CAUSES), who.get(EXPORT), who.get('/api/v1/me')];
  for (const id of instrumentIds) reads.push(who.get(instrumentPath(id)), who.get(answersPath(id)), who.get(resultsPath(id)));
  return Promise.all(reads);
}

/** Asserts none of `values` (scores) appears as a number in any of `responses`. */
export function assertNoNumbers(responses, values, what) {
  for (const res of responses) {
    for (const v of values) {
      assert.ok(!numberPattern(v).test(res.text), `${res.method} ${res.path} → ${res.status} shows ${what} (${v}): ${res.text.slice(0, 400)}`);
    }
  }
}

/** The subscale scores of a Results body as { subscale: { score, ideal } } (from its areas). */
export const areaScores = (results) => Object.fromEntries(results.areas.map((a) => [a.subscale, { score: a.score, ideal: a.ideal }]));

/** Values of `scores` (as referenceScores gives) that are distinctive enough to look for in raw text. */
export function distinctive(scores) {
  const out = [];
  for (const { score, ideal } of Object.values(scores)) {
    for (const v of [score, ideal]) if (v !== null && !Number.isInteger(v * 2)) out.push(v);
  }
  return out;
}
