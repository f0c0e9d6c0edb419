// Shared helpers for the browser tests: start hearth, drive Debian's Chromium, watch what pages do.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer, repoRoot } from '../support/server.mjs';

export { repoRoot };
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The real server (build/hearth) on a free port with a fresh data directory (or `dataDir`: see
 * tests/support/server.mjs for the options).
 * HEARTH_TEST_URL points the tests at a server that is already running instead (for working on the web app).
 */
export async function startHearth(options = {}) {
  const external = process.env.HEARTH_TEST_URL;
  if (external) return { url: external.replace(/\/$/, ''), stop: async () => {}, logs: () => '' };
  return startServer(options);
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new phone-sized browser context (its own cookies) with one page, recording what the page does:
 * console errors, uncaught errors, CSP violations and every request's URL. `contextOptions` go to
 * Playwright's newContext (e.g. `timezoneId`).
 */
export async function openPhone(browser, baseURL, contextOptions = {}) {
  const context = await browser.newContext({ ...phone, ...contextOptions, baseURL });
  const page = await context.newPage();
  const seen = { consoleErrors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.consoleErrors.push(`uncaught: ${error.message}`));
  context.on('request', (request) => seen.requests.push(request.url()));
  // Init scripts run through the DevTools protocol, so the page's CSP does not block them.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.setDefaultTimeout(15000);
  return { context, page, seen };
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/**
 * Saves test-output/screenshots/<name>.png. A full-page shot is taken by making the viewport as tall as the
 * page, so the fixed bottom navigation sits at the bottom as it would on a phone.
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  if (!fullPage) return page.screenshot({ path });
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  try {
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(size);
  }
}

/** Runs axe-core on the page; returns the serious and critical violations, readable. */
export async function seriousA11yProblems(page) {
  // page.evaluate goes through CDP and is not subject to the page's CSP (unlike a <script> tag).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations) {
  return violations.map((v) => `${v.impact}: ${v.id} (${v.help})\n    ${v.nodes.join('\n    ')}`).join('\n');
}

/** Fails the test when axe-core finds a serious or critical problem on `screen`, listing them. */
export async function assertNoSeriousA11yProblems(page, screen) {
  const problems = await seriousA11yProblems(page);
  assert.equal(problems.length, 0, `${screen}:\n${describeViolations(problems)}`);
}

/** Waits for the <h1> of the screen to read `name` (string or RegExp). */
export async function heading(page, name) {
  const h1 = page.getByRole('heading', { level: 1, name });
  await h1.waitFor();
  return h1;
}

export async function signUp(page, { email, name, password }) {
  await page.goto('/#/signup');
  await heading(page, 'Create your account');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, new RegExp(`, ${name}$`));
}

export async function logIn(page, { email, password }) {
  await page.goto('/#/login');
  await heading(page, 'Log in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function logOut(page) {
  await goTo(page, 'Settings');
  await page.getByRole('button', { name: 'Log out' }).click();
  await heading(page, 'Log in');
}

/**
 * Follows a link in the main navigation and waits for its screen. "Couple" is one of Together's parts:
 * Together, then Couple in Together's own navigation.
 */
export async function goTo(page, tab) {
  if (tab === 'Couple') {
    await goTo(page, 'Together');
    await page.getByRole('navigation', { name: 'Together' }).getByRole('link', { name: 'Couple', exact: true }).click();
    await heading(page, 'Your couple');
    return;
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: tab, exact: true }).click();
  const titles = {
    Home: /^(Hello|Good (morning|afternoon|evening)), /,
    Insights: 'Insights',
    Together: 'This week',
    'Talk it through': 'Talk it through',
    Settings: 'Settings',
  };
  await heading(page, titles[tab]);
}

export async function createInvite(page) {
  await goTo(page, 'Couple');
  await page.getByRole('button', { name: /^(Create an invite code|Make a new code)$/ }).click();
  const code = page.getByTestId('invite-code');
  await code.waitFor();
  return (await code.textContent()).trim();
}

export async function joinWithCode(page, code) {
  await goTo(page, 'Couple');
  await page.getByLabel('Invite code').fill(code);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

let counter = 0;
/** A fresh person for this run. */
export function person(name) {
  counter += 1;
  return {
    name,
    email: `${name.toLowerCase()}.${process.pid}.${counter}@example.test`,
    password: `a quiet evening ${counter} together`,
  };
}

/**
 * `test` for a story told in steps that build on each other: once one fails, the later ones are
 * reported as skipped (with the reason) instead of failing again with a confusing timeout.
 */
export function stepByStep() {
  let failed = null;
  return (name, fn) =>
    test(name, async (t) => {
      if (failed) {
        t.skip(`skipped: the earlier step "${failed}" failed`);
        return;
      }
      try {
        await fn(t);
      } catch (error) {
        failed = name;
        throw error;
      }
    });
}
