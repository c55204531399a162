import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { TEST_PASSWORD_HASH_COST } from '../support/factories';
import { type MailCatcher, startTestSmtp } from '../support/smtp';
import { createTestApp, type TestApp } from '../support/test-app';
import { daysFromToday } from '../support/clock';
import { randomBytes } from 'node:crypto';
import { assertWebBuilt, launchChromium, WEB_DIST } from '../support/chromium';

const WAIT = { timeout: 15_000 };

async function login(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('campaigns in a real browser', () => {
  let t: TestApp;
  let smtp: MailCatcher;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    smtp = await startTestSmtp();
    t = await createTestApp({ WEB_DIST, SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}` });
    await seedDemo(t.db, TEST_PASSWORD_HASH_COST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('procurement creates a campaign for Tier 1 on a phone, triages one supplier, launches; the supplier sees it', async () => {
    const title = `E2E 自己評価 ${randomBytes(4).toString('hex')}`;
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await login(page, t.url, 'procurement@oem.demo');

    // Campaigns from the navigation, then a new one.
    await page.getByTestId('nav-campaigns').click(WAIT);
    await page.getByTestId('new-campaign').click(WAIT);
    await page.getByTestId('campaign-title').fill(title);
    await page.getByTestId('campaign-catalogue').selectOption('meti-scs', WAIT);
    await page.getByTestId('campaign-due').fill(daysFromToday(t, 30));
    await page.getByTestId('campaign-tier-1').check();
    await page.getByTestId('campaign-create').click();

    // The draft: one row per Tier 1 supplier, each suggested ★3 until triaged.
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, WAIT);
    const rows = page.getByTestId('campaign-supplier-row');
    await rows.nth(3).waitFor(WAIT);
    expect(await rows.count()).toBe(4);
    const supplierId = await rows.first().getAttribute('data-supplier-id');
    expect(supplierId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId(`suggested-${supplierId}`).getByText('★3').waitFor(WAIT);

    // One yes to the triage questions suggests (and targets) ★4.
    await page.getByTestId(`triage-${supplierId}-confidential`).check();
    await page.getByTestId(`suggested-${supplierId}`).getByText('★4').waitFor(WAIT);
    expect(await page.getByTestId(`target-${supplierId}`).inputValue()).toBe('4');
    expect(await page.getByTestId(`triage-${supplierId}-continuity`).isChecked()).toBe(false);

    // Launch, with a confirmation step.
    await page.getByTestId('launch-button').click();
    await page.getByTestId('launch-confirm').click(WAIT);
    const invited = page.locator('[data-testid="campaign-supplier-row"][data-status="invited"]');
    await invited.nth(3).waitFor(WAIT);
    expect(await invited.count()).toBe(4);
    expect(await rows.count()).toBe(4);
    expect(await rows.first().getByText('未着手').count()).toBe(1);
    expect(await rows.first().locator('a[href^="/assessments/"]').count()).toBe(1);

    // The list shows it as sent.
    await page.getByTestId('nav-campaigns').click();
    const listed = page.getByTestId('campaign-row').filter({ hasText: title });
    await listed.waitFor(WAIT);
    expect(await listed.getByText('送信済み').count()).toBe(1);
    await context.close();

    // A supplier's respondent lands on "my assessments" and has a clear way in.
    const supplierContext = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 375, height: 812 },
    });
    const supplierPage = await supplierContext.newPage();
    await login(supplierPage, t.url, 'respondent@brake.demo');
    await supplierPage.waitForURL(/\/my$/, WAIT);
    const card = supplierPage.getByTestId('my-assessment').filter({ hasText: title });
    await card.waitFor(WAIT);
    expect(await card.getByRole('link', { name: /回答を始める/ }).getAttribute('href')).toMatch(
      /^\/assessments\/[0-9a-f-]{36}$/,
    );
    await supplierContext.close();
  });
});
