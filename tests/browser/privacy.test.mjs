// Nothing leaves the machine, nothing breaks in the console, and the CSP is really there and respected.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createInvite,
  cspViolations,
  goTo,
  heading,
  launchBrowser,
  logIn,
  logOut,
  openPhone,
  person,
  repoRoot,
  signUp,
  startHearth,
} from './helpers.mjs';

const localHosts = new Set(['127.0.0.1']);

describe('privacy and hygiene', () => {
  let server;
  let browser;
  let phone;
  const dee = person('Dee');

  before(async () => {
    server = await startHearth();
    browser = await launchBrowser();
    phone = await openPhone(browser, server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the HTML is served with the Content-Security-Policy', async () => {
    for (const path of ['/', '/index.html', '/some/deep/link']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/, path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, `${path}: ${csp}`);
      assert.match(csp, /script-src 'self'/, `${path}: ${csp}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${path}: ${csp}`);
    }
    const response = await phone.page.goto('/');
    assert.match((await response.allHeaders())['content-security-policy'] ?? '', /script-src 'self'/);
  });

  test('the built index.html has no inline script or style', () => {
    const html = readFileSync(join(repoRoot, 'web', 'dist', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length > 0, 'index.html loads a script');
    for (const [, attributes, body] of scripts) {
      assert.match(attributes, /\bsrc="\/[^"]+"/, 'every script is an external file on this server');
      assert.equal(body.trim(), '', 'script tags have no inline code');
    }
    assert.doesNotMatch(html, /<style\b/i);
    assert.doesNotMatch(html, /\sstyle="/i);
    assert.doesNotMatch(html, /https?:\/\//i, 'no absolute URLs to other hosts');
  });

  test('a full visit makes no request off this machine and logs no console errors', async () => {
    const { page, seen } = phone;
    await page.goto('/');
    await heading(page, 'Log in');
    await signUp(page, dee);
    await goTo(page, 'Couple');
    await createInvite(page);
    await goTo(page, 'Settings');
    await goTo(page, 'Home');
    await logOut(page);
    await logIn(page, dee);
    await heading(page, new RegExp(`, ${dee.name}$`));
    // A deep link reloads the app from the server (SPA fallback).
    await page.goto('/#/settings');
    await heading(page, 'Settings');

    assert.ok(seen.requests.length > 0, 'requests were recorded');
    const offMachine = seen.requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      return protocol !== 'data:' && protocol !== 'blob:' && !localHosts.has(hostname);
    });
    assert.deepEqual(offMachine, [], 'requests that left 127.0.0.1');
    assert.deepEqual(await cspViolations(page), [], 'CSP violations');
    assert.deepEqual(seen.consoleErrors, [], 'console errors');
  });
});
