import type { Browser } from 'playwright-core';
import { launchCampaign, makeNetwork, metiStar3Ids } from '../support/campaign-fixtures';
import { answerAll, assessmentOf, signedIn } from '../support/cascade-fixtures';
import { PASSWORD } from '../support/factories';
import { assertWebBuilt, launchChromium, WEB_DIST } from '../support/chromium';
import { createTestApp, type TestApp } from '../support/test-app';

const WAIT = { timeout: 15_000 };

jest.setTimeout(120_000);

describe('wide tables in a real browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    t = await createTestApp({ WEB_DIST, ROLE: 'api' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('on a 1366×768 laptop the insights supplier table scrolls inside its own box; the page never gets wider than the window', async () => {
    // One Tier 1 that answered every ★3 criterion: its row has a column per METI category.
    const net = await makeNetwork(t.db, 1);
    const { client: buyerApi } = await signedIn(t, net.buyer, 'procurement');
    const campaignId = await launchCampaign(buyerApi, net.buyer.id);
    const supplier = net.suppliers[0]!.org;
    const { client: supplierApi } = await signedIn(t, supplier, 'respondent');
    const assessmentId = await assessmentOf(t.db, campaignId, supplier.id);
    await answerAll(
      supplierApi,
      assessmentId,
      Object.fromEntries(metiStar3Ids().map((id) => [id, 'met' as const])),
    );

    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/login`);
    await page.getByTestId('login-email').fill(net.procurement.email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
    await page.goto(`${t.url}/orgs/${net.buyer.id}/insights`);
    const row = page.getByTestId('insights-supplier-row').first();
    await row.waitFor(WAIT);

    // Measured in the page (a string: these tests compile without the DOM's types).
    const widths = await page.evaluate<{
      page: number;
      window: number;
      table: number;
      box: number;
      boxScrolls: boolean;
    }>(`(() => {
      const table = document.querySelector('[data-testid="insights-supplier-row"]').closest('table');
      const box = table.parentElement;
      return {
        page: document.scrollingElement.scrollWidth,
        window: window.innerWidth,
        table: table.scrollWidth,
        box: box.clientWidth,
        boxScrolls: box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX === 'auto',
      };
    })()`);
    // The table is wider than the window (a column per category) …
    expect(widths.table).toBeGreaterThan(widths.window);
    // … and scrolls inside its own container, while the page keeps the window's width.
    expect(widths.boxScrolls).toBe(true);
    expect(widths.box).toBeLessThanOrEqual(widths.window);
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    await context.close();
  });
});
