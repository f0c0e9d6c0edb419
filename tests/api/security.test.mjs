// Cross-site request refusal, security headers, login throttling.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, register, uniqueEmail, newPassword, assertProblem, sessionCookie } from './client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const account = (name) => ({ email: uniqueEmail(name), password: newPassword(), display_name: 'Csrf' });

async function assertNoAccount(email) {
  const res = await new Client(server.url).post('/api/v1/accounts', { email, password: newPassword(), display_name: 'Proof' });
  assert.equal(res.status, 201, `${email} was not stored by the refused request: ${res.status} ${res.text}`);
}

describe('cross-site requests', () => {
  const refused = () => [
    ['Origin: http://evil.example', { origin: 'http://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: cross-site with our own Origin', { origin: server.url, 'sec-fetch-site': 'cross-site' }],
    ['Origin: null', { origin: 'null' }],
    ['an Origin that only starts like ours', { origin: `${server.url}.evil.example` }],
    ['our host on another port', { origin: `http://127.0.0.1:${server.port === 65535 ? 1 : server.port + 1}` }],
  ];

  test('registrations from another site are refused (403) and store nothing', async () => {
    for (const [what, headers] of refused()) {
      const a = account('csrf');
      const res = await new Client(server.url).post('/api/v1/accounts', a, { headers });
      assertProblem(res, 403, 'cross-site-request');
      const c = sessionCookie(res);
      assert.ok(!c || c.value === '', `${what}: no cookie`);
      await assertNoAccount(a.email);
    }
  });

  test('same Origin, same-origin fetch metadata, or neither header are allowed', async () => {
    const cases = [
      { origin: server.url },
      { origin: server.url, 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    const results = await Promise.all(cases.map((headers) => new Client(server.url).post('/api/v1/accounts', account('ok'), { headers })));
    results.forEach((res, i) => assert.equal(res.status, 201, `${JSON.stringify(cases[i])}: ${res.status} ${res.text}`));
  });

  test('logged-in state changes from another site are refused and change nothing', async () => {
    const p = await register(server.url, 'Victim');
    const evil = { origin: 'http://evil.example' };
    const cross = { 'sec-fetch-site': 'cross-site' };
    assertProblem(await p.patch('/api/v1/me', { display_name: 'Pwned' }, { headers: evil }), 403, 'cross-site-request');
    assertProblem(await p.patch('/api/v1/me', { display_name: 'Pwned' }, { headers: cross }), 403, 'cross-site-request');
    assertProblem(await p.post('/api/v1/couple', {}, { headers: evil }), 403, 'cross-site-request');
    assertProblem(await p.put('/api/v1/me/password', { current_password: p.password, new_password: newPassword() }, { headers: cross }), 403, 'cross-site-request');
    assertProblem(await p.delete('/api/v1/me', { password: p.password }, { headers: evil }), 403, 'cross-site-request');
    assertProblem(await p.request('DELETE', '/api/v1/session', { headers: evil }), 403, 'cross-site-request');
    assertProblem(await p.request('DELETE', '/api/v1/couple/membership', { headers: cross }), 403, 'cross-site-request');
    const login = await new Client(server.url).post('/api/v1/session', { email: p.email, password: p.password }, { headers: evil });
    assertProblem(login, 403, 'cross-site-request');
    assert.ok(!sessionCookie(login), 'no session from a cross-site login');
    const me = await p.me();
    assert.equal(me.user.display_name, p.displayName);
    assert.equal(me.couple, null);
    const ok = await p.patch('/api/v1/me', { display_name: 'Same site' }, { headers: { origin: server.url } });
    assert.equal(ok.status, 200, 'the same request from our own origin works, so the session was intact');
  });
});

describe('security headers', () => {
  let p;
  before(async () => { p = await register(server.url, 'Headers'); });

  function csp(res) {
    const value = res.headers.get('content-security-policy');
    assert.ok(value, `${res.path} → ${res.status}: Content-Security-Policy`);
    const dirs = {};
    for (const part of value.split(';')) {
      const [name, ...vals] = part.trim().split(/\s+/);
      if (name) dirs[name.toLowerCase()] = vals;
    }
    return dirs;
  }

  function assertCommon(res) {
    const where = `${res.method} ${res.path} → ${res.status}`;
    const dirs = csp(res);
    const script = dirs['script-src'] ?? dirs['default-src'];
    assert.ok(script, `${where}: CSP restricts scripts (script-src or default-src)`);
    assert.ok(!script.includes("'unsafe-inline'"), `${where}: no 'unsafe-inline' for scripts`);
    assert.ok(!script.includes('*'), `${where}: no wildcard script source`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${where}: nosniff`);
    assert.match(res.headers.get('referrer-policy') ?? '', /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, `${where}: Referrer-Policy`);
    const xfo = res.headers.get('x-frame-options');
    const fa = dirs['frame-ancestors'];
    assert.ok((xfo && /^(deny|sameorigin)$/i.test(xfo)) || (fa && (fa.includes("'none'") || fa.includes("'self'"))),
      `${where}: framing is refused (X-Frame-Options or frame-ancestors)`);
  }

  function assertNoStore(res) {
    assert.match(res.headers.get('cache-control') ?? '', /no-store/, `${res.method} ${res.path} → ${res.status}: Cache-Control no-store`);
  }

  test('on the HTML app', async () => {
    const res = await new Client(server.url).get('/');
    assert.equal(res.status, 200);
    assert.equal(res.contentType, 'text/html');
    assertCommon(res);
    // The app must work under its own policy: no inline scripts in the page.
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i.test(res.text), 'index.html has no inline script');
  });

  test('on API answers, which are never cached', async () => {
    const anon = new Client(server.url);
    for (const res of [await p.get('/api/v1/me'), await p.get('/api/v1/me/export'), await p.post('/api/v1/couple', {})]) {
      assert.ok(res.status < 300, `${res.path}: ${res.status}`);
      assertCommon(res);
      assertNoStore(res);
    }
    const login = await anon.post('/api/v1/session', { email: p.email, password: p.password });
    assert.equal(login.status, 200);
    assertCommon(login);
    assertNoStore(login);
  });

  test('on error answers', async () => {
    const anon = new Client(server.url);
    const errors = [
      await anon.get('/api/v1/me'),
      await anon.get('/api/v1/no-such-thing'),
      await p.get('/api/v1/no-such-thing'),
      await p.patch('/api/v1/me', { nope: 1 }),
      await anon.request('POST', '/api/v1/accounts', { body: '{' , headers: { 'content-type': 'application/json' } }),
      await anon.request('GET', '/api/v1/accounts'),
    ];
    for (const res of errors) {
      assert.ok(res.status >= 400, `${res.path}: ${res.status}`);
      assert.equal(res.contentType, 'application/problem+json', `${res.method} ${res.path}`);
      assertCommon(res);
      assertNoStore(res);
    }
    const missing = await anon.get('/no-such-page.txt');
    assertCommon(missing);
  });
});

describe('login throttling', () => {
  // A server of its own, so the failed logins here do not touch the other tests' accounts.
  let t, victim, bystander;
  before(async () => {
    t = await startServer();
    [victim, bystander] = await Promise.all([register(t.url, 'Victim'), register(t.url, 'Bystander')]);
  });
  after(async () => { await t?.stop(); });

  test('repeated wrong passwords lead to 429 with Retry-After, then even the right password is refused', async () => {
    const statuses = [];
    let throttled;
    for (let i = 0; i < 30 && !throttled; i++) {
      const res = await new Client(t.url).post('/api/v1/session', { email: victim.email, password: `wrong-${i}-password` });
      statuses.push(res.status);
      if (res.status === 429) throttled = res;
      else assertProblem(res, 401, 'wrong-credentials');
    }
    assert.ok(throttled, `no 429 after ${statuses.length} wrong passwords: ${statuses.join(' ')}`);
    assert.ok(statuses.length >= 3, `not throttled at once: ${statuses.join(' ')}`);
    assertProblem(throttled, 429, 'too-many-attempts');
    const retry = throttled.headers.get('retry-after');
    assert.match(retry ?? '', /^[1-9][0-9]*$/, `Retry-After in seconds: ${retry}`);

    const right = await new Client(t.url).post('/api/v1/session', { email: victim.email, password: victim.password });
    assertProblem(right, 429, 'too-many-attempts');
    assert.ok(!sessionCookie(right), 'no session while throttled');
    assert.match(right.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
  });

  test('other accounts can still log in, and existing sessions keep working', async () => {
    const res = await new Client(t.url).post('/api/v1/session', { email: bystander.email, password: bystander.password });
    assert.equal(res.status, 200, `another account is not throttled: ${res.status} ${res.text}`);
    assert.equal((await victim.me()).user.id, victim.id, "the victim's open session still works");
  });
});
