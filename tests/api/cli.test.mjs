// The `hearth` command line: help, version, migrate, demo, backup and restore, configuration
// from file and environment, and the transport limits that protect a running server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hearthBinary, startServer } from '../support/server.mjs';

const run = promisify(execFile);
const tempDir = () => mkdtempSync(join(tmpdir(), 'hearth-cli-'));

async function hearth(args, options = {}) {
  try {
    const { stdout, stderr } = await run(hearthBinary, args, { timeout: 60000, ...options });
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function signUp(url, email, password = 'a-long-password-1') {
  const res = await fetch(`${url}/api/v1/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, display_name: 'Tester' }),
  });
  assert.equal(res.status, 201, await res.text());
}

async function logIn(url, email, password) {
  return fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

test('every subcommand explains itself with --help', async () => {
  for (const sub of ['serve', 'migrate', 'backup', 'restore', 'demo', 'content', 'version']) {
    const r = await hearth([sub, '--help']);
    assert.equal(r.code, 0, `${sub} --help failed: ${r.stderr}`);
    assert.match(r.stdout, /Usage:/, sub);
  }
  const top = await hearth(['--help']);
  for (const sub of ['serve', 'migrate', 'backup', 'restore', 'demo', 'version']) {
    assert.match(top.stdout, new RegExp(`\\b${sub}\\b`));
  }
  const serve = await hearth(['serve', '--help']);
  assert.match(serve.stdout, /--port/);
  assert.match(serve.stdout, /HEARTH_PORT/);
  assert.match(serve.stdout, /--data/);
});

test('version names the release and the schema', async () => {
  const r = await hearth(['version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^hearth \d+\.\d+\.\d+ \(database schema \d+\)/);
});

test('an unknown option is refused with a message, not ignored', async () => {
  const r = await hearth(['serve', '--no-such-flag']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /no-such-flag/);
});

test('migrate creates the schema once and then reports it up to date', async () => {
  const dir = tempDir();
  try {
    const first = await hearth(['migrate', '--data', dir]);
    assert.equal(first.code, 0);
    assert.match(first.stdout, /Applied migration 1/);
    const again = await hearth(['migrate', '--data', dir]);
    assert.match(again.stdout, /up to date/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('demo creates a couple whose partners can log in and see each other', async () => {
  const dir = tempDir();
  try {
    const r = await hearth(['demo', '--data', dir]);
    assert.equal(r.code, 0, r.stderr);
    const emails = [...r.stdout.matchAll(/(\S+@demo\.hearth)/g)].map((m) => m[1]);
    const password = /Password for every demo account: (\S+)/.exec(r.stdout)?.[1];
    assert.equal(emails.length, 2, r.stdout);
    assert.ok(password);
    const again = await hearth(['demo', '--data', dir]);
    assert.match(again.stdout, /1 already there/);

    const server = await startServer({ dataDir: dir });
    try {
      const login = await logIn(server.url, emails[0], password);
      assert.equal(login.status, 200);
      const cookie = login.headers.getSetCookie()[0].split(';')[0];
      const couple = await (await fetch(`${server.url}/api/v1/couple`, { headers: { cookie } })).json();
      assert.equal(couple.status, 'paired');
      assert.equal(couple.partners.length, 2);
      // Two rounds of every questionnaire: history, change, and a couple report of round 2.
      const results = await (
        await fetch(`${server.url}/api/v1/assessments/core/results`, { headers: { cookie } })
      ).json();
      assert.equal(results.history.length, 2);
      assert.ok(results.areas.every((a) => typeof a.change === 'number'));
      const report = await fetch(`${server.url}/api/v1/couple/report`, { headers: { cookie } });
      assert.equal(report.status, 200);
      const sections = (await report.json()).sections;
      assert.deepEqual(
        sections.map((s) => s.instrument.id),
        ['signs', 'core', 'habits', 'conflict', 'attachment'],
      );
      assert.ok(sections.every((s) => s.round === 2));
    } finally {
      await server.stop({ keepData: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('backup of a live server restores into a working server elsewhere', async () => {
  const server = await startServer();
  const backupDir = tempDir();
  const restoredDir = tempDir();
  const file = join(backupDir, 'hearth-backup.db');
  try {
    await signUp(server.url, 'kept@example.org');
    const b = await hearth(['backup', file, '--data', server.dataDir]);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(existsSync(file));
    const twice = await hearth(['backup', file, '--data', server.dataDir]);
    assert.notEqual(twice.code, 0, 'an existing backup file is not overwritten without --force');

    // Restoring into the live server's folder is refused.
    const busy = await hearth(['restore', file, '--data', server.dataDir]);
    assert.notEqual(busy.code, 0);
    assert.match(busy.stderr, /stop it/);

    const r = await hearth(['restore', file, '--data', restoredDir]);
    assert.equal(r.code, 0, r.stderr);
    const restored = await startServer({ dataDir: restoredDir });
    try {
      assert.equal((await logIn(restored.url, 'kept@example.org', 'a-long-password-1')).status, 200);
    } finally {
      await restored.stop({ keepData: true });
    }
  } finally {
    await server.stop();
    rmSync(backupDir, { recursive: true, force: true });
    rmSync(restoredDir, { recursive: true, force: true });
  }
});

test('restore refuses a file that is not a Hearth backup and leaves the data alone', async () => {
  const dir = tempDir();
  try {
    await hearth(['migrate', '--data', dir]);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all');
    const r = await hearth(['restore', junk, '--data', dir]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /error:/);
    const again = await hearth(['migrate', '--data', dir]);
    assert.match(again.stdout, /up to date/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Precedence, as `hearth --help` documents it: command-line flags, then the config file, then
// HEARTH_* environment variables.
test('configuration comes from flags, a config file and HEARTH_* variables, in that order', async () => {
  const dir = tempDir();
  const config = join(dir, 'hearth.toml');
  writeFileSync(config, '# hearth options\n[serve]\nmax-body-bytes = 2048\nlog-level = "warn"\n');
  const bodyCapApplies = async (server) => {
    const res = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(4000) }),
    });
    if (res.status === 413) assert.equal((await res.json()).type, '/problems/body-too-large');
    return res.status === 413;
  };
  const cases = [
    { name: 'environment alone', args: [], env: { HEARTH_MAX_BODY_BYTES: '2048' }, capped: true },
    { name: 'file alone', args: ['--config', config], env: {}, capped: true },
    { name: 'file over environment', args: ['--config', config], env: { HEARTH_MAX_BODY_BYTES: '999999' }, capped: true },
    { name: 'flag over file', args: ['--config', config, '--max-body-bytes', '999999'], env: {}, capped: false },
  ];
  try {
    for (const c of cases) {
      const server = await startServer({ args: c.args, env: c.env });
      try {
        assert.equal(await bodyCapApplies(server), c.capped, c.name);
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function connect(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}
const closed = (socket) => new Promise((resolve) => socket.on('close', resolve));

test('a client that sends its request too slowly is disconnected', async () => {
  const server = await startServer({ args: ['--read-timeout', '1'] });
  try {
    const s = await connect(server.port);
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // and never finishes the headers
    await closed(s);
    // The server is still fine for everyone else (a new connection: pooled ones timed out too).
    const next = await connect(server.port);
    let reply = '';
    next.on('data', (d) => { reply += d; });
    next.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await closed(next);
    assert.match(reply, /^HTTP\/1\.1 200/);
  } finally {
    await server.stop();
  }
});

test('connections beyond the cap are refused while existing ones keep working', async () => {
  const server = await startServer({ args: ['--max-connections', '3'] });
  try {
    const held = [await connect(server.port), await connect(server.port), await connect(server.port)];
    await new Promise((r) => setTimeout(r, 200)); // let the server accept them
    const extra = await connect(server.port);
    let answered = '';
    extra.on('data', (d) => { answered += d; });
    extra.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await closed(extra);
    assert.equal(answered, '', 'the connection over the cap got no response');
    const first = held[0];
    let reply = '';
    first.on('data', (d) => { reply += d; });
    first.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await closed(first);
    assert.match(reply, /^HTTP\/1\.1 200/);
    for (const s of held) s.destroy();
  } finally {
    await server.stop();
  }
});

test('oversized headers get a clear 431', async () => {
  const server = await startServer();
  try {
    const res = await fetch(`${server.url}/healthz`, { headers: { 'x-filler': 'y'.repeat(20000) } });
    assert.equal(res.status, 431);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  } finally {
    await server.stop();
  }
});

async function rawExchange(port, text) {
  const s = await connect(port);
  let reply = '';
  s.on('data', (d) => { reply += d; });
  s.write(text);
  await closed(s);
  return reply;
}

test('HEAD gets the headers and length of GET without a body; HTTP/1.0 is answered and closed', async () => {
  const server = await startServer();
  try {
    const head = await rawExchange(server.port, 'HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(head, /\r\nContent-Length: 15\r\n/);
    assert.match(head, /\r\nConnection: close\r\n/);
    assert.ok(head.endsWith('\r\n\r\n'), 'no body after the head');
    const old = await rawExchange(server.port, 'GET /healthz HTTP/1.0\r\n\r\n');
    assert.match(old, /^HTTP\/1\.0 200 OK\r\n/);
    assert.ok(old.endsWith('{"status":"ok"}'));
  } finally {
    await server.stop();
  }
});

const repoContent = new URL('../../content', import.meta.url).pathname;

test('content check reads every content file and names the file and line of a mistake', async () => {
  const ok = await hearth(['content', 'check', '--content', repoContent]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /5 questionnaires/);
  assert.match(ok.stdout, /4 causes/);

  const dir = tempDir();
  try {
    cpSync(repoContent, dir, { recursive: true });
    const file = join(dir, 'instruments', 'habits.toml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('minutes'));
    lines.splice(at + 1, 0, 'colour = "blue"');
    writeFileSync(file, lines.join('\n'));
    const bad = await hearth(['content', 'check', '--content', dir]);
    assert.equal(bad.code, 1);
    assert.ok(
      bad.stderr.includes(`${file}:${at + 2}: unknown key "colour"`),
      `expected file and line in: ${bad.stderr}`,
    );
    // The server refuses to start on the same mistake.
    const data = tempDir();
    try {
      const serve = await hearth(['serve', '--data', data, '--port', '0', '--content', dir]);
      assert.equal(serve.code, 1);
      const said = serve.stdout + serve.stderr;  // the server logs to standard output
      assert.ok(said.includes(`${file}:${at + 2}: unknown key "colour"`), said);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('content stats reports Cronbach alpha once 30 people have answered, and not before', async () => {
  const dir = tempDir();
  try {
    assert.equal((await hearth(['demo', '--data', dir, '--couples', '14'])).code, 0);
    const few = JSON.parse((await hearth(['content', 'stats', '--data', dir, '--json'])).stdout);
    assert.equal(few.min_respondents, 30);
    assert.ok(few.subscales.length >= 15);
    for (const s of few.subscales) {
      assert.equal(s.respondents, 28, `${s.instrument}/${s.subscale}`);
      assert.equal(s.alpha, null);
    }
    assert.equal((await hearth(['demo', '--data', dir, '--couples', '15'])).code, 0);
    const enough = JSON.parse((await hearth(['content', 'stats', '--data', dir, '--json'])).stdout);
    for (const s of enough.subscales) {
      assert.equal(s.respondents, 30, `${s.instrument}/${s.subscale}`);
      assert.equal(typeof s.alpha, 'number', `${s.instrument}/${s.subscale}`);
      assert.ok(s.alpha <= 1, `${s.instrument}/${s.subscale}: ${s.alpha}`);
    }
    const text = await hearth(['content', 'stats', '--data', dir]);
    assert.match(text.stdout, /Cronbach's alpha/);
    // Anonymous: no names, emails or ids in the report.
    assert.doesNotMatch(text.stdout, /@|Maya|Daniel/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
