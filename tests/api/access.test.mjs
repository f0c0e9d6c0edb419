// Access matrix: every endpoint × {the person, their partner, a stranger, nobody}.
// "The person" (P) is paired with "the partner"; "the stranger" is waiting in a couple of their own;
// "nobody" sends no cookie. Every endpoint acts on the caller's own data, so the matrix checks that
// each caller gets exactly their own, that nobody gets 401 (except the public endpoints), and that
// no answer shows what the caller may not see: P's email to anyone else, anything of P or P's couple
// to a stranger or nobody, P's password or session token to anyone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, registerMany, pair, assertProblem, uniqueEmail, newPassword, sessionCookie } from './client.mjs';
import { operations } from './contract.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const ACTORS = ['person', 'partner', 'stranger', 'nobody'];

async function makeWorld() {
  const [person, partner, stranger] = await registerMany(server.url, ['Person', 'Partner', 'Stranger']);
  const { couple } = await pair(person, partner);
  const inv = await stranger.post('/api/v1/couple', {});
  assert.equal(inv.status, 201);
  return {
    person, partner, stranger, nobody: new Client(server.url),
    coupleId: couple.id, strangerCoupleId: inv.body.couple.id, strangerCode: inv.body.code,
    personToken: person.session,
  };
}

/** What the answer to `actor` must not contain. `knows` lists what the caller sent themselves. */
function assertNoLeak(actor, w, res, knows = []) {
  const { person, partner } = w;
  const forbidden = { 'P password': person.password, 'P session token': w.personToken };
  if (actor !== 'person') forbidden['P email'] = person.email;
  if (actor === 'stranger' || actor === 'nobody') {
    Object.assign(forbidden, {
      'P display name': person.displayName, 'P id': person.id, 'partner email': partner.email,
      'partner display name': partner.displayName, 'partner id': partner.id, 'couple id': w.coupleId,
    });
  }
  for (const [what, value] of Object.entries(forbidden)) {
    if (!value || knows.includes(what)) continue;
    if (what.endsWith(' id') && value.length < 8) continue; // short ids could match by chance
    assert.ok(!res.text.includes(value), `${actor} ${res.method} ${res.path} → ${res.status} shows ${what}: ${res.text.slice(0, 300)}`);
  }
}

// Expected status per actor, plus checks that the effect (if any) stayed with the caller.
// `fresh` rows change state for good and get a world of their own, visited nobody → person.
const rows = [
  {
    endpoint: 'GET /api/v1/me',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      assert.equal(res.body.user.id, w[actor].id);
      assert.equal(res.body.user.email, w[actor].email);
      const ownCouple = actor === 'stranger' ? w.strangerCoupleId : w.coupleId;
      assert.equal(res.body.couple.id, ownCouple);
    },
  },
  {
    endpoint: 'GET /api/v1/couple',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      if (actor === 'stranger') {
        assert.equal(res.body.id, w.strangerCoupleId);
        assert.deepEqual(res.body.partners.map((p) => p.id), [w.stranger.id]);
      } else {
        assert.equal(res.body.id, w.coupleId);
        assert.deepEqual(res.body.partners.map((p) => [p.id, p.is_me]), [[w.person.id, actor === 'person'], [w.partner.id, actor === 'partner']]);
      }
    },
  },
  {
    endpoint: 'GET /api/v1/me/export',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      assert.equal(res.body.user.id, w[actor].id, 'an export is always of the caller');
      if (actor !== 'person') assert.ok(!res.text.includes(w.person.email));
    },
  },
  {
    endpoint: 'PATCH /api/v1/me',
    body: (actor) => ({ display_name: `Renamed ${actor}` }),
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (res.status === 200) {
        assert.equal(res.body.user.id, w[actor].id);
        w[actor].displayName = `Renamed ${actor}`;
      }
      if (actor !== 'person') assert.equal((await w.person.me()).user.display_name, w.person.displayName, "P's name is unchanged");
    },
  },
  {
    endpoint: 'POST /api/v1/couple',
    body: () => ({}),
    expect: { person: 409, partner: 409, stranger: 201, nobody: 401 },
    slug: { person: 'already-paired', partner: 'already-paired' },
    async check(actor, w, res) {
      if (actor === 'stranger') {
        assert.equal(res.body.couple.id, w.strangerCoupleId);
        w.strangerCode = res.body.code;
      }
      const c = await w.person.get('/api/v1/couple');
      assert.equal(c.body.status, 'paired');
      assert.equal(c.body.id, w.coupleId);
    },
  },
  {
    endpoint: 'POST /api/v1/couple/join',
    body: (actor, w) => ({ code: w.strangerCode }),
    expect: { person: 409, partner: 409, stranger: 409, nobody: 401 },
    slug: { person: 'already-paired', partner: 'already-paired', stranger: 'own-invite' },
    async check(actor, w) {
      const [p, s] = await Promise.all([w.person.get('/api/v1/couple'), w.stranger.get('/api/v1/couple')]);
      assert.equal(p.body.id, w.coupleId);
      assert.equal(p.body.partners.length, 2);
      assert.deepEqual(s.body.partners.map((x) => x.id), [w.stranger.id]);
    },
  },
  {
    endpoint: 'POST /api/v1/session',
    // P and the partner log in as themselves; the stranger and nobody try P's email with a wrong password.
    body: (actor, w) => (actor === 'person' || actor === 'partner'
      ? { email: w[actor].email, password: w[actor].password }
      : { email: w.person.email, password: `${w.person.password}-guess` }),
    expect: { person: 200, partner: 200, stranger: 401, nobody: 401 },
    slug: { stranger: 'wrong-credentials', nobody: 'wrong-credentials' },
    knows: ['P email'],
    async check(actor, w, res) {
      if (res.status === 200) {
        assert.equal(res.body.user.id, w[actor].id);
        if (actor === 'person') w.personToken = w.person.session;
      } else {
        const c = sessionCookie(res);
        assert.ok(!c || c.value === '', 'no session for a failed login');
      }
      if (actor === 'stranger') assert.equal((await w.stranger.me()).user.id, w.stranger.id, 'the stranger is still themselves');
    },
  },
  {
    endpoint: 'POST /api/v1/accounts',
    // Logged-in callers try to register P's email again; nobody registers someone new.
    body: (actor, w) => (actor === 'nobody'
      ? { email: uniqueEmail('newcomer'), password: newPassword(), display_name: 'Newcomer' }
      : { email: w.person.email, password: newPassword(), display_name: 'Impostor' }),
    expect: { person: 409, partner: 409, stranger: 409, nobody: 201 },
    slug: { person: 'email-taken', partner: 'email-taken', stranger: 'email-taken' },
    knows: ['P email'],
    async check(actor, w) {
      assert.equal((await w.person.me()).user.display_name, w.person.displayName);
    },
  },
  { endpoint: 'GET /api/v1/openapi.json', expect: { person: 200, partner: 200, stranger: 200, nobody: 200 } },
  { endpoint: 'GET /healthz', expect: { person: 200, partner: 200, stranger: 200, nobody: 200 } },
  { endpoint: 'GET /metrics', expect: { person: 200, partner: 200, stranger: 200, nobody: 200 } },
  {
    endpoint: 'DELETE /api/v1/session',
    fresh: true,
    expect: { person: 204, partner: 204, stranger: 204, nobody: 401 },
    async check(actor, w) {
      const me = await w.person.get('/api/v1/me');
      assert.equal(me.status, actor === 'person' ? 401 : 200, "only the caller's own session ends");
    },
  },
  {
    endpoint: 'PUT /api/v1/me/password',
    fresh: true,
    // nobody even sends P's real password: without a session it must not matter.
    body: (actor, w) => ({ current_password: (actor === 'nobody' ? w.person : w[actor]).password, new_password: newPassword() }),
    expect: { person: 204, partner: 204, stranger: 204, nobody: 401 },
    async check(actor, w) {
      assert.equal((await w.person.get('/api/v1/me')).status, 200, "P's session survives (it made the change, or it was not P's password)");
    },
  },
  {
    endpoint: 'DELETE /api/v1/couple/membership',
    fresh: true,
    expect: { person: 204, partner: 204, stranger: 204, nobody: 401 },
    async check(actor, w) {
      const c = await w.person.get('/api/v1/couple');
      if (actor === 'nobody' || actor === 'stranger') {
        assert.equal(c.body.status, 'paired', 'P is still paired');
      } else if (actor === 'partner') {
        assert.equal(c.body.status, 'waiting');
        assert.deepEqual(c.body.partners.map((p) => p.id), [w.person.id]);
      } else {
        assertProblem(c, 404, 'not-in-couple');
      }
    },
  },
  {
    endpoint: 'DELETE /api/v1/me',
    fresh: true,
    body: (actor, w) => ({ password: (actor === 'nobody' ? w.person : w[actor]).password }),
    expect: { person: 204, partner: 204, stranger: 204, nobody: 401 },
    async check(actor, w) {
      const me = await w.person.get('/api/v1/me');
      if (actor === 'person') {
        assert.equal(me.status, 401);
      } else {
        assert.equal(me.status, 200, 'P still exists');
        assert.equal(me.body.couple.status, actor === 'partner' ? 'waiting' : 'paired');
      }
    },
  },
];

test('the matrix covers every operation of the API document', () => {
  const covered = rows.map((r) => r.endpoint).sort();
  const all = operations().map((o) => `${o.method} ${o.path}`).sort();
  assert.deepEqual(covered, all);
});

let shared;
for (const row of rows) {
  const [method, path] = row.endpoint.split(' ');
  describe(row.endpoint, () => {
    let w;
    before(async () => { w = row.fresh ? await makeWorld() : (shared ??= await makeWorld()); });
    const order = row.fresh ? [...ACTORS].reverse() : ACTORS;
    for (const actor of order) {
      const status = row.expect[actor];
      test(`${actor} → ${status}`, async () => {
        const caller = w[actor];
        const json = row.body?.(actor, w);
        const res = await caller.request(method, path, json === undefined ? {} : { json });
        if (status >= 400) {
          const slug = row.slug?.[actor] ?? (status === 401 ? 'not-authenticated' : undefined);
          assertProblem(res, status, slug);
        } else {
          assert.equal(res.status, status, `${actor} ${row.endpoint}: ${res.text.slice(0, 300)}`);
        }
        assertNoLeak(actor, w, res, row.knows);
        await row.check?.(actor, w, res);
      });
    }
  });
}
