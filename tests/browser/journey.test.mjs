// Two partners find each other through the web app, in two separate phone browsers, against the real server.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createInvite,
  goTo,
  heading,
  joinWithCode,
  launchBrowser,
  logIn,
  logOut,
  openPhone,
  person,
  phone,
  repoRoot,
  screenshot,
  signUp,
  startHearth,
  stepByStep,
} from './helpers.mjs';

describe('two partners in two browsers', () => {
  // Each step builds on the one before; after a failure the rest are skipped, not failed again.
  const test = stepByStep();
  let server;
  let browser;
  const ana = person('Ana');
  const ben = person('Ben');
  let a; // Ana's phone
  let b; // Ben's phone
  let firstCode; // the code Ben used

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

  test('an unknown visitor lands on log in, which links to sign up and back', async () => {
    const { page } = a;
    await page.goto('/');
    await heading(page, 'Log in');
    assert.match(page.url(), /#\/login$/);
    assert.match(await page.locator('main').textContent(), /private/i);
    await screenshot(page, 'login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await heading(page, 'Create your account');
    await page.getByRole('link', { name: 'Log in' }).click();
    await heading(page, 'Log in');
  });

  test('sign up explains the password rule first, checks it, and shows server errors by field', async () => {
    const { page } = a;
    await page.goto('/#/signup');
    await heading(page, 'Create your account');
    const password = page.getByLabel('Password', { exact: true });
    // The rule is told before anyone fails it, and tied to the field.
    const hintId = (await password.getAttribute('aria-describedby')).split(' ')[0];
    assert.match(await page.locator(`#${hintId}`).textContent(), /at least 10 characters/i);
    await screenshot(page, 'signup');

    await page.getByLabel('Email').fill(ana.email);
    await page.getByLabel('Your name').fill(ana.name);
    await password.fill('too short');
    await page.getByRole('button', { name: 'Create account' }).click();
    const error = page.locator('#password-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.match(await error.textContent(), /at least 10 characters/);
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.match(await password.getAttribute('aria-describedby'), /password-error/);
    await screenshot(page, 'signup-error');

    await password.fill(ana.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, new RegExp(`, ${ana.name}$`));
    await page.getByRole('heading', { name: 'Just you, for now' }).waitFor();
    assert.match(await page.locator('main').textContent(), /Hearth works for you alone too/);
    await screenshot(page, 'home-alone');

    // The server refuses a second account with the same email; the message lands on the email field.
    await b.page.goto('/#/signup');
    await heading(b.page, 'Create your account');
    await b.page.getByLabel('Email').fill(ana.email);
    await b.page.getByLabel('Your name').fill('Someone else');
    await b.page.getByLabel('Password', { exact: true }).fill('another long password');
    await b.page.getByRole('button', { name: 'Create account' }).click();
    const emailError = b.page.locator('#email-error');
    await emailError.waitFor();
    assert.match(await emailError.textContent(), /already/i);
    assert.equal(await b.page.getByLabel('Email').getAttribute('aria-invalid'), 'true');
  });

  test('the home screen shows the seven steps of the path', async () => {
    const { page } = a;
    const steps = page.getByRole('region', { name: 'Your path' }).getByRole('listitem');
    assert.equal(await steps.count(), 7);
    const titles = await steps.getByRole('heading').allTextContents();
    assert.deepEqual(titles, [
      'See where you stand',
      'Understand why',
      'Practise what helps',
      'Handle conflict well',
      'Look after yourself',
      'Watch the positive cycle grow',
      'Get help when it is needed',
    ]);
  });

  test('Ana invites, Ben joins with the code, and each sees the other', async () => {
    await goTo(a.page, 'Couple');
    await screenshot(a.page, 'couple-alone');
    const code = await createInvite(a.page);
    firstCode = code;
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await a.page.getByRole('heading', { name: 'Waiting for your partner' }).waitFor();
    assert.match(await a.page.locator('.invite').textContent(), /Valid until/);
    await a.page.getByRole('button', { name: 'Check if they have joined' }).click();
    await a.page.getByText('your partner has not joined yet').waitFor();
    await screenshot(a.page, 'couple-invite');

    await signUp(b.page, ben);
    // Typed the way a person might: lower case, no dashes.
    await joinWithCode(b.page, code.replaceAll('-', '').toLowerCase());
    await b.page.getByRole('heading', { name: `You and ${ana.name} are connected` }).waitFor();
    const partnersB = await b.page.locator('.partners').textContent();
    assert.match(partnersB, new RegExp(ana.name));
    assert.match(partnersB, new RegExp(`${ben.name}\\s*\\(you\\)`));
    await screenshot(b.page, 'couple-paired');

    // Ana's screen learns about Ben when she asks.
    await a.page.getByRole('button', { name: 'Check if they have joined' }).click();
    await a.page.getByRole('heading', { name: `You and ${ben.name} are connected` }).waitFor();
    await goTo(a.page, 'Home');
    await a.page.getByRole('heading', { name: `You and ${ben.name} are connected` }).waitFor();
    await screenshot(a.page, 'home-paired');

    // The README's picture: the paired home screen as a phone shows it (sharp, at 2x).
    const readme = await browser.newContext({
      ...phone,
      deviceScaleFactor: 2,
      baseURL: server.url,
      storageState: await a.context.storageState(),
    });
    try {
      const page = await readme.newPage();
      await page.goto('/#/home');
      await page.getByRole('heading', { name: `You and ${ben.name} are connected` }).waitFor();
      const file = join(repoRoot, 'docs', 'screenshot.png');
      mkdirSync(dirname(file), { recursive: true });
      await page.screenshot({ path: file });
      assert.ok(statSync(file).size < 300 * 1024, `docs/screenshot.png is ${statSync(file).size} bytes, over 300 KB`);
    } finally {
      await readme.close();
    }
  });

  test('a used code cannot be used again', async () => {
    // Cara got hold of the code Ben already used.
    const cara = person('Cara');
    const c = await openPhone(browser, server.url);
    try {
      await signUp(c.page, cara);
      await joinWithCode(c.page, firstCode);
      const error = c.page.locator('#code-error');
      await error.waitFor();
      assert.equal(await error.getAttribute('role'), 'alert');
      assert.equal(await c.page.getByLabel('Invite code').getAttribute('aria-invalid'), 'true');
    } finally {
      await c.context.close();
    }
  });

  test('Ben leaves after a confirm step; Ana is waiting again', async () => {
    await b.page.getByRole('button', { name: 'Leave this couple…' }).click();
    const confirm = b.page.getByRole('group', { name: `Leave your couple with ${ana.name}?` });
    await confirm.waitFor();
    assert.match(await confirm.textContent(), /keeps your own account/);
    await screenshot(b.page, 'couple-leave-confirm');
    await confirm.getByRole('button', { name: 'Yes, leave the couple' }).click();
    await b.page.getByRole('heading', { name: 'Invite your partner' }).waitFor();

    await goTo(a.page, 'Couple');
    await a.page.getByRole('heading', { name: 'Waiting for your partner' }).waitFor();
    assert.doesNotMatch(await a.page.locator('main').textContent(), new RegExp(ben.name));
    await screenshot(a.page, 'couple-waiting');
    await goTo(a.page, 'Home');
    await a.page.getByRole('heading', { name: 'Waiting for your partner' }).waitFor();
  });

  test('log out, a wrong password is refused with a message, the right one lets you in', async () => {
    const { page } = a;
    await logOut(page);
    assert.match(await page.getByRole('status').first().textContent(), /logged out/i);

    await logIn(page, { email: ana.email, password: 'not my password at all' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /do not match/);
    await heading(page, 'Log in');
    await screenshot(page, 'login-error');

    await logIn(page, ana);
    await heading(page, new RegExp(`, ${ana.name}$`));
  });

  test('change password, then only the new one works', async () => {
    const { page } = a;
    await goTo(page, 'Settings');
    await screenshot(page, 'settings');
    const newPassword = 'a brand new longer password';
    await page.getByLabel('Current password', { exact: true }).fill('wrong current password');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    const wrong = page.locator('#current_password-error');
    await wrong.waitFor();
    assert.match(await wrong.textContent(), /not your current password/);

    await page.getByLabel('Current password', { exact: true }).fill(ana.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed').waitFor();

    await logOut(page);
    await logIn(page, ana);
    await page.getByRole('alert').waitFor();
    await logIn(page, { email: ana.email, password: newPassword });
    await heading(page, new RegExp(`, ${ana.name}$`));
    ana.password = newPassword;
  });

  test('rename shows the new name to the partner', async () => {
    // Pair again so Ben can see the name Ana chooses.
    const code = await createInvite(a.page);
    await joinWithCode(b.page, code);
    await b.page.getByRole('heading', { name: `You and ${ana.name} are connected` }).waitFor();

    await goTo(a.page, 'Settings');
    await a.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ana Maria');
    await a.page.getByRole('button', { name: 'Save name' }).click();
    await a.page.getByText('Saved.').waitFor();
    await goTo(a.page, 'Home');
    await heading(a.page, /, Ana Maria$/);

    await b.page.reload();
    await b.page.getByRole('heading', { name: 'You and Ana Maria are connected' }).waitFor();
  });

  test('download my data gives a JSON export of this person', async () => {
    const { page } = a;
    await goTo(page, 'Settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.json$/);
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    assert.equal(exported.format, 'hearth-export');
    assert.equal(exported.user.email, ana.email);
    assert.equal(exported.user.display_name, 'Ana Maria');
    assert.equal(exported.couple?.status, 'paired');
  });

  test('delete account explains what happens, asks for the password, and the partner keeps theirs', async () => {
    const { page } = b;
    await goTo(page, 'Settings');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const confirm = page.getByRole('group', { name: 'Delete your account for good?' });
    await confirm.waitFor();
    assert.match(await confirm.textContent(), /Ana Maria keeps their own account/);
    await screenshot(page, 'settings-delete-confirm');

    await confirm.getByLabel('Your password', { exact: true }).fill('not the password');
    await confirm.getByRole('button', { name: 'Delete my account', exact: true }).click();
    await page.locator('#delete_password-error').waitFor();

    await confirm.getByLabel('Your password', { exact: true }).fill(ben.password);
    await confirm.getByRole('button', { name: 'Delete my account', exact: true }).click();
    await heading(page, 'Log in');
    assert.match(await page.getByRole('status').first().textContent(), /removed/);

    await logIn(page, ben);
    await page.getByRole('alert').waitFor();

    await a.page.reload();
    await goTo(a.page, 'Home');
    await heading(a.page, /, Ana Maria$/);
    await a.page.getByRole('heading', { name: 'Waiting for your partner' }).waitFor();
  });

  test('after many wrong passwords, log in asks to wait as long as Retry-After says', async () => {
    const { page } = b;
    await page.goto('/#/login');
    await heading(page, 'Log in');
    await page.getByLabel('Email').fill(ana.email);
    await page.getByLabel('Password', { exact: true }).fill('certainly not the password');
    let throttled = null;
    for (let attempt = 0; attempt < 20 && !throttled; attempt += 1) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Log in' }).click();
      const response = await answered;
      if (response.status() === 429) throttled = response;
      else assert.equal(response.status(), 401);
    }
    assert.ok(throttled, 'the server throttled repeated wrong passwords');
    const retryAfter = Number(throttled.headers()['retry-after']);
    assert.ok(retryAfter > 0, 'Retry-After is a number of seconds');
    const alert = page.getByRole('alert').filter({ hasText: 'Too many attempts' });
    await alert.waitFor();
    const text = await alert.textContent();
    const expected = retryAfter < 60 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minute`;
    assert.ok(text.includes(expected), `"${text}" mentions ${expected}`);
    await screenshot(page, 'login-throttled');
  });
});
