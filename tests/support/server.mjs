// Starts the real `build/hearth` binary on a free loopback port with a fresh data directory,
// for API and browser tests. Each test file starts its own server so files can run in parallel.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// HEARTH_BINARY runs the suites against another build, e.g. build-debug/hearth (sanitizers).
export const hearthBinary = process.env.HEARTH_BINARY ?? join(repoRoot, 'build', 'hearth');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts hearth and resolves once /healthz answers.
 * Returns { url, port, dataDir, proc, exited, logs(), stop(), kill() }; stop() sends SIGTERM and
 * resolves with the exit code; kill() sends SIGKILL (no chance to clean up) and resolves once the
 * process is gone, leaving the data directory in place. `exited` resolves with the exit code (or
 * the signal name).
 * Pass `dataDir` to start on an existing data directory (e.g. a restart); by default a fresh
 * temporary one is made.
 */
export async function startServer({ args = [], env = {}, dataDir: existingDataDir } = {}) {
  const port = await freePort();
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'hearth-test-'));
  const proc = spawn(hearthBinary, ['serve', '--port', String(port), '--data', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`hearth exited early (${proc.exitCode ?? proc.signalCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`hearth did not become healthy in 15 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let stopped = null;
  return {
    url,
    port,
    dataDir,
    proc,
    exited,
    logs: () => out,
    async kill() {
      proc.kill('SIGKILL');
      return exited;
    },
    async stop({ keepData = false } = {}) {
      if (!stopped) {
        proc.kill('SIGTERM');
        stopped = exited;
      }
      const code = await stopped;
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
