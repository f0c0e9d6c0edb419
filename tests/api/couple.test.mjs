// Couples: invite codes, joining, leaving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { registerMany, assertProblem, pair } from './client.mjs';
import { componentValidator } from './contract.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const people = (...names) => registerMany(server.url, names);

function assertCouple(couple, status, partners) {
  const valid = componentValidator('Couple');
  assert.ok(valid(couple), JSON.stringify(valid.errors));
  assert.equal(couple.status, status);
  assert.deepEqual(couple.partners.map((p) => p.id), partners.map((p) => p.id), 'partners in joining order');
  assert.deepEqual(couple.partners.map((p) => p.display_name), partners.map((p) => p.displayName));
}

function assertIsMe(couple, me) {
  for (const p of couple.partners) assert.equal(p.is_me, p.id === me.id, `is_me of ${p.id} as seen by ${me.id}`);
}

describe('invite and join', () => {
  let alice, bob, code, coupleId;
  before(async () => { [alice, bob] = await people('Alice', 'Bob'); });

  test('POST /couple opens a waiting couple with a code valid 72 hours', async () => {
    const res = await alice.post('/api/v1/couple', {});
    assert.equal(res.status, 201, res.text);
    ({ code } = res.body);
    assert.match(code, CODE);
    const hours = (Date.parse(res.body.expires_at) - Date.now()) / 3_600_000;
    assert.ok(hours > 71.9 && hours <= 72.01, `expires in 72 hours: ${res.body.expires_at}`);
    const { couple } = res.body;
    coupleId = couple.id;
    assertCouple(couple, 'waiting', [alice]);
    assertIsMe(couple, alice);
    assert.deepEqual(couple.invite, { expires_at: res.body.expires_at });
    const got = await alice.get('/api/v1/couple');
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, couple);
    assert.ok(!got.text.includes(code) && !got.text.includes(code.replaceAll('-', '')), 'the code is only shown when created');
    assert.deepEqual((await alice.me()).couple, couple);
  });

  test('joining ignores case and dashes; both then see the paired couple', async () => {
    const res = await bob.post('/api/v1/couple/join', { code: code.toLowerCase().replaceAll('-', '') });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.couple.id, coupleId);
    assertCouple(res.body.couple, 'paired', [alice, bob]);
    assertIsMe(res.body.couple, bob);
    assert.equal(res.body.couple.invite, null, 'no open invite once paired');
    const [a, b] = await Promise.all([alice.get('/api/v1/couple'), bob.get('/api/v1/couple')]);
    assertCouple(a.body, 'paired', [alice, bob]);
    assertIsMe(a.body, alice);
    assertCouple(b.body, 'paired', [alice, bob]);
    assertIsMe(b.body, bob);
    assert.ok(Date.parse(a.body.partners[1].joined_at) >= Date.parse(a.body.partners[0].joined_at));
  });

  test("neither partner sees the other's email anywhere", async () => {
    const [ac, bc, am, bm] = await Promise.all([
      alice.get('/api/v1/couple'), bob.get('/api/v1/couple'), alice.get('/api/v1/me'), bob.get('/api/v1/me'),
    ]);
    for (const r of [ac, am]) assert.ok(!r.text.includes(bob.email), `${r.path} as alice`);
    for (const r of [bc, bm]) assert.ok(!r.text.includes(alice.email), `${r.path} as bob`);
    assert.equal(am.body.user.email, alice.email);
    assert.deepEqual(am.body.couple, ac.body);
    assert.deepEqual(bm.body.couple, bc.body);
  });

  test('a used code cannot be used again (422 invalid-invite)', async () => {
    const [carol] = await people('Carol');
    const res = await carol.post('/api/v1/couple/join', { code });
    assertProblem(res, 422, 'invalid-invite', 'code');
    assertProblem(await carol.get('/api/v1/couple'), 404, 'not-in-couple');
    assertCouple((await alice.get('/api/v1/couple')).body, 'paired', [alice, bob]);
  });

  test('a paired person cannot open an invite (409 already-paired)', async () => {
    assertProblem(await alice.post('/api/v1/couple', {}), 409, 'already-paired');
    assertProblem(await bob.post('/api/v1/couple', {}), 409, 'already-paired');
    assertCouple((await alice.get('/api/v1/couple')).body, 'paired', [alice, bob]);
  });

  test('a paired person cannot join another couple (409 already-paired)', async () => {
    const [dave] = await people('Dave');
    const inv = await dave.post('/api/v1/couple', {});
    assert.equal(inv.status, 201);
    assertProblem(await bob.post('/api/v1/couple/join', { code: inv.body.code }), 409, 'already-paired');
    assertCouple((await dave.get('/api/v1/couple')).body, 'waiting', [dave]);
    assertCouple((await bob.get('/api/v1/couple')).body, 'paired', [alice, bob]);
  });
});

describe('codes', () => {
  test('POST /couple also works with no body at all', async () => {
    const [a] = await people('No body');
    const res = await a.post('/api/v1/couple');
    assert.equal(res.status, 201, res.text);
    assert.match(res.body.code, CODE);
    assertCouple(res.body.couple, 'waiting', [a]);
  });

  test('spaces and mixed case are ignored too', async () => {
    const [a, b] = await people('Spaces A', 'Spaces B');
    const { couple } = await pair(a, b, (code) => ` ${code.slice(0, 4).toLowerCase()} ${code.slice(5, 9)}-${code.slice(10).toLowerCase()} `);
    assertCouple(couple, 'paired', [a, b]);
  });

  test('joining with one’s own code is 409 own-invite', async () => {
    const [a] = await people('Own');
    const inv = await a.post('/api/v1/couple', {});
    assertProblem(await a.post('/api/v1/couple/join', { code: inv.body.code }), 409, 'own-invite');
    assertCouple((await a.get('/api/v1/couple')).body, 'waiting', [a]);
  });

  test('a well-formed code that was never issued is 422 invalid-invite; the real one still works', async () => {
    // (Malformed codes are in input.test.mjs: each file keeps its failed joins few, below any throttle.)
    const [a, b] = await people('Bad code A', 'Bad code B');
    const inv = await a.post('/api/v1/couple', {});
    const real = inv.body.code;
    const last = real.at(-1) === 'Z' ? 'Y' : 'Z';
    assertProblem(await b.post('/api/v1/couple/join', { code: `${real.slice(0, -1)}${last}` }), 422, 'invalid-invite', 'code');
    assertProblem(await b.get('/api/v1/couple'), 404, 'not-in-couple');
    assertCouple((await a.get('/api/v1/couple')).body, 'waiting', [a]);
    const ok = await b.post('/api/v1/couple/join', { code: real });
    assert.equal(ok.status, 200, ok.text);
  });

  test('a second POST /couple replaces the open code', async () => {
    const [a, b] = await people('Replace A', 'Replace B');
    const first = await a.post('/api/v1/couple', {});
    const second = await a.post('/api/v1/couple', {});
    assert.equal(second.status, 201, second.text);
    assert.notEqual(second.body.code, first.body.code);
    assert.equal(second.body.couple.id, first.body.couple.id, 'still the same waiting couple');
    assertProblem(await b.post('/api/v1/couple/join', { code: first.body.code }), 422, 'invalid-invite', 'code');
    const ok = await b.post('/api/v1/couple/join', { code: second.body.code });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.couple.id, first.body.couple.id);
  });

  test('someone waiting with their own invite can join another couple instead', async () => {
    const [a, b, c] = await people('Switch A', 'Switch B', 'Switch C');
    const mine = await a.post('/api/v1/couple', {});
    const theirs = await b.post('/api/v1/couple', {});
    const res = await a.post('/api/v1/couple/join', { code: theirs.body.code });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.couple.id, theirs.body.couple.id);
    assertCouple(res.body.couple, 'paired', [b, a]);
    assert.equal((await a.get('/api/v1/couple')).body.id, theirs.body.couple.id);
    // a's abandoned invite no longer leads anywhere.
    assertProblem(await c.post('/api/v1/couple/join', { code: mine.body.code }), 422, 'invalid-invite', 'code');
  });
});

describe('leaving', () => {
  let a, b, coupleId;
  before(async () => {
    [a, b] = await people('Leaver', 'Stayer');
    ({ couple: { id: coupleId } } = await pair(a, b));
  });

  test('the leaver is out (404), the other keeps the couple, now waiting', async () => {
    const res = await a.delete('/api/v1/couple/membership');
    assert.equal(res.status, 204, res.text);
    assert.equal(res.text, '');
    assertProblem(await a.get('/api/v1/couple'), 404, 'not-in-couple');
    assert.equal((await a.me()).couple, null);
    const other = await b.get('/api/v1/couple');
    assert.equal(other.status, 200);
    assert.equal(other.body.id, coupleId);
    assertCouple(other.body, 'waiting', [b]);
    assertIsMe(other.body, b);
  });

  test('leaving again is 404 not-in-couple', async () => {
    assertProblem(await a.delete('/api/v1/couple/membership'), 404, 'not-in-couple');
  });

  test('the leaver can start a new couple; the one who stayed can invite someone new', async () => {
    const res = await a.post('/api/v1/couple', {});
    assert.equal(res.status, 201, res.text);
    assert.notEqual(res.body.couple.id, coupleId);
    assertCouple(res.body.couple, 'waiting', [a]);
    const [c] = await people('Newcomer');
    const inv = await b.post('/api/v1/couple', {});
    assert.equal(inv.status, 201, inv.text);
    assert.equal(inv.body.couple.id, coupleId, 'the stayer keeps the couple');
    const joined = await c.post('/api/v1/couple/join', { code: inv.body.code });
    assert.equal(joined.status, 200, joined.text);
    assertCouple(joined.body.couple, 'paired', [b, c]);
  });
});
