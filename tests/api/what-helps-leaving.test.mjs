// Leaving a couple (DELETE /api/v1/couple/membership) and pairing again: what the two shared in
// "What helps" — prompt answers, their own prompts, promises, the practice log behind the plan —
// stays with its authors and out of every new couple's reach. The new partner of the one who
// stayed (who keeps the couple), and the new partner of the one who left, see none of it in any
// raw answer; each author keeps their own words in their export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { register, pair, assertProblem, hex } from './client.mjs';
import {
  PROMPTS, TODAY, PROMISES, EXPORT, PLAN, PLAN_ICS, AVAILABILITY, answerPath, promisePath, logPath, ok, couple, setFree, everyDay,
  noonZone, localDate, addDays,
} from './plan-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const secret = (what) => `${what} ${hex(6)}`;
const reads = (who) => Promise.all([TODAY, PROMPTS, PROMISES, EXPORT, PLAN, PLAN_ICS, AVAILABILITY, '/api/v1/journey', '/api/v1/couple'].map((p) => who.get(p)));

function assertUnseen(responses, secrets, who) {
  for (const res of responses) {
    for (const [what, text] of Object.entries(secrets)) {
      assert.ok(!res.text.includes(text), `${who}: ${res.method} ${res.path} → ${res.status} shows ${what}`);
    }
  }
}

test('after one leaves and both pair again, nobody sees the former couple’s answers, prompts or promises', async () => {
  const zone = noonZone();
  const today = localDate(zone);
  const [stays, leaves] = await couple(server.url, 'Stays', 'Leaves');
  await setFree(stays, zone, everyDay('18:00', '22:00'));
  await setFree(leaves, zone, everyDay('18:00', '22:00'));

  // The former couple: both answer today's prompt, one adds a prompt of their own, both promise.
  const s = {
    stayAnswer: secret('STAY answer'), leaveAnswer: secret('LEAVE answer'), ownPrompt: secret('OWN prompt?'),
    stayPromise: secret('STAY promise'), leavePromise: secret('LEAVE promise'), leaveNote: secret('LEAVE note'),
  };
  const given = (await ok(stays.get(TODAY))).body.prompt;
  await ok(stays.put(answerPath(given.id), { text: s.stayAnswer }));
  await ok(leaves.put(answerPath(given.id), { text: s.leaveAnswer }));
  const own = (await ok(stays.post(PROMPTS, { text: s.ownPrompt, depth: 'light', theme: 'everyday' }), 201)).body;
  const stayPromise = (await ok(stays.post(PROMISES, { text: s.stayPromise, due: addDays(today, 3) }), 201)).body;
  const leavePromise = (await ok(leaves.post(PROMISES, { text: s.leavePromise, due: addDays(today, 2) }), 201)).body;
  await ok(leaves.post(logPath('speaker_listener'), { status: 'done', rating: 5, note: s.leaveNote }), 201);
  assert.equal((await ok(stays.get(TODAY))).body.partner.text, s.leaveAnswer, 'revealed while together');
  assert.equal((await ok(stays.get(PROMISES))).body.promises.length, 2);

  // One leaves; each pairs with someone new (the one who stays keeps the couple).
  await ok(leaves.delete('/api/v1/couple/membership'), 204);
  const [newOfStays, newOfLeaves] = await Promise.all([register(server.url, 'NewOfStays'), register(server.url, 'NewOfLeaves')]);
  const { couple: kept } = await pair(stays, newOfStays);
  await pair(leaves, newOfLeaves);
  await setFree(newOfStays, zone, everyDay('18:00', '22:00'));
  assert.ok(kept.partners.some((p) => p.id === newOfStays.id));

  // The new partners: nothing of the former couple, anywhere.
  assertUnseen(await reads(newOfStays), s, 'the new partner of the one who stayed');
  assertUnseen(await reads(newOfLeaves), s, 'the new partner of the one who left');
  const t = (await ok(newOfStays.get(TODAY))).body;
  assert.equal(t.partner, null);
  assert.equal(t.partner_answered, false, "the former partner's answer does not count in the new couple");
  assert.equal(t.answered_by_both, 0);
  assert.deepEqual((await ok(newOfStays.get(PROMISES))).body.promises, []);
  assert.deepEqual((await ok(newOfStays.get(PROMPTS))).body.prompts.map((p) => p.prompt.id), [t.prompt.id], 'only the new couple’s prompt');
  assert.ok(t.prompt.id !== own.id, 'our own prompt left with the former couple');

  // The former partners no longer reach each other's words either, nor mark each other's promises.
  assertUnseen(await reads(stays), { leaveAnswer: s.leaveAnswer, leavePromise: s.leavePromise, leaveNote: s.leaveNote }, 'the one who stayed');
  assertUnseen(await reads(leaves), { stayAnswer: s.stayAnswer, stayPromise: s.stayPromise, ownPrompt: s.ownPrompt }, 'the one who left');
  assertProblem(await stays.put(promisePath(leavePromise.id), { status: 'kept' }), 404, 'no-such-promise');
  assertProblem(await leaves.put(promisePath(stayPromise.id), { status: 'missed' }), 404, 'no-such-promise');
  assertProblem(await newOfStays.put(promisePath(stayPromise.id), { status: 'kept' }), 404, 'no-such-promise');
  assertProblem(await newOfStays.put(answerPath(own.id), { text: 'Hello?' }), 404, 'no-such-prompt');

  // Each keeps their own words in their export.
  const exportStays = (await ok(stays.get(EXPORT))).body.practice;
  assert.deepEqual(exportStays.prompt_answers.map((a) => a.text), [s.stayAnswer]);
  assert.deepEqual(exportStays.promises.map((p) => p.text), [s.stayPromise]);
  const exportLeaves = (await ok(leaves.get(EXPORT))).body.practice;
  assert.deepEqual(exportLeaves.prompt_answers.map((a) => a.text), [s.leaveAnswer]);
  assert.deepEqual(exportLeaves.promises.map((p) => p.text), [s.leavePromise]);
  assert.deepEqual(exportLeaves.log.map((l) => l.note), [s.leaveNote]);
});

test('the one left waiting keeps using prompts and promises alone, with a fresh start', async () => {
  const zone = noonZone();
  const [stays, leaves] = await couple(server.url, 'Stays', 'Leaves');
  await setFree(stays, zone, everyDay('18:00', '22:00'));
  const text = secret('LEAVE answer');
  const given = (await ok(leaves.get(TODAY))).body.prompt;
  await ok(leaves.put(answerPath(given.id), { text }));
  await ok(leaves.delete('/api/v1/couple/membership'), 204);
  const t = (await ok(stays.get(TODAY))).body;
  assert.equal(t.partner_answered, false);
  assert.ok(!JSON.stringify(t).includes(text));
  assertProblem(await leaves.get(TODAY), 404, 'not-in-couple');
  const p = (await ok(stays.post(PROMISES, { text: 'On my own', due: addDays(localDate(zone), 1) }), 201)).body;
  assert.deepEqual((await ok(stays.get(PROMISES))).body.promises, [p]);
});
