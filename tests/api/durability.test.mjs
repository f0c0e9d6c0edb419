// A write the server answered with 2xx is on disk: it survives kill -9 and a restart.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { Client, registerMany, pair } from './client.mjs';

let server;
after(async () => { await server?.stop(); });

test('answered writes survive SIGKILL', async () => {
  server = await startServer();
  const N = 8;
  const people = await registerMany(server.url, Array.from({ length: N }, (_, i) => `Crash ${i}`));
  const [a, b] = people;
  const { couple } = await pair(a, b);
  const renamed = await people[2].patch('/api/v1/me', { display_name: 'Renamed Before Crash' });
  assert.equal(renamed.status, 200);

  const signal = await server.kill();
  assert.equal(signal, 'SIGKILL');
  server = await startServer({ dataDir: server.dataDir });

  const logins = await Promise.all(people.map((p) => new Client(server.url).post('/api/v1/session', { email: p.email, password: p.password })));
  logins.forEach((res, i) => assert.equal(res.status, 200, `${people[i].email} can log in after the crash: ${res.status} ${res.text}`));
  logins.forEach((res, i) => assert.equal(res.body.user.id, people[i].id));
  const c = new Client(server.url);
  await c.post('/api/v1/session', { email: a.email, password: a.password });
  const got = await c.get('/api/v1/couple');
  assert.equal(got.status, 200);
  assert.equal(got.body.id, couple.id);
  assert.equal(got.body.status, 'paired');
  assert.equal(logins[2].body.user.display_name, 'Renamed Before Crash');
});
