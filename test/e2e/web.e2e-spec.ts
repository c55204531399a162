import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { TEST_PASSWORD_HASH_COST } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertWebBuilt, launchChromium, WEB_DIST } from '../support/chromium';

describe('web app in a real browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    t = await createTestApp({ WEB_DIST });
    await seedDemo(t.db, TEST_PASSWORD_HASH_COST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the demo buyer logs in and sees its Tier 1 suppliers in Japanese', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${t.url}/login`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.getByTestId('login-email').fill('procurement@oem.demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();

    await page.getByTestId('supplier-row').first().waitFor({ timeout: 15_000 });
    const rows = page.getByTestId('supplier-row');
    expect(await rows.count()).toBe(4);
    const text = await rows.allInnerTexts();
    for (const name of [
      '東和ブレーキ工業株式会社',
      '北辰シート株式会社',
      '瑞穂電装株式会社',
      '中部プレス工業株式会社',
    ]) {
      expect(text.join('\n')).toContain(name);
    }
    // Japanese chrome around the list.
    expect(await page.getByRole('button', { name: 'ログアウト' }).count()).toBe(1);

    // Tier 2 through the tab: suppliers disclosed by the Tier 1s, with the Tier 1 that declared them.
    await page.getByTestId('tier-tab-2').click();
    await page.waitForURL(/tier=2/);
    await page.getByText('有限会社山田鋳造所').waitFor();
    expect(await page.getByTestId('supplier-row').count()).toBe(9);
    await context.close();
  });

  it('a wrong password shows the Japanese message', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await page.goto(`${t.url}/login`);
    await page.getByTestId('login-email').fill('procurement@oem.demo');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByText('メールアドレスかパスワードが違います。').waitFor({ timeout: 10_000 });
    await page.close();
  });
});
