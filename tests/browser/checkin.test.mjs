// The daily check-in, insights, the positive cycle and the journey, in two phone browsers against the
// real server. Ana and Ben pair, both check in through the web app (different values; Ana shares her line
// of appreciation, Ben keeps his private), Home shows "checked in today" and the week's dots, the same day
// can be edited, insights show both lines and only what is shared, the cycle says it needs more days, the
// journey shows the first check-ins, and the check-ins download as CSV and JSON. A second story opens the
// demo couple's 90 days: the charts draw, the weekly summary has one thing to try, and the cycle shows the
// closeness → affection link with its range.
// axe-core checks every new screen; screenshots go to test-output/screenshots/checkin-*.png.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hearthBinary } from '../support/server.mjs';
import {
  assertNoSeriousA11yProblems,
  createInvite,
  cspViolations,
  goTo,
  heading,
  joinWithCode,
  launchBrowser,
  logIn,
  openPhone,
  person,
  screenshot,
  signUp,
  startHearth,
  stepByStep,
} from './helpers.mjs';

const zone = 'Europe/Berlin';

/** Today in `zone`, YYYY-MM-DD, as the web app works it out. */
function todayIn(timeZone) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Picks a point on one of the check-in's scales (a real radio button). */
async function pick(page, field, name) {
  await page.locator(`#${field}-group`).getByRole('radio', { name, exact: true }).check();
}

async function quickPick(page, field, name) {
  await page.getByRole('group', { name: `Quick picks: ${field}` }).getByRole('button', { name, exact: true }).click();
}

/** The words on the screen, for privacy checks: what a person could read. */
const mainText = (page) => page.locator('main').innerText();

/** Pixels Chart.js has painted on a canvas: a drawn chart has many, an empty canvas none. */
/**
 * How many pixels of a canvas are painted, once it has more than `enough` (the chart library draws
 * a frame after the canvas gets its size) or after 10 s, whichever comes first.
 */
async function paintedPixels(page, selector, enough = 2000) {
  const painted = ([sel, min]) => {
    const canvas = document.querySelector(sel);
    if (!canvas || canvas.width === 0) return min === undefined ? 0 : false;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
    return min === undefined ? n : n > min;
  };
  await page.waitForFunction(painted, [selector, enough], { timeout: 10000 }).catch(() => {});
  return page.evaluate(painted, [selector]);
}

describe('daily check-in, insights, the positive cycle and the journey, in two browsers', () => {
  const test = stepByStep();
  let server;
  let browser;
  const ana = person('Ana');
  const ben = person('Ben');
  let a; // Ana's phone
  let b; // Ben's phone
  const anaLine = 'Thank you for the tea you brought me this morning.';
  const benLine = 'A quiet note I keep for myself about the long drive.';

  before(async () => {
    server = await startHearth();
    browser = await launchBrowser();
    a = await openPhone(browser, server.url, { timezoneId: zone });
    b = await openPhone(browser, server.url, { timezoneId: zone });
    // Charts drawn at once, not animated: screenshots and checks see the finished picture.
    await a.page.emulateMedia({ reducedMotion: 'reduce' });
    await b.page.emulateMedia({ reducedMotion: 'reduce' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('Ana, new: the check-in is the first thing on Home; insights and the cycle invite a first check-in', async () => {
    const { page } = a;
    await signUp(page, ana);
    const first = page.locator('main .card').first();
    await first.getByRole('heading', { name: 'How was today?' }).waitFor();
    await first.getByRole('link', { name: 'Check in', exact: true }).waitFor();
    await assertNoSeriousA11yProblems(page, 'home with the check-in first');
    await screenshot(page, 'checkin-home-new');

    await goTo(page, 'Insights');
    await page.getByRole('heading', { name: 'It starts with one check-in' }).waitFor();
    await page.locator('main').getByRole('link', { name: 'Check in for today' }).waitFor();
    assert.equal(await page.locator('canvas').count(), 0, 'no empty charts for someone with no check-ins');
    await assertNoSeriousA11yProblems(page, 'insights (empty)');
    await screenshot(page, 'checkin-insights-empty');

    await page.goto('/#/insights/cycle');
    await heading(page, 'The positive cycle');
    await page.getByTestId('not-enough').waitFor();
    assert.match(await page.getByTestId('not-enough').innerText(), /0 of 21 day pairs so far/);
    await assertNoSeriousA11yProblems(page, 'the positive cycle (alone, empty)');
    await screenshot(page, 'checkin-cycle-empty');
  });

  test('Ana and Ben pair with an invite code', async () => {
    const code = await createInvite(a.page);
    await signUp(b.page, ben);
    await joinWithCode(b.page, code);
    await b.page.getByRole('heading', { name: `You and ${ana.name} are connected` }).waitFor();
  });

  test('Ana checks in: kind messages for what is missing, focused time within time together, keyboard on the scales', async () => {
    const { page } = a;
    await goTo(page, 'Home');
    await page.locator('main .card').first().getByRole('link', { name: 'Check in', exact: true }).click();
    await heading(page, 'How was today?');
    await page.locator('#connection-group').waitFor();
    // Who sees what, said plainly beside Save.
    assert.match(
      await page.getByTestId('who-sees').innerText(),
      new RegExp(`${ben.name} sees: connection, closeness, affection, time together, screens\\.\\s+Only you see: mood, stress, self-care\\.`),
    );
    await assertNoSeriousA11yProblems(page, 'check-in (empty)');
    await screenshot(page, 'checkin-form-empty');

    // Save with nothing chosen: every question says so, next to itself.
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.locator('#connection-error').waitFor();
    const messages = await page.locator('.checkin-form .field-error').count();
    assert.equal(messages, 9, 'nine answers are needed (the appreciation is optional)');
    await assertNoSeriousA11yProblems(page, 'check-in (with messages)');
    await screenshot(page, 'checkin-form-errors');

    // Scales are radio groups: arrow keys move along them.
    await pick(page, 'connection', '7');
    await page.locator('#connection-group').getByRole('radio', { name: '7', exact: true }).press('ArrowRight');
    assert.ok(await page.locator('#connection-group').getByRole('radio', { name: '8', exact: true }).isChecked(), 'ArrowRight moves to 8');
    assert.equal(await page.locator('#connection-error').count(), 0, 'an answer clears its message');
    await pick(page, 'closeness', '7');
    await pick(page, 'affection', '6');
    await quickPick(page, 'time together today', '1 h');
    assert.equal(await page.locator('#minutes_together').inputValue(), '60');
    // More focused time than time together: said at once, next to the field.
    await page.locator('#focused_minutes').fill('90');
    assert.match(await page.locator('#focused_minutes-error').innerText(), /at most 60 minutes/);
    await quickPick(page, 'of that, focused and phone-free', '30 min');
    assert.equal(await page.locator('#focused_minutes-error').count(), 0);
    await pick(page, 'tech_interference', '2');
    await pick(page, 'mood', 'Good');
    await pick(page, 'stress', 'A little');
    await pick(page, 'self_care', 'Yes');
    await page.getByLabel(/Something you appreciated about Ben today/).fill(anaLine);
    assert.ok(await page.getByRole('radio', { name: 'Keep it private — only you' }).isChecked(), 'private unless chosen');
    await page.getByRole('radio', { name: `Share it with ${ben.name}` }).check();
    assert.match(await page.getByTestId('who-sees').innerText(), /Ben sees: .*screens, and your line of appreciation\./);

    const [put] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/v1/checkins/')),
      page.getByRole('button', { name: 'Save check-in' }).click(),
    ]);
    // The day is the local day where Ana is, and her time zone goes with it.
    assert.ok(put.url().endsWith(`/api/v1/checkins/${todayIn(zone)}`), put.url());
    const body = put.postDataJSON();
    assert.equal(body.time_zone, zone);
    assert.deepEqual(
      { ...body, time_zone: undefined },
      {
        connection: 8,
        closeness: 7,
        affection: 6,
        minutes_together: 60,
        focused_minutes: 30,
        tech_interference: 2,
        mood: 4,
        stress: 2,
        self_care: true,
        appreciation: { text: anaLine, shared: true },
        time_zone: undefined,
      },
    );
    await page.getByText(/^Saved — thank you for taking a minute/).waitFor();
    assert.match(await page.getByTestId('rhythm').innerText(), /1 day this week/);
    assert.doesNotMatch(await mainText(page), /streak/i);
    await assertNoSeriousA11yProblems(page, 'check-in (saved)');
    await screenshot(page, 'checkin-form-saved');
  });

  test('Ben checks in with other values and keeps his line private', async () => {
    const { page } = b;
    await page.goto('/#/checkin');
    await heading(page, 'How was today?');
    await page.locator('#connection-group').waitFor();
    await pick(page, 'connection', '4');
    await pick(page, 'closeness', '3');
    await pick(page, 'affection', '2');
    await page.locator('#minutes_together').fill('45');
    await quickPick(page, 'of that, focused and phone-free', 'All of it');
    assert.equal(await page.locator('#focused_minutes').inputValue(), '45');
    await pick(page, 'tech_interference', '7');
    await pick(page, 'mood', 'Very low');
    await pick(page, 'stress', 'Very much');
    await pick(page, 'self_care', 'Not today');
    await page.getByLabel(/Something you appreciated about Ana today/).fill(benLine);
    assert.match(await page.getByTestId('who-sees').innerText(), /Only you see: mood, stress, self-care, and your line of appreciation\./);
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await page.getByText(/^Saved — thank you/).waitFor();
  });

  test('Home: "checked in today" with the week’s dots; only a shared line reaches the partner', async () => {
    for (const [phone, partner, theirLine, shared] of [
      [a, ben, benLine, false],
      [b, ana, anaLine, true],
    ]) {
      const { page } = phone;
      await goTo(page, 'Home');
      await page.getByTestId('checked-in-today').waitFor();
      await page.getByRole('link', { name: 'Edit today’s check-in' }).waitFor();
      assert.match(await page.getByTestId('rhythm').innerText(), /1 day this week/);
      if (shared) {
        await page.getByRole('heading', { name: `From ${partner.name}` }).waitFor();
        assert.match(await mainText(page), new RegExp(theirLine));
      } else {
        assert.equal(await page.getByRole('heading', { name: `From ${partner.name}` }).count(), 0);
        assert.doesNotMatch(await mainText(page), new RegExp(theirLine));
      }
    }
    await assertNoSeriousA11yProblems(b.page, 'home (checked in, with a shared line)');
    await screenshot(a.page, 'checkin-home-done');
    await screenshot(b.page, 'checkin-home-shared-line');
  });

  test('the same day can be edited: the answers come back, a change is saved, still one check-in', async () => {
    const { page } = a;
    await page.getByRole('link', { name: 'Edit today’s check-in' }).click();
    await heading(page, 'Today’s check-in');
    assert.ok(await page.locator('#connection-group').getByRole('radio', { name: '8', exact: true }).isChecked());
    assert.equal(await page.locator('#minutes_together').inputValue(), '60');
    assert.equal(await page.getByLabel(/Something you appreciated/).inputValue(), anaLine);
    await pick(page, 'closeness', '9');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Your changes are saved/).waitFor();
    await page.reload();
    await heading(page, 'Today’s check-in');
    await page.locator('#closeness-group').waitFor();
    assert.ok(await page.locator('#closeness-group').getByRole('radio', { name: '9', exact: true }).isChecked());
    const list = await (await page.request.get(`/api/v1/checkins?time_zone=${encodeURIComponent(zone)}`)).json();
    assert.equal(list.checkins.length, 1);
    assert.equal(list.rhythm.count, 1);
  });

  test('a day that has ended and a refused value are explained next to Save and the field', async () => {
    const { page } = a;
    // The page was left open past midnight: the server refuses yesterday's date (409 not-today).
    await page.route('**/api/v1/checkins/*', (route) =>
      route.request().method() === 'PUT'
        ? route.continue({ url: route.request().url().replace(/\d{4}-\d{2}-\d{2}$/, '2020-01-01') })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Start today’s check-in' }).waitFor();
    assert.match(await page.locator('.new-day').innerText(), /Nothing you saved is lost/);
    await assertNoSeriousA11yProblems(page, 'check-in (the day has ended)');
    await screenshot(page, 'checkin-form-new-day');
    await page.unroute('**/api/v1/checkins/*');

    // A value the server will not take is shown beside its own question.
    await page.route('**/api/v1/checkins/*', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 422,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: '/problems/invalid-field', status: 422, field: 'closeness', detail: 'Closeness is a number from 0 to 10.' }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Start today’s check-in' }).click();
    await heading(page, 'Today’s check-in');
    await page.locator('#closeness-group').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    assert.equal(await page.locator('#closeness-error').innerText(), 'Closeness is a number from 0 to 10.');
    await page.unroute('**/api/v1/checkins/*');
  });

  test('insights: both lines of closeness, the shared line but never the private one, nor the partner’s mood or stress', async () => {
    for (const [phone, me, partner, partnerLine, partnerShared] of [
      [a, ana, ben, benLine, false],
      [b, ben, ana, anaLine, true],
    ]) {
      const { page } = phone;
      await goTo(page, 'Insights');
      await page.getByTestId('closeness').waitFor();
      await page.getByRole('heading', { name: 'Closeness, side by side' }).waitFor();
      await page.waitForFunction(() => document.querySelector('#closeness-chart')?.width > 0);
      // Both people's numbers are there (the chart's text alternative and its table).
      const label = await page.locator('#closeness-chart').getAttribute('aria-label');
      assert.match(label, new RegExp(`You: 1 day, average \\d+ of 10; ${partner.name}: 1 day, average \\d+ of 10`));
      const columns = await page.getByTestId('closeness').locator('thead th').allTextContents();
      assert.deepEqual(columns, ['Day', 'You', partner.name]);
      assert.ok((await paintedPixels(page, '#closeness-chart')) > 500, 'the closeness chart is drawn');

      const text = await mainText(page);
      assert.equal(text.includes(partnerLine), partnerShared, `${me.name} sees ${partner.name}'s line only if shared`);
      assert.ok(text.includes(me === ana ? anaLine : benLine), 'my own line is there for me');
      // Mood, stress and self-care are mine only: no row for the partner.
      for (const metric of ['mood', 'stress', 'self_care']) {
        const row = await page.getByTestId(`average-${metric}`).innerText();
        assert.doesNotMatch(row, new RegExp(partner.name), `${metric} shows only me`);
      }
      assert.doesNotMatch(text, new RegExp(`${partner.name}[^.\\n]{0,40}\\b(mood|stress|self-care)\\b`, 'i'));
      // And the server did not send them.
      const data = await (await page.request.get(`/api/v1/insights?days=7&time_zone=${encodeURIComponent(zone)}`)).json();
      for (const day of data.series.filter((d) => d.partner)) {
        assert.deepEqual(Object.keys(day.partner).sort(), ['affection', 'closeness', 'connection', 'focused_minutes', 'minutes_together', 'tech_interference']);
      }
      assert.match(await page.getByTestId('weekly').innerText(), /at least 3 check-ins in each of the last two weeks/);
    }
    const { page } = b;
    await assertNoSeriousA11yProblems(page, 'insights (two partners, one day)');
    await screenshot(page, 'checkin-insights-two');

    await page.getByRole('button', { name: '7 days' }).click();
    await page.getByRole('heading', { name: 'Over the last 7 days' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed'), 'true');
  });

  test('the positive cycle: not enough data yet, with the day pairs so far, and never a claim of cause', async () => {
    const { page } = a;
    await page.getByRole('link', { name: /The positive cycle/ }).click();
    await heading(page, 'The positive cycle');
    await page.getByTestId('not-enough').waitFor();
    assert.match(await page.getByTestId('not-enough').innerText(), /0 of 21 day pairs so far/);
    const verdicts = await page.locator('.verdict-chip').allInnerTexts();
    assert.equal(verdicts.length, 5, 'two links from one day to the next, three on the same day');
    assert.ok(verdicts.every((v) => v === 'Not enough data yet'), verdicts.join(', '));
    assert.match(await page.getByTestId('cycle-note').innerText(), /never prove a cause/);
    await assertNoSeriousA11yProblems(page, 'the positive cycle (not enough data)');
    await screenshot(page, 'checkin-cycle-not-enough');
  });

  test('the journey shows the first check-ins, newest first, with who and when', async () => {
    const { page } = a;
    await page.getByRole('link', { name: 'Your journey' }).click();
    await heading(page, 'Your journey');
    await page.locator('.timeline').first().waitFor();
    const titles = await page.locator('.moment-title').allInnerTexts();
    assert.ok(titles.includes('Your 1st check-in'), titles.join(' | '));
    assert.ok(titles.includes(`${ben.name}'s 1st check-in`), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('paired up')), titles.join(' | '));
    assert.equal(titles[titles.length - 1], 'You started with Hearth', 'the beginning comes last');
    await assertNoSeriousA11yProblems(page, 'journey');
    await screenshot(page, 'checkin-journey');
  });

  test('Settings: my check-ins download as CSV and JSON with the session cookie', async () => {
    const { page } = a;
    await goTo(page, 'Settings');
    const csvLink = page.getByRole('link', { name: 'Download CSV of my check-ins' });
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    assert.equal(download.suggestedFilename(), 'hearth-checkins.csv');
    const csv = await (await page.request.get(await csvLink.getAttribute('href'))).text();
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines.length, 2, 'a header and today');
    assert.ok(lines[1].startsWith(`${todayIn(zone)},8,9,6,60,30,2,4,2,true,`), lines[1]);
    const json = await (await page.request.get(await page.getByRole('link', { name: 'Download JSON of my check-ins' }).getAttribute('href'))).json();
    assert.equal(json.checkins.length, 1);
    assert.equal(json.checkins[0].appreciation.text, anaLine);
    await screenshot(page, 'checkin-settings-downloads');
  });

  test('five tabs and Settings fit a 360 px phone', async () => {
    const { page } = a;
    await page.setViewportSize({ width: 360, height: 740 });
    await goTo(page, 'Insights');
    await page.getByTestId('closeness').waitFor();
    const overflow = await page
      .locator('.tabs a, .settings-link')
      .evaluateAll((links) => links.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent));
    assert.deepEqual(overflow, [], 'no label spills out');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `the page is ${wide} px wide at 360`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).waitFor();
    await screenshot(page, 'checkin-insights-360', { fullPage: false });
    await page.goto('/#/checkin');
    await page.locator('#connection-group').waitFor();
    const checkinWide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(checkinWide <= 360, `the check-in is ${checkinWide} px wide at 360`);
    await screenshot(page, 'checkin-form-360');
  });

  test('nothing broke the Content-Security-Policy or threw in the page', async () => {
    for (const phone of [a, b]) {
      assert.deepEqual(await cspViolations(phone.page), []);
      // Refused requests (the 409 and 422 above) are logged by the browser itself; anything else is ours.
      const ours = phone.seen.consoleErrors.filter((e) => !/^Failed to load resource/.test(e));
      assert.deepEqual(ours, []);
      const external = phone.seen.requests.filter((u) => !u.startsWith(server.url));
      assert.deepEqual(external, [], 'no request leaves the server');
    }
  });
});

describe('insights on 90 days of demo data', { skip: process.env.HEARTH_TEST_URL ? 'needs its own server' : false }, () => {
  const test = stepByStep();
  let server;
  let browser;
  let phone;

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-demo-'));
    const made = spawnSync(hearthBinary, ['demo', '--data', dataDir, '--couples', '1', '--days', '90'], { encoding: 'utf8' });
    assert.equal(made.status, 0, `hearth demo failed:\n${made.stdout}${made.stderr}`);
    server = await startHearth({ dataDir });
    browser = await launchBrowser();
    phone = await openPhone(browser, server.url);
    await phone.page.emulateMedia({ reducedMotion: 'reduce' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('Maya logs in; insights draw closeness, affection and time together over 30 and 90 days', async () => {
    const { page } = phone;
    await logIn(page, { email: 'maya@demo.hearth', password: 'hearth-demo-password' });
    await heading(page, /, Maya$/);
    await goTo(page, 'Insights');
    for (const id of ['closeness', 'affection', 'time']) {
      await page.getByTestId(id).waitFor();
      await page.waitForFunction((sel) => document.querySelector(sel)?.width > 0, `#${id}-chart`);
      assert.ok((await paintedPixels(page, `#${id}-chart`)) > 2000, `the ${id} chart is drawn`);
    }
    assert.match(await page.getByTestId('average-closeness').innerText(), /Daniel/);
    await assertNoSeriousA11yProblems(page, 'insights (demo, 30 days)');
    await screenshot(page, 'checkin-demo-insights-30');

    await page.getByRole('button', { name: '90 days' }).click();
    await page.getByRole('heading', { name: 'Over the last 90 days' }).waitFor();
    await page.waitForFunction(() => /90 days/.test(document.querySelector('#closeness-chart')?.getAttribute('aria-label') ?? ''));
    assert.ok((await paintedPixels(page, '#closeness-chart')) > 2000);
    await screenshot(page, 'checkin-demo-insights-90');
  });

  test('the weekly summary says what went well or dipped, and one thing to try with why', async () => {
    const { page } = phone;
    const weekly = page.getByTestId('weekly');
    await weekly.getByRole('heading', { name: 'What went well' }).waitFor();
    await weekly.getByRole('heading', { name: 'What dipped' }).waitFor();
    const tryThis = page.getByTestId('weekly-try');
    await tryThis.getByRole('heading', { name: 'One thing to try' }).waitFor();
    assert.ok((await tryThis.locator('.try-text').innerText()).trim().length > 20, 'a real suggestion');
    assert.match(await tryThis.locator('.try-why').innerText(), /^Why this: .{20,}/);
  });

  test('the positive cycle shows the closeness → affection link with its 95% range', async () => {
    const { page } = phone;
    await page.getByRole('link', { name: /The positive cycle/ }).click();
    await heading(page, 'The positive cycle');
    const link = page.getByTestId('lagged-closeness-affection');
    await link.waitFor();
    assert.equal(await page.getByTestId('not-enough').count(), 0);
    assert.equal(await link.locator('.verdict-chip').innerText(), 'Goes with more');
    assert.equal(await link.locator('.interval-dot').count(), 1, 'the estimate is drawn');
    assert.equal(await link.locator('.interval-range').count(), 1, 'with its range');
    assert.match(
      await link.innerText(),
      /affection the next day was on average \d+(\.\d+)? points? higher than usual \(95% range: \d+(\.\d+)? to \d+(\.\d+)?\)/,
    );
    await page.getByTestId('cycle-chart').waitFor();
    await page.waitForFunction(() => document.querySelector('#cycle-series-chart')?.width > 0);
    assert.ok((await paintedPixels(page, '#cycle-series-chart')) > 2000, 'the 90-day chart is drawn');
    assert.equal(await page.locator('[data-testid^="same-day-"] .interval').count(), 3, 'three same-day links, each with its range');
    await assertNoSeriousA11yProblems(page, 'the positive cycle (demo)');
    await screenshot(page, 'checkin-demo-cycle');
  });

  test('the journey of the demo couple, and no CSP problems', async () => {
    const { page } = phone;
    await page.goto('/#/journey');
    await heading(page, 'Your journey');
    await page.locator('.timeline').first().waitFor();
    assert.ok((await page.locator('.moment').count()) >= 5);
    await assertNoSeriousA11yProblems(page, 'journey (demo)');
    await screenshot(page, 'checkin-demo-journey');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(phone.seen.consoleErrors.filter((e) => !/^Failed to load resource/.test(e)), []);
  });
});
