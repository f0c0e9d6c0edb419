// Access matrix: every endpoint × {the person, their partner, a stranger, nobody}.
// "The person" (P) is paired with "the partner"; "the stranger" is waiting in a couple of their own;
// "nobody" sends no cookie. Every endpoint acts on the caller's own data, so the matrix checks that
// each caller gets exactly their own, that nobody gets 401 (except the public endpoints), and that
// no answer shows what the caller may not see: P's email to anyone else, anything of P or P's couple
// to a stranger or nobody, P's password or session token to anyone.
// The conflict rows share a world of their own in which P has started two conflicts and the
// stranger is *paired* with someone else (so conflict tools are on for them): what they get for
// P's conflicts is 404, the same as for a conflict that does not exist. Those rows run in order and
// take P's first conflict through every stage; pause, resume and close act on the second one.
// The assessment rows share a third world (P paired, the stranger waiting alone) in which P has a
// complete draft of one instrument: P submits it, the others' one-answer drafts are incomplete, no
// round is shared, and nobody but P ever reads P's draft or results.
// The check-in rows share a fourth world (P paired, the stranger waiting alone) in which P has
// checked in today with a private appreciation that only P may ever read; the others check in
// in the first row, and each read shows the caller's own check-ins and only their partner's shared
// measures. "Today" is taken in a zone where it is about noon, far from midnight.
// The "what helps" rows share a fifth world in which P is paired and the stranger has no couple at
// all (so prompts and promises are not-in-couple for them, and their plan is made for one). P has
// free times, a practice logged with a private note (that only P may read), a promise (shared with
// the partner, never in any calendar) and a calendar feed whose secret token opens it to anyone
// holding it; P's couple has been given today's prompt. The rows run in order: skips change the
// prompt the answer row uses, P's new feed replaces the old one, P marks the promise kept first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, registerMany, pair, assertProblem, uniqueEmail, newPassword, sessionCookie, hex } from './client.mjs';
import { operations } from './contract.mjs';
import { answers as checkinAnswers, localDate, noonZone, allCheckins, addDays } from './checkin-kit.mjs';
import { readCalendar, everyDay, slot, bothFree } from './plan-kit.mjs';

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

async function makeConflictWorld() {
  const [person, partner, stranger, strangerPartner] = await registerMany(server.url, ['Person', 'Partner', 'Stranger', 'Stranger partner']);
  const [{ couple }, { couple: strangerCouple }] = await Promise.all([pair(person, partner), pair(stranger, strangerPartner)]);
  const topic = `Matrix topic ${hex(6)}`;
  const first = await person.post('/api/v1/conflicts', { topic });
  const second = await person.post('/api/v1/conflicts', { topic: `Second ${topic}` });
  assert.equal(first.status, 201, first.text);
  assert.equal(second.status, 201, second.text);
  return {
    person, partner, stranger, strangerPartner, nobody: new Client(server.url),
    coupleId: couple.id, strangerCoupleId: strangerCouple.id, personToken: person.session,
    conflictId: first.body.id, secondId: second.body.id, topic,
  };
}

// The assessment rows share a world like the first one (P paired, the stranger waiting alone) in
// which P has a complete, unsubmitted draft of the instrument the rows use.
const INSTRUMENT = 'habits';
async function makeAssessmentWorld() {
  const w = await makeWorld();
  const inst = await w.person.get(`/api/v1/instruments/${INSTRUMENT}`);
  assert.equal(inst.status, 200, inst.text);
  w.items = inst.body.items.map((it) => it.id);
  w.personAnswers = Object.fromEntries(w.items.map((id) => [id, 3]));
  const saved = await w.person.put(`/api/v1/assessments/${INSTRUMENT}/answers`, { answers: w.personAnswers });
  assert.equal(saved.status, 200, saved.text);
  return w;
}
// The check-in rows: P has checked in today (in a zone where it is about noon) with a private line.
async function makeCheckinWorld() {
  const w = await makeWorld();
  w.zone = noonZone();
  w.today = localDate(w.zone);
  w.secret = `Private line ${hex(6)}`;
  const res = await w.person.put(`/api/v1/checkins/${w.today}`, checkinAnswers({ time_zone: w.zone, closeness: 9, appreciation: { text: w.secret, shared: false } }));
  assert.equal(res.status, 201, res.text);
  w.personCheckin = res.body.checkin;
  return w;
}
// The "what helps" rows: P paired, the stranger alone (no couple); see the top of the file.
const FREE = { person: everyDay('18:00', '22:00'), partner: everyDay('19:00', '23:00'), stranger: [slot('sat', '09:00', '12:00')] };
async function makePlanWorld() {
  const [person, partner, stranger] = await registerMany(server.url, ['Person', 'Partner', 'Stranger']);
  const { couple } = await pair(person, partner);
  const w = { person, partner, stranger, nobody: new Client(server.url), coupleId: couple.id, personToken: person.session };
  w.zone = noonZone();
  w.today = localDate(w.zone);
  for (const actor of ['person', 'partner', 'stranger']) {
    const res = await w[actor].put('/api/v1/availability', { time_zone: w.zone, slots: FREE[actor] });
    assert.equal(res.status, 200, res.text);
  }
  w.practiceId = 'speaker_listener';
  w.secret = `Private note ${hex(6)}`;
  const logged = await person.post(`/api/v1/practices/${w.practiceId}/log`, { status: 'done', rating: 4, note: w.secret });
  assert.equal(logged.status, 201, logged.text);
  w.promiseText = `P promises, quietly; ${hex(6)}`;
  const promised = await person.post('/api/v1/promises', { text: w.promiseText, due: addDays(w.today, 1) });
  assert.equal(promised.status, 201, promised.text);
  w.promiseId = promised.body.id;
  const feed = await person.post('/api/v1/calendar', {});
  assert.equal(feed.status, 201, feed.text);
  w.calendarToken = feed.body.token;
  const prompt = await person.get('/api/v1/prompts/today');
  assert.equal(prompt.status, 200, prompt.text);
  w.promptId = prompt.body.prompt.id;
  return w;
}
const feedOf = (w, token = w.calendarToken) => w.nobody.get(`/calendar/${token}.ics`);
const planOf = async (who) => {
  const res = await who.get('/api/v1/plan');
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const promiseUid = (w) => `promise-${w.promiseId}@hearth`;
const exportLog = async (who) => (await who.get('/api/v1/me/export')).body.practice.log;

const CLOSENESS = { person: 10, partner: 4, stranger: 1, nobody: 0 };

const draftOf = async (who) => {
  const res = await who.get(`/api/v1/assessments/${INSTRUMENT}/answers`);
  assert.equal(res.status, 200, res.text);
  return res.body;
};

const ids = (list) => list.conflicts.map((c) => c.id);
const getConflict = async (who, id) => {
  const res = await who.get(`/api/v1/conflicts/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const other = (actor) => (actor === 'person' ? 'partner' : 'person');

/** What the answer to `actor` must not contain. `knows` lists what the caller sent themselves. */
function assertNoLeak(actor, w, res, knows = []) {
  const { person, partner } = w;
  const forbidden = { 'P password': person.password, 'P session token': w.personToken };
  if (actor !== 'person') Object.assign(forbidden, { 'P email': person.email, 'P private appreciation': w.secret });
  if (actor === 'stranger' || actor === 'nobody') {
    Object.assign(forbidden, {
      'P display name': person.displayName, 'P id': person.id, 'partner email': partner.email,
      'partner display name': partner.displayName, 'partner id': partner.id, 'couple id': w.coupleId,
      'conflict id': w.conflictId, 'second conflict id': w.secondId, 'conflict topic': w.topic, 'P promise': w.promiseText,
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
    // The coach reads only the text it is sent: anyone logged in may use it, nobody else.
    endpoint: 'POST /api/v1/coach',
    body: () => ({ text: 'You never listen to me.' }),
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (res.status === 200) assert.ok(res.body.harsh, 'the coach answered about the text sent');
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
  // ---- The conflict workspace (world: 'conflict', see the top of the file) ----
  {
    endpoint: 'GET /api/v1/conflicts',
    world: 'conflict',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      if (actor === 'stranger') assert.deepEqual(res.body.conflicts, [], "the stranger's couple has none");
      else assert.deepEqual(ids(res.body).sort(), [w.secondId, w.conflictId].sort(), "the couple's two conflicts");
    },
  },
  {
    endpoint: 'GET /api/v1/conflicts/patterns',
    world: 'conflict',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      const own = actor === 'stranger' ? [w.stranger, w.strangerPartner] : [w.person, w.partner];
      assert.deepEqual(res.body.partners.map((p) => [p.id, p.is_me]), own.map((p) => [p.id, p === w[actor]]));
      assert.equal(res.body.total, actor === 'stranger' ? 0 : 2);
    },
  },
  {
    endpoint: 'GET /api/v1/conflicts/{id}',
    world: 'conflict',
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-found' },
    async check(actor, w, res) {
      if (res.status !== 200) return;
      assert.equal(res.body.id, w.conflictId);
      assert.equal(res.body.topic, w.topic);
      assert.equal(res.body.started_by, w.person.id);
    },
  },
  {
    endpoint: 'POST /api/v1/conflicts',
    world: 'conflict',
    body: (actor) => ({ topic: `Started by ${actor}` }),
    expect: { person: 201, partner: 201, stranger: 201, nobody: 401 },
    async check(actor, w, res) {
      const [p, s] = await Promise.all([w.person.get('/api/v1/conflicts'), w.stranger.get('/api/v1/conflicts')]);
      if (actor === 'nobody') return;
      assert.equal(res.body.started_by, w[actor].id);
      assert.equal(ids(actor === 'stranger' ? s.body : p.body).includes(res.body.id), true, "in the caller's own couple");
      assert.equal(ids(actor === 'stranger' ? p.body : s.body).includes(res.body.id), false, 'and nowhere else');
    },
  },
  {
    endpoint: 'PUT /api/v1/conflicts/{id}/side',
    world: 'conflict',
    body: (actor) => ({ happened: `${actor} saw it`, felt: `${actor} felt it`, need: `${actor} needs it`, submit: true }),
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-found' },
    async check(actor, w, res) {
      if (actor === 'person') {
        assert.equal(res.body.stage, 'writing');
        const seen = await w.partner.get(`/api/v1/conflicts/${w.conflictId}`);
        assert.ok(!seen.text.includes('person saw it'), "P's side stays hidden until both have shared");
        assert.equal(seen.body.sides.partner, null);
        assert.equal(seen.body.sides.partner_submitted, true);
      } else if (actor === 'partner') {
        assert.equal(res.body.stage, 'understanding');
        assert.equal(res.body.sides.partner.happened, 'person saw it', 'revealed once both have shared');
      } else {
        const c = await getConflict(w.person, w.conflictId);
        assert.deepEqual([c.sides.mine.happened, c.sides.partner.happened], ['person saw it', 'partner saw it'], 'unchanged');
      }
    },
  },
  {
    endpoint: 'PUT /api/v1/conflicts/{id}/restatement',
    world: 'conflict',
    body: (actor) => ({ text: `${actor} restates the ${other(actor)}` }),
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-found' },
    async check(actor, w, res) {
      if (res.status === 200) assert.equal(res.body.restatements.mine.text, `${actor} restates the ${other(actor)}`);
      const c = await getConflict(w.person, w.conflictId);
      assert.equal(c.restatements.mine.text, 'person restates the partner');
      if (actor !== 'person') assert.equal(c.restatements.partner.text, 'partner restates the person');
    },
  },
  {
    endpoint: 'POST /api/v1/conflicts/{id}/restatement/answer',
    world: 'conflict',
    body: () => ({ confirm: true }),
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-found' },
    async check(actor, w, res) {
      if (actor === 'person') assert.equal(res.body.restatements.partner.status, 'confirmed');
      if (actor === 'partner') assert.equal(res.body.stage, 'ideas');
      if (actor === 'stranger') assert.equal((await getConflict(w.person, w.conflictId)).stage, 'ideas');
    },
  },
  {
    endpoint: 'POST /api/v1/conflicts/{id}/ideas',
    world: 'conflict',
    body: (actor) => ({ text: `an idea of the ${actor}` }),
    expect: { person: 201, partner: 201, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-found' },
    async check(actor, w) {
      const c = await getConflict(w.person, w.conflictId);
      assert.deepEqual(c.ideas.map((i) => i.text), actor === 'person' ? ['an idea of the person'] : ['an idea of the person', 'an idea of the partner']);
    },
  },
  {
    endpoint: 'PUT /api/v1/conflicts/{id}/agreement',
    world: 'conflict',
    body: (actor) => ({ steps: [`${actor}'s step`] }),
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-found' },
    async check(actor, w) {
      const { agreement } = await getConflict(w.person, w.conflictId);
      const by = actor === 'person' ? 'person' : 'partner';
      assert.deepEqual(agreement.steps, [`${by}'s step`]);
      assert.deepEqual(agreement.accepted_by, [w[by].id], 'the proposer accepts by proposing');
    },
  },
  {
    endpoint: 'POST /api/v1/conflicts/{id}/agreement/accept',
    world: 'conflict',
    body: () => ({}),
    // The partner proposed last, so P's acceptance completes it; then there is nothing to accept.
    expect: { person: 200, partner: 409, stranger: 404, nobody: 401 },
    slug: { partner: 'wrong-step', stranger: 'not-found' },
    async check(actor, w) {
      const c = await getConflict(w.partner, w.conflictId);
      assert.equal(c.stage, 'agreed');
      assert.deepEqual([...c.agreement.accepted_by].sort(), [w.person.id, w.partner.id].sort());
    },
  },
  {
    endpoint: 'POST /api/v1/conflicts/{id}/pause',
    world: 'conflict',
    conflict: 'secondId',
    body: () => ({ minutes: 30 }),
    expect: { person: 200, partner: 409, stranger: 404, nobody: 401 },
    slug: { partner: 'conflict-paused', stranger: 'not-found' },
    async check(actor, w) {
      const { pause } = await getConflict(w.partner, w.secondId);
      assert.equal(pause.by, w.person.id);
      assert.equal(pause.active, true);
    },
  },
  {
    endpoint: 'POST /api/v1/conflicts/{id}/resume',
    world: 'conflict',
    conflict: 'secondId',
    body: () => ({}),
    // P paused, so P may come back early; after that there is no pause left to end.
    expect: { person: 200, partner: 409, stranger: 404, nobody: 401 },
    slug: { partner: 'wrong-step', stranger: 'not-found' },
    async check(actor, w) {
      assert.equal((await getConflict(w.partner, w.secondId)).pause, null);
    },
  },
  {
    endpoint: 'POST /api/v1/conflicts/{id}/close',
    world: 'conflict',
    conflict: 'secondId',
    body: () => ({}),
    expect: { person: 200, partner: 409, stranger: 404, nobody: 401 },
    slug: { partner: 'wrong-step', stranger: 'not-found' },
    async check(actor, w) {
      const c = await getConflict(w.partner, w.secondId);
      assert.equal(c.stage, 'closed');
      assert.ok(c.ended_at);
    },
  },
  // ---- Assessments (world: 'assessment', see makeAssessmentWorld); every route acts on the caller's own ----
  {
    endpoint: 'GET /api/v1/instruments',
    world: 'assessment',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      const state = res.body.instruments.find((i) => i.id === INSTRUMENT).status.state;
      assert.equal(state, actor === 'person' ? 'in_progress' : 'not_started', "the caller's own status");
    },
  },
  {
    endpoint: 'GET /api/v1/instruments/{id}',
    world: 'assessment',
    instrument: INSTRUMENT,
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      if (actor === 'person') assert.deepEqual(res.body.draft.answers, w.personAnswers);
      else assert.equal(res.body.draft, null, "P's draft is P's alone");
    },
  },
  {
    endpoint: 'GET /api/v1/assessments/{id}/answers',
    world: 'assessment',
    instrument: INSTRUMENT,
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      assert.deepEqual(res.body.answers, actor === 'person' ? w.personAnswers : {});
    },
  },
  {
    endpoint: 'PUT /api/v1/assessments/{id}/answers',
    world: 'assessment',
    instrument: INSTRUMENT,
    body: (actor, w) => ({ answers: { [w.items[0]]: { person: 5, partner: 1, stranger: 2, nobody: 4 }[actor] } }),
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'person') w.personAnswers = { ...w.personAnswers, [w.items[0]]: 5 };
      if (actor === 'partner' || actor === 'stranger') assert.deepEqual(res.body.answers, { [w.items[0]]: actor === 'partner' ? 1 : 2 });
      assert.deepEqual((await draftOf(w.person)).answers, w.personAnswers, "P's draft changes only by P");
    },
  },
  {
    endpoint: 'POST /api/v1/assessments/{id}/submit',
    world: 'assessment',
    instrument: INSTRUMENT,
    body: () => ({}),
    // P's draft is complete; the others have one answer each, which is not enough.
    expect: { person: 201, partner: 422, stranger: 422, nobody: 401 },
    slug: { partner: 'incomplete', stranger: 'incomplete' },
    async check(actor, w, res) {
      if (actor === 'person') {
        assert.equal(res.body.history.length, 1);
        w.personAttempt = res.body.latest;
      }
      const mine = await w.person.get(`/api/v1/assessments/${INSTRUMENT}/results`);
      assert.deepEqual(mine.body.history, [w.personAttempt], "only P's own submit made P's attempt");
    },
  },
  {
    endpoint: 'GET /api/v1/assessments/{id}/results',
    world: 'assessment',
    instrument: INSTRUMENT,
    expect: { person: 200, partner: 404, stranger: 404, nobody: 401 },
    slug: { partner: 'no-results', stranger: 'no-results' },
    async check(actor, w, res) {
      if (actor === 'person') assert.deepEqual(res.body.latest, w.personAttempt);
    },
  },
  {
    endpoint: 'GET /api/v1/couple/report',
    world: 'assessment',
    // Only P has finished: no round is shared. The stranger has no partner.
    expect: { person: 409, partner: 409, stranger: 409, nobody: 401 },
    slug: { person: 'report-not-ready', partner: 'report-not-ready', stranger: 'no-partner' },
  },
  {
    endpoint: 'GET /api/v1/causes',
    world: 'assessment',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      for (const c of res.body.causes) for (const e of c.evidence) assert.notEqual(e.whose, 'partner', 'no round is shared');
      assert.deepEqual(res.body.based_on.map((b) => b.instrument), actor === 'person' ? [INSTRUMENT] : []);
    },
  },
  // ---- Check-ins, insights, the cycle and the journey (world: 'checkin', see makeCheckinWorld) ----
  {
    endpoint: 'PUT /api/v1/checkins/{date}',
    world: 'checkin',
    body: (actor, w) => checkinAnswers({
      time_zone: w.zone, closeness: CLOSENESS[actor], ...(actor === 'person' ? { appreciation: { text: w.secret, shared: false } } : {}),
    }),
    // P changes today's check-in (keeping the private line); the others make their first.
    expect: { person: 200, partner: 201, stranger: 201, nobody: 401 },
    async check(actor, w, res) {
      if (res.status < 300) {
        assert.equal(res.body.checkin.closeness, CLOSENESS[actor]);
        assert.equal(res.body.rhythm.total, 1, "the caller's own count");
      }
      if (actor === 'person') w.personCheckin = res.body.checkin;
      assert.deepEqual(await allCheckins(w.person), [w.personCheckin], "P's check-in changes only by P");
    },
  },
  {
    endpoint: 'GET /api/v1/checkins',
    world: 'checkin',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      assert.deepEqual(res.body.checkins.map((c) => [c.date, c.closeness]), [[w.today, CLOSENESS[actor]]], 'only my own');
    },
  },
  {
    endpoint: 'GET /api/v1/insights',
    world: 'checkin',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      const partner = { person: w.partner, partner: w.person, stranger: null }[actor];
      assert.deepEqual(res.body.partner, partner && { id: partner.id, display_name: partner.displayName });
      const day = res.body.series.find((d) => d.date === w.today);
      assert.equal(day.me.closeness, CLOSENESS[actor]);
      assert.equal(day.partner?.closeness ?? null, partner ? CLOSENESS[actor === 'person' ? 'partner' : 'person'] : null);
      if (day.partner) assert.ok(!('mood' in day.partner || 'stress' in day.partner || 'self_care' in day.partner), 'shared measures only');
      assert.deepEqual(res.body.appreciations.map((a) => a.text), actor === 'person' ? [w.secret] : []);
    },
  },
  {
    endpoint: 'GET /api/v1/insights/cycle',
    world: 'checkin',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      const day = res.body.series.find((d) => d.date === w.today);
      const want = actor === 'stranger' ? CLOSENESS.stranger : (CLOSENESS.person + CLOSENESS.partner) / 2;
      assert.equal(day?.closeness, want, "the caller's own couple");
    },
  },
  {
    endpoint: 'GET /api/v1/journey',
    world: 'checkin',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      const milestones = res.body.events.filter((e) => e.kind === 'checkin_milestone').map((e) => e.who).sort();
      assert.deepEqual(milestones, actor === 'stranger' ? ['me'] : ['me', 'partner']);
    },
  },
  // ---- What helps (world: 'plan', see makePlanWorld); the stranger has no couple ----
  {
    endpoint: 'GET /api/v1/practices',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor !== 'nobody') assert.equal(res.body.practices.length, 77, 'the whole library, the same for everyone');
    },
  },
  {
    endpoint: 'GET /api/v1/practices/{id}',
    world: 'plan',
    path: (w) => `/api/v1/practices/${w.practiceId}`,
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor !== 'nobody') assert.equal(res.body.id, w.practiceId);
    },
  },
  {
    endpoint: 'GET /api/v1/practices/{id}/log',
    world: 'plan',
    path: (w) => `/api/v1/practices/${w.practiceId}/log`,
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      const { entries } = res.body;
      for (const e of entries) if (!e.by_me) assert.equal(e.note, null, "a partner's note is never shown");
      assert.equal(res.text.includes(w.secret), actor === 'person', "P's note reaches P only");
      if (actor === 'person') assert.ok(entries.some((e) => e.by_me && e.note === w.secret && e.rating === 4));
      if (actor === 'partner') assert.ok(entries.some((e) => !e.by_me && e.rating === 4 && e.status === 'done'), "P's entry, without its note");
      if (actor === 'stranger') assert.ok(entries.every((e) => e.by_me), 'nothing of anyone else');
    },
  },
  {
    endpoint: 'POST /api/v1/practices/{id}/log',
    world: 'plan',
    path: (w) => `/api/v1/practices/${w.practiceId}/log`,
    body: (actor) => ({ status: 'done', rating: 3, note: `${actor}'s note` }),
    expect: { person: 201, partner: 201, stranger: 201, nobody: 401 },
    async check(actor, w) {
      if (actor !== 'nobody') assert.ok((await exportLog(w[actor])).some((l) => l.note === `${actor}'s note`), "in the caller's own log");
      const notes = (await exportLog(w.person)).map((l) => l.note);
      assert.ok(notes.includes(w.secret) && notes.every((n) => n === w.secret || n === "person's note"), `P's log holds P's entries only: ${notes}`);
    },
  },
  {
    endpoint: 'GET /api/v1/availability',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      assert.deepEqual(res.body.slots, FREE[actor], 'my own free times');
      const shared = actor === 'stranger' ? bothFree([FREE.stranger]) : bothFree([FREE.person, FREE.partner]);
      assert.deepEqual(res.body.shared_free_time, shared);
    },
  },
  {
    endpoint: 'PUT /api/v1/availability',
    world: 'plan',
    body: (actor, w) => ({ time_zone: w.zone, slots: FREE[actor] ?? [slot('sun', '10:00', '11:00')], preferences: { likes: ['walk_and_talk'] } }),
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor !== 'nobody') assert.deepEqual(res.body.slots, FREE[actor]);
      const p = (await w.person.get('/api/v1/availability')).body;
      assert.deepEqual(p.slots, FREE.person, "P's free times change only by P");
      assert.deepEqual(p.preferences.likes, ['walk_and_talk'], "P's preferences as P saved them");
      assert.deepEqual(p.shared_free_time, bothFree([FREE.person, FREE.partner]));
    },
  },
  {
    endpoint: 'GET /api/v1/plan',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'person') w.planIds = res.body.sessions.map((s) => s.id);
      if (actor === 'partner') assert.deepEqual(res.body.sessions.map((s) => s.id), w.planIds, "the couple's plan");
      if (actor === 'stranger') assert.equal(res.body.sessions.filter((s) => w.planIds.includes(s.id)).length, 0, "never P's couple's sessions");
    },
  },
  {
    endpoint: 'POST /api/v1/plan/regenerate',
    world: 'plan',
    body: (actor) => ({ intensity: { person: 'deep', partner: 'light', stranger: 'deep', nobody: 'regular' }[actor] }),
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor !== 'nobody') assert.equal(res.body.intensity, { person: 'deep', partner: 'light', stranger: 'deep' }[actor]);
      const plan = await planOf(w.person);
      assert.equal(plan.intensity, actor === 'person' ? 'deep' : 'light', "P's couple's plan changes only by P or the partner");
    },
  },
  {
    endpoint: 'GET /api/v1/plan.ics',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      assert.equal(res.contentType, 'text/calendar');
      assert.ok(!res.text.includes('quietly'), 'never the words of a promise');
      const uids = readCalendar(res.text).events.map((e) => e.uid);
      assert.equal(uids.includes(promiseUid(w)), actor === 'person', "P's promise is in P's calendar only");
      const plan = await planOf(w.person);
      const sessionUids = plan.sessions.map((s) => `${s.id}@hearth`);
      if (actor === 'stranger') assert.ok(!uids.some((u) => sessionUids.includes(u)), "never P's sessions");
      else assert.deepEqual(uids.filter((u) => u !== promiseUid(w)).sort(), sessionUids.sort(), "the couple's sessions");
    },
  },
  {
    // The feed is public: its token is the secret, whoever holds it. It is P's token here.
    endpoint: 'GET /calendar/{token}.ics',
    world: 'plan',
    path: (w) => `/calendar/${w.calendarToken}.ics`,
    expect: { person: 200, partner: 200, stranger: 200, nobody: 200 },
    async check(actor, w, res) {
      assert.equal(res.contentType, 'text/calendar');
      assert.ok(!res.text.includes('quietly'), 'never the words of a promise');
      const uids = readCalendar(res.text).events.map((e) => e.uid);
      assert.ok(uids.includes(promiseUid(w)), "P's feed, whoever fetches it");
      w.feedUids ??= uids;
      assert.deepEqual(uids, w.feedUids, 'the same for everyone');
    },
  },
  {
    endpoint: 'GET /api/v1/calendar',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 200, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'nobody') return;
      assert.equal(res.body.active, actor === 'person', "the caller's own feed");
      assert.ok(!res.text.includes(w.calendarToken), 'never the token');
    },
  },
  {
    endpoint: 'POST /api/v1/calendar',
    world: 'plan',
    body: () => ({}),
    expect: { person: 201, partner: 201, stranger: 201, nobody: 401 },
    async check(actor, w, res) {
      if (actor === 'person') {
        assert.equal((await feedOf(w)).status, 404, "P's old address stops working");
        w.calendarToken = res.body.token;
      }
      if (actor !== 'nobody') {
        const own = await feedOf(w, res.body.token);
        assert.equal(own.status, 200);
        assert.equal(readCalendar(own.text).events.some((e) => e.uid === promiseUid(w)), actor === 'person', "the caller's own feed");
      }
      assert.equal((await feedOf(w)).status, 200, "P's current feed still works");
    },
  },
  {
    endpoint: 'DELETE /api/v1/calendar',
    world: 'plan',
    order: ['nobody', 'stranger', 'partner', 'person'],
    expect: { person: 204, partner: 204, stranger: 204, nobody: 401 },
    async check(actor, w) {
      assert.equal((await feedOf(w)).status, actor === 'person' ? 404 : 200, "P's feed is turned off only by P");
      if (actor !== 'nobody') assert.equal((await w[actor].get('/api/v1/calendar')).body.active, false);
    },
  },
  {
    endpoint: 'GET /api/v1/prompts/today',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-in-couple' },
    async check(actor, w, res) {
      if (res.status === 200) assert.equal(res.body.prompt.id, w.promptId, "the couple's prompt of the day");
    },
  },
  {
    endpoint: 'POST /api/v1/prompts/today/skip',
    world: 'plan',
    body: () => ({}),
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-in-couple' },
    async check(actor, w, res) {
      if (res.status === 200) {
        assert.notEqual(res.body.prompt.id, w.promptId, 'another prompt');
        w.promptId = res.body.prompt.id;
      }
      const seen = await w.partner.get('/api/v1/prompts/today');
      assert.equal(seen.body.prompt.id, w.promptId, "only P's couple changes P's couple's prompt");
    },
  },
  {
    endpoint: 'PUT /api/v1/prompts/{id}/answer',
    world: 'plan',
    path: (w) => `/api/v1/prompts/${w.promptId}/answer`,
    body: (actor) => ({ text: `${actor}'s answer` }),
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-in-couple' },
    async check(actor, w, res) {
      if (actor === 'person') {
        assert.equal(res.body.partner, null);
        const seen = await w.partner.get('/api/v1/prompts/today');
        assert.ok(!seen.text.includes("person's answer"), 'hidden until both have answered');
        assert.equal(seen.body.partner_answered, true);
      }
      if (actor === 'partner') assert.equal(res.body.partner.text, "person's answer", 'revealed once both have answered');
      const mine = await w.person.get('/api/v1/prompts/today');
      assert.equal(mine.body.mine.text, "person's answer", "P's answer changes only by P");
    },
  },
  {
    endpoint: 'GET /api/v1/prompts',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-in-couple' },
    async check(actor, w, res) {
      if (res.status !== 200) return;
      const [top] = res.body.prompts;
      assert.equal(top.prompt.id, w.promptId);
      assert.deepEqual([top.mine.text, top.partner.text], actor === 'person' ? ["person's answer", "partner's answer"] : ["partner's answer", "person's answer"]);
    },
  },
  {
    endpoint: 'POST /api/v1/prompts',
    world: 'plan',
    body: (actor) => ({ text: `${actor}'s own question?`, depth: 'light', theme: 'everyday' }),
    expect: { person: 201, partner: 201, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-in-couple' },
    async check(actor, w, res) {
      if (res.status === 201) assert.equal(res.body.text, `${actor}'s own question?`);
    },
  },
  {
    endpoint: 'GET /api/v1/promises',
    world: 'plan',
    expect: { person: 200, partner: 200, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-in-couple' },
    async check(actor, w, res) {
      if (res.status !== 200) return;
      const p = res.body.promises.find((x) => x.id === w.promiseId);
      assert.equal(p.text, w.promiseText, 'shared with the partner');
      assert.equal(p.is_mine, actor === 'person');
    },
  },
  {
    endpoint: 'POST /api/v1/promises',
    world: 'plan',
    body: (actor, w) => ({ text: `${actor} will call`, due: addDays(w.today, 2) }),
    expect: { person: 201, partner: 201, stranger: 404, nobody: 401 },
    slug: { stranger: 'not-in-couple' },
    async check(actor, w, res) {
      if (res.status === 201) assert.equal(res.body.by, w[actor].id);
      const list = (await w.person.get('/api/v1/promises')).body.promises.map((p) => p.text);
      assert.equal(list.includes(`${actor} will call`), actor === 'person' || actor === 'partner', "in the caller's own couple only");
    },
  },
  {
    endpoint: 'PUT /api/v1/promises/{id}',
    world: 'plan',
    path: (w) => `/api/v1/promises/${w.promiseId}`,
    body: () => ({ status: 'kept' }),
    // P marks P's promise kept; after that it is marked for good.
    expect: { person: 200, partner: 409, stranger: 404, nobody: 401 },
    slug: { partner: 'already-resolved', stranger: 'not-in-couple' },
    async check(actor, w) {
      const p = (await w.partner.get('/api/v1/promises')).body.promises.find((x) => x.id === w.promiseId);
      assert.equal(p.status, 'kept');
    },
  },
];

test('the matrix covers every operation of the API document', () => {
  const covered = rows.map((r) => r.endpoint).sort();
  const all = operations().map((o) => `${o.method} ${o.path}`).sort();
  assert.deepEqual(covered, all);
});

let shared;
let conflictWorld;
let assessmentWorld;
let checkinWorld;
let planWorld;
for (const row of rows) {
  const [method, template] = row.endpoint.split(' ');
  describe(row.endpoint, () => {
    let w;
    let path;
    before(async () => {
      if (row.fresh) w = await makeWorld();
      else if (row.world === 'conflict') w = (conflictWorld ??= await makeConflictWorld());
      else if (row.world === 'assessment') w = (assessmentWorld ??= await makeAssessmentWorld());
      else if (row.world === 'checkin') w = (checkinWorld ??= await makeCheckinWorld());
      else if (row.world === 'plan') w = (planWorld ??= await makePlanWorld());
      else w = (shared ??= await makeWorld());
      path = row.path ? row.path(w) : template.replace('{id}', row.instrument ?? w[row.conflict ?? 'conflictId']).replace('{date}', w.today);
    });
    const order = row.order ?? (row.fresh ? [...ACTORS].reverse() : ACTORS);
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
