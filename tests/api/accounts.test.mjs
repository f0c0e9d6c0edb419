// Accounts and sessions: registering, logging in and out, the session cookie, the display name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, Person, register, uniqueEmail, newPassword, assertProblem, sessionCookie, hex } from './client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const near = (iso, ms = 5 * 60_000) => Math.abs(Date.parse(iso) - Date.now()) < ms;

function assertSessionCookieSet(res) {
  const c = sessionCookie(res);
  assert.ok(c, `a hearth_session cookie is set: ${JSON.stringify(res.setCookies)}`);
  assert.ok(c.value.length >= 32, `the session token is long enough to be unguessable: ${c.value.length} chars`);
  assert.equal(c.attrs.httponly, true, 'HttpOnly');
  assert.equal(String(c.attrs.samesite).toLowerCase(), 'strict', 'SameSite=Strict');
  assert.equal(c.attrs.path, '/', 'Path=/');
  assert.ok(!('domain' in c.attrs), 'no Domain attribute (host-only cookie)');
  return c;
}

function assertNoSessionSet(res) {
  const c = sessionCookie(res);
  assert.ok(!c || c.value === '', `no session cookie may be set on ${res.status}: ${JSON.stringify(res.setCookies)}`);
}

describe('register', () => {
  test('creates the account, logs in, and sets a strict HttpOnly cookie', async () => {
    const p = new Person(server.url, { email: uniqueEmail('reg'), password: newPassword(), displayName: `Reg ${hex()}` });
    const res = await p.post('/api/v1/accounts', { email: p.email, password: p.password, display_name: p.displayName });
    assert.equal(res.status, 201, res.text);
    const { user } = res.body;
    assert.match(user.id, /^[0-9]+$/);
    assert.equal(user.email, p.email);
    assert.equal(user.display_name, p.displayName);
    assert.ok(near(user.created_at), `created_at is now: ${user.created_at}`);
    assertSessionCookieSet(res);
    const me = await p.me();
    assert.deepEqual(me.user, user);
    assert.equal(me.couple, null);
  });

  test('an email is taken whatever its case (409 email-taken), and nothing changes', async () => {
    const a = await register(server.url, 'Dup');
    const other = new Client(server.url);
    const res = await other.post('/api/v1/accounts', { email: a.email.toUpperCase(), password: newPassword(), display_name: 'Impostor' });
    assertProblem(res, 409, 'email-taken');
    assertNoSessionSet(res);
    assert.ok(!res.text.includes(a.displayName), 'does not reveal the existing account');
    // The original account and its password are untouched.
    const me = await a.me();
    assert.equal(me.user.display_name, a.displayName);
    await a.anotherDevice();
  });

  test('the email is stored trimmed and in lower case; login ignores its case', async () => {
    const email = uniqueEmail('case');
    const password = newPassword();
    const c = new Client(server.url);
    const res = await c.post('/api/v1/accounts', { email: `  ${email.replace(/^./, (x) => x.toUpperCase()).replace('example', 'EXAMPLE')} `, password, display_name: 'Case' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.user.email, email);
    const login = await new Client(server.url).post('/api/v1/session', { email: email.toUpperCase(), password });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.body.user.id, res.body.user.id);
  });

  test('a 9-character password is refused (422, field password); 10 characters are enough', async () => {
    const email = uniqueEmail('short');
    const c = new Client(server.url);
    const res = await c.post('/api/v1/accounts', { email, password: '123456789', display_name: 'Short' });
    assertProblem(res, 422, 'invalid-field', 'password');
    assertNoSessionSet(res);
    // Nothing was stored: the same email can still be registered.
    const ok = await c.post('/api/v1/accounts', { email, password: '1234567890', display_name: 'Short' });
    assert.equal(ok.status, 201, ok.text);
  });

  test('bad emails are refused (422, field email)', async () => {
    const bad = ['not-an-email', 'two@@example.org', '@example.org', 'spa ce@example.org', ''];
    const results = await Promise.all(bad.map((email) =>
      new Client(server.url).post('/api/v1/accounts', { email, password: newPassword(), display_name: 'Bad' })));
    results.forEach((res) => { assertProblem(res, 422, 'invalid-field', 'email'); assertNoSessionSet(res); });
  });

  test('display names must be 1 to 60 characters (422, field display_name)', async () => {
    const cases = ['', 'x'.repeat(61)];
    const results = await Promise.all(cases.map((display_name) =>
      new Client(server.url).post('/api/v1/accounts', { email: uniqueEmail('name'), password: newPassword(), display_name })));
    results.forEach((res) => assertProblem(res, 422, 'invalid-field', 'display_name'));
  });

  test('missing fields are refused (422, field names the missing one)', async () => {
    const c = new Client(server.url);
    const [noName, noPassword, noEmail] = await Promise.all([
      c.post('/api/v1/accounts', { email: uniqueEmail('m'), password: newPassword() }),
      c.post('/api/v1/accounts', { email: uniqueEmail('m'), display_name: 'M' }),
      c.post('/api/v1/accounts', { password: newPassword(), display_name: 'M' }),
    ]);
    assertProblem(noName, 422, 'invalid-field', 'display_name');
    assertProblem(noPassword, 422, 'invalid-field', 'password');
    assertProblem(noEmail, 422, 'invalid-field', 'email');
  });
});

describe('login and logout', () => {
  let p;
  before(async () => { p = await register(server.url, 'Login'); });

  test('the right password logs in with a new session', async () => {
    const c = new Client(server.url);
    const res = await c.post('/api/v1/session', { email: p.email, password: p.password });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.id, p.id);
    assert.equal(res.body.user.email, p.email);
    const cookie = assertSessionCookieSet(res);
    assert.notEqual(cookie.value, p.session, 'each login gets its own session token');
    assert.equal((await c.me()).user.id, p.id);
  });

  test('a wrong password or unknown email gives 401 wrong-credentials and no cookie, alike', async () => {
    const [wrong, unknown] = await Promise.all([
      new Client(server.url).post('/api/v1/session', { email: p.email, password: `${p.password}x` }),
      new Client(server.url).post('/api/v1/session', { email: uniqueEmail('nobody'), password: p.password }),
    ]);
    assertProblem(wrong, 401, 'wrong-credentials');
    assertProblem(unknown, 401, 'wrong-credentials');
    assertNoSessionSet(wrong);
    assertNoSessionSet(unknown);
    assert.equal(wrong.body.detail, unknown.body.detail, 'the answer does not tell which accounts exist');
  });

  test('logout ends this session only, and clears the cookie', async () => {
    const device1 = await p.anotherDevice();
    const device2 = await p.anotherDevice();
    const token = device1.session;
    const res = await device1.delete('/api/v1/session');
    assert.equal(res.status, 204, res.text);
    assert.equal(res.text, '');
    const cleared = sessionCookie(res);
    assert.ok(cleared, 'Set-Cookie hearth_session on logout');
    assert.ok(cleared.value === '' || Number(cleared.attrs['max-age']) <= 0 || Date.parse(cleared.attrs.expires) < Date.now(),
      `the cookie is cleared: ${res.setCookies}`);
    assert.equal(device1.session, undefined);
    assertProblem(await device1.get('/api/v1/me'), 401, 'not-authenticated');
    // The server forgot the session: replaying the old token does not work either.
    const replay = await new Client(server.url).get('/api/v1/me', { headers: { cookie: `hearth_session=${token}` } });
    assertProblem(replay, 401, 'not-authenticated');
    // Other devices stay logged in.
    assert.equal((await device2.me()).user.id, p.id);
    assert.equal((await p.me()).user.id, p.id);
  });

  test('logging out without a session is 401', async () => {
    assertProblem(await new Client(server.url).delete('/api/v1/session'), 401, 'not-authenticated');
  });

  test('made-up or malformed session cookies are 401', async () => {
    const c = new Client(server.url);
    for (const cookie of ['hearth_session=' + 'A'.repeat(43), 'hearth_session=', 'hearth_session=../../etc', `hearth_session=${p.session}x`]) {
      assertProblem(await c.get('/api/v1/me', { headers: { cookie } }), 401, 'not-authenticated');
    }
  });
});

describe('display name', () => {
  test('PATCH /me changes it; bad names change nothing', async () => {
    const p = await register(server.url, 'Namer');
    const name60 = `N${'x'.repeat(58)}N`;
    const res = await p.patch('/api/v1/me', { display_name: name60 });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.display_name, name60);
    assert.equal(res.body.user.id, p.id);
    assert.equal(res.body.user.email, p.email);
    assert.equal((await p.me()).user.display_name, name60);

    const bad = await Promise.all([
      p.patch('/api/v1/me', { display_name: '' }),
      p.patch('/api/v1/me', { display_name: 'y'.repeat(61) }),
      p.patch('/api/v1/me', { display_name: 42 }),
      p.patch('/api/v1/me', { display_name: null }),
      p.patch('/api/v1/me', { display_name: 'Bell\u0007' }),
    ]);
    bad.forEach((r) => assertProblem(r, 422, 'invalid-field', 'display_name'));
    assert.equal((await p.me()).user.display_name, name60);
  });

  test('email cannot be changed through PATCH /me (422, field email)', async () => {
    const p = await register(server.url, 'NoEmailChange');
    const res = await p.patch('/api/v1/me', { display_name: 'Fine', email: uniqueEmail('other') });
    assertProblem(res, 422, 'invalid-field', 'email');
    const me = await p.me();
    assert.equal(me.user.email, p.email);
    assert.equal(me.user.display_name, p.displayName);
  });
});
