// The daily prompt (docs/API.md, "What helps", Daily prompt): one a day per couple from
// content/prompts/ (read here with smol-toml) and the couple's own, the same for both and stable;
// paired reveal checked on the raw JSON of everything the partner can read (null until both have
// answered, then both); strangers and people without a couple get nothing; answering a prompt the
// couple was not given is 404; skipping gives another prompt (lighter or the same depth, strictly
// lighter on request), no prompt repeats; our own prompts come into the rotation; the history is
// newest first (on the demo couple's days of answered prompts). Every response is checked against
// api/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, assertProblem, hex } from './client.mjs';
import { PROMPTS, TODAY, SKIP, EXPORT, answerPath, ok, couple, setFree, everyDay, noonZone, localDate, content } from './plan-kit.mjs';
import { demoCouple, demoHasDays } from './checkin-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const DEPTHS = ['light', 'personal', 'vulnerable'];
const depthRank = (d) => DEPTHS.indexOf(d);
const secret = (what) => `${what} ${hex(6)}`;

/** A paired couple whose zone (from A's free times) has it about noon. */
async function promptCouple() {
  const zone = noonZone();
  const [a, b] = await couple(server.url, 'Noa', 'Eli');
  await setFree(a, zone, everyDay('19:00', '21:00'));
  return { a, b, zone, today: localDate(zone) };
}
const today = async (who) => (await ok(who.get(TODAY))).body;
const skip = async (who, body) => (await ok(who.post(SKIP, body))).body;
const history = async (who) => (await ok(who.get(PROMPTS))).body.prompts;

/** A pack prompt as content/prompts/ says. */
function checkPackPrompt(prompt) {
  if (prompt.id.startsWith('custom.')) return;
  const c = content().prompts.get(prompt.id);
  assert.ok(c, `${prompt.id} is a prompt of content/prompts/`);
  assert.deepEqual(prompt, c);
}

describe('today’s prompt', () => {
  test('the same for both partners, stable on reload, from the packs, today in the couple’s zone', async () => {
    const c = await promptCouple();
    const first = await today(c.a);
    assert.equal(first.date, c.today);
    checkPackPrompt(first.prompt);
    assert.deepEqual(first, { date: c.today, prompt: first.prompt, mine: null, partner: null, partner_answered: false, answered_by_both: 0, can_go_lighter: false });
    assert.equal(first.prompt.depth, 'light', 'a new couple starts light');
    assert.deepEqual(await today(c.b), first, 'the same for my partner');
    assert.deepEqual(await today(c.a), first, 'the same on reload');
    assert.deepEqual(await history(c.b), [first], "today's prompt is in the history");
  });

  test('different couples get their own order of prompts', async () => {
    const couples = await Promise.all(Array.from({ length: 4 }, () => promptCouple()));
    const ids = await Promise.all(couples.map((c) => today(c.a).then((t) => t.prompt.id)));
    assert.ok(new Set(ids).size > 1, `four couples, one prompt: ${ids}`);
  });

  test('prompts need a couple: 404 not-in-couple without one; 401 without a login', async () => {
    const alone = await register(server.url, 'Alone');
    assertProblem(await alone.get(TODAY), 404, 'not-in-couple');
    assertProblem(await alone.post(SKIP, {}), 404, 'not-in-couple');
    assertProblem(await alone.put(answerPath('hearth_everyday.everyday_01'), { text: 'Hello' }), 404, 'not-in-couple');
    assertProblem(await alone.get(PROMPTS), 404, 'not-in-couple');
    assertProblem(await alone.post(PROMPTS, { text: 'Mine?', depth: 'light', theme: 'everyday' }), 404, 'not-in-couple');
    const anon = alone.fresh();
    for (const res of [await anon.get(TODAY), await anon.post(SKIP), await anon.get(PROMPTS), await anon.put(answerPath('x.y'), { text: 'x' })]) {
      assertProblem(res, 401, 'not-authenticated');
    }
  });

  test('someone waiting for their partner already gets a prompt', async () => {
    const p = await register(server.url, 'Waiting');
    await ok(p.post('/api/v1/couple', {}), 201);
    const t = await today(p);
    checkPackPrompt(t.prompt);
    assert.equal(t.partner_answered, false);
  });
});

describe('answers, revealed when both have answered', () => {
  test('my partner sees nothing of my answer until they answer too; then both see both', async () => {
    const c = await promptCouple();
    const { prompt } = await today(c.a);
    const mine = secret('A: the quiet coffee');
    const a1 = (await ok(c.a.put(answerPath(prompt.id), { text: mine }))).body;
    assert.equal(a1.mine.text, mine);
    assert.equal(a1.partner, null);
    assert.equal(a1.partner_answered, false);
    assert.equal(a1.answered_by_both, 0);

    // Everything B can read, raw: not a word of A's answer.
    const bReads = await Promise.all([c.b.get(TODAY), c.b.get(PROMPTS), c.b.get(EXPORT), c.b.get('/api/v1/journey'), c.b.get('/api/v1/plan')]);
    for (const res of bReads) {
      assert.equal(res.status, 200);
      assert.ok(!res.text.includes(mine), `${res.method} ${res.path} shows A's answer before B answered`);
    }
    const bToday = bReads[0].body;
    assert.equal(bToday.mine, null);
    assert.equal(bToday.partner, null);
    assert.equal(bToday.partner_answered, true, 'B may know that A answered');
    assert.equal(bReads[1].body.prompts[0].partner, null);

    const theirs = secret('B: your laugh');
    const b1 = (await ok(c.b.put(answerPath(prompt.id), { text: theirs }))).body;
    assert.equal(b1.mine.text, theirs);
    assert.equal(b1.partner.text, mine, 'revealed to B once B answered');
    assert.equal(b1.answered_by_both, 1);
    const aNow = await today(c.a);
    assert.equal(aNow.partner.text, theirs, 'and to A');
    assert.equal(aNow.mine.text, mine);
    assert.equal(aNow.answered_by_both, 1);
    assert.equal((await history(c.a))[0].partner.text, theirs);

    // A changes the answer: B sees the new one, and only A's own text is in A's export.
    const changed = secret('A: on second thought');
    const a2 = (await ok(c.a.put(answerPath(prompt.id), { text: changed }))).body;
    assert.equal(a2.mine.text, changed);
    assert.ok(a2.mine.updated_at >= a1.mine.updated_at);
    assert.equal((await today(c.b)).partner.text, changed);
    const exportA = await ok(c.a.get(EXPORT));
    assert.deepEqual(exportA.body.practice.prompt_answers.map((x) => [x.prompt, x.text]), [[prompt.id, changed]]);
    assert.ok(!exportA.text.includes(theirs), "my export holds my answers, not my partner's");
  });

  test('a stranger reads nothing of ours and cannot answer our prompts', async () => {
    const c = await promptCouple();
    // A prompt of our own, so that its id is ours alone.
    const own = (await ok(c.a.post(PROMPTS, { text: secret('Our own question'), depth: 'light', theme: 'everyday' }), 201)).body;
    let t = await today(c.a);
    for (let k = 0; k < 100 && t.prompt.id !== own.id; k++) t = await skip(c.b);
    assert.equal(t.prompt.id, own.id, 'our own prompt came up');
    const mine = secret('A answers our own');
    await ok(c.a.put(answerPath(own.id), { text: mine }));

    const waiting = await register(server.url, 'Stranger');
    await ok(waiting.post('/api/v1/couple', {}), 201);
    const alone = await register(server.url, 'Loner');
    assertProblem(await waiting.put(answerPath(own.id), { text: 'Let me in' }), 404, 'no-such-prompt');
    assertProblem(await alone.put(answerPath(own.id), { text: 'Let me in' }), 404, 'not-in-couple');
    for (const res of [await waiting.get(TODAY), await waiting.get(PROMPTS), await waiting.get(EXPORT)]) {
      assert.ok(!res.text.includes(mine) && !res.text.includes(own.text), `${res.method} ${res.path} shows our prompt or answer`);
    }
    assert.equal((await today(c.b)).mine, null, "the stranger's attempt changed nothing of ours");
  });

  test('only a prompt given to the couple can be answered: others are 404 no-such-prompt, nothing saved', async () => {
    const c = await promptCouple();
    const given = await today(c.a);
    const notGiven = [...content().prompts.keys()].find((id) => id !== given.prompt.id);
    for (const id of [notGiven, 'hearth_everyday.nope', 'nope', 'custom.1', `${given.prompt.id}x`]) {
      assertProblem(await c.a.put(answerPath(id), { text: 'An answer' }), 404, 'no-such-prompt');
    }
    assert.deepEqual((await ok(c.a.get(EXPORT))).body.practice.prompt_answers, []);
  });

  test('an answer is 1 to 2000 characters, not only white space; bad ones change nothing', async () => {
    const c = await promptCouple();
    const { prompt } = await today(c.a);
    const kept = 'ü'.repeat(2000);
    assert.equal((await ok(c.a.put(answerPath(prompt.id), { text: kept }))).body.mine.text, kept, '2000 characters (4000 bytes) are fine');
    for (const [body, field] of [[{ text: '' }, 'text'], [{ text: ' \n\t ' }, 'text'], [{ text: 'x'.repeat(2001) }, 'text'],
      [{ text: '😀'.repeat(2001) }, 'text'], [{ text: null }, 'text'], [{ text: 5 }, 'text'], [{}, 'text'], [{ text: 'hi', mood: 3 }, 'mood']]) {
      assertProblem(await c.a.put(answerPath(prompt.id), body), 422, 'invalid-field', field);
    }
    assertProblem(await c.a.request('PUT', answerPath(prompt.id), { body: '{"text":', headers: { 'content-type': 'application/json' } }), 400, 'malformed-json');
    assertProblem(await c.a.request('PUT', answerPath(prompt.id), { body: '{"text":"hi"}', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    assert.equal((await today(c.a)).mine.text, kept, 'unchanged');
  });
});

describe('skipping', () => {
  test('nothing to skip before today’s prompt is given: 409', async () => {
    const c = await promptCouple();
    assertProblem(await c.a.post(SKIP, {}), 409, 'nothing-to-skip');
    assertProblem(await c.b.post(SKIP, { lighter: true }), 409, 'nothing-to-skip');
  });

  test('skip gives another prompt, for both of us, of the same depth or lighter; skipped ones leave the history; none repeats', async () => {
    const c = await promptCouple();
    const first = await today(c.a);
    const seen = [first.prompt.id];
    let last = first;
    for (let k = 0; k < 30; k++) {
      const next = await skip(k % 2 ? c.a : c.b, k % 3 ? {} : undefined);
      checkPackPrompt(next.prompt);
      assert.equal(next.date, c.today);
      assert.ok(!seen.includes(next.prompt.id), `skip ${k}: ${next.prompt.id} came again`);
      assert.ok(depthRank(next.prompt.depth) <= depthRank(last.prompt.depth));
      seen.push(next.prompt.id);
      last = next;
    }
    assert.deepEqual(await today(c.a), last);
    assert.deepEqual(await today(c.b), last, 'the same for my partner');
    assert.deepEqual((await history(c.a)).map((p) => p.prompt.id), [last.prompt.id], 'only the prompt not skipped');
  });

  test('lighter: never deeper, and can_go_lighter says whether there is a lighter depth', async () => {
    const c = await promptCouple();
    const t = await today(c.a);
    assert.equal(t.can_go_lighter, t.prompt.depth !== 'light');
    const next = await skip(c.a, { lighter: true });
    assert.notEqual(next.prompt.id, t.prompt.id);
    assert.equal(next.prompt.depth, 'light');
    assert.equal(next.can_go_lighter, false);
  });

  test('bad bodies are 422 and skip nothing', async () => {
    const c = await promptCouple();
    const t = await today(c.a);
    for (const [body, field] of [[{ lighter: 'yes' }, 'lighter'], [{ lighter: 1 }, 'lighter'], [{ lighter: null }, 'lighter'], [{ heavier: true }, 'heavier']]) {
      assertProblem(await c.a.post(SKIP, body), 422, 'invalid-field', field);
    }
    assertProblem(await c.a.post(SKIP, [true]), 422, 'invalid-field');
    assertProblem(await c.a.post(SKIP, {}, { headers: { origin: 'https://elsewhere.example' } }), 403, 'cross-site-request');
    assert.deepEqual(await today(c.b), t, 'still the same prompt');
  });

  test('on the demo couple (5 prompts both answered): a deeper prompt can come, and lighter makes it strictly lighter', async (t) => {
    if (!(await demoHasDays())) return t.skip('this build has no `hearth demo --days`');
    const demo = await demoCouple(1);
    try {
      const { maya, daniel } = demo;
      const todays = await today(maya);
      assert.equal(todays.answered_by_both, 5);
      assert.ok(depthRank(todays.prompt.depth) <= depthRank('personal'), 'personal opens after 5 answered by both, vulnerable after 12');
      assert.equal(todays.can_go_lighter, todays.prompt.depth !== 'light');
      const lighter = await skip(daniel, { lighter: true });
      if (todays.can_go_lighter) assert.ok(depthRank(lighter.prompt.depth) < depthRank(todays.prompt.depth), `${todays.prompt.depth} → ${lighter.prompt.depth}`);
      else assert.equal(lighter.prompt.depth, 'light');
      assert.deepEqual(await today(maya), lighter);
    } finally {
      await demo.server.stop();
    }
  });
});

describe('our own prompts', () => {
  test('POST adds one to our rotation: it comes up for both of us and can be answered', async () => {
    const c = await promptCouple();
    const text = secret('What made you laugh this week?');
    const own = await ok(c.b.post(PROMPTS, { text, depth: 'light', theme: 'everyday' }), 201);
    assert.match(own.body.id, /^custom\.[0-9]+$/);
    assert.deepEqual({ ...own.body, id: undefined }, { id: undefined, text, depth: 'light', theme: 'everyday' });
    let t = await today(c.a);
    let skips = 0;
    const lightPrompts = [...content().prompts.values()].filter((p) => p.depth === 'light').length;
    while (t.prompt.id !== own.body.id) {
      assert.ok(skips++ <= lightPrompts, `our own prompt came up within ${lightPrompts + 1} skips`);
      t = await skip(c.a);
    }
    assert.deepEqual(t.prompt, own.body);
    assert.deepEqual((await today(c.b)).prompt, own.body);
    await ok(c.a.put(answerPath(own.body.id), { text: 'My answer to ours' }));
    await ok(c.b.put(answerPath(own.body.id), { text: 'Mine too' }));
    const h = await history(c.b);
    assert.equal(h[0].prompt.text, text);
    assert.equal(h[0].partner.text, 'My answer to ours');
  });

  test('every bad field is 422 naming it, and nothing is added', async () => {
    const c = await promptCouple();
    const good = { text: 'A fine question?', depth: 'light', theme: 'everyday' };
    for (const [body, field] of [[{ ...good, text: '' }, 'text'], [{ ...good, text: '   ' }, 'text'], [{ ...good, text: 'x'.repeat(1201) }, 'text'],
      [{ ...good, depth: 'deep' }, 'depth'], [{ ...good, depth: 'Light' }, 'depth'], [{ ...good, theme: 'work' }, 'theme'],
      [{ ...good, theme: '' }, 'theme'], [{ text: good.text, depth: 'light' }, 'theme'], [{ ...good, pack: 'mine' }, 'pack'], [{ ...good, text: 7 }, 'text']]) {
      assertProblem(await c.a.post(PROMPTS, body), 422, 'invalid-field', field);
    }
    for (const theme of ['everyday', 'appreciation', 'dreams', 'fears', 'past', 'future', 'intimacy']) {
      await ok(c.b.post(PROMPTS, { ...good, theme, depth: 'vulnerable' }), 201);
    }
    assert.equal((await ok(c.a.post(PROMPTS, { ...good, text: 'é'.repeat(300) }), 201)).body.text.length, 300, '300 characters are fine');
  });

  test('a prompt of our own is at most 300 characters', {
  }, async () => {
    const c = await promptCouple();
    assertProblem(await c.a.post(PROMPTS, { text: 'x'.repeat(301), depth: 'light', theme: 'everyday' }), 422, 'invalid-field', 'text');
  });
});

describe('the history', () => {
  test('newest first, each with my answer and (once both answered) my partner’s — on the demo couple', async (t) => {
    if (!(await demoHasDays())) return t.skip('this build has no `hearth demo --days`');
    const demo = await demoCouple(1);
    try {
      const { maya, daniel } = demo;
      const todays = await today(maya);
      const list = await history(maya);
      assert.ok(list.length >= 6, `today's and the demo's five: ${list.length}`);
      const core = ({ date, prompt, mine, partner, partner_answered: answered }) => ({ date, prompt, mine, partner, answered });
      assert.deepEqual(core(list[0]), core(todays), "today's first");
      const dates = list.map((p) => p.date);
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
      assert.equal(new Set(dates).size, dates.length, 'one prompt a day');
      for (const p of list.slice(1)) {
        checkPackPrompt(p.prompt);
        assert.ok(p.mine && p.partner, `${p.date}: both answered, both shown`);
      }
      const theirs = await history(daniel);
      assert.deepEqual(theirs.map((p) => [p.date, p.prompt.id, p.mine?.text, p.partner?.text]), list.map((p) => [p.date, p.prompt.id, p.partner?.text, p.mine?.text]),
        "Daniel's history is Maya's, seen from his side");
    } finally {
      await demo.server.stop();
    }
  });

  test('every prompt of the history tells how many prompts both have answered', {
  }, async (t) => {
    if (!(await demoHasDays())) return t.skip('this build has no `hearth demo --days`');
    const demo = await demoCouple(1);
    try {
      const count = (await today(demo.maya)).answered_by_both;
      assert.equal(count, 5);
      for (const p of await history(demo.maya)) assert.equal(p.answered_by_both, count, p.date);
    } finally {
      await demo.server.stop();
    }
  });
});
