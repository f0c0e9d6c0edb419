// A conflict is between the two people who had it. When one leaves and someone new joins, the new
// partner never sees the old conversations, and they cannot be continued with the wrong person.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { registerMany, pair, assertProblem } from './client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('a new partner never sees conflicts from before they joined', async () => {
  const [kim, lee, mo] = await registerMany(server.url, ['Kim', 'Lee', 'Mo']);
  await pair(kim, lee);
  const started = await kim.post('/api/v1/conflicts', { topic: 'The old topic' });
  assert.equal(started.status, 201);
  const id = started.body.id;
  const sides = await Promise.all([
    kim.put(`/api/v1/conflicts/${id}/side`, { happened: 'KIM-SECRET-H', felt: 'KIM-SECRET-F', need: 'KIM-SECRET-N', submit: true }),
    lee.put(`/api/v1/conflicts/${id}/side`, { happened: 'LEE-SECRET-H', felt: 'LEE-SECRET-F', need: 'LEE-SECRET-N', submit: true }),
  ]);
  for (const s of sides) assert.equal(s.status, 200);

  assert.equal((await lee.delete('/api/v1/couple/membership')).status, 204);
  await pair(kim, mo);

  // Mo: not in the list, not readable, not in patterns, and no trace of Kim's words.
  const list = await mo.get('/api/v1/conflicts');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.conflicts, []);
  assertProblem(await mo.get(`/api/v1/conflicts/${id}`), 404, 'not-found');
  const patterns = await mo.get('/api/v1/conflicts/patterns');
  assert.equal(patterns.body.total, 0);
  for (const r of [list, patterns]) assert.ok(!r.text.includes('KIM-SECRET'));
  assertProblem(await mo.post(`/api/v1/conflicts/${id}/close`, {}), 404, 'not-found');

  // Kim still reads her own words (not Lee's), but the conversation with Lee cannot go on.
  const kimView = await kim.get(`/api/v1/conflicts/${id}`);
  assert.equal(kimView.status, 200);
  assert.equal(kimView.body.sides.mine.happened, 'KIM-SECRET-H');
  assert.equal(kimView.body.sides.partner, null);
  assert.ok(!kimView.text.includes('LEE-SECRET'));
  assertProblem(await kim.put(`/api/v1/conflicts/${id}/restatement`, { text: 'You felt…' }), 403,
    'conflict-tools-unavailable');
  // Patterns describe Kim and Mo, not the earlier relationship.
  assert.equal((await kim.get('/api/v1/conflicts/patterns')).body.total, 0);
});

test('a topic is one line of plain text', async () => {
  const [a, b] = await registerMany(server.url, ['Ann', 'Bo']);
  await pair(a, b);
  for (const topic of ['a\rb', 'bell\u0007', 'two\nlines']) {
    assertProblem(await a.post('/api/v1/conflicts', { topic }), 422, 'invalid-field', 'topic');
  }
  assert.deepEqual((await a.get('/api/v1/conflicts')).body.conflicts, []);
});

test('an export includes a conflict the person only started, and a pause suggestion', async () => {
  const [a, b] = await registerMany(server.url, ['Cy', 'Di']);
  await pair(a, b);
  const c = await a.post('/api/v1/conflicts', { topic: 'Only started by Cy' });
  assert.equal((await b.post(`/api/v1/conflicts/${c.body.id}/pause`, { minutes: 30 })).status, 200);
  const exp = await a.get('/api/v1/me/export');
  const mine = exp.body.conflicts.find((x) => x.id === c.body.id);
  assert.ok(mine, 'the started conflict is in the export');
  assert.ok(mine.pause.suggestion.length > 10, 'the pause carries its calming suggestion');
});
