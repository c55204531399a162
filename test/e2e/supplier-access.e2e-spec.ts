import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchCampaign, linkTokenOf } from '../support/campaign-fixtures';
import { makeOrg, makeUser, PASSWORD } from '../support/factories';
import { pollUntil } from '../support/poll';
import { browser as apiClient, type TestApp } from '../support/test-app';
import { type BrowserApp, loginPage, startBrowserApp, WAIT } from '../support/browser-app';

const unique = () => randomBytes(4).toString('hex');

describe("a supplier's admins decide buyers' requests; emailed links never switch accounts silently", () => {
  let app: BrowserApp;
  let t: TestApp;
  let smtp: BrowserApp['smtp'];
  let chromium: Browser;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, smtp, chromium } = app);
  }, 60_000);
  afterAll(() => app?.close());

  /** A buyer adds the supplier by its 法人番号 with `contact`, and launches a questionnaire to it. */
  async function request(supplierNumber: string, buyerName: string, contact: string) {
    const buyer = await makeOrg(t.db, { name: buyerName });
    const procurement = await makeUser(t.db, buyer, 'procurement');
    const client = await (await apiClient(t)).login(procurement.email, PASSWORD);
    const added = await client
      .post(`/api/orgs/${buyer.id}/suppliers`, {
        name: `${buyerName}が付けた名前`,
        corporateNumber: supplierNumber,
        contactEmail: contact,
      })
      .expect(201);
    await launchCampaign(client, buyer.id, { selection: { supplierIds: [added.body.supplier.id] } });
  }

  it('the admin accepts on its home; the contact link asks a signed-in admin before switching', async () => {
    const supplier = await makeOrg(t.db, { name: '受け手部品株式会社' });
    const admin = await makeUser(t.db, supplier, 'admin', { name: '受け手 管理者' });
    const contact = `contact-${unique()}@supplier.test`;
    await request(supplier.corporateNumber!, '依頼元自動車', contact);

    const context = await chromium.newContext({ locale: 'ja-JP', viewport: { width: 375, height: 812 } });
    const page = await loginPage(t, context, admin.email);
    const card = page.getByTestId('supplier-request').filter({ hasText: '依頼元自動車' });
    await card.waitFor(WAIT);
    expect(await card.getByTestId('request-contact').innerText()).toBe(contact);
    expect(await card.innerText()).toContain('依頼元自動車が付けた名前');
    await card.getByTestId('request-accept').click();
    await page.getByTestId('request-done').filter({ hasText: contact }).waitFor(WAIT);
    expect(await page.getByTestId('supplier-request').count()).toBe(0);

    // The contact's invitation went out on acceptance. Opened in the admin's browser, it asks first.
    const mail = await pollUntil(() => Promise.resolve(smtp.messages.find((m) => m.to.includes(contact))));
    const link = `${t.url}/respond#token=${await linkTokenOf(t, mail)}`;
    await page.goto(link);
    const prompt = page.getByTestId('respond-other-account');
    await prompt.waitFor(WAIT);
    expect(await prompt.innerText()).toContain(contact);
    expect(await prompt.innerText()).toContain(admin.email);
    expect(page.url()).not.toContain('token');
    // Staying keeps the admin signed in, and the link unused.
    await page.getByTestId('respond-stay').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/respond'), WAIT);
    await page.locator('.user-name').filter({ hasText: '受け手 管理者' }).waitFor(WAIT);

    // Opened again and confirmed: now the contact, a guest of that one questionnaire.
    await page.goto(link);
    await page.getByTestId('respond-switch').click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/, WAIT);
    await page.getByTestId('guest-note').waitFor(WAIT);
    expect(await page.getByTestId('invite-panel').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('the admin names its own contact for one request and declines another', async () => {
    const supplier = await makeOrg(t.db, { name: '選ぶ部品株式会社' });
    const admin = await makeUser(t.db, supplier, 'admin');
    const theirs = `theirs-${unique()}@buyer.test`;
    const declined = `declined-${unique()}@buyer.test`;
    const own = `own-${unique()}@supplier.test`;
    await request(supplier.corporateNumber!, '甲商事', theirs);
    await request(supplier.corporateNumber!, '乙工業', declined);

    const context = await chromium.newContext({ locale: 'en-US' });
    const page = await loginPage(t, context, admin.email);
    const first = page.getByTestId('supplier-request').filter({ hasText: '甲商事' });
    await first.waitFor(WAIT);
    await first.getByTestId('request-name-own').click();
    await first.getByTestId('request-own-email').fill(own);
    await first.getByTestId('request-accept-own').click();
    await page.getByTestId('request-done').filter({ hasText: own }).waitFor(WAIT);
    await pollUntil(() => Promise.resolve(smtp.messages.find((m) => m.to.includes(own))));

    const second = page.getByTestId('supplier-request').filter({ hasText: '乙工業' });
    await second.getByTestId('request-decline').click();
    await second.getByTestId('request-decline-confirm').click();
    await page.getByTestId('request-done').filter({ hasText: '乙工業' }).waitFor(WAIT);
    expect(await page.getByTestId('supplier-request').count()).toBe(0);
    expect(smtp.messages.some((m) => m.to.includes(theirs) || m.to.includes(declined))).toBe(false);
    await context.close();
  }, 120_000);
});
