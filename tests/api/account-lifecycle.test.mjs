// Changing the password, deleting the account, exporting one's data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, register, newPassword, assertProblem, sessionCookie, pair } from './client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const login = (email, password) => new Client(server.url).post('/api/v1/session', { email, password });

/** Every key anywhere in a JSON value. */
function keysOf(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push(k); keysOf(v, out); }
  return out;
}

describe('change password', () => {
  test('ends the other sessions, keeps this one; the new password works, the old does not', async () => {
    const p = await register(server.url, 'Pw');
    const other = await p.anotherDevice();
    const next = newPassword();
    const res = await p.put('/api/v1/me/password', { current_password: p.password, new_password: next });
    assert.equal(res.status, 204, res.text);
    assert.equal(res.text, '');
    assertProblem(await other.get('/api/v1/me'), 401, 'not-authenticated');
    assert.equal((await p.me()).user.id, p.id, 'the session that changed the password stays');
    const [withNew, withOld] = await Promise.all([login(p.email, next), login(p.email, p.password)]);
    assert.equal(withNew.status, 200, withNew.text);
    assertProblem(withOld, 401, 'wrong-credentials');
  });

  test('a wrong current password is 403 wrong-password and changes nothing', async () => {
    const p = await register(server.url, 'PwWrong');
    const other = await p.anotherDevice();
    const res = await p.put('/api/v1/me/password', { current_password: `${p.password}!`, new_password: newPassword() });
    assertProblem(res, 403, 'wrong-password');
    assert.equal((await other.me()).user.id, p.id, 'other sessions were not ended');
    assert.equal((await login(p.email, p.password)).status, 200, 'the password is unchanged');
  });

  test('a too short new password or a missing field is 422 and changes nothing', async () => {
    const p = await register(server.url, 'PwShort');
    const other = await p.anotherDevice();
    const [short, missing] = await Promise.all([
      p.put('/api/v1/me/password', { current_password: p.password, new_password: '123456789' }),
      p.put('/api/v1/me/password', { new_password: newPassword() }),
    ]);
    assertProblem(short, 422, 'invalid-field', 'new_password');
    assertProblem(missing, 422, 'invalid-field', 'current_password');
    assert.equal((await other.me()).user.id, p.id);
    assert.equal((await login(p.email, p.password)).status, 200, 'the password is unchanged');
  });
});

describe('delete account', () => {
  let alice, bob, aliceOther;
  before(async () => {
    [alice, bob] = await Promise.all([register(server.url, 'DelAlice'), register(server.url, 'DelBob')]);
    await pair(alice, bob);
    aliceOther = await alice.anotherDevice();
  });

  test('needs the right password (403 wrong-password, nothing deleted)', async () => {
    assertProblem(await alice.delete('/api/v1/me', { password: `${alice.password}?` }), 403, 'wrong-password');
    assertProblem(await alice.delete('/api/v1/me', {}), 422, 'invalid-field', 'password');
    const me = await alice.me();
    assert.equal(me.user.id, alice.id);
    assert.equal(me.couple.status, 'paired');
  });

  test('removes the person: sessions end, login fails, the email is free again', async () => {
    const token = alice.session;
    const res = await alice.delete('/api/v1/me', { password: alice.password });
    assert.equal(res.status, 204, res.text);
    const cleared = sessionCookie(res);
    assert.ok(cleared, 'the cookie is cleared');
    assertProblem(await alice.get('/api/v1/me'), 401, 'not-authenticated');
    assertProblem(await new Client(server.url).get('/api/v1/me', { headers: { cookie: `hearth_session=${token}` } }), 401, 'not-authenticated');
    assertProblem(await aliceOther.get('/api/v1/me'), 401, 'not-authenticated');
    assertProblem(await login(alice.email, alice.password), 401, 'wrong-credentials');
    const again = await new Client(server.url).post('/api/v1/accounts', { email: alice.email, password: newPassword(), display_name: 'New Alice' });
    assert.equal(again.status, 201, again.text);
    assert.notEqual(again.body.user.id, alice.id);
    assert.equal(again.body.user.display_name, 'New Alice');
  });

  test('the partner keeps their account and the couple, now waiting', async () => {
    const me = await bob.me();
    assert.equal(me.user.id, bob.id);
    const couple = await bob.get('/api/v1/couple');
    assert.equal(couple.status, 200, couple.text);
    assert.equal(couple.body.status, 'waiting');
    assert.deepEqual(couple.body.partners.map((x) => [x.id, x.is_me]), [[bob.id, true]]);
    assert.ok(!couple.text.includes(alice.displayName), 'nothing of the deleted person is left in the couple');
    assert.equal((await login(bob.email, bob.password)).status, 200);
  });
});

describe('export', () => {
  let alice, bob, aliceOther, code;
  before(async () => {
    [alice, bob] = await Promise.all([register(server.url, 'ExpAlice'), register(server.url, 'ExpBob')]);
    ({ code } = await pair(alice, bob));
    aliceOther = await alice.anotherDevice();
  });

  test('is an attachment with the documented shape', async () => {
    const res = await alice.get('/api/v1/me/export');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.contentType, 'application/json');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment\s*;\s*filename="?[^";]+\.json"?/i);
    const x = res.body;
    assert.equal(x.format, 'hearth-export');
    assert.equal(x.version, 1);
    assert.ok(Math.abs(Date.parse(x.exported_at) - Date.now()) < 5 * 60_000, `exported_at is now: ${x.exported_at}`);
    const me = await alice.me();
    assert.deepEqual(x.user, me.user);
    assert.deepEqual(x.couple, me.couple);
    assert.equal(x.couple.status, 'paired');
    assert.ok(x.sessions.length >= 2, `both sessions are listed: ${x.sessions.length}`);
    assert.equal(x.sessions.filter((s) => s.current).length, 1, 'exactly one session is the current one');
    assert.equal(x.invites.length, 1);
    const [inv] = x.invites;
    assert.ok(inv.used_at, 'the invite is marked used');
    assert.ok(Date.parse(inv.created_at) <= Date.parse(inv.used_at));
    const hours = (Date.parse(inv.expires_at) - Date.parse(inv.created_at)) / 3_600_000;
    assert.ok(hours > 71.9 && hours < 72.1, `invites are valid 72 hours: ${hours}`);
  });

  test('holds no secrets and nothing private of the partner', async () => {
    const res = await alice.get('/api/v1/me/export');
    assert.equal(res.status, 200);
    const secrets = [bob.email, alice.password, alice.session, aliceOther.session, code, code.replaceAll('-', ''), '$argon2'];
    for (const s of secrets) assert.ok(!res.text.includes(s), `export must not contain ${s}`);
    const keys = keysOf(res.body);
    const bad = keys.filter((k) => /pass|token|hash|secret|code|cookie|salt/i.test(k));
    assert.deepEqual(bad, [], 'no secret-looking fields');
    assert.ok(!JSON.stringify(res.body.couple).includes('"email"'), 'no email in the couple');
  });

  test('each partner exports only their own data', async () => {
    const res = await bob.get('/api/v1/me/export');
    assert.equal(res.status, 200);
    assert.equal(res.body.user.id, bob.id);
    assert.equal(res.body.user.email, bob.email);
    assert.ok(!res.text.includes(alice.email), "the partner's email is not in the export");
    assert.deepEqual(res.body.invites, [], 'bob opened no invite');
    assert.equal(res.body.sessions.length, 1, "only bob's own session");
    assert.deepEqual(res.body.couple.partners.map((p) => p.is_me), res.body.couple.partners.map((p) => p.id === bob.id));
  });

  test('someone without a couple exports couple null', async () => {
    const solo = await register(server.url, 'Solo');
    const res = await solo.get('/api/v1/me/export');
    assert.equal(res.status, 200);
    assert.equal(res.body.couple, null);
    assert.deepEqual(res.body.invites, []);
    assert.equal(res.body.sessions.length, 1);
    assert.equal(res.body.sessions[0].current, true);
  });
});
