// The conflict workspace (docs/API.md, "Conflicts"): a whole disagreement taken by two partners
// from private sides to an agreement; the paired reveal; pausing and closing; bad input, wrong steps
// and wrong people, each a clear problem that changes nothing (proven by reading everything before
// and after); what an export and a partner who stayed behind may see.
// Every response is also checked against api/openapi.json by the client. No test here logs in
// (registration sets the session), so the login throttle is never near.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, registerMany, pair, assertProblem, hex } from './client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const LIST = '/api/v1/conflicts';
const PATTERNS = '/api/v1/conflicts/patterns';
const at = (id, rest = '') => `${LIST}/${id}${rest}`;
const JSON_TYPE = { 'content-type': 'application/json' };

/** Two people paired with each other. */
async function couple(a = 'A', b = 'B') {
  const people = await registerMany(server.url, [a, b]);
  await pair(...people);
  return people;
}

/** `who` starts a conflict; asserts 201 and resolves with the Conflict. */
async function start(who, topic = `Topic ${hex(4)}`) {
  const res = await who.post(LIST, { topic });
  assert.equal(res.status, 201, `start: ${res.status} ${res.text}`);
  return res.body;
}

/** GET one conflict as `who`, asserting 200; resolves with the response (body and raw text). */
async function look(who, id) {
  const res = await who.get(at(id));
  assert.equal(res.status, 200, `GET ${at(id)} as ${who.displayName}: ${res.status} ${res.text}`);
  return res;
}

/** Asserts a change succeeded with `status`; resolves with the Conflict it answers. */
async function ok(promise, status = 200) {
  const res = await promise;
  assert.equal(res.status, status, `${res.method} ${res.path}: ${res.status} ${res.text}`);
  return res.body;
}

/** Everything the people can read about conflict `id`: each one's view of it, list and patterns. */
async function everything(id, people) {
  const reads = await Promise.all(people.flatMap((p) => [p.get(at(id)), p.get(LIST), p.get(PATTERNS)]));
  return reads.map((r) => ({ path: r.path, status: r.status, body: r.body }));
}

/**
 * Runs `act` (which makes refused requests and checks them) and proves it changed nothing: all
 * the people can read about conflict `id` is the same before and after.
 */
async function unchanged(id, people, act) {
  const before = await everything(id, people);
  await act();
  assert.deepEqual(await everything(id, people), before, 'the refused requests changed nothing');
}

const side = (who, submit, extra = {}) => ({
  happened: `${who} happened ${hex(3)}`, felt: `${who} felt ${hex(3)}`, need: `${who} needs ${hex(3)}`, submit, ...extra,
});
const words = (s) => [s.happened, s.felt, s.need];
function assertHidden(res, texts, what) {
  for (const t of texts) assert.ok(!res.text.includes(t), `${res.method} ${res.path} shows ${what}: ${t}`);
}

describe('a whole disagreement, start to agreement', () => {
  let alice, bob, id, aliceSide, bobSide;
  before(async () => { [alice, bob] = await couple('Alice', 'Bob'); });

  test('a paired couple is offered the tools; starting gives an empty conflict in writing', async () => {
    const [am, bm] = await Promise.all([alice.me(), bob.me()]);
    assert.equal(am.conflict_tools, true);
    assert.equal(bm.conflict_tools, true);
    const c = await ok(alice.post(LIST, { topic: '  Who forgot the anniversary dinner  ' }), 201);
    ({ id } = c);
    assert.equal(c.topic, 'Who forgot the anniversary dinner', 'the topic is trimmed');
    assert.equal(c.stage, 'writing');
    assert.equal(c.started_by, alice.id);
    assert.equal(c.ended_at, null);
    assert.equal(c.pause, null);
    assert.deepEqual(c.sides, { mine: null, partner: null, partner_submitted: false });
    assert.deepEqual(c.restatements, { mine: null, partner: null });
    assert.deepEqual(c.ideas, []);
    assert.equal(c.agreement, null);
    const [seen, al, bl] = await Promise.all([look(bob, id), alice.get(LIST), bob.get(LIST)]);
    assert.equal(seen.body.topic, c.topic);
    assert.equal(seen.body.stage, 'writing');
    assert.deepEqual(seen.body.sides, { mine: null, partner: null, partner_submitted: false });
    for (const list of [al, bl]) {
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.conflicts, [{
        id, topic: c.topic, stage: 'writing', created_at: c.created_at, ended_at: null, started_by: alice.id, paused: false,
      }]);
    }
  });

  test('drafts are private: saved, changeable, may be empty, never shown to the partner', async () => {
    const empty = await ok(alice.put(at(id, '/side'), { happened: '', felt: '', need: '', submit: false }));
    assert.deepEqual(empty.sides.mine, { happened: '', felt: '', need: '', submitted_at: null });
    const draft = side('alice draft', false);
    const c = await ok(alice.put(at(id, '/side'), draft));
    assert.deepEqual(c.sides.mine, { happened: draft.happened, felt: draft.felt, need: draft.need, submitted_at: null });
    assert.equal(c.stage, 'writing');
    const [seen, list, patterns] = await Promise.all([look(bob, id), bob.get(LIST), bob.get(PATTERNS)]);
    for (const r of [seen, list, patterns]) assertHidden(r, words(draft), "Alice's draft");
    assert.deepEqual(seen.body.sides, { mine: null, partner: null, partner_submitted: false });
  });

  test("paired reveal: a submitted side stays hidden until both have submitted", async () => {
    aliceSide = side('alice', true);
    const mine = await ok(alice.put(at(id, '/side'), aliceSide));
    assert.equal(mine.stage, 'writing');
    assert.ok(mine.sides.mine.submitted_at, 'submitted_at is set');
    assert.equal(mine.sides.partner, null);

    const bobDraft = side('bob draft', false);
    const drafted = await bob.put(at(id, '/side'), bobDraft);
    assert.equal(drafted.status, 200, drafted.text);
    assertHidden(drafted, words(aliceSide), "Alice's submitted side (to Bob, before he submitted)");
    assert.equal(drafted.body.sides.partner, null);
    assert.equal(drafted.body.sides.partner_submitted, true, 'Bob may know that Alice has shared');

    const [bv, bl, bp, av] = await Promise.all([look(bob, id), bob.get(LIST), bob.get(PATTERNS), look(alice, id)]);
    for (const r of [bv, bl, bp]) assertHidden(r, words(aliceSide), "Alice's submitted side");
    assert.equal(bv.body.sides.partner, null);
    assertHidden(av, words(bobDraft), "Bob's draft");
    assert.equal(av.body.sides.partner, null);
    assert.equal(av.body.sides.partner_submitted, false);

    // Alice cannot rewrite a shared side, nor restate Bob's view yet.
    await unchanged(id, [alice, bob], async () => {
      assertProblem(await alice.put(at(id, '/side'), side('alice again', true)), 409, 'wrong-step');
      assertProblem(await alice.put(at(id, '/restatement'), { text: 'You felt ignored.' }), 409, 'wrong-step');
      assertProblem(await bob.post(at(id, '/restatement/answer'), { confirm: true }), 409, 'wrong-step');
    });

    bobSide = side('bob', true);
    const both = await ok(bob.put(at(id, '/side'), bobSide));
    assert.equal(both.stage, 'understanding');
    assert.equal(both.sides.partner.happened, aliceSide.happened);
    assert.deepEqual(words(both.sides.partner), words(aliceSide));
    assert.deepEqual(words(both.sides.mine), words(bobSide));
    const seen = (await look(alice, id)).body;
    assert.deepEqual(words(seen.sides.partner), words(bobSide));
    assert.ok(seen.sides.partner.submitted_at);
  });

  test('understanding: a restatement sent back (try_again), rewritten, confirmed; then the other way', async () => {
    const first = await ok(bob.put(at(id, '/restatement'), { text: 'You were hurt that I was late.' }));
    assert.deepEqual(
      { ...first.restatements.mine, updated_at: undefined },
      { text: 'You were hurt that I was late.', status: 'waiting', attempts: 1, updated_at: undefined },
    );
    assert.equal((await look(alice, id)).body.restatements.partner.text, 'You were hurt that I was late.');

    // Bob cannot answer his own restatement (there is none of Alice's to answer).
    await unchanged(id, [alice, bob], async () => {
      assertProblem(await bob.post(at(id, '/restatement/answer'), { confirm: true }), 409, 'wrong-step');
    });

    const back = await ok(alice.post(at(id, '/restatement/answer'), { confirm: false }));
    assert.equal(back.restatements.partner.status, 'try_again');
    assert.equal(back.stage, 'understanding');
    assert.equal((await look(bob, id)).body.restatements.mine.status, 'try_again');
    await unchanged(id, [alice, bob], async () => {
      assertProblem(await alice.post(at(id, '/restatement/answer'), { confirm: true }), 409, 'wrong-step');
    });

    const second = await ok(bob.put(at(id, '/restatement'), { text: 'You felt you did not matter to me that evening.' }));
    assert.equal(second.restatements.mine.status, 'waiting');
    assert.equal(second.restatements.mine.attempts, 2);
    const yes = await ok(alice.post(at(id, '/restatement/answer'), { confirm: true }));
    assert.equal(yes.restatements.partner.status, 'confirmed');
    assert.equal(yes.stage, 'understanding', 'one confirmed restatement is not yet both');
    await unchanged(id, [alice, bob], async () => {
      assertProblem(await bob.put(at(id, '/restatement'), { text: 'Once more.' }), 409, 'wrong-step');
    });

    await ok(alice.put(at(id, '/restatement'), { text: 'You felt blamed for something you could not help.' }));
    const done = await ok(bob.post(at(id, '/restatement/answer'), { confirm: true }));
    assert.equal(done.stage, 'ideas');
    const [a, b] = await Promise.all([look(alice, id), look(bob, id)]);
    assert.equal(a.body.stage, 'ideas');
    assert.deepEqual([a.body.restatements.mine.status, a.body.restatements.partner.status], ['confirmed', 'confirmed']);
    assert.deepEqual(b.body.restatements.mine, a.body.restatements.partner);
  });

  test('ideas from both; no agreement before each has one', async () => {
    const one = await ok(alice.post(at(id, '/ideas'), { text: 'Put dates in a shared calendar' }), 201);
    assert.equal(one.ideas.length, 1);
    await unchanged(id, [alice, bob], async () => {
      assertProblem(await alice.put(at(id, '/agreement'), { steps: ['Shared calendar'] }), 409, 'wrong-step');
      assertProblem(await bob.put(at(id, '/agreement'), { steps: ['Shared calendar'] }), 409, 'wrong-step');
      assertProblem(await alice.post(at(id, '/agreement/accept'), {}), 409, 'wrong-step');
    });
    const two = await ok(bob.post(at(id, '/ideas'), { text: 'Text when running late' }), 201);
    assert.equal(two.stage, 'ideas');
    assert.deepEqual(two.ideas.map((i) => [i.text, i.author, i.is_mine]), [
      ['Put dates in a shared calendar', alice.id, false],
      ['Text when running late', bob.id, true],
    ]);
    const seen = (await look(alice, id)).body;
    assert.deepEqual(seen.ideas.map((i) => i.is_mine), [true, false]);
    assert.deepEqual(seen.ideas.map((i) => i.id), two.ideas.map((i) => i.id));
  });

  test('agreement: proposed, re-proposed (acceptance cleared), accepted → agreed', async () => {
    await unchanged(id, [alice, bob], async () => {
      assertProblem(await bob.post(at(id, '/agreement/accept'), {}), 409, 'wrong-step');
    });
    const proposed = await ok(alice.put(at(id, '/agreement'), { steps: ['Shared calendar', 'Text if late'] }));
    assert.equal(proposed.stage, 'agreement');
    assert.deepEqual(proposed.agreement, { steps: ['Shared calendar', 'Text if late'], proposed_by: alice.id, accepted_by: [alice.id], agreed_at: null });
    await unchanged(id, [alice, bob], async () => {
      assertProblem(await alice.post(at(id, '/agreement/accept'), {}), 409, 'wrong-step');
      assertProblem(await alice.post(at(id, '/ideas'), { text: 'Late idea' }), 409, 'wrong-step');
    });

    const changed = await ok(bob.put(at(id, '/agreement'), { steps: ['Shared calendar', 'Text if more than 10 minutes late'] }));
    assert.deepEqual(changed.agreement.accepted_by, [bob.id], "a new proposal clears Alice's acceptance");
    assert.equal(changed.agreement.proposed_by, bob.id);
    assert.equal(changed.stage, 'agreement');
    assert.deepEqual((await look(alice, id)).body.agreement, changed.agreement);

    const agreed = await ok(alice.post(at(id, '/agreement/accept')));
    assert.equal(agreed.stage, 'agreed');
    assert.ok(agreed.agreement.agreed_at);
    assert.deepEqual([...agreed.agreement.accepted_by].sort(), [alice.id, bob.id].sort());
    assert.equal(agreed.ended_at, agreed.agreement.agreed_at);
    assert.deepEqual(agreed.agreement.steps, ['Shared calendar', 'Text if more than 10 minutes late']);

    await unchanged(id, [alice, bob], async () => {
      const tries = await Promise.all([
        bob.post(at(id, '/agreement/accept'), {}),
        bob.put(at(id, '/agreement'), { steps: ['Something else'] }),
        alice.post(at(id, '/pause'), { minutes: 30 }),
        bob.post(at(id, '/close'), {}),
      ]);
      for (const r of tries) assertProblem(r, 409, 'wrong-step');
    });
  });

  test('patterns: one agreed, tone counts are numbers, Alice raised it', async () => {
    const [a, b] = await Promise.all([alice.get(PATTERNS), bob.get(PATTERNS)]);
    const c = (await look(alice, id)).body;
    for (const [res, me] of [[a, alice], [b, bob]]) {
      assert.equal(res.status, 200, res.text);
      const p = res.body;
      assert.equal(p.total, 1);
      assert.deepEqual(p.outcomes, { agreed: 1, unresolved: 0, paused: 0, open: 0 });
      for (const k of ['helpful', 'harsh']) assert.ok(Number.isInteger(p.tone[k]) && p.tone[k] >= 0, `tone.${k}: ${p.tone[k]}`);
      assert.ok(p.tone.ratio === null || typeof p.tone.ratio === 'number');
      assert.equal(p.tone.reference, 5);
      assert.deepEqual(p.partners.map((x) => [x.id, x.display_name, x.is_me, x.raised, x.paused, x.closed_unresolved]), [
        [alice.id, alice.displayName, me === alice, 1, 0, 0],
        [bob.id, bob.displayName, me === bob, 0, 0, 0],
      ]);
      assert.equal(p.months.length, 1);
      const [m] = p.months;
      assert.equal(m.month, c.created_at.slice(0, 7));
      assert.deepEqual([m.started, m.agreed, m.unresolved], [1, 1, 0]);
      assert.deepEqual(m.raised, { [alice.id]: 1 });
      assert.deepEqual(m.withdrew, {});
    }
  });
});

describe('pause, resume and close', () => {
  let carol, dan, id;
  before(async () => {
    [carol, dan] = await couple('Carol', 'Dan');
    ({ id } = await start(dan, 'Money for the holidays'));
    await ok(carol.put(at(id, '/side'), side('carol', false)));
  });

  test('a pause is 20 minutes to 7 days, whole minutes: anything else is 422 minutes', async () => {
    await unchanged(id, [carol, dan], async () => {
      const tries = await Promise.all([19, 0, -20, 10081, 20.5, '20', null].map((minutes) => carol.post(at(id, '/pause'), { minutes })));
      for (const r of tries) assertProblem(r, 422, 'invalid-field', 'minutes');
      assertProblem(await carol.post(at(id, '/pause'), {}), 422, 'invalid-field', 'minutes');
    });
  });

  test('paused for 20 minutes: every change by either partner is 409 conflict-paused; both see why', async () => {
    const before = Date.now();
    const paused = await ok(carol.post(at(id, '/pause'), { minutes: 20 }));
    const minutes = (Date.parse(paused.pause.until) - before) / 60000;
    assert.ok(minutes > 19 && minutes < 21, `until ${paused.pause.until} is 20 minutes ahead`);
    assert.equal(paused.pause.by, carol.id);
    assert.equal(paused.pause.active, true);
    assert.equal(paused.stage, 'writing', 'a pause does not change the stage');

    const [seen, list] = await Promise.all([look(dan, id), dan.get(LIST)]);
    assert.equal(seen.body.pause.active, true);
    assert.equal(seen.body.pause.by, carol.id);
    assert.equal(seen.body.pause.until, paused.pause.until);
    assert.ok(seen.body.pause.suggestion.trim().length > 0, 'a calming suggestion is shown');
    assert.equal(list.body.conflicts.find((c) => c.id === id).paused, true);
    assert.notEqual(seen.body.next, (await look(carol, id)).body.next, 'each is told where they stand');

    await unchanged(id, [carol, dan], async () => {
      const tries = await Promise.all([
        dan.put(at(id, '/side'), side('dan', false)),
        dan.post(at(id, '/close'), {}),
        dan.post(at(id, '/pause'), { minutes: 60 }),
        carol.put(at(id, '/side'), side('carol', true)),
        carol.post(at(id, '/pause'), { minutes: 60 }),
        carol.post(at(id, '/close')),
      ]);
      for (const r of tries) assertProblem(r, 409, 'conflict-paused');
      // Dan did not ask for this pause, so he cannot end it early.
      const resume = await dan.post(at(id, '/resume'), {});
      assertProblem(resume, 409, 'wrong-step');
    });
  });

  test('the one who paused comes back early; then the flow goes on', async () => {
    const back = await ok(carol.post(at(id, '/resume')));
    assert.equal(back.pause, null);
    const [seen, list] = await Promise.all([look(dan, id), dan.get(LIST)]);
    assert.equal(seen.body.pause, null);
    assert.equal(list.body.conflicts[0].paused, false);
    await ok(dan.put(at(id, '/side'), side('dan', false)));
    await unchanged(id, [carol, dan], async () => {
      assertProblem(await carol.post(at(id, '/resume'), {}), 409, 'wrong-step');
    });
  });

  test('either partner can close an open conflict; after that nothing changes (409)', async () => {
    const closed = await ok(carol.post(at(id, '/close'), {}));
    assert.equal(closed.stage, 'closed');
    assert.ok(closed.ended_at);
    const seen = (await look(dan, id)).body;
    assert.equal(seen.stage, 'closed');
    assert.equal(seen.ended_at, closed.ended_at);
    await unchanged(id, [carol, dan], async () => {
      const tries = await Promise.all([
        dan.put(at(id, '/side'), side('dan', true)),
        carol.put(at(id, '/side'), side('carol', true)),
        dan.put(at(id, '/restatement'), { text: 'You want to save.' }),
        dan.post(at(id, '/ideas'), { text: 'A budget' }),
        dan.post(at(id, '/pause'), { minutes: 20 }),
        dan.post(at(id, '/resume'), {}),
        dan.post(at(id, '/close'), {}),
        carol.post(at(id, '/close'), {}),
      ]);
      for (const r of tries) assertProblem(r, 409, 'wrong-step');
    });
  });

  test('patterns: one unresolved, Dan raised it, Carol paused once and closed it', async () => {
    const p = await ok(carol.get(PATTERNS));
    assert.equal(p.total, 1);
    assert.deepEqual(p.outcomes, { agreed: 0, unresolved: 1, paused: 0, open: 0 });
    const by = Object.fromEntries(p.partners.map((x) => [x.id, x]));
    assert.deepEqual([by[dan.id].raised, by[dan.id].paused, by[dan.id].closed_unresolved], [1, 0, 0]);
    assert.deepEqual([by[carol.id].raised, by[carol.id].paused, by[carol.id].paused_without_return, by[carol.id].closed_unresolved], [0, 1, 0, 1]);
    assert.deepEqual(p.months.at(-1).withdrew, { [carol.id]: 1 });
    assert.deepEqual(p.months.at(-1).raised, { [dan.id]: 1 });
  });
});

describe('bad input: a clear 4xx problem, and nothing changes', () => {
  let erin, frank, id;
  before(async () => {
    [erin, frank] = await couple('Erin', 'Frank');
    ({ id } = await start(erin, 'Visiting the parents'));
    await ok(erin.put(at(id, '/side'), side('erin', false)));
  });

  test('topics: empty, blank, over 200 characters, several lines, missing or mistyped → 422 topic', async () => {
    await unchanged(id, [erin, frank], async () => {
      const tries = await Promise.all(['', '   ', 'x'.repeat(201), '😀'.repeat(201), 'Line one\nline two', 42, null, ['Topic']]
        .map((topic) => erin.post(LIST, { topic })));
      for (const r of tries) assertProblem(r, 422, 'invalid-field', 'topic');
      assertProblem(await frank.post(LIST, {}), 422, 'invalid-field', 'topic');
      assertProblem(await frank.post(LIST, { topic: 'Fine', partner_id: erin.id }), 422, 'invalid-field', 'partner_id');
    });
  });

  test('texts over their limits → 422 naming the field (side 4000, restatement 4000, idea 500, step 300)', async () => {
    const long = 'x'.repeat(4001);
    await unchanged(id, [erin, frank], async () => {
      const tries = await Promise.all([
        [erin.put(at(id, '/side'), side('erin', false, { happened: long })), 'happened'],
        [erin.put(at(id, '/side'), side('erin', true, { felt: '😀'.repeat(4001) })), 'felt'],
        [frank.put(at(id, '/side'), side('frank', false, { need: long })), 'need'],
      ].map(async ([p, field]) => [await p, field]));
      for (const [r, field] of tries) assertProblem(r, 422, 'invalid-field', field);
    });
  });

  test('submitting a side with an empty or blank part → 422 naming it', async () => {
    await unchanged(id, [erin, frank], async () => {
      assertProblem(await frank.put(at(id, '/side'), side('frank', true, { felt: '' })), 422, 'invalid-field', 'felt');
      assertProblem(await frank.put(at(id, '/side'), side('frank', true, { need: ' \n ' })), 422, 'invalid-field', 'need');
    });
  });

  test('a body over 1 MiB → 413 body-too-large', async () => {
    await unchanged(id, [erin, frank], async () => {
      const body = JSON.stringify(side('erin', false, { happened: 'x'.repeat(1024 * 1024 + 10) }));
      assertProblem(await erin.request('PUT', at(id, '/side'), { body, headers: JSON_TYPE }), 413, 'body-too-large');
      assertProblem(await erin.request('POST', LIST, { body: JSON.stringify({ topic: 'y'.repeat(1024 * 1024 + 10) }), headers: JSON_TYPE }), 413, 'body-too-large');
    });
  });

  test('binary, invalid UTF-8 and non-JSON bodies → 400 / 415', async () => {
    const invalidUtf8 = Buffer.concat([Buffer.from('{"happened":"bad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","felt":"f","need":"n","submit":false}')]);
    const binary = Uint8Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256);
    await unchanged(id, [erin, frank], async () => {
      assertProblem(await erin.request('PUT', at(id, '/side'), { body: invalidUtf8, headers: JSON_TYPE }), 400, 'malformed-json');
      assertProblem(await erin.request('POST', LIST, { body: Buffer.from([0x7b, 0x22, 0x74, 0x6f, 0x70, 0x69, 0x63, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), headers: JSON_TYPE }), 400, 'malformed-json');
      assertProblem(await erin.request('PUT', at(id, '/side'), { body: binary, headers: JSON_TYPE }), 400, 'malformed-json');
      assertProblem(await erin.request('PUT', at(id, '/side'), { body: binary }), 415, 'unsupported-media-type');
      assertProblem(await erin.request('POST', LIST, { body: 'topic=Chores' }), 415, 'unsupported-media-type');
      assertProblem(await erin.request('POST', LIST, { body: 'topic=Chores', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported-media-type');
      assertProblem(await erin.request('POST', LIST, { body: '{"topic": "Chores"', headers: JSON_TYPE }), 400, 'malformed-json');
      assertProblem(await erin.request('POST', at(id, '/pause'), { body: 'minutes: 20', headers: JSON_TYPE }), 400, 'malformed-json');
    });
  });

  test('wrong types, missing and unknown fields, non-objects → 422 naming the field', async () => {
    await unchanged(id, [erin, frank], async () => {
      const cases = [
        [erin.put(at(id, '/side'), side('erin', 'true')), 'submit'],
        [erin.put(at(id, '/side'), side('erin', false, { happened: 5 })), 'happened'],
        [erin.put(at(id, '/side'), side('erin', false, { felt: ['a'] })), 'felt'],
        [erin.put(at(id, '/side'), { happened: 'h', felt: 'f', need: 'n' }), 'submit'],
        [erin.put(at(id, '/side'), side('erin', false, { mood: 'angry' })), 'mood'],
        [erin.put(at(id, '/restatement'), { text: null }), 'text'],
        [erin.post(at(id, '/restatement/answer'), { confirm: 'yes' }), 'confirm'],
        [erin.post(at(id, '/ideas'), { text: 7 }), 'text'],
        [erin.put(at(id, '/agreement'), { steps: 'one step' }), 'steps'],
        [erin.put(at(id, '/agreement'), { steps: [1, 2] }), 'steps'],
        [erin.post(at(id, '/agreement/accept'), { really: true }), 'really'],
        [erin.post(at(id, '/close'), { reason: 'tired' }), 'reason'],
        [erin.post(at(id, '/resume'), { now: true }), 'now'],
        [erin.post(at(id, '/pause'), { minutes: 30, until: 'tomorrow' }), 'until'],
      ];
      const results = await Promise.all(cases.map(([p]) => p));
      results.forEach((r, i) => assertProblem(r, 422, 'invalid-field', cases[i][1]));
      for (const body of [[], 'text', 42, null]) {
        assertProblem(await erin.put(at(id, '/side'), body), 422, 'invalid-field');
      }
    });
  });

  test('wrong steps → 409 wrong-step: restating during writing, accepting with no agreement, ideas too early', async () => {
    await unchanged(id, [erin, frank], async () => {
      const tries = await Promise.all([
        erin.put(at(id, '/restatement'), { text: 'You think we visit too often.' }),
        frank.post(at(id, '/restatement/answer'), { confirm: true }),
        erin.post(at(id, '/agreement/accept'), {}),
        frank.post(at(id, '/ideas'), { text: 'Alternate the holidays' }),
        erin.put(at(id, '/agreement'), { steps: ['Alternate'] }),
        erin.post(at(id, '/resume'), {}),
      ]);
      for (const r of tries) {
        assertProblem(r, 409, 'wrong-step');
        assert.ok(r.body.detail.length > 10, `${r.path}: the detail says what is possible: ${r.body.detail}`);
      }
    });
  });

  test('from another site → 403 cross-site-request; another method → 405 with Allow', async () => {
    await unchanged(id, [erin, frank], async () => {
      const evil = { origin: 'http://evil.example' };
      assertProblem(await erin.put(at(id, '/side'), side('erin', true), { headers: evil }), 403, 'cross-site-request');
      assertProblem(await erin.post(at(id, '/close'), {}, { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'cross-site-request');
      assertProblem(await erin.post(LIST, { topic: 'Forged' }, { headers: evil }), 403, 'cross-site-request');
      const [del, get] = await Promise.all([erin.delete(at(id)), erin.get(at(id, '/side'))]);
      assertProblem(del, 405, 'method-not-allowed');
      assert.match(del.headers.get('allow'), /\bGET\b/);
      assertProblem(get, 405, 'method-not-allowed');
      assert.match(get.headers.get('allow'), /\bPUT\b/);
    });
  });

  test('ids that are not a conflict of this couple → 404 not-found', async () => {
    await unchanged(id, [erin, frank], async () => {
      for (const bad of ['999', '0', '-1', 'abc', `${id}x`, '99999999999999999999999']) {
        assertProblem(await erin.get(at(bad)), 404, 'not-found');
        assertProblem(await erin.post(at(bad, '/close'), {}), 404, 'not-found');
      }
    });
  });
});

describe('who may see and change a conflict', () => {
  let gina, hal, id, ginaSide, halDraft;
  before(async () => {
    [gina, hal] = await couple('Gina', 'Hal');
    ({ id } = await start(gina, 'The noise at night'));
    ginaSide = side('gina', true);
    halDraft = side('hal draft', false);
    await Promise.all([ok(gina.put(at(id, '/side'), ginaSide)), ok(hal.put(at(id, '/side'), halDraft))]);
  });

  test('a stranger from another couple gets 404 for everything, exactly as for a conflict that does not exist', async () => {
    const [ivo, jo] = await couple('Ivo', 'Jo');
    const theirs = await start(ivo, 'Their own topic');
    const missing = '4242424242';
    const requests = (target) => [
      ['GET', at(target)],
      ['PUT', at(target, '/side'), side('ivo', true)],
      ['PUT', at(target, '/restatement'), { text: 'x' }],
      ['POST', at(target, '/restatement/answer'), { confirm: true }],
      ['POST', at(target, '/ideas'), { text: 'x' }],
      ['PUT', at(target, '/agreement'), { steps: ['x'] }],
      ['POST', at(target, '/agreement/accept'), {}],
      ['POST', at(target, '/pause'), { minutes: 20 }],
      ['POST', at(target, '/resume'), {}],
      ['POST', at(target, '/close'), {}],
    ];
    await unchanged(id, [gina, hal], async () => {
      const send = (target) => Promise.all(requests(target).map(([m, p, json]) => ivo.request(m, p, json === undefined ? {} : { json })));
      const [real, none] = await Promise.all([send(id), send(missing)]);
      real.forEach((r, i) => {
        assertProblem(r, 404, 'not-found');
        assert.deepEqual(r.body, none[i].body, `${r.method} ${requests(id)[i][1]}: the same answer as for no conflict at all`);
        assertHidden(r, ['The noise at night', ...words(ginaSide)], "Gina's conflict");
      });
      const [list, patterns] = await Promise.all([ivo.get(LIST), jo.get(PATTERNS)]);
      assert.deepEqual(list.body.conflicts.map((c) => c.id), [theirs.id]);
      assert.equal(patterns.body.total, 1);
      assertHidden(list, ['The noise at night'], "Gina's topic");
    });
    assert.equal((await look(ivo, theirs.id)).body.stage, 'writing', 'their own conflict is untouched');
  });

  test('without a paired couple: no tools (403 conflict-tools-unavailable), nothing revealed', async () => {
    const [solo, waiting] = await registerMany(server.url, ['Solo', 'Waiting']);
    assert.equal((await waiting.post('/api/v1/couple', {})).status, 201);
    const [sm, wm] = await Promise.all([solo.me(), waiting.me()]);
    assert.equal(sm.conflict_tools, false);
    assert.equal(wm.conflict_tools, false);
    await unchanged(id, [gina, hal], async () => {
      for (const who of [solo, waiting]) {
        assertProblem(await who.post(LIST, { topic: 'Alone' }), 403, 'conflict-tools-unavailable');
        const [real, none] = await Promise.all([who.post(at(id, '/close'), {}), who.post(at('4242424242', '/close'), {})]);
        assertProblem(real, 403, 'conflict-tools-unavailable');
        assert.deepEqual(real.body, none.body, 'the same answer whether the conflict exists or not');
        assertProblem(await who.get(at(id)), 404, 'not-found');
      }
      assertProblem(await solo.get(LIST), 404, 'not-in-couple');
      assertProblem(await solo.get(PATTERNS), 404, 'not-in-couple');
      const [wl, wp] = await Promise.all([waiting.get(LIST), waiting.get(PATTERNS)]);
      assert.deepEqual(wl.body.conflicts, []);
      assert.equal(wp.body.total, 0);
    });
  });

  test("an export has the person's own side and not the partner's unrevealed one", async () => {
    const [g, h] = await Promise.all([gina.get('/api/v1/me/export'), hal.get('/api/v1/me/export')]);
    assert.equal(g.status, 200, g.text);
    assert.equal(h.status, 200, h.text);
    const gc = g.body.conflicts.find((c) => c.id === id);
    const hc = h.body.conflicts.find((c) => c.id === id);
    assert.ok(gc && hc, 'both exports hold the conflict they wrote in');
    assert.deepEqual(words(gc.sides.mine), words(ginaSide));
    assert.equal(gc.sides.partner, null);
    assertHidden(g, words(halDraft), "Hal's draft (in Gina's export)");
    assert.deepEqual(words(hc.sides.mine), words(halDraft));
    assert.equal(hc.sides.partner, null);
    assert.equal(hc.sides.partner_submitted, true);
    assertHidden(h, words(ginaSide), "Gina's unrevealed side (in Hal's export)");
  });
});

describe('after a partner leaves', () => {
  let kim, lee, id, kimSide, leeSide;
  before(async () => {
    [kim, lee] = await couple('Kim', 'Lee');
    ({ id } = await start(kim, 'Moving to another city'));
    kimSide = side('kim', true);
    leeSide = side('lee', true);
    await ok(kim.put(at(id, '/side'), kimSide));
    await ok(lee.put(at(id, '/side'), leeSide));
    await Promise.all([
      ok(kim.put(at(id, '/restatement'), { text: 'kim restates lee' })),
      ok(lee.put(at(id, '/restatement'), { text: 'lee restates kim' })),
    ]);
    await Promise.all([ok(kim.post(at(id, '/restatement/answer'), { confirm: true })), ok(lee.post(at(id, '/restatement/answer'), { confirm: true }))]);
    await ok(lee.post(at(id, '/ideas'), { text: 'lee idea: try it for a year' }), 201);
    await ok(kim.post(at(id, '/ideas'), { text: 'kim idea: visit first' }), 201);
    const before = (await look(kim, id)).body;
    assert.deepEqual(words(before.sides.partner), words(leeSide), 'revealed while Lee was still in the couple');
    assert.equal((await lee.delete('/api/v1/couple/membership')).status, 204);
  });

  const leeWords = () => [...words(leeSide), 'lee restates kim', 'lee idea: try it for a year'];

  test("the one who stayed can still read the conflict, but nothing Lee wrote", async () => {
    const [seen, list, patterns, me] = await Promise.all([look(kim, id), kim.get(LIST), kim.get(PATTERNS), kim.me()]);
    assertHidden(seen, leeWords(), "Lee's words");
    assertHidden(patterns, [lee.displayName], "Lee's name in patterns");
    const c = seen.body;
    assert.deepEqual(words(c.sides.mine), words(kimSide));
    assert.equal(c.sides.partner, null);
    assert.equal(c.restatements.partner, null);
    assert.equal(c.restatements.mine.text, 'kim restates lee');
    assert.deepEqual(c.ideas.map((i) => i.text), ['kim idea: visit first']);
    assert.deepEqual(list.body.conflicts.map((x) => x.id), [id]);
    assert.equal(me.conflict_tools, false);
  });

  test('and can change nothing (403 conflict-tools-unavailable)', async () => {
    await unchanged(id, [kim], async () => {
      const tries = await Promise.all([
        kim.post(at(id, '/ideas'), { text: 'another idea' }),
        kim.put(at(id, '/agreement'), { steps: ['Stay'] }),
        kim.post(at(id, '/pause'), { minutes: 20 }),
        kim.post(at(id, '/close'), {}),
        kim.post(LIST, { topic: 'New one' }),
      ]);
      for (const r of tries) assertProblem(r, 403, 'conflict-tools-unavailable');
    });
  });

  test("Lee no longer sees it; each export keeps only its author's words", async () => {
    assertProblem(await lee.get(at(id)), 404, 'not-found');
    assertProblem(await lee.get(LIST), 404, 'not-in-couple');
    const [le, ke] = await Promise.all([lee.get('/api/v1/me/export'), kim.get('/api/v1/me/export')]);
    const lc = le.body.conflicts.find((c) => c.id === id);
    assert.ok(lc, "Lee's export holds the conflict Lee wrote in");
    assert.deepEqual(words(lc.sides.mine), words(leeSide));
    assert.deepEqual(lc.ideas.map((i) => i.text), ['lee idea: try it for a year']);
    assertHidden(le, [...words(kimSide), 'kim restates lee', 'kim idea: visit first'], "Kim's words (in Lee's export)");
    assertHidden(ke, leeWords(), "Lee's words (in Kim's export)");
    assert.deepEqual(words(ke.body.conflicts.find((c) => c.id === id).sides.mine), words(kimSide));
  });
});

describe('the list', () => {
  test('is newest first, with each conflict\'s stage and pause', async () => {
    const [a, b] = await couple('List A', 'List B');
    const started = [];
    for (const topic of ['First', 'Second', 'Third']) {
      started.push(await start(started.length % 2 ? b : a, topic));
      await new Promise((r) => setTimeout(r, 5)); // distinct creation times
    }
    await ok(b.post(at(started[0].id, '/close'), {}));
    await ok(a.post(at(started[1].id, '/pause'), { minutes: 45 }));
    const [la, lb] = await Promise.all([a.get(LIST), b.get(LIST)]);
    assert.deepEqual(la.body, lb.body, 'both partners see the same list');
    assert.deepEqual(la.body.conflicts.map((c) => [c.topic, c.stage, c.paused, c.started_by, c.ended_at !== null]), [
      ['Third', 'writing', false, a.id, false],
      ['Second', 'writing', true, b.id, false],
      ['First', 'closed', false, a.id, true],
    ]);
    const p = await ok(a.get(PATTERNS));
    assert.deepEqual(p.outcomes, { agreed: 0, unresolved: 1, paused: 1, open: 1 });
  });
});

describe('limits are inclusive', () => {
  test('topic 200, sides 4000 (also in emoji), restatement 4000, idea 500, 10 steps of 300 are accepted', async () => {
    const [a, b] = await couple('Max A', 'Max B');
    const topic = `${'t'.repeat(199)}😀`;
    const c = await start(a, topic);
    assert.equal(c.topic, topic);
    const big = (ch) => ({ happened: ch.repeat(4000), felt: ch.repeat(4000), need: ch.repeat(4000), submit: true });
    await ok(a.put(at(c.id, '/side'), big('a')));
    const both = await ok(b.put(at(c.id, '/side'), big('😀')));
    assert.equal(both.sides.mine.happened, '😀'.repeat(4000));
    await Promise.all([ok(a.put(at(c.id, '/restatement'), { text: 'r'.repeat(4000) })), ok(b.put(at(c.id, '/restatement'), { text: 's' }))]);
    await Promise.all([ok(a.post(at(c.id, '/restatement/answer'), { confirm: true })), ok(b.post(at(c.id, '/restatement/answer'), { confirm: true }))]);
    await ok(a.post(at(c.id, '/ideas'), { text: 'i'.repeat(500) }), 201);
    await ok(b.post(at(c.id, '/ideas'), { text: 'j' }), 201);
    const tooMany = await Promise.all([
      a.put(at(c.id, '/agreement'), { steps: Array.from({ length: 11 }, (_, i) => `step ${i}`) }),
      a.put(at(c.id, '/agreement'), { steps: [] }),
      a.put(at(c.id, '/agreement'), { steps: ['fine', 's'.repeat(301)] }),
      a.put(at(c.id, '/agreement'), { steps: ['fine', ' '] }),
      a.post(at(c.id, '/ideas'), { text: 'i'.repeat(501) }),
      a.post(at(c.id, '/ideas'), { text: '' }),
    ]);
    tooMany.slice(0, 4).forEach((r) => assertProblem(r, 422, 'invalid-field', 'steps'));
    tooMany.slice(4).forEach((r) => assertProblem(r, 422, 'invalid-field', 'text'));
    const steps = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(300, '.'));
    const agreed = await ok(a.put(at(c.id, '/agreement'), { steps }));
    assert.deepEqual(agreed.agreement.steps, steps);
    assert.equal((await ok(b.post(at(c.id, '/agreement/accept'), {}))).stage, 'agreed');
  });
});
