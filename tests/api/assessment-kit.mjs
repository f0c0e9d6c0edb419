// Helpers for the assessment tests (docs/API.md, "Assessments, the couple report and the cause
// profile"): the content files read independently of the server (a small reader for the TOML the
// files use), a reference scorer that follows content/instruments/README.md, answer sets built to
// hit chosen scores, and shortcuts for the routes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
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
// A reader for the TOML subset of content/: comments, [table], [[array.of.tables]] (also nested,
// e.g. [[subscales.bands]] and [[map.regions]]), key = value with basic, literal and multi-line
// strings, integers, floats, booleans, (multi-line) arrays and inline tables.

export function parseToml(text, file = 'toml') {
  const root = {};
  let current = root;
  let i = 0;
  const n = text.length;
  let line = 1;
  const fail = (msg) => { throw new Error(`${file}:${line}: ${msg}`); };
  const peek = () => text[i];
  const skipWs = () => { while (i < n && (text[i] === ' ' || text[i] === '\t')) i++; };
  const skipComment = () => { if (text[i] === '#') while (i < n && text[i] !== '\n') i++; };
  const skipAll = () => { // whitespace, newlines and comments (inside arrays)
    for (;;) {
      skipWs(); skipComment();
      if (text[i] === '\n') { line++; i++; continue; }
      if (text[i] === '\r') { i++; continue; }
      break;
    }
  };
  const bareKey = () => {
    const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 200));
    if (!m) fail('expected a key');
    i += m[0].length;
    return m[0];
  };
  const key = () => {
    const parts = [];
    for (;;) {
      skipWs();
      if (peek() === '"' || peek() === "'") parts.push(string());
      else parts.push(bareKey());
      skipWs();
      if (peek() !== '.') break;
      i++;
    }
    return parts;
  };
  const escapes = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
  function string() {
    if (text.startsWith('"""', i)) {
      i += 3;
      if (text[i] === '\r') i++;
      if (text[i] === '\n') { i++; line++; }
      let out = '';
      while (!text.startsWith('"""', i) || text.startsWith('""""', i)) {
        if (i >= n) fail('unterminated string');
        const c = text[i++];
        if (c === '\n') line++;
        if (c === '\\') {
          const e = text[i];
          if (e === '\n' || e === '\r' || e === ' ' || e === '\t') { // line-ending backslash
            while (i < n && /[ \t\r\n]/.test(text[i])) { if (text[i] === '\n') line++; i++; }
          } else out += escape();
        } else out += c;
      }
      i += 3;
      return out;
    }
    if (text.startsWith("'''", i)) {
      i += 3;
      if (text[i] === '\r') i++;
      if (text[i] === '\n') { i++; line++; }
      const end = text.indexOf("'''", i);
      if (end < 0) fail('unterminated string');
      const out = text.slice(i, end);
      line += out.split('\n').length - 1;
      i = end + 3;
      return out;
    }
    const q = text[i++];
    let out = '';
    while (text[i] !== q) {
      if (i >= n || text[i] === '\n') fail('unterminated string');
      const c = text[i++];
      if (c === '\\' && q === '"') out += escape();
      else out += c;
    }
    i++;
    return out;
  }
  function escape() {
    const e = text[i++];
    if (e in escapes) return escapes[e];
    if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      const cp = parseInt(text.slice(i, i + len), 16);
      i += len;
      return String.fromCodePoint(cp);
    }
    return fail(`bad escape \\${e}`);
  }
  function value() {
    skipWs();
    const c = peek();
    if (c === '"' || c === "'") return string();
    if (c === '[') {
      i++;
      const arr = [];
      for (;;) {
        skipAll();
        if (peek() === ']') { i++; return arr; }
        arr.push(value());
        skipAll();
        if (peek() === ',') { i++; continue; }
        if (peek() === ']') { i++; return arr; }
        fail('expected , or ] in an array');
      }
    }
    if (c === '{') {
      i++;
      const obj = {};
      skipWs();
      if (peek() === '}') { i++; return obj; }
      for (;;) {
        const k = key();
        skipWs();
        if (peek() !== '=') fail('expected =');
        i++;
        setPath(obj, k, value());
        skipWs();
        if (peek() === ',') { i++; continue; }
        if (peek() === '}') { i++; return obj; }
        fail('expected , or } in an inline table');
      }
    }
    const m = /^[^\s,\]}#]+/.exec(text.slice(i, i + 100));
    if (!m) fail('expected a value');
    i += m[0].length;
    const raw = m[0];
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    const num = Number(raw.replace(/_/g, ''));
    if (Number.isNaN(num)) fail(`cannot read the value ${raw}`);
    return num;
  }
  function setPath(obj, parts, v) {
    let o = obj;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {});
    const last = parts[parts.length - 1];
    if (last in o) fail(`duplicate key ${parts.join('.')}`);
    o[last] = v;
  }
  function walk(parts, arrayTable) {
    let o = root;
    parts.forEach((p, idx) => {
      const isLast = idx === parts.length - 1;
      if (isLast && arrayTable) {
        o[p] ??= [];
        const t = {};
        o[p].push(t);
        o = t;
      } else {
        if (o[p] === undefined) o[p] = {};
        o = Array.isArray(o[p]) ? o[p][o[p].length - 1] : o[p];
      }
    });
    return o;
  }
  while (i < n) {
    skipWs(); skipComment();
    if (i >= n) break;
    if (text[i] === '\r') { i++; continue; }
    if (text[i] === '\n') { i++; line++; continue; }
    if (text[i] === '[') {
      const arrayTable = text[i + 1] === '[';
      i += arrayTable ? 2 : 1;
      const parts = key();
      if (text[i] !== ']' || (arrayTable && text[i + 1] !== ']')) fail('expected ]');
      i += arrayTable ? 2 : 1;
      current = walk(parts, arrayTable);
      continue;
    }
    const k = key();
    skipWs();
    if (peek() !== '=') fail(`expected = after ${k.join('.')}`);
    i++;
    setPath(current, k, value());
    skipWs(); skipComment();
    if (i < n && text[i] !== '\n' && text[i] !== '\r') fail('expected the end of the line');
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// The content, as the files say (never as the server says).

const contentDir = join(repoRoot, 'content');
const instrumentsDir = join(contentDir, 'instruments');
const readToml = (path) => parseToml(readFileSync(path, 'utf8'), path);

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
