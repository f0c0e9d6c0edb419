// Bad input: each request gets a clear 4xx application/problem+json (type, title, status, detail),
// and nothing is stored. "Nothing stored" is proven afterwards: the email can still be registered,
// the name or couple is unchanged, the account still exists.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, register, uniqueEmail, newPassword, assertProblem, socketRequest, sessionCookie } from './client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const ACCOUNTS = '/api/v1/accounts';
const account = (name = 'input') => ({ email: uniqueEmail(name), password: newPassword(), display_name: 'Input' });
const bytes = (s) => new TextEncoder().encode(s);

/** Proves no account exists for `email`: registering it now succeeds. */
async function assertNoAccount(email) {
  const res = await new Client(server.url).post(ACCOUNTS, { email, password: newPassword(), display_name: 'Proof' });
  assert.equal(res.status, 201, `${email} was not stored by the refused request: ${res.status} ${res.text}`);
}

function assertNoCookie(res) {
  const c = sessionCookie(res);
  assert.ok(!c || c.value === '', 'a refused registration sets no session');
}

describe('registration bodies', () => {
  test('malformed JSON → 400 malformed-json', async () => {
    const a = account('malformed');
    const good = JSON.stringify(a);
    const cases = [good.slice(0, -1), `${good} x`, `{'email': '${a.email}'}`, '{"email":"a" "password":"b"}'];
    for (const body of cases) {
      const res = await new Client(server.url).request('POST', ACCOUNTS, { body, headers: { 'content-type': 'application/json' } });
      assertProblem(res, 400, 'malformed-json');
      assertNoCookie(res);
    }
    await assertNoAccount(a.email);
  });

  test('JSON that is not an object → 422 invalid-field', async () => {
    const a = account('notobject');
    for (const body of [JSON.stringify([a]), JSON.stringify(a.email), 'null', '42', 'true']) {
      const res = await new Client(server.url).request('POST', ACCOUNTS, { body, headers: { 'content-type': 'application/json' } });
      assertProblem(res, 422, 'invalid-field');
      assertNoCookie(res);
    }
    await assertNoAccount(a.email);
  });

  test('Content-Type text/plain → 415', async () => {
    const a = account('textplain');
    const res = await new Client(server.url).request('POST', ACCOUNTS, { body: JSON.stringify(a) }); // fetch labels a string text/plain
    assertProblem(res, 415, 'unsupported-media-type');
    assertNoCookie(res);
    const form = await new Client(server.url).request('POST', ACCOUNTS, {
      body: new URLSearchParams(a).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assertProblem(form, 415, 'unsupported-media-type');
    await assertNoAccount(a.email);
  });

  test('no Content-Type on a POST with a body → 415', async () => {
    const a = account('nocontenttype');
    const res = await new Client(server.url).request('POST', ACCOUNTS, { body: bytes(JSON.stringify(a)) });
    assertProblem(res, 415, 'unsupported-media-type');
    assertNoCookie(res);
    await assertNoAccount(a.email);
  });

  test('application/json with a charset parameter is accepted', async () => {
    const a = account('charset');
    const res = await new Client(server.url).request('POST', ACCOUNTS, {
      body: JSON.stringify(a), headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    assert.equal(res.status, 201, res.text);
  });

  test('unknown fields → 422 invalid-field naming the field', async () => {
    const a = account('unknown');
    const res = await new Client(server.url).post(ACCOUNTS, { ...a, is_admin: true });
    assertProblem(res, 422, 'invalid-field', 'is_admin');
    assertNoCookie(res);
    await assertNoAccount(a.email);
  });

  test('wrong types → 422 invalid-field naming the field', async () => {
    const a = account('types');
    const cases = [
      [{ ...a, password: 12345678901 }, 'password'],
      [{ ...a, display_name: ['Input'] }, 'display_name'],
      [{ ...a, email: { address: a.email } }, 'email'],
      [{ ...a, display_name: null }, 'display_name'],
    ];
    const results = await Promise.all(cases.map(([body]) => new Client(server.url).post(ACCOUNTS, body)));
    results.forEach((res, i) => { assertProblem(res, 422, 'invalid-field', cases[i][1]); assertNoCookie(res); });
    await assertNoAccount(a.email);
  });

  test('a body over 1 MiB → 413 body-too-large', async () => {
    const a = account('huge');
    const body = JSON.stringify({ ...a, display_name: 'x'.repeat(1024 * 1024 + 1024) });
    const res = await new Client(server.url).request('POST', ACCOUNTS, { body, headers: { 'content-type': 'application/json' } });
    assertProblem(res, 413, 'body-too-large');
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the server is fine afterwards');
    await assertNoAccount(a.email);
  });

  test('a Content-Length over 1 MiB is refused from the headers, without waiting for the body', async () => {
    const started = Date.now();
    const res = await socketRequest(server.url, {
      path: ACCOUNTS, headers: { 'Content-Type': 'application/json' }, contentLength: 1024 * 1024 + 1,
    });
    assertProblem(res, 413, 'body-too-large');
    assert.ok(Date.now() - started < 5000, 'answered at once');
  });

  test('invalid UTF-8 is refused', async () => {
    const a = account('utf8');
    const raw = Buffer.concat([Buffer.from(`{"email":"${a.email}","password":"${a.password}","display_name":"Bad `), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await new Client(server.url).request('POST', ACCOUNTS, { body: raw, headers: { 'content-type': 'application/json' } });
    assert.ok([400, 422].includes(res.status), `got ${res.status} ${res.text.slice(0, 200)}`);
    assertProblem(res, res.status);
    await assertNoAccount(a.email);
  });
});

describe('bodies of logged-in requests', () => {
  let p, other;
  before(async () => {
    p = await register(server.url, 'Body');
    other = await p.anotherDevice();
  });

  test('PATCH /me: malformed, not JSON, unknown or mistyped fields change nothing', async () => {
    const results = [
      [await p.request('PATCH', '/api/v1/me', { body: '{"display_name":', headers: { 'content-type': 'application/json' } }), 400, 'malformed-json'],
      [await p.request('PATCH', '/api/v1/me', { body: '{"display_name":"Text"}' }), 415, 'unsupported-media-type'],
      [await p.request('PATCH', '/api/v1/me', { body: bytes('{"display_name":"Bytes"}') }), 415, 'unsupported-media-type'],
      [await p.patch('/api/v1/me', { display_name: 'Ok name', colour: 'red' }), 422, 'invalid-field', 'colour'],
      [await p.patch('/api/v1/me', { display_name: 7 }), 422, 'invalid-field', 'display_name'],
      [await p.patch('/api/v1/me', {}), 422, 'invalid-field', 'display_name'],
      [await p.patch('/api/v1/me', ['display_name']), 422, 'invalid-field'],
    ];
    for (const [res, status, slug, field] of results) assertProblem(res, status, slug, field);
    assert.equal((await p.me()).user.display_name, p.displayName);
  });

  test('PUT /me/password: bad bodies change nothing', async () => {
    const next = newPassword();
    const results = [
      [await p.request('PUT', '/api/v1/me/password', { body: `{"current_password":"${p.password}","new_password":"${next}"`, headers: { 'content-type': 'application/json' } }), 400],
      [await p.request('PUT', '/api/v1/me/password', { body: JSON.stringify({ current_password: p.password, new_password: next }) }), 415],
      [await p.put('/api/v1/me/password', { current_password: p.password, new_password: next, logout_others: false }), 422, 'logout_others'],
      [await p.put('/api/v1/me/password', { current_password: p.password, new_password: 1234567890123 }), 422, 'new_password'],
    ];
    for (const [res, status, field] of results) assertProblem(res, status, undefined, field);
    assert.equal((await other.me()).user.id, p.id, 'other sessions did not end: nothing changed');
  });

  test('DELETE /me: without JSON, or with a bad body, deletes nothing', async () => {
    const results = [
      [await p.request('DELETE', '/api/v1/me', { body: bytes(JSON.stringify({ password: p.password })) }), 415],
      [await p.request('DELETE', '/api/v1/me', { body: JSON.stringify({ password: p.password }) }), 415],
      [await p.request('DELETE', '/api/v1/me', { body: `{"password":"${p.password}"`, headers: { 'content-type': 'application/json' } }), 400],
      [await p.delete('/api/v1/me', { password: p.password, really: true }), 422],
      [await p.delete('/api/v1/me', { password: [p.password] }), 422],
    ];
    for (const [res, status] of results) assertProblem(res, status);
    assert.equal((await p.me()).user.id, p.id);
    assert.equal((await other.me()).user.id, p.id);
  });

  test('POST /couple with a bad body opens nothing', async () => {
    const results = [
      [await p.request('POST', '/api/v1/couple', { body: '{}' }), 415],
      [await p.request('POST', '/api/v1/couple', { body: '{', headers: { 'content-type': 'application/json' } }), 400],
      [await p.post('/api/v1/couple', { partner_email: 'someone@example.org' }), 422],
      [await p.post('/api/v1/couple', []), 422],
    ];
    for (const [res, status] of results) assertProblem(res, status);
    assertProblem(await p.get('/api/v1/couple'), 404, 'not-in-couple');
  });
});

describe('invite codes', () => {
  test('malformed codes → 422; nothing joined, and the real code still works', async () => {
    const [a, b] = await Promise.all([register(server.url, 'Code A'), register(server.url, 'Code B')]);
    const inv = await a.post('/api/v1/couple', {});
    assert.equal(inv.status, 201);
    const real = inv.body.code;
    for (const code of [real.slice(0, -1), `${real}7`, `${real.slice(0, -1)}!`, `${real.slice(0, -1)}Ä`]) {
      assertProblem(await b.post('/api/v1/couple/join', { code }), 422, 'invalid-invite', 'code');
    }
    assertProblem(await b.post('/api/v1/couple/join', { code: 123456789012 }), 422, undefined, 'code');
    assertProblem(await b.post('/api/v1/couple/join', {}), 422, undefined, 'code');
    assertProblem(await b.get('/api/v1/couple'), 404, 'not-in-couple');
    const waiting = await a.get('/api/v1/couple');
    assert.equal(waiting.body.status, 'waiting');
    assert.equal(waiting.body.partners.length, 1);
    const ok = await b.post('/api/v1/couple/join', { code: real });
    assert.equal(ok.status, 200, ok.text);
  });
});

describe('robustness', () => {
  test('deeply nested JSON is refused without harm', async () => {
    const a = account('nested');
    const body = `{"email":"${a.email}","password":"${a.password}","display_name":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    const res = await new Client(server.url).request('POST', ACCOUNTS, { body, headers: { 'content-type': 'application/json' } });
    assert.ok([400, 422].includes(res.status), `got ${res.status} ${res.text.slice(0, 200)}`);
    assertProblem(res, res.status);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the server is fine afterwards');
    await assertNoAccount(a.email);
  });
});
