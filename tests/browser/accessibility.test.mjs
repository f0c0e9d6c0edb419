// axe-core on every screen and state, at phone width, against the real server.
import { after, before, describe } from 'node:test';
import {
  assertNoSeriousA11yProblems,
  createInvite,
  goTo,
  heading,
  joinWithCode,
  launchBrowser,
  openPhone,
  person,
  signUp,
  startHearth,
  stepByStep,
} from './helpers.mjs';

describe('accessibility (axe-core): no serious or critical problems', () => {
  const test = stepByStep();
  let server;
  let browser;
  let a;
  let b;
  const ana = person('Ana');
  const ben = person('Ben');

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


  test('log in, empty and with an error', async () => {
    await a.page.goto('/#/login');
    await heading(a.page, 'Log in');
    await assertNoSeriousA11yProblems(a.page, 'log in');
    await a.page.getByRole('button', { name: 'Log in' }).click();
    await a.page.locator('#email-error').waitFor();
    await assertNoSeriousA11yProblems(a.page, 'log in with errors');
  });

  test('sign up, empty and with errors', async () => {
    await a.page.goto('/#/signup');
    await heading(a.page, 'Create your account');
    await assertNoSeriousA11yProblems(a.page, 'sign up');
    await a.page.getByRole('button', { name: 'Create account' }).click();
    await a.page.locator('#password-error').waitFor();
    await assertNoSeriousA11yProblems(a.page, 'sign up with errors');
  });

  test('home and couple when alone', async () => {
    await signUp(a.page, ana);
    await assertNoSeriousA11yProblems(a.page, 'home (alone)');
    await goTo(a.page, 'Couple');
    await assertNoSeriousA11yProblems(a.page, 'couple (alone)');
    await a.page.getByRole('button', { name: 'Join', exact: true }).click();
    await a.page.locator('#code-error').waitFor();
    await assertNoSeriousA11yProblems(a.page, 'couple (join error)');
  });

  test('couple and home while waiting with an invite code', async () => {
    const code = await createInvite(a.page);
    await assertNoSeriousA11yProblems(a.page, 'couple (waiting, code shown)');
    await a.page.reload();
    await heading(a.page, 'Your couple');
    await a.page.getByRole('heading', { name: 'Waiting for your partner' }).waitFor();
    await assertNoSeriousA11yProblems(a.page, 'couple (waiting, code no longer shown)');
    await goTo(a.page, 'Home');
    await assertNoSeriousA11yProblems(a.page, 'home (waiting)');

    await signUp(b.page, ben);
    await joinWithCode(b.page, code);
    await b.page.getByRole('heading', { name: `You and ${ana.name} are connected` }).waitFor();
  });

  test('couple and home when paired, with the leave confirmation', async () => {
    await assertNoSeriousA11yProblems(b.page, 'couple (paired)');
    await b.page.getByRole('button', { name: 'Leave this couple…' }).click();
    await b.page.getByRole('button', { name: 'Yes, leave the couple' }).waitFor();
    await assertNoSeriousA11yProblems(b.page, 'couple (leave confirmation)');
    await goTo(b.page, 'Home');
    await b.page.getByRole('heading', { name: `You and ${ana.name} are connected` }).waitFor();
    await assertNoSeriousA11yProblems(b.page, 'home (paired)');
  });

  test('settings, with errors and the delete confirmation', async () => {
    await goTo(b.page, 'Settings');
    await assertNoSeriousA11yProblems(b.page, 'settings');
    await b.page.getByRole('button', { name: 'Change password' }).click();
    await b.page.locator('#current_password-error').waitFor();
    await assertNoSeriousA11yProblems(b.page, 'settings (password errors)');
    await b.page.getByRole('button', { name: 'Delete my account…' }).click();
    await b.page.getByRole('button', { name: 'Keep my account' }).waitFor();
    await assertNoSeriousA11yProblems(b.page, 'settings (delete confirmation)');
  });
});
