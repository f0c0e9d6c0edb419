// api/openapi.json: a valid OpenAPI 3.1 document, consistent with docs/API.md, served as is by the
// server, and describing what the server really answers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer, repoRoot } from '../support/server.mjs';
import { spec, specPath, specText, operations, deref, checkResponse } from './contract.mjs';
import { Client, register } from './client.mjs';
import { addDays } from './checkin-kit.mjs';

const rhythmToday = (res) => res.body.rhythm.today;

describe('the document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const res = await validator.validate(specPath);
    assert.equal(res.valid, true, JSON.stringify(res.errors, null, 2));
    assert.equal(validator.version, '3.1');
    assert.equal(spec.openapi, '3.1.0');
  });

  test('has exactly the endpoints of docs/API.md', () => {
    const md = readFileSync(join(repoRoot, 'docs', 'API.md'), 'utf8');
    const documented = [...md.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)`/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.ok(documented.length >= 15, `found ${documented.length} endpoints in docs/API.md`);
    const described = operations().map((o) => `${o.method} ${o.path}`);
    assert.deepEqual([...described].sort(), [...documented].sort());
  });

  test('every operation has an operationId, a summary and a description', () => {
    const ids = new Set();
    for (const { method, path, op } of operations()) {
      const where = `${method} ${path}`;
      assert.match(op.operationId ?? '', /^[a-z][A-Za-z0-9]+$/, `${where}: operationId`);
      assert.ok(!ids.has(op.operationId), `${where}: duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      assert.ok(op.summary?.length > 3, `${where}: summary`);
      assert.ok(op.description?.length > 20, `${where}: description`);
      assert.ok(Object.keys(op.responses ?? {}).some((s) => /^2/.test(s)), `${where}: a success response`);
    }
  });

  test('request bodies are strict JSON objects', () => {
    let bodies = 0;
    for (const { method, path, op } of operations()) {
      if (!op.requestBody) continue;
      bodies++;
      const body = deref(op.requestBody);
      const schema = deref(body.content?.['application/json']?.schema);
      assert.ok(schema, `${method} ${path}: application/json body schema`);
      assert.equal(schema.type, 'object', `${method} ${path}`);
      assert.equal(schema.additionalProperties, false, `${method} ${path}: additionalProperties`);
      for (const name of schema.required ?? []) assert.ok(schema.properties?.[name], `${method} ${path}: required ${name} is described`);
    }
    assert.equal(bodies, 30, 'accounts, session, PATCH me, password, DELETE me, couple, join, coach; '
      + 'conflict start, side, restatement, answer, idea, agreement, accept, pause, resume, close; '
      + 'assessment answers, submit; check-in; '
      + 'practice log, availability, plan regenerate, calendar, prompt skip, prompt answer, own prompt, promise, promise status');
  });

  test('every error response is application/problem+json with the Problem schema', () => {
    for (const { method, path, op } of operations()) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) < 400 || path === '/healthz') continue;
        const content = deref(r).content ?? {};
        assert.deepEqual(Object.keys(content), ['application/problem+json'], `${method} ${path} ${status}`);
        assert.match(JSON.stringify(content['application/problem+json'].schema), /#\/components\/schemas\/Problem/, `${method} ${path} ${status}`);
      }
    }
    const problem = spec.components.schemas.Problem;
    assert.deepEqual([...problem.required].sort(), ['detail', 'status', 'title', 'type']);
    assert.ok(problem.properties.field, 'Problem has field');
  });

  test('authentication is the hearth_session cookie, public only where the contract says', () => {
    const scheme = spec.components.securitySchemes.hearthSession;
    assert.equal(scheme.type, 'apiKey');
    assert.equal(scheme.in, 'cookie');
    assert.equal(scheme.name, 'hearth_session');
    assert.deepEqual(spec.security, [{ hearthSession: [] }]);
    const open = operations().filter(({ op }) => Array.isArray(op.security) && op.security.length === 0).map((o) => `${o.method} ${o.path}`);
    assert.deepEqual(open.sort(), ['GET /api/v1/openapi.json', 'GET /healthz', 'GET /metrics', 'POST /api/v1/accounts', 'POST /api/v1/session',
      'GET /calendar/{token}.ics'].sort(), 'the calendar feed needs no login: its token is the secret');
    for (const { method, path, op } of operations()) {
      if (open.includes(`${method} ${path}`) || path.startsWith('/api/v1/') === false) continue;
      assert.ok(op.responses['401'], `${method} ${path} documents 401`);
    }
  });

  test('has the shared components', () => {
    for (const name of ['User', 'Couple', 'Partner', 'Invite', 'Export', 'Problem', 'Conflict', 'ConflictSummary', 'Patterns',
      'InstrumentSummary', 'Instrument', 'AssessmentStatus', 'Draft', 'Results', 'Attempt', 'CoupleReport', 'CauseProfile',
      'CheckInRequest', 'CheckIn', 'Rhythm', 'Insights', 'Cycle', 'Journey',
      'Practice', 'PracticeList', 'PracticeLogRequest', 'PracticeLogEntry', 'Slot', 'Preferences', 'AvailabilityRequest', 'Availability',
      'Session', 'Plan', 'RegeneratePlanRequest', 'CalendarState', 'CalendarLink', 'Prompt', 'DailyPrompt', 'PromptHistory',
      'Promise', 'Reliability', 'PromiseList', 'NewPromiseRequest', 'ResolvePromiseRequest']) {
      assert.ok(spec.components.schemas[name], name);
    }
    assert.ok(!('email' in spec.components.schemas.Partner.properties), 'a partner never carries an email');
    assert.equal(spec.components.schemas.Partner.additionalProperties, false);
    assert.deepEqual(spec.components.schemas.Export.properties.conflicts.items, { $ref: '#/components/schemas/Conflict' });
    assert.deepEqual(spec.components.schemas.Export.properties.assessments, { $ref: '#/components/schemas/ExportAssessments' });
    assert.equal(spec.components.schemas.MeResponse.properties.conflict_tools.type, 'boolean');
  });

  test('conflict request limits are the ones of src/core/conflict.h', () => {
    const s = spec.components.schemas;
    assert.equal(s.StartConflictRequest.properties.topic.maxLength, 200);
    for (const f of ['happened', 'felt', 'need']) assert.equal(s.WriteSideRequest.properties[f].maxLength, 4000, f);
    assert.equal(s.ConflictText.maxLength, 4000);
    assert.equal(s.IdeaRequest.properties.text.maxLength, 500);
    const steps = s.ProposeAgreementRequest.properties.steps;
    assert.deepEqual([steps.minItems, steps.maxItems, steps.items.maxLength], [1, 10, 300]);
    const { minutes } = s.PauseRequest.properties;
    assert.deepEqual([minutes.type, minutes.minimum, minutes.maximum], ['integer', 20, 10080]);
    // Every operation on one conflict takes its id and can answer 404 for one of another couple.
    for (const { method, path, op } of operations()) {
      if (!path.startsWith('/api/v1/conflicts/{id}')) continue;
      assert.deepEqual(op.parameters?.map((p) => [p.name, p.in, p.required]), [['id', 'path', true]], `${method} ${path}`);
      assert.ok(op.responses['404'], `${method} ${path} documents 404`);
      if (method !== 'GET') for (const status of ['403', '409', '422']) assert.ok(op.responses[status], `${method} ${path} documents ${status}`);
    }
  });

  test('assessment operations: the instrument id, 404 for an unknown one, strict answers', () => {
    const s = spec.components.schemas;
    const assessment = operations().filter(({ path }) => path.startsWith('/api/v1/instruments/{id}') || path.startsWith('/api/v1/assessments/'));
    assert.equal(assessment.length, 5);
    for (const { method, path, op } of assessment) {
      assert.deepEqual(op.parameters?.map((p) => [p.name, p.in, p.required]), [['id', 'path', true]], `${method} ${path}`);
      assert.match(JSON.stringify(deref(op.responses['404']).content), /no-such-instrument/, `${method} ${path} documents no-such-instrument`);
      if (method !== 'GET') for (const status of ['400', '403', '413', '415', '422']) assert.ok(op.responses[status], `${method} ${path} documents ${status}`);
    }
    assert.deepEqual(s.AnswersRequest.properties.answers.additionalProperties, { type: ['integer', 'null'] });
    assert.equal(s.Draft.properties.answers.additionalProperties.type, 'integer');
    for (const name of ['Score', 'ScoreDifference']) assert.ok(s[name].maximum === 100, name);
    const problems = (method, path, status) => JSON.stringify(deref(operations().find((o) => o.method === method && o.path === path).op.responses[status]));
    assert.match(problems('POST', '/api/v1/assessments/{id}/submit', '422'), /incomplete/);
    assert.match(problems('GET', '/api/v1/assessments/{id}/results', '404'), /no-results/);
    assert.match(problems('GET', '/api/v1/couple/report', '409'), /no-partner.*report-not-ready/);
  });

  test('check-in limits are the ones of src/core/checkin.cc; the partner never gets private measures', () => {
    const s = spec.components.schemas;
    const req = s.CheckInRequest;
    const ranges = Object.fromEntries(Object.entries(req.properties).filter(([, v]) => v.type === 'integer').map(([k, v]) => [k, [v.minimum, v.maximum]]));
    assert.deepEqual(ranges, {
      connection: [0, 10], closeness: [0, 10], affection: [0, 10], minutes_together: [0, 1440], focused_minutes: [0, 1440],
      tech_interference: [0, 10], mood: [1, 5], stress: [1, 5],
    });
    assert.deepEqual([...req.required].sort(), Object.keys(req.properties).filter((k) => k !== 'appreciation').sort(), 'all but the appreciation are required');
    assert.deepEqual([s.Appreciation.properties.text.minLength, s.Appreciation.properties.text.maxLength], [1, 500]);
    for (const name of ['CheckIn', 'DayValues', 'Averages']) {
      for (const f of ['mood', 'stress', 'self_care']) assert.ok(s[name].properties[f], `${name} has ${f}`);
    }
    for (const name of ['SharedDayValues', 'SharedAverages']) {
      assert.deepEqual(Object.keys(s[name].properties).sort(), [...s.SharedCheckInMetric.enum].sort(), `${name}: the shared measures only`);
      assert.equal(s[name].additionalProperties, false);
    }
    assert.deepEqual(s.SharedCheckInMetric.enum, s.CheckInMetric.enum.slice(0, 6));
    const op = (method, path) => operations().find((o) => o.method === method && o.path === path).op;
    assert.match(JSON.stringify(deref(op('PUT', '/api/v1/checkins/{date}').responses['409'])), /not-today/);
    assert.deepEqual(op('GET', '/api/v1/insights').parameters.map((p) => p.name), ['days', 'time_zone']);
    assert.deepEqual(op('GET', '/api/v1/insights').parameters[0].schema.enum, [7, 30, 90]);
    assert.deepEqual(Object.keys(op('GET', '/api/v1/checkins').responses['200'].content).sort(), ['application/json', 'text/csv']);
    for (const path of ['/api/v1/checkins', '/api/v1/insights', '/api/v1/insights/cycle']) {
      assert.match(JSON.stringify(deref(op('GET', path).responses['422'])), /invalid-field/, `${path} documents 422`);
    }
  });

  test('what-helps: limits of src/api/plan_api.cc and core/plan, problems, calendars as text/calendar', () => {
    const s = spec.components.schemas;
    const op = (method, path) => operations().find((o) => o.method === method && o.path === path).op;
    const problems = (method, path, status) => JSON.stringify(deref(op(method, path).responses[status]));
    // Request limits.
    assert.deepEqual([s.NewPromiseRequest.properties.text.minLength, s.NewPromiseRequest.properties.text.maxLength], [1, 200]);
    assert.deepEqual([s.AnswerPromptRequest.properties.text.minLength, s.AnswerPromptRequest.properties.text.maxLength], [1, 2000]);
    assert.deepEqual([s.OwnPromptRequest.properties.text.minLength, s.OwnPromptRequest.properties.text.maxLength], [1, 300]);
    assert.equal(s.PracticeLogRequest.properties.note.maxLength, 500);
    assert.deepEqual([s.PracticeLogRequest.properties.rating.minimum, s.PracticeLogRequest.properties.rating.maximum], [1, 5]);
    assert.deepEqual(s.PracticeLogRequest.required, ['status']);
    assert.equal(s.AvailabilityRequest.properties.slots.maxItems, 50);
    assert.deepEqual(s.AvailabilityRequest.required, ['time_zone', 'slots']);
    assert.deepEqual(s.AvailabilityRequest.properties.preferences.required, [], 'every preference has a default');
    assert.deepEqual(s.ResolvePromiseRequest.properties.status.enum, ['kept', 'missed']);
    assert.deepEqual(s.Intensity.enum, ['light', 'regular', 'deep']);
    assert.deepEqual(s.PromptTheme.enum, ['everyday', 'appreciation', 'dreams', 'fears', 'past', 'future', 'intimacy']);
    assert.equal(s.Plan.properties.sessions.maxItems, 7);
    assert.equal(s.Practice.properties.calendar_title.maxLength, 40);
    // A partner's answer is null until both have answered; a partner's slots are never shown.
    assert.match(JSON.stringify(s.DailyPrompt.properties.partner), /null/);
    assert.deepEqual(Object.keys(s.Availability.properties).sort(), ['preferences', 'shared_free_time', 'slots', 'time_zone', 'updated_at']);
    // Problems.
    for (const [method, path] of [['GET', '/api/v1/practices/{id}'], ['POST', '/api/v1/practices/{id}/log']]) {
      assert.match(problems(method, path, '404'), /no-such-practice/, `${method} ${path}`);
    }
    for (const [method, path] of [['GET', '/api/v1/prompts'], ['POST', '/api/v1/prompts'], ['GET', '/api/v1/promises'], ['POST', '/api/v1/promises'],
      ['GET', '/api/v1/prompts/today'], ['POST', '/api/v1/prompts/today/skip'], ['PUT', '/api/v1/prompts/{id}/answer'], ['PUT', '/api/v1/promises/{id}']]) {
      assert.match(problems(method, path, '404'), /not-in-couple/, `${method} ${path} needs a couple`);
    }
    assert.match(problems('PUT', '/api/v1/prompts/{id}/answer', '404'), /no-such-prompt/);
    assert.match(problems('PUT', '/api/v1/promises/{id}', '404'), /no-such-promise/);
    assert.match(problems('PUT', '/api/v1/promises/{id}', '409'), /already-resolved.*not-due-yet/);
    assert.match(problems('POST', '/api/v1/prompts/today/skip', '409'), /nothing-to-skip/);
    assert.match(problems('GET', '/calendar/{token}.ics', '404'), /not-found/);
    assert.match(problems('GET', '/calendar/{token}.ics', '429'), /too-many-requests/);
    for (const { method, path, op: o } of operations()) {
      if (!o.tags?.includes('what-helps') || !o.requestBody) continue;
      for (const status of ['400', '401', '403', '413', '415', '422']) assert.ok(o.responses[status], `${method} ${path} documents ${status}`);
    }
    // The two calendars.
    for (const path of ['/api/v1/plan.ics', '/calendar/{token}.ics']) {
      assert.deepEqual(Object.keys(op('GET', path).responses['200'].content), ['text/calendar'], path);
    }
    assert.ok(op('GET', '/api/v1/plan.ics').responses['200'].headers['Content-Disposition'], 'the download is an attachment');
    assert.ok(op('GET', '/calendar/{token}.ics').responses['200'].headers['Cache-Control'], 'the feed is not kept by caches');
    assert.deepEqual(op('GET', '/api/v1/practices').parameters.map((p) => p.name), ['tag', 'area']);
  });
});

describe('served by the server', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('GET /api/v1/openapi.json is this file, without login', async () => {
    const res = await new Client(server.url).get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.contentType, 'application/json');
    assert.deepEqual(res.body, spec);
    const validator = new Validator();
    const valid = await validator.validate(res.body);
    assert.equal(valid.valid, true, JSON.stringify(valid.errors));
  });

  test('answers of the main endpoints match the document', async () => {
    // Every response below is validated against the document by the client; here we also make sure
    // each one was actually looked up (an operation exists for it).
    const seen = [];
    const note = (res) => {
      const r = checkResponse(res);
      assert.equal(r.checked, true, `${res.method} ${res.path} has an operation`);
      assert.deepEqual(r.errors, []);
      seen.push(`${res.method} ${res.path} ${res.status}`);
      return res;
    };
    const anon = new Client(server.url);
    note(await anon.get('/healthz'));
    note(await anon.get('/api/v1/me'));
    const [alice, bob] = await Promise.all([register(server.url, 'Alice'), register(server.url, 'Bob')]);
    note(await alice.get('/api/v1/me'));
    note(await alice.get('/api/v1/couple'));
    note(await alice.patch('/api/v1/me', { display_name: 'Alice Renamed' }));
    const inv = note(await alice.post('/api/v1/couple', {}));
    assert.equal(inv.status, 201);
    note(await alice.post('/api/v1/couple/join', { code: inv.body.code }));
    note(await bob.post('/api/v1/couple/join', { code: 'ZZZZ-ZZZZ-ZZZZ' }));
    const joined = note(await bob.post('/api/v1/couple/join', { code: inv.body.code }));
    assert.equal(joined.status, 200);
    note(await bob.get('/api/v1/couple'));
    const started = note(await alice.post('/api/v1/conflicts', { topic: 'Whose turn the dishes are' }));
    assert.equal(started.status, 201);
    const one = `/api/v1/conflicts/${started.body.id}`;
    note(await bob.get(one));
    note(await bob.put(`${one}/side`, { happened: 'h', felt: 'f', need: 'n', submit: false }));
    note(await bob.put(`${one}/restatement`, { text: 'too early' }));
    note(await alice.get('/api/v1/conflicts'));
    note(await alice.get('/api/v1/conflicts/patterns'));
    note(await alice.get('/api/v1/conflicts/0'));
    note(await alice.get('/api/v1/me'));
    note(await alice.get('/api/v1/me/export'));
    note(await alice.get('/api/v1/instruments'));
    note(await alice.get('/api/v1/instruments/core'));
    note(await alice.get('/api/v1/instruments/nope'));
    note(await alice.get('/api/v1/assessments/signs/answers'));
    note(await alice.post('/api/v1/assessments/signs/submit', {}));
    note(await alice.get('/api/v1/assessments/signs/results'));
    note(await alice.put('/api/v1/assessments/signs/answers', { answers: { signs_1: 9 } }));
    const signs = Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`signs_${k + 1}`, 3]));
    note(await alice.put('/api/v1/assessments/signs/answers', { answers: signs }));
    note(await alice.post('/api/v1/assessments/signs/submit', {}));
    note(await alice.get('/api/v1/assessments/signs/results'));
    note(await alice.get('/api/v1/couple/report'));
    note(await bob.put('/api/v1/assessments/signs/answers', { answers: signs }));
    note(await bob.post('/api/v1/assessments/signs/submit', {}));
    note(await bob.get('/api/v1/couple/report'));
    note(await alice.get('/api/v1/causes'));
    note(await alice.get('/api/v1/me/export'));
    const today = rhythmToday(note(await alice.get('/api/v1/checkins?time_zone=UTC')));
    const checkin = { connection: 5, closeness: 6, affection: 7, minutes_together: 60, focused_minutes: 20, tech_interference: 3, mood: 4, stress: 2, self_care: true, time_zone: 'UTC' };
    let put = note(await alice.put(`/api/v1/checkins/${today}`, checkin));
    if (put.status === 409) put = note(await alice.put(`/api/v1/checkins/${rhythmToday(note(await alice.get('/api/v1/checkins?time_zone=UTC')))}`, checkin)); // midnight passed
    note(await alice.put(`/api/v1/checkins/${put.body.checkin.date}`, { ...checkin, appreciation: { text: 'Thank you', shared: true } }));
    note(await alice.put('/api/v1/checkins/2000-01-01', checkin));
    note(await alice.put('/api/v1/checkins/2000-13-01', checkin));
    note(await alice.get('/api/v1/checkins'));
    note(await alice.get('/api/v1/checkins?format=csv'));
    note(await alice.get('/api/v1/checkins?from=2026-02-30'));
    note(await bob.get('/api/v1/insights?days=7'));
    note(await alice.get('/api/v1/insights?days=14'));
    note(await bob.get('/api/v1/insights/cycle'));
    note(await bob.get('/api/v1/journey'));
    // What helps.
    note(await alice.get('/api/v1/practices?tag=walk_and_talk'));
    note(await alice.get('/api/v1/practices/evening_walk'));
    note(await alice.get('/api/v1/practices/nope'));
    note(await alice.post('/api/v1/practices/evening_walk/log', { status: 'done', rating: 4 }));
    note(await alice.post('/api/v1/practices/evening_walk/log', { status: 'done', rating: 6 }));
    note(await alice.put('/api/v1/availability', { time_zone: 'UTC', slots: [{ day: 'sat', start: '10:00', end: '12:00' }] }));
    note(await alice.put('/api/v1/availability', { time_zone: 'UTC', slots: [{ day: 'sat', start: '12:00', end: '10:00' }] }));
    note(await bob.get('/api/v1/availability'));
    note(await bob.get('/api/v1/plan'));
    note(await bob.post('/api/v1/plan/regenerate', { intensity: 'light' }));
    note(await alice.get('/api/v1/plan.ics'));
    note(await alice.get('/api/v1/calendar'));
    const feed = note(await alice.post('/api/v1/calendar', {}));
    note(await anon.get(feed.body.path));
    note(await alice.delete('/api/v1/calendar'));
    note(await anon.get(feed.body.path));
    note(await alice.post('/api/v1/prompts/today/skip'));
    note(await alice.get('/api/v1/prompts/today'));
    const prompt = note(await alice.post('/api/v1/prompts/today/skip', { lighter: true }));
    note(await alice.put(`/api/v1/prompts/${prompt.body.prompt.id}/answer`, { text: 'An answer' }));
    note(await alice.put('/api/v1/prompts/nope.nope/answer', { text: 'An answer' }));
    note(await bob.get('/api/v1/prompts'));
    note(await bob.post('/api/v1/prompts', { text: 'Our own question?', depth: 'light', theme: 'everyday' }));
    const promises = note(await alice.get('/api/v1/promises'));
    const promised = note(await alice.post('/api/v1/promises', { text: 'Make tea', due: addDays(promises.body.today, 1) }));
    note(await bob.put(`/api/v1/promises/${promised.body.id}`, { status: 'missed' }));
    note(await bob.put(`/api/v1/promises/${promised.body.id}`, { status: 'kept' }));
    note(await alice.put(`/api/v1/promises/${promised.body.id}`, { status: 'kept' }));
    note(await alice.post('/api/v1/promises', { text: 'Too late', due: '2000-01-01' }));
    assert.equal(note(await bob.post('/api/v1/couple', {})).status, 409);
    note(await bob.post('/api/v1/accounts', { email: alice.email, password: 'long enough pw', display_name: 'X' }));
    note(await bob.delete('/api/v1/couple/membership'));
    note(await bob.delete('/api/v1/couple/membership'));
    note(await bob.get('/api/v1/promises'));
    note(await bob.delete('/api/v1/session'));
    note(await anon.get('/metrics'));
    assert.ok(seen.some((x) => /^PUT \/api\/v1\/checkins\/\S+ 201$/.test(x)) && seen.some((x) => /^PUT \/api\/v1\/checkins\/\S+ 200$/.test(x)), 'a check-in created, then edited');
    for (const expected of ['GET /api/v1/me 401', 'GET /api/v1/me 200', 'GET /api/v1/couple 404', 'PATCH /api/v1/me 200',
      'POST /api/v1/couple 201', 'POST /api/v1/couple 409', 'POST /api/v1/couple/join 409', 'POST /api/v1/couple/join 422', 'POST /api/v1/couple/join 200',
      'GET /api/v1/couple 200', 'GET /api/v1/me/export 200', 'POST /api/v1/accounts 409', 'DELETE /api/v1/couple/membership 204',
      'DELETE /api/v1/couple/membership 404', 'DELETE /api/v1/session 204', 'GET /metrics 200', 'GET /healthz 200',
      'POST /api/v1/conflicts 201', `GET ${one} 200`, `PUT ${one}/side 200`, `PUT ${one}/restatement 409`, 'GET /api/v1/conflicts 200',
      'GET /api/v1/conflicts/patterns 200', 'GET /api/v1/conflicts/0 404',
      'GET /api/v1/instruments 200', 'GET /api/v1/instruments/core 200', 'GET /api/v1/instruments/nope 404',
      'GET /api/v1/assessments/signs/answers 200', 'POST /api/v1/assessments/signs/submit 422', 'GET /api/v1/assessments/signs/results 404',
      'PUT /api/v1/assessments/signs/answers 422', 'PUT /api/v1/assessments/signs/answers 200', 'POST /api/v1/assessments/signs/submit 201',
      'GET /api/v1/assessments/signs/results 200', 'GET /api/v1/couple/report 409', 'GET /api/v1/couple/report 200', 'GET /api/v1/causes 200',
      'PUT /api/v1/checkins/2000-01-01 409', 'PUT /api/v1/checkins/2000-13-01 422', 'GET /api/v1/checkins 200', 'GET /api/v1/checkins?format=csv 200',
      'GET /api/v1/checkins?from=2026-02-30 422', 'GET /api/v1/insights?days=7 200', 'GET /api/v1/insights?days=14 422',
      'GET /api/v1/insights/cycle 200', 'GET /api/v1/journey 200',
      'GET /api/v1/practices?tag=walk_and_talk 200', 'GET /api/v1/practices/evening_walk 200', 'GET /api/v1/practices/nope 404',
      'POST /api/v1/practices/evening_walk/log 201', 'POST /api/v1/practices/evening_walk/log 422',
      'PUT /api/v1/availability 200', 'PUT /api/v1/availability 422', 'GET /api/v1/availability 200', 'GET /api/v1/plan 200',
      'POST /api/v1/plan/regenerate 200', 'GET /api/v1/plan.ics 200', 'GET /api/v1/calendar 200', 'POST /api/v1/calendar 201',
      `GET ${feed.body.path} 200`, 'DELETE /api/v1/calendar 204', `GET ${feed.body.path} 404`,
      'POST /api/v1/prompts/today/skip 409', 'GET /api/v1/prompts/today 200', 'POST /api/v1/prompts/today/skip 200',
      `PUT /api/v1/prompts/${prompt.body.prompt.id}/answer 200`, 'PUT /api/v1/prompts/nope.nope/answer 404', 'GET /api/v1/prompts 200',
      'POST /api/v1/prompts 201', 'GET /api/v1/promises 200', 'POST /api/v1/promises 201', `PUT /api/v1/promises/${promised.body.id} 409`,
      `PUT /api/v1/promises/${promised.body.id} 200`, 'POST /api/v1/promises 422', 'GET /api/v1/promises 404']) {
      assert.ok(seen.includes(expected), `saw ${expected} (saw: ${seen.join(', ')})`);
    }
  });
});
