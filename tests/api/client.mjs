// A small HTTP client for the API tests: one cookie jar per person, JSON helpers, and every response
// to an operation of api/openapi.json checked against the document (see contract.mjs).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { checkResponse, mediaType } from './contract.mjs';

let counter = 0;
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;

export const hex = (bytes = 4) => randomBytes(bytes).toString('hex');
export function uniqueEmail(name = 'user') {
  return `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.${runId}.${++counter}.${hex(3)}@example.org`;
}
export const newPassword = () => `pw-${hex(8)}-secret`;

/** Parses one Set-Cookie header: { name, value, attrs } with attribute names in lower case. */
export function parseSetCookie(header) {
  const [pair, ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attrs = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    const k = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
    attrs[k] = i < 0 ? true : part.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs };
}

/** The hearth_session cookie a response sets (parsed), or undefined. */
export function sessionCookie(res) {
  return res.setCookies.map(parseSetCookie).find((c) => c.name === 'hearth_session');
}

function clears(c) {
  if (c.value === '') return true;
  if (c.attrs['max-age'] !== undefined && Number(c.attrs['max-age']) <= 0) return true;
  if (typeof c.attrs.expires === 'string' && Date.parse(c.attrs.expires) <= Date.now()) return true;
  return false;
}

export class Client {
  constructor(baseUrl, { validate = true } = {}) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
    this.validate = validate;
  }

  get session() {
    return this.cookies.get('hearth_session');
  }

  /** A second client sharing nothing with this one but the server (an empty jar). */
  fresh() {
    return new Client(this.baseUrl, { validate: this.validate });
  }

  /**
   * Sends a request. `json` is serialised with Content-Type application/json; `body` is sent as is
   * (a string gets text/plain from fetch; a Uint8Array gets no Content-Type at all).
   * Resolves with { method, path, status, headers, setCookies, text, body, contentType }.
   */
  async request(method, path, { json, body, headers = {}, cookies = true, validate = this.validate } = {}) {
    const h = {};
    for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
    let payload = body;
    if (json !== undefined) {
      payload = JSON.stringify(json);
      if (!('content-type' in h)) h['content-type'] = 'application/json';
    }
    if (cookies && this.cookies.size && !('cookie' in h)) {
      h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const r = await fetch(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await r.text();
    const setCookies = r.headers.getSetCookie();
    if (cookies) {
      for (const c of setCookies.map(parseSetCookie)) {
        if (clears(c)) this.cookies.delete(c.name);
        else this.cookies.set(c.name, c.value);
      }
    }
    const contentType = mediaType(r.headers.get('content-type'));
    let parsed;
    if (contentType === 'application/json' || contentType.endsWith('+json')) {
      try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    }
    const res = { method, path, status: r.status, headers: r.headers, setCookies, text, body: parsed, contentType };
    if (validate) {
      const { errors } = checkResponse(res);
      if (errors.length) throw new assert.AssertionError({ message: `response does not match api/openapi.json:\n${errors.join('\n')}` });
    }
    return res;
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, json, opts = {}) { return this.request('POST', path, { json, ...opts }); }
  put(path, json, opts = {}) { return this.request('PUT', path, { json, ...opts }); }
  patch(path, json, opts = {}) { return this.request('PATCH', path, { json, ...opts }); }
  delete(path, json, opts = {}) { return this.request('DELETE', path, { json, ...opts }); }

  /** GET /api/v1/me, asserting 200; resolves with { user, couple }. */
  async me() {
    const res = await this.get('/api/v1/me');
    assert.equal(res.status, 200, `GET /api/v1/me: ${res.status} ${res.text}`);
    return res.body;
  }
}

/** A person with an account: a Client plus their email, password and display name. */
export class Person extends Client {
  constructor(baseUrl, { email, password, displayName, user }) {
    super(baseUrl);
    this.email = email;
    this.password = password;
    this.displayName = displayName;
    this.user = user;
  }

  get id() { return this.user?.id; }

  /** Logs in again with a separate jar: another device of the same person. */
  async anotherDevice() {
    const d = new Person(this.baseUrl, this);
    const res = await d.post('/api/v1/session', { email: this.email, password: this.password });
    assert.equal(res.status, 200, `login: ${res.status} ${res.text}`);
    return d;
  }
}

/** Registers a new person with a unique email; asserts 201 and a session cookie. */
export async function register(baseUrl, name = 'user', { email, password, displayName } = {}) {
  const p = new Person(baseUrl, {
    email: email ?? uniqueEmail(name),
    password: password ?? newPassword(),
    displayName: displayName ?? `${name} ${hex(4)}`,
  });
  const res = await p.post('/api/v1/accounts', { email: p.email, password: p.password, display_name: p.displayName });
  assert.equal(res.status, 201, `register ${p.email}: ${res.status} ${res.text}`);
  assert.ok(p.session, 'registration set a session cookie');
  p.user = res.body.user;
  return p;
}

/** Registers several people concurrently. */
export function registerMany(baseUrl, names) {
  return Promise.all(names.map((n) => register(baseUrl, n)));
}

/** `inviter` opens an invite and `joiner` joins with it; resolves with the join response body. */
export async function pair(inviter, joiner, transform = (code) => code) {
  const inv = await inviter.post('/api/v1/couple', {});
  assert.equal(inv.status, 201, `create invite: ${inv.status} ${inv.text}`);
  const joined = await joiner.post('/api/v1/couple/join', { code: transform(inv.body.code) });
  assert.equal(joined.status, 200, `join: ${joined.status} ${joined.text}`);
  return { code: inv.body.code, couple: joined.body.couple };
}

/** Asserts an RFC 9457 problem response with the contract's fields. */
export function assertProblem(res, status, slug, field) {
  const what = `${res.method} ${res.path}`;
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.text}`);
  assert.equal(res.contentType, 'application/problem+json', `${what}: content type ${res.contentType}`);
  assert.ok(res.body && typeof res.body === 'object', `${what}: problem body is JSON: ${res.text}`);
  assert.match(res.body.type, /^\/problems\/[a-z0-9-]+$/, `${what}: type`);
  if (slug) assert.equal(res.body.type, `/problems/${slug}`, `${what}: problem type`);
  assert.equal(typeof res.body.title, 'string');
  assert.ok(res.body.title.length > 0, `${what}: title is empty`);
  assert.equal(res.body.status, status, `${what}: status member`);
  assert.equal(typeof res.body.detail, 'string');
  assert.ok(res.body.detail.length > 0, `${what}: detail is empty`);
  if (field !== undefined) assert.equal(res.body.field, field, `${what}: field`);
}

/**
 * A request through node:http, for what fetch cannot do (a given Agent, to see which connection
 * carried it). Resolves with
 * { status, headers (plain object), text, body, socket }.
 */
export function rawRequest(baseUrl, { method = 'GET', path = '/', headers = {}, body, agent = false } = {}) {
  const u = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers, agent }, (res) => {
      answered = true;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = undefined; }
        resolve({
          method, path, status: res.statusCode, headers: res.headers, text, body: parsed,
          contentType: mediaType(res.headers['content-type']), socket: res.socket, reusedSocket: req.reusedSocket,
        });
      });
    });
    // A write error after the answer is harmless; one before it is a failure.
    req.on('error', (err) => { if (!answered) reject(err); });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/**
 * Sends a request over a plain TCP socket (Connection: close) with a given Content-Length, which may
 * be larger than the body actually sent (e.g. headers only, to see the server answer from the
 * headers). Resolves with { status, headers, text, body, contentType } of whatever answer arrives
 * before the server closes.
 */
export function socketRequest(baseUrl, { method = 'POST', path = '/', headers = {}, body = '', contentLength } = {}) {
  const u = new URL(baseUrl);
  const payload = Buffer.from(body);
  const head = [`${method} ${path} HTTP/1.1`, `Host: ${u.host}`, 'Connection: close', `Content-Length: ${contentLength ?? payload.length}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  return new Promise((resolve, reject) => {
    const chunks = [];
    let error = null;
    const sock = net.connect(Number(u.port), u.hostname);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', (e) => { error = e; });
    sock.setTimeout(10000, () => sock.destroy(new Error('no answer within 10 s')));
    sock.on('close', () => {
      const raw = Buffer.concat(chunks);
      const sep = raw.indexOf('\r\n\r\n');
      if (sep < 0) return reject(new Error(`no HTTP answer (${error?.message ?? 'closed'}), ${raw.length} bytes received`));
      const lines = raw.subarray(0, sep).toString('latin1').split('\r\n');
      const hdrs = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        hdrs[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      let rest = raw.subarray(sep + 4);
      if (hdrs['content-length'] !== undefined) rest = rest.subarray(0, Number(hdrs['content-length']));
      const text = rest.toString('utf8');
      let parsed;
      try { parsed = JSON.parse(text); } catch { parsed = undefined; }
      resolve({ method, path, status: Number(lines[0].split(' ')[1]), headers: hdrs, text, body: parsed, contentType: mediaType(hdrs['content-type']) });
    });
    sock.write(Buffer.concat([Buffer.from(head), payload]));
  });
}
