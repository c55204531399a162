import type { Browser } from 'playwright-core';
import { type BrowserApp, loginPage, startBrowserApp, WAIT } from '../support/browser-app';
import { corporateNumber, makeOrg, makeUser, PASSWORD } from '../support/factories';
import { lastMailId, linkToken } from '../support/mail-links';
import { browser as apiClient, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

describe('account pages in a real browser', () => {
  let app: BrowserApp;
  let t: TestApp;
  let smtp: BrowserApp['smtp'];
  let chromium: Browser;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, smtp, chromium } = app);
  }, 60_000);
  afterAll(() => app?.close());

  it('a new buyer confirms the emailed sign-up link with the sign-up password (Japanese) and lands in the app', async () => {
    const email = 'new-buyer@e2e-signup.example';
    const after = lastMailId(smtp);
    await (
      await apiClient(t, '192.0.2.50')
    )
      .post('/api/signup', {
        organization: { name: 'E2E 自動車', corporateNumber: corporateNumber(), sizeBand: 'large' },
        user: { name: '新規 花子', email, password: 'signup-password-1' },
      })
      .expect(202);
    const token = await linkToken({ smtp, db: t.db }, email, '/verify-email', after);

    const context = await chromium.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${t.url}/verify-email#token=${token}`);
    await page.getByRole('heading', { name: 'メールアドレスの確認' }).waitFor(WAIT);
    expect(page.url()).not.toContain('token='); // taken out of the address bar
    await page.getByTestId('verify-password').fill('wrong-password');
    await page.getByTestId('verify-submit').click();
    await page.getByRole('alert').getByText('パスワードが違います。').waitFor(WAIT);
    await page.getByTestId('verify-password').fill('signup-password-1');
    await page.getByTestId('verify-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/verify-email'), WAIT);
    await page.getByText('新規 花子 さん').waitFor(WAIT);
    await context.close();
  });

  it('changes the password and signs out everywhere (English); other devices are signed out', async () => {
    const user = await makeUser(t.db, await makeOrg(t.db), 'admin', { name: 'Account Owner' });
    const laptop = await chromium.newContext({ locale: 'en-US' });
    const phone = await chromium.newContext({ locale: 'en-US' });
    const page = await loginPage(t, laptop, user.email);
    const phonePage = await loginPage(t, phone, user.email);

    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('nav-account').click();
    await page.getByRole('heading', { name: 'Change your password' }).waitFor(WAIT);
    await page.getByTestId('password-current').fill('not-my-password');
    await page.getByTestId('password-new').fill('my-new-password-1');
    await page.getByTestId('password-repeat').fill('my-new-password-1');
    await page.getByTestId('password-submit').click();
    await page.getByText('The password is wrong.').waitFor(WAIT);

    await page.getByTestId('password-current').fill(PASSWORD);
    await page.getByTestId('password-new').fill('my-new-password-1');
    await page.getByTestId('password-repeat').fill('my-new-password-1');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-changed').waitFor(WAIT);
    // The phone's session ended with the change; this browser keeps working.
    expect((await phonePage.request.get(`${t.url}/api/auth/me`)).status()).toBe(401);
    expect((await page.request.get(`${t.url}/api/auth/me`)).status()).toBe(200);

    const tablet = await chromium.newContext({ locale: 'en-US' });
    const tabletPage = await tablet.newPage();
    await tabletPage.goto(`${t.url}/login`);
    await tabletPage.getByTestId('login-email').fill(user.email);
    await tabletPage.getByTestId('login-password').fill('my-new-password-1');
    await tabletPage.getByTestId('login-submit').click();
    await tabletPage.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('logout-everywhere').click();
    await page.waitForURL(/\/login$/, WAIT);
    expect((await tabletPage.request.get(`${t.url}/api/auth/me`)).status()).toBe(401);
    for (const c of [laptop, phone, tablet]) await c.close();
  });

  it('an invitation for an existing account asks to log in first, then joins without a new password', async () => {
    const inviterOrg = await makeOrg(t.db, { name: '招待元 株式会社' });
    const inviter = await makeUser(t.db, inviterOrg, 'admin');
    const invitee = await makeUser(t.db, await makeOrg(t.db), 'admin', { name: '既存 次郎' });
    const after = lastMailId(smtp);
    await (
      await (await apiClient(t)).login(inviter.email, PASSWORD)
    )
      .post(`/api/orgs/${inviterOrg.id}/invitations`, { email: invitee.email, role: 'evaluator' })
      .expect(201);
    const token = await linkToken({ smtp, db: t.db }, invitee.email, '/invitations/accept', after);

    const context = await chromium.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${t.url}/invitations/accept#token=${token}`);
    await page.getByTestId('invitation-sign-in').waitFor(WAIT);
    expect(await page.getByTestId('invitation-what').innerText()).toContain('招待元 株式会社');
    expect(await page.getByTestId('invitation-name').count()).toBe(0); // no password form for an existing account
    await page.getByRole('link', { name: 'ログインして招待を受ける' }).click();
    await page.getByTestId('login-email').fill(invitee.email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/invitations\/accept$/, WAIT);
    await page.getByTestId('invitation-join').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/invitations'), WAIT);
    const me = await page.request.get(`${t.url}/api/auth/me`);
    const memberships = ((await me.json()) as { memberships: { organizationId: string }[] }).memberships;
    expect(memberships.map((m) => m.organizationId)).toContain(inviterOrg.id);
    await context.close();
  });
});
