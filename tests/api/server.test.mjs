// The server as an operator sees it: health, metrics, keep-alive, routing errors, logs without
// secrets, graceful shutdown with data kept across a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from '../support/server.mjs';
import { Client, register, pair, assertProblem, rawRequest, hex, newPassword } from './client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('GET /healthz is 200 {"status":"ok"} without login', async () => {
  const res = await new Client(server.url).get('/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.contentType, 'application/json');
  assert.equal(res.body.status, 'ok');
});

describe('metrics', () => {
  /** Parses Prometheus text: { types: {name: type}, samples: [{name, labels, value}] }. */
  function parse(text) {
    const types = {};
    const samples = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const t = line.match(/^# TYPE (\S+) (\S+)/);
      if (t) { types[t[1]] = t[2]; continue; }
      if (line.startsWith('#')) continue;
      const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/);
      assert.ok(m, `a valid sample line: ${line}`);
      const labels = {};
      for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
      assert.ok(!Number.isNaN(value), `a numeric value: ${line}`);
      samples.push({ name: m[1], labels, value });
    }
    return { types, samples };
  }

  async function scrape() {
    const res = await new Client(server.url).get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    return { text: res.text, ...parse(res.text) };
  }

  function assertHistogram(m, name) {
    assert.equal(m.types[name], 'histogram', `# TYPE ${name} histogram`);
    const buckets = m.samples.filter((s) => s.name === `${name}_bucket`);
    assert.ok(buckets.length > 0, `${name}_bucket samples`);
    assert.ok(m.samples.some((s) => s.name === `${name}_sum`), `${name}_sum`);
    const counts = m.samples.filter((s) => s.name === `${name}_count`);
    assert.ok(counts.length > 0, `${name}_count`);
    // Per series: buckets are cumulative and +Inf equals the count.
    for (const count of counts) {
      const key = JSON.stringify(count.labels);
      const series = buckets.filter((b) => { const { le, ...rest } = b.labels; return JSON.stringify(rest) === key; })
        .sort((a, b) => Number(a.labels.le === '+Inf' ? Infinity : a.labels.le) - Number(b.labels.le === '+Inf' ? Infinity : b.labels.le));
      assert.ok(series.length > 1, `${name} ${key}: several buckets`);
      for (let i = 1; i < series.length; i++) assert.ok(series[i].value >= series[i - 1].value, `${name} ${key}: cumulative buckets`);
      assert.equal(series.at(-1).labels.le, '+Inf');
      assert.equal(series.at(-1).value, count.value, `${name} ${key}: +Inf bucket equals _count`);
    }
    return counts;
  }

  test('are Prometheus text with the documented series, after some traffic', async () => {
    const [a, b] = await Promise.all([register(server.url, 'Metric A'), register(server.url, 'Metric B')]);
    await pair(a, b);
    await a.get('/api/v1/me');
    await new Client(server.url).get('/api/v1/me');
    const m = await scrape();

    assert.equal(m.types.hearth_http_requests_total, 'counter');
    const reqs = m.samples.filter((s) => s.name === 'hearth_http_requests_total');
    assert.ok(reqs.length > 0);
    for (const s of reqs) {
      assert.ok('route' in s.labels, `route label: ${JSON.stringify(s.labels)}`);
      assert.ok('status' in s.labels, `status label: ${JSON.stringify(s.labels)}`);
    }
    const meOk = reqs.find((s) => s.labels.route === '/api/v1/me' && s.labels.status === '200' && (s.labels.method ?? 'GET') === 'GET');
    assert.ok(meOk && meOk.value >= 1, 'GET /api/v1/me 200 was counted');
    assert.ok(reqs.some((s) => s.labels.route === '/api/v1/me' && s.labels.status === '401'), 'the 401 was counted');
    assert.ok(reqs.some((s) => s.labels.route === '/api/v1/accounts' && s.labels.status === '201'), 'registrations were counted');

    assertHistogram(m, 'hearth_http_request_duration_seconds');
    const batches = assertHistogram(m, 'hearth_db_commit_batch_size');
    assert.ok(batches.reduce((n, s) => n + s.value, 0) >= 1, 'commits were observed');
    assertHistogram(m, 'hearth_db_commit_duration_seconds');
    assert.equal(m.types.hearth_open_connections, 'gauge');
    const open = m.samples.find((s) => s.name === 'hearth_open_connections');
    assert.ok(open && open.value >= 1, 'at least the scraping connection is open');
  });

  test('counters count, and unknown paths do not create new series', async () => {
    const route = '/api/v1/openapi.json';
    const count = (m) => m.samples.filter((s) => s.name === 'hearth_http_requests_total' && s.labels.route === route && s.labels.status === '200')
      .reduce((n, s) => n + s.value, 0);
    const before1 = count(await scrape());
    for (let i = 0; i < 3; i++) await (await fetch(`${server.url}${route}`)).arrayBuffer();
    const junk = `zz${hex(6)}`;
    await new Client(server.url).get(`/api/v1/${junk}`);
    await new Client(server.url).get(`/${junk}/x`);
    const m = await scrape();
    assert.ok(count(m) >= before1 + 3, `${route} counted: ${before1} → ${count(m)}`);
    assert.ok(!m.text.includes(junk), 'a made-up path must not become a label value (unbounded cardinality)');
  });
});

test('keep-alive: several requests, errors included, on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const p = await register(server.url, 'KeepAlive');
    const cookie = `hearth_session=${p.session}`;
    const steps = [
      { path: '/healthz' },
      { path: '/api/v1/me', headers: { cookie } },
      { path: '/api/v1/me' },
      { path: '/api/v1/no-such-route', headers: { cookie } },
      { method: 'PATCH', path: '/api/v1/me', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ display_name: 'Kept Alive' }) },
      { method: 'PATCH', path: '/api/v1/me', headers: { cookie, 'content-type': 'application/json' }, body: '{"display_name":' },
      { path: '/api/v1/openapi.json' },
    ];
    const sockets = [];
    const statuses = [];
    for (const s of steps) {
      const res = await rawRequest(server.url, { ...s, agent });
      statuses.push(res.status);
      sockets.push(res.socket);
      assert.notEqual(String(res.headers.connection).toLowerCase(), 'close', `${s.path} ${res.status}: connection kept open`);
    }
    assert.deepEqual(statuses, [200, 200, 401, 404, 200, 400, 200]);
    assert.ok(sockets.every((s) => s === sockets[0]), 'all requests used the same connection');
  } finally {
    agent.destroy();
  }
});

describe('routing errors', () => {
  let p;
  before(async () => { p = await register(server.url, 'Router'); });

  test('an unknown path under /api/v1 is 404 problem+json', async () => {
    for (const path of ['/api/v1/nope', '/api/v1/me/nope', '/api/v2/me', '/api/v1/couple/join/extra']) {
      const res = await p.get(path);
      assertProblem(res, 404, 'not-found');
    }
  });

  test('a known path with the wrong method is 405 problem+json with Allow', async () => {
    const allow = (res) => (res.headers.get('allow') ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
    const cases = [
      ['GET', '/api/v1/accounts', undefined, ['POST']],
      ['GET', '/api/v1/session', undefined, ['POST', 'DELETE']],
      ['PUT', '/api/v1/couple', {}, ['GET', 'POST']],
      ['POST', '/api/v1/me/export', {}, ['GET']],
      ['GET', '/api/v1/couple/join', undefined, ['POST']],
      ['DELETE', '/api/v1/me/password', undefined, ['PUT']],
      ['POST', '/healthz', {}, ['GET']],
    ];
    for (const [method, path, json, expected] of cases) {
      const res = await p.request(method, path, json === undefined ? {} : { json });
      assertProblem(res, 405, 'method-not-allowed');
      const got = allow(res);
      for (const m of expected) assert.ok(got.includes(m), `${method} ${path}: Allow "${res.headers.get('allow')}" includes ${m}`);
      assert.ok(!got.includes(method), `${method} ${path}: Allow does not include ${method}`);
    }
  });
});

test('the log holds no passwords, session tokens, cookies or invite codes', async () => {
  const [a, b] = await Promise.all([register(server.url, 'Log A'), register(server.url, 'Log B')]);
  const secrets = [a.password, b.password, a.session, b.session];
  const c = new Client(server.url);
  const login = await c.post('/api/v1/session', { email: a.email, password: a.password });
  assert.equal(login.status, 200);
  secrets.push(c.session);
  const bad = await new Client(server.url).post('/api/v1/session', { email: b.email, password: 'a wrong password here' });
  assert.equal(bad.status, 401);
  secrets.push('a wrong password here');
  const next = newPassword();
  assert.equal((await a.put('/api/v1/me/password', { current_password: a.password, new_password: next })).status, 204);
  secrets.push(next, a.session);
  const { code } = await pair(a, b, (x) => x.toLowerCase());
  secrets.push(code, code.replaceAll('-', ''), code.toLowerCase(), code.toLowerCase().replaceAll('-', ''));
  assert.equal((await a.delete('/api/v1/session')).status, 204);

  // Give an asynchronous logger a moment to write the last lines.
  let logs = server.logs();
  for (let i = 0; i < 40 && !logs.includes('/api/v1/couple/join'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    logs = server.logs();
  }
  assert.ok(logs.includes('/api/v1/couple/join'), 'requests are logged');
  const json = logs.split('\n').filter((l) => l.startsWith('{')).map((l) => { try { return JSON.parse(l); } catch { return null; } }).filter(Boolean);
  assert.ok(json.length > 5, 'the access log is JSON lines');
  assert.ok(json.some((e) => JSON.stringify(e).includes('/api/v1/session')), 'logins appear in the JSON log');
  for (const s of secrets) {
    assert.ok(s && s.length >= 10, 'a real secret');
    assert.ok(!logs.includes(s), `the log must not contain ${s.slice(0, 4)}…`);
  }
  assert.ok(!/hearth_session=/i.test(logs), 'no cookie header values in the log');
});

describe('graceful shutdown', () => {
  let a, b, coupleId;
  before(async () => {
    [a, b] = await Promise.all([register(server.url, 'Durable A'), register(server.url, 'Durable B')]);
    ({ couple: { id: coupleId } } = await pair(a, b));
    assert.equal((await a.patch('/api/v1/me', { display_name: 'Before Restart' })).status, 200);
  });

  test('SIGTERM finishes the request in flight and exits 0; data and sessions survive a restart', async () => {
    const late = { email: `late.${hex(4)}@example.org`, password: newPassword(), display_name: 'Late' };
    const inflight = fetch(`${server.url}/api/v1/accounts`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(late),
    }).then((r) => r.status, (e) => e.cause?.code ?? e.message);
    await new Promise((r) => setTimeout(r, 15));
    const code = await server.stop({ keepData: true });
    assert.equal(code, 0, `exit code after SIGTERM:\n${server.logs().slice(-2000)}`);
    const lateStatus = await inflight;
    assert.ok(lateStatus === 201 || lateStatus === 'ECONNREFUSED', `the request in flight was answered (or never reached the server): ${lateStatus}`);

    const old = server;
    server = await startServer({ dataDir: old.dataDir });
    for (const p of [a, b]) p.baseUrl = server.url;
    const me = await a.me();
    assert.equal(me.user.display_name, 'Before Restart');
    assert.equal(me.couple.id, coupleId);
    assert.equal(me.couple.status, 'paired');
    assert.equal((await b.me()).couple.id, coupleId, 'sessions are kept across a restart');
    const relogin = await new Client(server.url).post('/api/v1/session', { email: a.email, password: a.password });
    assert.equal(relogin.status, 200);
    if (lateStatus === 201) {
      const l = await new Client(server.url).post('/api/v1/session', { email: late.email, password: late.password });
      assert.equal(l.status, 200, 'the account answered 201 during shutdown exists');
    }
  });
});
