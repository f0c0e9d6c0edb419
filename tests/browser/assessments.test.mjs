// Check-ups in two phone browsers, against the real server: both partners answer "The heart of
// closeness" (core) entirely through the web app, each sees their own results at once, the couple report
// waits (409) until both have finished and then shows both scores side by side with conversation
// starters; Signs of distance, taken twice, shows its history; the cause profile renders.
// axe-core checks every new screen; screenshots go to test-output/screenshots/checkups-*.png.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertNoSeriousA11yProblems,
  createInvite,
  cspViolations,
  heading,
  joinWithCode,
  launchBrowser,
  openPhone,
  person,
  repoRoot,
  screenshot,
  signUp,
  startHearth,
  stepByStep,
} from './helpers.mjs';

/**
 * Item ids whose answers count reversed, read from the instrument's content file, so a test can answer
 * "as high as it goes" on an area whatever its wording.
 */
function reverseKeyedItems(instrumentId) {
  const dir = join(repoRoot, 'content', 'instruments');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.toml'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    if (!new RegExp(`^id\\s*=\\s*"${instrumentId}"`, 'm').test(text)) continue;
    const reversed = new Set();
    for (const block of text.split(/^\[\[items\]\]\s*$/m).slice(1)) {
      const body = block.split(/^\s*\[/m)[0];
      const id = body.match(/^\s*id\s*=\s*"([^"]+)"/m)?.[1];
      if (id && /^\s*reverse\s*=\s*true/m.test(body)) reversed.add(id);
    }
    return reversed;
  }
  return new Set();
}

describe('check-ups, results, the couple report and the cause profile, in two browsers', () => {
  const test = stepByStep();
  let server;
  let browser;
  const ana = person('Ana');
  const ben = person('Ben');
  let a; // Ana's phone
  let b; // Ben's phone
  const reversed = new Map(); // instrument id → reverse-keyed item ids
  let coreTitle;
  let distance; // the first check-up in order: Signs of distance

  before(async () => {
    server = await startHearth();
    browser = await launchBrowser();
    a = await openPhone(browser, server.url);
    b = await openPhone(browser, server.url);
    // Charts drawn at once, not animated: screenshots and checks see the finished picture.
    await a.page.emulateMedia({ reducedMotion: 'reduce' });
    await b.page.emulateMedia({ reducedMotion: 'reduce' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function goToCheckups(page) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Check-ups', exact: true }).click();
    await heading(page, 'Check-ups');
    await page.locator('.instrument-list').waitFor();
  }

  /** "Part 2 of 3" → [2, 3]; a check-up of one part says no part number. */
  async function part(page) {
    await page.locator('.take-page').waitFor();
    const label = page.locator('.take-page .eyebrow');
    if ((await label.count()) === 0) return [1, 1];
    const [, k, n] = (await label.textContent()).match(/Part (\d+) of (\d+)/);
    return [Number(k), Number(n)];
  }

  /**
   * Answers every question on the current page. `level(itemId, facet)` says "high" or "low" on the
   * area's own terms (reverse-keyed items are answered the other way round), or "mid".
   */
  async function answerPage(page, instrument, level) {
    if (!reversed.has(instrument)) reversed.set(instrument, reverseKeyedItems(instrument));
    const questions = page.locator('fieldset.question');
    const count = await questions.count();
    assert.ok(count > 0, 'a page has questions');
    for (let i = 0; i < count; i += 1) {
      const question = questions.nth(i);
      const item = await question.getAttribute('data-item');
      const facets = question.locator('fieldset.facet');
      const groups = (await facets.count()) === 2 ? [['real', facets.nth(0)], ['ideal', facets.nth(1)]] : [['real', question]];
      for (const [facet, group] of groups) {
        const radios = group.getByRole('radio');
        const points = await radios.count();
        let want = level(item, facet);
        if (want !== 'mid' && reversed.get(instrument).has(item)) want = want === 'high' ? 'low' : 'high';
        const index = want === 'high' ? points - 1 : want === 'low' ? 0 : Math.floor(points / 2);
        await radios.nth(index).check();
      }
    }
  }

  /** Waits until the server holds `answered` answers for this instrument (saves are debounced). */
  async function untilSaved(page, instrument, answered) {
    for (;;) {
      const res = await page.request.get(`/api/v1/assessments/${instrument}/answers`);
      assert.equal(res.status(), 200);
      const draft = await res.json();
      if (draft.answered >= answered) return draft;
      await page.waitForTimeout(100);
    }
  }

  async function answeredOnScreen(page) {
    const text = await page.locator('.take-bar .progress-label').textContent();
    return Number(text.match(/^(\d+) of/)[1]);
  }

  async function finishAndSeeResults(page, title) {
    await page.getByRole('button', { name: 'Finish and see my results' }).click();
    await heading(page, title);
    await page.getByRole('heading', { name: 'Area by area' }).waitFor();
  }

  /** From the current page to the last, answering each with `level`, then Finish. */
  async function answerToTheEnd(page, instrument, title, level) {
    for (;;) {
      const [k, n] = await part(page);
      await answerPage(page, instrument, (item, facet) => level(k, item, facet));
      if (k === n) break;
      await page.getByRole('button', { name: /^Next: / }).click();
      await page.locator('.take-page .eyebrow', { hasText: `Part ${k + 1} of ${n}` }).waitFor();
    }
    await finishAndSeeResults(page, title);
  }

  async function openReport(page) {
    await goToCheckups(page);
    await page.getByRole('link', { name: /Your couple report/ }).click();
    await heading(page, 'Your couple report');
  }

  async function openInstrument(page, testId, action) {
    await goToCheckups(page);
    const card = page.getByTestId(`instrument-${testId}`);
    const title = (await card.getByRole('heading', { level: 2 }).textContent()).trim();
    await card.getByRole('link', { name: `${action} ${title}`, exact: false }).first().click();
    await heading(page, title);
    return title;
  }

  test('Ana, alone: Home invites her to the first check-up; the list starts with it; the report explains it needs two', async () => {
    const { page } = a;
    await signUp(page, ana);
    const list = await (await page.request.get('/api/v1/instruments')).json();
    assert.ok(list.instruments.length >= 2, 'the server lists check-ups');
    distance = [...list.instruments].sort((x, y) => x.order - y.order)[0];
    assert.ok(list.instruments.some((i) => i.id === 'core'), 'core is listed');

    const cta = page.getByRole('link', { name: `Start ${distance.title}` });
    await cta.waitFor();
    await assertNoSeriousA11yProblems(page, 'home with the first check-up');
    await screenshot(page, 'checkups-home-first-step');

    await goToCheckups(page);
    const first = page.getByTestId(`instrument-${distance.id}`);
    assert.match(await first.textContent(), /Start here/);
    assert.match(await first.textContent(), /Not started/);
    const order = await page.locator('.instrument-list > li').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(
      order,
      [...list.instruments].sort((x, y) => x.order - y.order).map((i) => `instrument-${i.id}`),
      'in order',
    );
    await page.getByRole('link', { name: /Your couple report/ }).waitFor();
    await page.getByRole('link', { name: /Why we drift/ }).waitFor();
    await assertNoSeriousA11yProblems(page, 'check-ups list');
    await screenshot(page, 'checkups-list-new');

    await openReport(page);
    await page.getByRole('heading', { name: 'This is for the two of you' }).waitFor();
    await page.locator('main').getByRole('link', { name: 'Invite your partner' }).waitFor();
    await assertNoSeriousA11yProblems(page, 'couple report (no partner)');
    await screenshot(page, 'checkups-report-no-partner');
  });

  test('Ana and Ben pair with an invite code', async () => {
    const code = await createInvite(a.page);
    await signUp(b.page, ben);
    await joinWithCode(b.page, code);
    await b.page.getByRole('heading', { name: `You and ${ana.name} are connected` }).waitFor();
  });

  test('Ana starts core, leaves, and comes back where she was; Finish names the areas still open', async () => {
    const { page } = a;
    coreTitle = await openInstrument(page, 'core', 'Start');
    await page.getByRole('heading', { name: 'Before you begin' }).waitFor();
    const [k, n] = await part(page);
    assert.equal(k, 1);
    assert.ok(n >= 2, 'core has more than one area');
    const ideal = await page.locator('fieldset.facet').count();
    assert.ok(ideal > 0, 'core asks "how it is" and "how I would like it"');
    await assertNoSeriousA11yProblems(page, 'taking a check-up (with ideal rows)');
    await screenshot(page, 'checkups-take-core-start');

    // Part 1: both of them will score it high (a strength).
    await answerPage(page, 'core', () => 'high');
    const onScreen = await answeredOnScreen(page);
    await untilSaved(page, 'core', onScreen);
    await page.getByText('Saved', { exact: true }).waitFor();
    await screenshot(page, 'checkups-take-core-answered');

    // Leave and come back: the first page with open questions opens, with the answers kept.
    await page.reload();
    await heading(page, coreTitle);
    await page.locator('.take-page .eyebrow', { hasText: `Part 2 of ${n}` }).waitFor();
    assert.equal(await answeredOnScreen(page), onScreen);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.locator('.take-page .eyebrow', { hasText: `Part 1 of ${n}` }).waitFor();
    assert.equal(await page.locator('fieldset.question input:checked').count(), onScreen, 'answers are still checked');

    // Skip ahead to the end and try to finish: Hearth names what is still open.
    for (let i = 1; i < n; i += 1) {
      await page.getByRole('button', { name: /^Next: / }).click();
      await page.locator('.take-page .eyebrow', { hasText: `Part ${i + 1} of ${n}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Finish and see my results' }).click();
    const missing = page.getByRole('heading', { name: 'A few more answers, please' });
    await missing.waitFor();
    const listed = await page.locator('.missing-list li').count();
    assert.equal(listed, n - 1, 'every area but the first is named');
    await assertNoSeriousA11yProblems(page, 'taking a check-up (areas still open)');
    await screenshot(page, 'checkups-take-core-missing');

    // Go to the first open area from that list and answer the rest.
    await page.locator('.missing-list').getByRole('button').first().click();
    await page.locator('.take-page .eyebrow', { hasText: `Part 2 of ${n}` }).waitFor();
    // Part 2: both low (a growth area); the rest: Ana high, Ben low (different views).
    await answerToTheEnd(page, 'core', coreTitle, (part) => (part === 2 ? 'low' : 'high'));
  });

  test('Ana sees her own results at once; the couple report waits for Ben', async () => {
    const { page } = a;
    const areas = page.locator('.area-list > li');
    assert.ok((await areas.count()) >= 2);
    const first = areas.first();
    await first.getByText('How it is now').waitFor();
    await first.getByText('How I would like it').waitFor();
    assert.match(await first.locator('.band-chip').textContent(), /\S/, 'a band label');
    assert.match(await first.locator('.band-meaning').textContent(), /\S/, 'what the band means');
    assert.ok(await page.locator('.bar-value').count() >= 4, 'scores are drawn');
    await assertNoSeriousA11yProblems(page, 'my results (core)');
    await screenshot(page, 'checkups-results-core');

    await page.getByRole('link', { name: 'See the couple report' }).click();
    await heading(page, 'Your couple report');
    const notReady = page.getByTestId('report-not-ready');
    await notReady.waitFor();
    assert.ok((await notReady.textContent()).includes(coreTitle), 'the server’s sentence names what is waiting');
    assert.equal(await page.locator('.bar-row').count(), 0, 'no scores before both have finished');
    await assertNoSeriousA11yProblems(page, 'couple report (not ready)');
    await screenshot(page, 'checkups-report-not-ready');
  });

  test('Ben takes core with other answers; a save that fails is shown and tried again, not lost', async () => {
    const { page } = b;
    const title = await openInstrument(page, 'core', 'Start');
    assert.equal(title, coreTitle);

    // The server refuses the next save: Ben is told, his answer stays on screen, and "Try saving again" works.
    const refuse = (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: '/problems/busy', title: 'Busy', status: 503, detail: 'Hearth is busy right now.' }),
          })
        : route.continue();
    await page.route('**/api/v1/assessments/core/answers', refuse);
    const firstGroup = page.locator('fieldset.question').first().locator('fieldset.facet').first();
    await firstGroup.getByRole('radio').last().check();
    const failed = page.getByRole('alert').filter({ hasText: 'Your last answers are not saved yet.' });
    await failed.waitFor();
    assert.ok(await firstGroup.getByRole('radio').last().isChecked(), 'the answer is still there');
    await assertNoSeriousA11yProblems(page, 'taking a check-up (a save failed)');
    await screenshot(page, 'checkups-take-save-failed');
    await page.unroute('**/api/v1/assessments/core/answers', refuse);
    await page.getByRole('button', { name: 'Try saving again' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    await untilSaved(page, 'core', 1);
    assert.equal(await failed.count(), 0);

    // The list shows where he is, and Continue takes him back.
    await goToCheckups(page);
    const card = page.getByTestId('instrument-core');
    assert.match(await card.textContent(), /1 of \d+ answered/);
    await card.getByRole('progressbar').waitFor();
    await assertNoSeriousA11yProblems(page, 'check-ups list (in progress)');
    await screenshot(page, 'checkups-list-in-progress');
    await card.getByRole('link', { name: `Continue ${coreTitle}` }).click();
    await heading(page, coreTitle);

    await answerToTheEnd(page, 'core', coreTitle, (part, item, facet) => (facet === 'ideal' ? 'high' : part === 1 ? 'high' : 'low'));
    await page.getByRole('heading', { name: 'Area by area' }).waitFor();
  });

  test('both read the couple report: scores side by side, grouped, each with a way to start talking', async () => {
    for (const [phone, me, partner] of [
      [a, ana, ben],
      [b, ben, ana],
    ]) {
      const { page } = phone;
      await openReport(page);
      const section = page.getByTestId('section-core');
      await section.waitFor();
      assert.match(await section.getByRole('heading', { level: 2 }).textContent(), new RegExp(coreTitle));
      for (const group of ['Strengths', 'Growth areas', 'Different views']) {
        await section.getByRole('heading', { level: 3, name: new RegExp(`^${group}`) }).waitFor();
      }
      const area = section.locator('.area.paired').first();
      assert.match(await area.locator('.bar-row.me .bar-name').textContent(), /^You$/);
      assert.equal((await area.locator('.bar-row.partner .bar-name').textContent()).trim(), partner.name);
      assert.ok((await section.locator('.starter-text').count()) >= 3, 'a conversation starter per strength, growth area and different view');
      assert.match(await section.locator('.starter-text').first().textContent(), /\w{3}/);
      assert.ok((await section.locator('.gap').count()) > 0, 'how each would like it (ideal gaps)');
      const text = await page.locator('main').textContent();
      assert.ok(!text.includes(me.email) && !text.includes(partner.email), 'no emails on the report');
      await assertNoSeriousA11yProblems(page, `couple report (${me.name})`);
      await screenshot(page, `checkups-report-${me.name.toLowerCase()}`);
    }
  });

  test('Signs of distance, taken twice by Ana: lower is calmer, the change since last time, and the history chart', async () => {
    const { page } = a;
    const title = await openInstrument(page, distance.id, 'Start');
    await answerToTheEnd(page, distance.id, title, () => 'high');
    await page.getByText('Here a lower score is the calmer one.').first().waitFor();
    await assertNoSeriousA11yProblems(page, 'my results (signs of distance, first time)');
    await screenshot(page, 'checkups-results-distance-first');

    await page.getByRole('link', { name: 'Take it again' }).click();
    await heading(page, title);
    await answerToTheEnd(page, distance.id, title, () => 'low');
    await page.locator('.change').first().waitFor();
    assert.match(await page.locator('.change').first().textContent(), /down \d+ since/);
    const history = page.getByRole('heading', { name: 'How it has changed' });
    await history.waitFor();
    await page.waitForFunction(() => {
      const canvas = document.querySelector('#history-chart');
      return canvas && canvas.width > 0 && canvas.height > 0;
    });
    assert.match(await page.getByTestId('history-takeaway').textContent(), /\S/);
    await assertNoSeriousA11yProblems(page, 'my results (signs of distance, with history)');
    await screenshot(page, 'checkups-results-distance-history');

    await goToCheckups(page);
    const card = page.getByTestId(`instrument-${distance.id}`);
    assert.match(await card.textContent(), /Finished on/);
    assert.match(await card.textContent(), /Taken twice/);
    await card.getByRole('link', { name: `See results for ${title}` }).waitFor();
    await card.getByRole('link', { name: `Take again: ${title}` }).waitFor();
    assert.equal(await page.getByText('Start here').count(), 0, 'no "start here" once something is finished');
    await screenshot(page, 'checkups-list-progress');
  });

  test('a check-up with a two-axis map shows the point, the regions and the note', async () => {
    const { page } = a;
    const list = (await (await page.request.get('/api/v1/instruments')).json()).instruments;
    let mapped = null;
    for (const summary of list) {
      const full = await (await page.request.get(`/api/v1/instruments/${summary.id}`)).json();
      if (full.map) mapped = full;
    }
    assert.ok(mapped, 'an instrument with a map (attachment) is offered');
    for (const phone of [a, b]) {
      await openInstrument(phone.page, mapped.id, 'Start');
      await answerToTheEnd(phone.page, mapped.id, mapped.title, (part) => (phone === a ? (part === 1 ? 'high' : 'low') : 'low'));
    }
    await page.reload();
    await heading(page, mapped.title);
    await page.getByRole('heading', { name: 'Where you are on the map' }).waitFor();
    assert.equal((await page.getByTestId('map-note').textContent()).trim(), mapped.map.note);
    assert.equal(await page.locator('.map-region').count(), 4);
    assert.equal(await page.locator('.map-dot').count(), 1);
    await assertNoSeriousA11yProblems(page, 'my results (map)');
    await screenshot(page, 'checkups-results-map');

    await openReport(page);
    const section = page.getByTestId(`section-${mapped.id}`);
    await section.getByRole('heading', { name: 'Where you each are on the map' }).waitFor();
    assert.equal(await section.locator('.map-dot').count(), 2);
    await screenshot(page, 'checkups-report-with-map');
  });

  test('the cause profile ranks causes with levels, evidence and what helps', async () => {
    const { page } = a;
    await goToCheckups(page);
    await page.getByRole('link', { name: /Why we drift/ }).click();
    await heading(page, 'Why we drift');
    const causes = page.locator('.cause-list > li');
    await causes.first().waitFor();
    assert.ok((await causes.count()) >= 1);
    const levels = await page.locator('.level-badge').allTextContents();
    assert.ok(levels.every((l) => /^(Likely|Possible|Less likely|Not measured yet)$/.test(l)), levels.join(', '));
    assert.ok((await page.locator('.cause-note').textContent()).trim().length > 0, 'the note is shown');
    assert.ok((await page.locator('.chip').count()) > 0, 'practice tags');
    await assertNoSeriousA11yProblems(page, 'why we drift');
    await screenshot(page, 'checkups-causes');
  });

  test('the five tabs fit a 360 px phone', async () => {
    const { page } = a;
    await page.setViewportSize({ width: 360, height: 740 });
    await goToCheckups(page);
    const overflow = await page
      .locator('.tabs a')
      .evaluateAll((links) => links.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
    assert.deepEqual(overflow, [], 'no tab label spills out of its tab');
    await screenshot(page, 'checkups-list-360', { fullPage: false });
  });

  test('nothing broke the Content-Security-Policy or threw in the page', async () => {
    for (const phone of [a, b]) {
      assert.deepEqual(await cspViolations(phone.page), []);
      // Refused requests (409, 404, the 503 above) are logged by the browser itself; anything else is ours.
      const ours = phone.seen.consoleErrors.filter((e) => !/^Failed to load resource/.test(e));
      assert.deepEqual(ours, []);
    }
  });
});
