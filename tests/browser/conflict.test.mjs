// Two partners talk a disagreement through in two phone browsers, against the real server:
// private sides with the live coach, the paired reveal, restatements (one sent back), ideas, an
// agreement, a break in the middle, and the patterns page. axe-core checks the key screens.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoSeriousA11yProblems,
  createInvite,
  cspViolations,
  goTo,
  heading,
  joinWithCode,
  launchBrowser,
  openPhone,
  person,
  screenshot,
  signUp,
  startHearth,
  stepByStep,
} from './helpers.mjs';

describe('talking a disagreement through, in two browsers', () => {
  const test = stepByStep();
  let server;
  let browser;
  const ana = person('Ana');
  const ben = person('Ben');
  let a; // Ana's phone
  let b; // Ben's phone
  let conflictPath; // "#/conflicts/<id>"
  const topic = 'Weekend plans';
  const benHappened = 'On Saturday the whole day got planned with your friends before I knew about it.';

  before(async () => {
    server = await startHearth();
    browser = await launchBrowser();
    a = await openPhone(browser, server.url);
    b = await openPhone(browser, server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });


  /** Types like a person, key by key, so the coach sees the text grow. */
  async function typeInto(page, label, text) {
    const field = page.getByRole('textbox', { name: label, exact: true });
    await field.click();
    await field.pressSequentially(text, { delay: 25 });
    return field;
  }

  async function openConflict(page) {
    await page.goto(`/${conflictPath}`);
    await heading(page, topic);
  }

  /** Presses "Check again" (shown while waiting for the partner) and waits for the server's answer. */
  async function checkAgain(page) {
    const answered = page.waitForResponse((r) => /\/api\/v1\/conflicts\/\d+$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Check again' }).first().click();
    await answered;
  }

  async function reload(page) {
    await page.reload();
    await heading(page, topic);
  }

  test('before pairing, the screen explains kindly why the tools are not there yet', async () => {
    await signUp(a.page, ana);
    await goTo(a.page, 'Talk it through');
    const main = a.page.locator('main');
    await a.page.getByRole('heading', { name: 'This is for the two of you' }).waitFor();
    assert.equal(await main.getByRole('button').count(), 0, 'no buttons that could not work');
    await main.getByRole('link', { name: 'Invite your partner' }).waitFor();
    await screenshot(a.page, 'conflict-no-partner');

    const code = await createInvite(a.page);
    await signUp(b.page, ben);
    await joinWithCode(b.page, code);
    await b.page.getByRole('heading', { name: `You and ${ana.name} are connected` }).waitFor();
  });

  test('the list starts empty and honest; Ana starts talking about something', async () => {
    const { page } = a;
    await goTo(page, 'Talk it through');
    await page.getByText(/Nothing here yet/).waitFor();
    await assertNoSeriousA11yProblems(page, 'conflict list (empty)');
    await screenshot(page, 'conflict-list-empty');

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.locator('#topic-error').waitFor();
    await page.getByLabel('What is it about?').fill(topic);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await heading(page, topic);
    conflictPath = new URL(page.url()).hash;
    assert.match(conflictPath, /^#\/conflicts\/\d+$/);
    const current = page.locator('.stepper [aria-current="step"]');
    assert.match(await current.textContent(), /Your side/);
    assert.ok((await page.getByTestId('next').textContent()).length > 10, 'the server says what to do next');
  });

  test('the coach answers live while Ana types: harsh words gently, helpful ones with encouragement', async () => {
    const { page } = a;
    await typeInto(page, 'What happened', 'You never listen to me');
    const harsh = page.locator('#happened-coach .coach-flag.harsh').first();
    await harsh.waitFor();
    const flags = await page.locator('#happened-coach .coach-flag.harsh').evaluateAll((els) => els.map((e) => e.dataset.flag));
    assert.ok(
      flags.some((f) => f === 'absolute' || f === 'blame'),
      `expected "absolute" or "blame" among the harsh flags, got ${flags.join(', ')}`,
    );
    // The words that triggered it are quoted and marked, with a reason.
    const marked = await page.locator('#happened-coach mark').allTextContents();
    assert.ok(marked.some((m) => /never|you/i.test(m)), `marked words: ${marked.join(' | ')}`);
    assert.ok((await page.locator('#happened-coach .flag-reason').first().textContent()).trim().length > 0);
    await screenshot(page, 'conflict-writing-coach-harsh');

    // When the coach proposes another way to say it, "Use this" puts it in the field.
    const use = page.locator('#happened-coach').getByRole('button', { name: 'Use this' });
    if (await use.count()) {
      const suggested = (await page.locator('#happened-coach .coach-rewrite q').textContent()).trim();
      await use.click();
      assert.equal(await page.getByLabel('What happened', { exact: true }).inputValue(), suggested);
    }
    await page.getByLabel('What happened', { exact: true }).fill('');
    await typeInto(
      page,
      'What happened',
      'On Friday evening I started telling you about my week and you kept looking at your phone.',
    );

    await typeInto(page, 'What I felt', 'I feel lonely and a bit invisible when that happens.');
    const helpful = page.locator('#felt-coach .coach-flag.helpful[data-flag="i_statement"]');
    await helpful.waitFor();
    assert.match(await helpful.textContent(), /Speaking for yourself/);
    await assertNoSeriousA11yProblems(page, 'conflict writing (coach feedback visible)');
    await screenshot(page, 'conflict-writing-coach');

    await typeInto(page, 'What I need underneath', 'I need to feel that you are with me when we talk.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved. Only you can see it.').waitFor();
  });

  test('Ana submits and cannot see Ben’s side, even his draft; Ben submits; both see both sides', async () => {
    // Ben saves a draft first: it must not reach Ana.
    await openConflict(b.page);
    await b.page.getByLabel('What happened', { exact: true }).fill(benHappened);
    await b.page.getByLabel('What I felt', { exact: true }).fill('I felt cornered, and then I went quiet.');
    await b.page.getByLabel('What I need underneath', { exact: true }).fill('I need us to plan weekends together.');
    await b.page.getByRole('button', { name: 'Save draft' }).click();
    await b.page.getByText('Draft saved. Only you can see it.').waitFor();

    const { page } = a;
    assert.match(await page.locator('main').textContent(), /will see this only when they have\s+submitted theirs too/);
    await page.getByRole('button', { name: 'Submit my side' }).click();
    await page.getByRole('heading', { name: 'Your side is in' }).waitFor();
    await checkAgain(page);
    await page.getByText(/^Checked at /).waitFor();
    const text = await page.locator('main').textContent();
    assert.ok(!text.includes(benHappened), 'Ben’s draft is not shown to Ana');
    assert.ok(!text.includes('cornered'), 'Ben’s draft is not shown to Ana');
    await screenshot(page, 'conflict-waiting-for-partner');

    await reload(b.page);
    await b.page.getByText(`${ana.name} has already submitted their side.`).waitFor();
    await b.page.getByRole('button', { name: 'Submit my side' }).click();
    await b.page.getByRole('heading', { name: 'Both sides' }).waitFor();
    assert.match(await b.page.locator('main').textContent(), /looking at your phone/);

    await checkAgain(page);
    await page.getByRole('heading', { name: 'Both sides' }).waitFor();
    assert.ok((await page.locator('main').textContent()).includes(benHappened));
    assert.match(await page.locator('.stepper [aria-current="step"]').textContent(), /Understand each other/);
    await screenshot(page, 'conflict-both-sides');
  });

  test('Ana restates Ben’s view; Ben says “not quite”; Ana tries again; Ben confirms', async () => {
    const { page } = a;
    const label = `${ben.name}’s view, in your own words`;
    await typeInto(page, label, 'You felt left out because the weekend was planned without you.');
    await page.locator('#restatement-coach .coach-summary').filter({ hasText: /\S/ }).waitFor();
    await page.getByRole('button', { name: `Send to ${ben.name}` }).click();
    await page.getByText(`Waiting for ${ben.name} to read it.`).waitFor();
    // Until Ben has read it, Ana may still change it.
    await page.getByRole('button', { name: 'Change what you wrote' }).click();
    await typeInto(page, label, ' It felt like I decided for you.');
    await page.getByRole('button', { name: `Send to ${ben.name}` }).click();
    await page.getByText(`Waiting for ${ben.name} to read it.`).waitFor();
    assert.match(await page.locator('.quote').last().textContent(), /decided for you/);

    await reload(b.page);
    await b.page.getByRole('heading', { name: `How ${ana.name} heard you` }).waitFor();
    await b.page
      .getByText('You felt left out because the weekend was planned without you. It felt like I decided for you.')
      .waitFor();
    await screenshot(b.page, 'conflict-restatement-answer');
    await b.page.getByRole('button', { name: 'Not quite — try again' }).click();
    await b.page.getByText(`You asked ${ana.name} to try again.`).waitFor();

    await checkAgain(page);
    await page.getByText(`${ben.name} said it is not quite there yet.`, { exact: false }).waitFor();
    const field = page.getByRole('textbox', { name: label, exact: true });
    await field.fill('');
    await typeInto(
      page,
      label,
      'You felt cornered when the day was planned before you knew, and you need us to plan weekends together.',
    );
    await page.getByRole('button', { name: `Send to ${ben.name}` }).click();
    await page.getByText(`Waiting for ${ben.name} to read it.`).waitFor();

    await reload(b.page);
    await b.page.getByText(/you need us to plan weekends together/).waitFor();
    await b.page.getByRole('button', { name: 'Yes, that’s it' }).click();
    await b.page.getByTestId('partner-restatement-status').filter({ hasText: 'You said: yes, that’s it.' }).waitFor();
  });

  test('Ben restates Ana’s view and Ana confirms; the ideas step opens', async () => {
    await typeInto(b.page, `${ana.name}’s view, in your own words`, 'You felt lonely when I looked at my phone while you talked.');
    await b.page.getByRole('button', { name: `Send to ${ana.name}` }).click();
    await b.page.getByText(`Waiting for ${ana.name} to read it.`).waitFor();

    const { page } = a;
    await reload(page);
    await page.getByText('You felt lonely when I looked at my phone while you talked.').waitFor();
    await page.getByRole('button', { name: 'Yes, that’s it' }).click();
    await page.getByRole('heading', { name: 'Ideas', exact: true }).waitFor();
    assert.match(await page.locator('.stepper [aria-current="step"]').textContent(), /Ideas/);
  });

  test('both add ideas; Ana proposes a two-step agreement', async () => {
    const { page } = a;
    await page.getByLabel('Add an idea').fill('Phones away during dinner.');
    await page.getByRole('button', { name: 'Add idea' }).click();
    await page.locator('.ideas').getByText('Phones away during dinner.').waitFor();
    await page.getByText(`Once ${ben.name} has added an idea too`).waitFor();

    await reload(b.page);
    await b.page.getByRole('heading', { name: 'Ideas', exact: true }).waitFor();
    await b.page.getByLabel('Add an idea').fill('Plan the weekend together on Thursday evening.');
    await b.page.getByRole('button', { name: 'Add idea' }).click();
    await b.page.locator('.ideas').getByText('Plan the weekend together on Thursday evening.').waitFor();

    await reload(page);
    const ideas = page.locator('.ideas li');
    assert.equal(await ideas.count(), 2);
    assert.match(await ideas.nth(1).textContent(), new RegExp(ben.name));
    await page.getByRole('textbox', { name: 'Step 1' }).fill('Phones go in the basket at dinner.');
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByRole('textbox', { name: 'Step 2' }).fill('Thursday evening we plan the weekend together.');
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByRole('button', { name: 'Remove step 3' }).click();
    assert.equal(await page.locator('.step-inputs li').count(), 2);
    await screenshot(page, 'conflict-ideas');
    await page.getByRole('button', { name: 'Propose this agreement' }).click();
    await page.getByRole('heading', { name: 'The proposal' }).waitFor();
    await page.getByText('You have accepted it.').waitFor();
    assert.equal(await page.locator('.agreement-steps li').count(), 2);
  });

  test('Ben takes a 20-minute break: Ana sees it with the suggestion and cannot act; Ben comes back early', async () => {
    await reload(b.page);
    await b.page.getByRole('heading', { name: 'The proposal' }).waitFor();
    await screenshot(b.page, 'conflict-agreement');
    await b.page.getByRole('button', { name: 'Take a break…' }).click();
    await b.page.getByRole('radio', { name: /20 minutes/ }).check();
    await b.page.getByRole('button', { name: 'Start the break' }).click();
    const mine = b.page.getByTestId('pause');
    await mine.waitFor();
    await b.page.getByRole('heading', { name: 'You are taking a break' }).waitFor();
    assert.match(await b.page.locator('.countdown-value').textContent(), /^(20:00|19:[0-5]\d)$/);
    assert.equal(await b.page.getByRole('button', { name: 'Accept this agreement' }).count(), 0);
    await screenshot(b.page, 'conflict-paused-by-me');

    const { page } = a;
    await checkAgain(page);
    await page.getByRole('heading', { name: `${ben.name} asked for a break` }).waitFor();
    const suggestion = (await page.locator('.suggestion blockquote').textContent()).trim();
    assert.ok(suggestion.length > 10, 'a calming suggestion is shown');
    assert.match(await page.getByTestId('pause').textContent(), /Back at/);
    for (const name of ['Propose a changed version', 'Take a break…', 'Close without an agreement…', 'I’m ready to come back now']) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, `“${name}” is not offered to Ana during the break`);
    }
    // And the server agrees: a change during the break is refused.
    const id = conflictPath.split('/').pop();
    const refused = await page.evaluate(async (cid) => {
      const res = await fetch(`/api/v1/conflicts/${cid}/close`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return { status: res.status, type: (await res.json()).type };
    }, id);
    assert.deepEqual(refused, { status: 409, type: '/problems/conflict-paused' });
    await assertNoSeriousA11yProblems(page, 'conflict paused (partner’s view)');
    await screenshot(page, 'conflict-paused');

    await b.page.getByRole('button', { name: 'I’m ready to come back now' }).click();
    await b.page.getByRole('button', { name: 'Accept this agreement' }).waitFor();
  });

  test('Ben accepts; both see the agreement', async () => {
    await b.page.getByRole('button', { name: 'Accept this agreement' }).click();
    await b.page.getByRole('heading', { name: 'You agreed' }).waitFor();
    assert.equal(await b.page.locator('.celebrate .agreement-steps li').count(), 2);
    assert.equal(await b.page.locator('.stepper li.done').count(), 4);

    const { page } = a;
    await reload(page);
    await page.getByRole('heading', { name: 'You agreed' }).waitFor();
    assert.match(await page.getByTestId('agreed').textContent(), /Thursday evening we plan the weekend together\./);
    await screenshot(page, 'conflict-agreed');
  });

  test('Ana turns the first agreed step into a promise for tomorrow; both find it among their promises', async () => {
    const { page } = a;
    const step = 'Phones go in the basket at dinner.';
    const agreed = page.getByTestId('agreed');
    // The button names its step for screen readers.
    await agreed.getByRole('button', { name: `Make it a promise — ${step}`, exact: true }).click();
    const text = agreed.getByRole('textbox', { name: 'Your promise' });
    assert.equal(await text.inputValue(), step, 'the promise starts as the step');
    await agreed.getByRole('button', { name: 'Tomorrow', exact: true }).click();
    await screenshot(page, 'conflict-agreed-promise-form');
    await agreed.getByRole('button', { name: 'Make this promise' }).click();

    const done = page.getByTestId('step-promised');
    await done.waitFor();
    assert.match(await done.textContent(), /Promised — it is on your Promises page/);
    assert.equal(await done.getByRole('link', { name: 'Promises page' }).getAttribute('href'), '#/promises');
    assert.ok(await done.evaluate((el) => el === document.activeElement), 'focus moves to the confirmation');
    assert.equal(await agreed.getByRole('button', { name: `Make it a promise — ${step}`, exact: true }).count(), 0);
    assert.equal(await agreed.getByRole('button', { name: /^Make it a promise/ }).count(), 1, 'the other step still offers it');
    await assertNoSeriousA11yProblems(page, 'conflict agreed (a step promised)');
    await screenshot(page, 'conflict-agreed-promise');

    const mine = await (await page.request.get('/api/v1/promises')).json();
    const tomorrow = new Date(`${mine.today}T12:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const made = mine.promises.filter((p) => p.text === step);
    assert.equal(made.length, 1, 'one promise with the step’s text');
    assert.equal(made[0].is_mine, true);
    assert.equal(made[0].due, tomorrow.toISOString().slice(0, 10), 'due tomorrow in the couple’s days');
    const theirs = await (await b.page.request.get('/api/v1/promises')).json();
    const seen = theirs.promises.find((p) => p.id === made[0].id);
    assert.ok(seen, `${ben.name} sees the promise too`);
    assert.equal(seen.text, step);
    assert.equal(seen.is_mine, false);
  });

  test('with one conversation, patterns say honestly that there is not enough yet', async () => {
    const { page } = a;
    await goTo(page, 'Talk it through');
    const item = page.locator('.conflict-list li').filter({ hasText: topic });
    await item.getByText('Agreed', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'See your patterns' }).click();
    await heading(page, 'Your patterns');
    await page.getByRole('heading', { name: 'Not enough to see a pattern yet' }).waitFor();
    assert.equal(await page.locator('canvas').count(), 0);
    await screenshot(page, 'conflict-patterns-empty');
  });

  test('a conversation can be closed without agreement, after a confirm', async () => {
    const { page } = a;
    await goTo(page, 'Talk it through');
    await page.getByLabel('What is it about?').fill('Who does the dishes');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await heading(page, 'Who does the dishes');
    await page.getByRole('button', { name: 'Close without an agreement…' }).click();
    await page.getByRole('button', { name: 'Keep it open' }).click();
    await page.getByRole('button', { name: 'Close without an agreement…' }).click();
    await page.getByRole('button', { name: 'Yes, close it' }).click();
    await page.getByRole('heading', { name: 'Closed without an agreement' }).waitFor();

    await goTo(b.page, 'Talk it through');
    await b.page.getByLabel('What is it about?').fill('Holiday budget');
    await b.page.getByRole('button', { name: 'Start', exact: true }).click();
    await heading(b.page, 'Holiday budget');

    await goTo(page, 'Talk it through');
    await page.locator('.conflict-list li').filter({ hasText: 'Holiday budget' }).waitFor();
    assert.equal(await page.locator('.conflict-list li').count(), 3);
    assert.match(await page.locator('.conflict-list li').nth(1).textContent(), /Closed without an agreement/);
    await assertNoSeriousA11yProblems(page, 'conflict list');
    await screenshot(page, 'conflict-list');
  });

  test('patterns draw three charts, each with a takeaway and its numbers, without console errors', async () => {
    const { page, seen } = a;
    seen.consoleErrors.length = 0;
    await page.getByRole('link', { name: 'See your patterns' }).click();
    await heading(page, 'Your patterns');
    const canvases = page.locator('.chart-box canvas');
    await canvases.nth(2).waitFor();
    assert.equal(await canvases.count(), 3);
    // Chart.js sizes the canvas once it has drawn.
    await page.waitForFunction(() => [...document.querySelectorAll('.chart-box canvas')].every((c) => c.width > 0 && c.height > 0));
    for (const id of ['outcomes', 'tone', 'roles']) {
      assert.ok((await page.getByTestId(`${id}-takeaway`).textContent()).trim().length > 10, `${id} has a takeaway`);
      assert.ok((await page.locator(`#${id}-chart`).getAttribute('aria-label')).length > 20, `${id} has a text alternative`);
    }
    assert.match(await page.locator('main').textContent(), /Gottman & Levenson 1992/);
    await page.getByText('The numbers').first().click();
    assert.ok((await page.locator('.chart-card table').first().locator('tbody tr').count()) >= 1);
    await assertNoSeriousA11yProblems(page, 'patterns');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'conflict-patterns');
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
