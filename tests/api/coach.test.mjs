// The communication coach over HTTP: POST /api/v1/coach.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, hearthBinary, repoRoot } from '../support/server.mjs';
import { Client, register, assertProblem } from './client.mjs';
import { componentValidator } from './contract.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const COACH = '/api/v1/coach';
const FLAGS = ['blame', 'absolute', 'criticism', 'contempt', 'defensiveness', 'stonewalling',
  'i_statement', 'validation', 'appreciation', 'repair'];

function assertVerdict(body, text) {
  const valid = componentValidator('CoachVerdict');
  assert.ok(valid(body), JSON.stringify(valid.errors));
  assert.equal(body.text, text);
  assert.deepEqual(body.flags, FLAGS.filter((f) => body.flags.includes(f)), 'flags in the documented order');
  assert.equal(body.harsh, body.flags.some((f) => FLAGS.indexOf(f) < 6));
  const bytes = Buffer.from(text, 'utf8');
  for (const e of body.evidence) {
    assert.ok(body.flags.includes(e.flag), `evidence for a raised flag: ${e.flag}`);
    assert.ok(e.start <= e.end && e.end <= bytes.length, `offsets within the text: ${e.start}-${e.end}`);
    assert.equal(bytes.subarray(e.start, e.end).toString('utf8'), e.text, 'start and end are byte offsets into text');
  }
  for (const f of body.flags) assert.ok(body.evidence.some((e) => e.flag === f), `evidence for ${f}`);
}

describe('POST /api/v1/coach', () => {
  let alice;
  before(async () => { alice = await register(server.url, 'Alice'); });

  test('nobody logged in → 401', async () => {
    const res = await new Client(server.url).post(COACH, { text: 'You never listen.' });
    assertProblem(res, 401, 'not-authenticated');
  });

  test('a harsh message: flags, evidence, an I-statement rewrite and a tip', async () => {
    const text = "You never call me back when I'm upset.";
    const res = await alice.post(COACH, { text });
    assert.equal(res.status, 200, res.text);
    assertVerdict(res.body, text);
    assert.deepEqual(res.body.flags, ['blame', 'absolute']);
    assert.equal(res.body.harsh, true);
    assert.ok(res.body.evidence.some((e) => e.flag === 'absolute' && e.text === 'never'));
    assert.match(res.body.rewrite, /^I feel .+ when .+, and I need .+\.$/);
    assert.ok(res.body.tip.length > 0);
    // The coach itself reads its rewrite as an I-statement with nothing harsh in it.
    const again = await alice.post(COACH, { text: res.body.rewrite });
    assert.equal(again.status, 200);
    assert.ok(again.body.flags.includes('i_statement'), again.text);
    assert.equal(again.body.harsh, false, again.text);
  });

  test('helpful and neutral messages: no rewrite', async () => {
    for (const [text, flags] of [
      ['Thanks for cooking, it was lovely.', ['appreciation']],
      ['Can you grab bread on your way home?', []],
      ["I'm not blaming you, I just want to understand what happened.", []],
    ]) {
      const res = await alice.post(COACH, { text });
      assert.equal(res.status, 200, res.text);
      assertVerdict(res.body, text);
      assert.deepEqual(res.body.flags, flags, text);
      assert.equal(res.body.rewrite, null);
    }
  });

  test('offsets count UTF-8 bytes in text with accents, curly quotes and emoji', async () => {
    const text = 'Élodie here 😊 — honestly, you’re always late. 🙄';
    const res = await alice.post(COACH, { text });
    assert.equal(res.status, 200, res.text);
    assertVerdict(res.body, text);
    assert.ok(res.body.flags.includes('absolute') && res.body.flags.includes('contempt'), res.text);
  });

  test('the message is capped at 4000 characters (not bytes) → 422 with field text', async () => {
    const atCap = 'é'.repeat(4000); // 8000 bytes, 4000 characters
    const ok = await alice.post(COACH, { text: atCap });
    assert.equal(ok.status, 200, ok.text);
    const over = await alice.post(COACH, { text: 'a'.repeat(4001) });
    assertProblem(over, 422, 'invalid-field', 'text');
    assert.match(over.body.detail, /4000/);
    assertProblem(await alice.post(COACH, { text: '   ' }), 422, 'invalid-field', 'text');
  });

  test('bad bodies: malformed JSON, wrong type, unknown or missing fields, not JSON', async () => {
    const raw = (body, headers = { 'content-type': 'application/json' }) =>
      alice.request('POST', COACH, { body, headers });
    assertProblem(await raw('{"text":'), 400, 'malformed-json');
    assertProblem(await alice.post(COACH, { text: 42 }), 422, 'invalid-field', 'text');
    assertProblem(await alice.post(COACH, {}), 422, 'invalid-field', 'text');
    assertProblem(await alice.post(COACH, { text: 'hi', mood: 'sad' }), 422, 'invalid-field', 'mood');
    assertProblem(await alice.request('POST', COACH, { body: JSON.stringify({ text: 'hi' }) }), 415, 'unsupported-media-type');
  });

  test('each person is rate-limited: a burst beyond 30 gets 429 with Retry-After; others are not held up', async () => {
    const bob = await register(server.url, 'Bob');
    const carol = await register(server.url, 'Carol');
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => bob.post(COACH, { text: `Message ${i}: you never listen.` })));
    const limited = results.filter((r) => r.status === 429);
    assert.ok(limited.length > 0, 'some requests were limited');
    assert.ok(results.filter((r) => r.status === 200).length >= 30, 'the burst of 30 was allowed');
    for (const r of limited) {
      assertProblem(r, 429, 'too-many-requests');
      assert.match(r.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/, 'Retry-After in seconds');
    }
    const other = await carol.post(COACH, { text: 'Thank you!' });
    assert.equal(other.status, 200, 'another person still gets answers');
    // After waiting, Bob is allowed again.
    await new Promise((r) => setTimeout(r, 1000 * Number(limited[0].headers.get('retry-after'))));
    assert.equal((await bob.post(COACH, { text: 'Sorry, that was unfair.' })).status, 200);
  });
});

describe('hearth coach (command line)', () => {
  const run = (args, input) => spawnSync(hearthBinary, ['coach', ...args], { input, encoding: 'utf8' });

  test('--json prints one object of the same shape as the API', () => {
    const text = 'You’re always late.';
    const r = run(['--json', text]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const body = JSON.parse(lines[0]);
    assertVerdict(body, text);
    assert.deepEqual(body.flags, ['blame', 'absolute']);
  });

  test('--jsonl answers one object per input line, in order', () => {
    const input = ['Thanks for cooking, it was lovely.', 'Whatever.', '', 'I feel like you don’t care.'].join('\n') + '\n';
    const r = run(['--jsonl'], input);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, 4);
    assert.deepEqual(out.map((o) => o.flags), [['appreciation'], ['stonewalling'], [], ['blame']]);
    out.forEach((o, i) => assertVerdict(o, input.split('\n')[i]));
  });

  test('without --json it prints a verdict for people', () => {
    const r = run(['You never call me back when I’m upset.']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /To soften: blame, absolute/);
    assert.match(r.stdout, /Try instead:\n  I feel .+ when .+/);
    assert.match(r.stdout, /Tip: /);
    assert.equal(run([]).status, 2, 'a message (or --jsonl) is required');
  });

  test('broken coach content stops the server and the command, naming the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-content-'));
    try {
      cpSync(join(repoRoot, 'content'), join(dir, 'content'), { recursive: true });
      appendFileSync(join(dir, 'content', 'coach', 'patterns.tsv'), 'blame\tyou @no_such_class\tbecause\n');
      const cli = run(['--content', join(dir, 'content'), 'hello']);
      assert.equal(cli.status, 1);
      assert.match(cli.stderr, /content\/coach\/patterns\.tsv:\d+: pattern "you @no_such_class": unknown class @no_such_class/);
      const serve = spawnSync(hearthBinary, ['serve', '--port', '0', '--data', join(dir, 'data'), '--content', join(dir, 'content')],
        { encoding: 'utf8', timeout: 15000 });
      assert.notEqual(serve.status, 0);
      assert.match(serve.stdout + serve.stderr, /patterns\.tsv:\d+: pattern "you @no_such_class"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
