import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchCampaign, makeNetwork, metiStar3Ids, linkTokenOf } from '../support/campaign-fixtures';
import { PASSWORD } from '../support/factories';
import { browser as apiClient, type TestApp } from '../support/test-app';
import { type BrowserApp, csrfHeader, loginPage, PNG, startBrowserApp, WAIT } from '../support/browser-app';
import { daysFromToday } from '../support/clock';

describe('remediation in a real browser', () => {
  let app: BrowserApp;
  let t: TestApp;
  let smtp: BrowserApp['smtp'];
  let chromium: Browser;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, smtp, chromium } = app);
  }, 60_000);
  afterAll(() => app?.close());

  const login = (context: BrowserContext, email: string) => loginPage(t, context, email);

  const card = (page: Page, criterionId: string): Locator =>
    page.locator(`[data-testid="remediation-item"][data-criterion-id="${criterionId}"]`);
  const statusIs = (page: Page, criterionId: string, status: string) =>
    page
      .locator(
        `[data-testid="remediation-item"][data-criterion-id="${criterionId}"][data-status="${status}"]`,
      )
      .waitFor(WAIT);

  it('supplier plans a gap, finishes it with evidence; the buyer verifies; both see it verified and ★3', async () => {
    const ids = metiStar3Ids();
    const gap = ids[3]!;
    const net = await makeNetwork(t.db, 1);
    const buyerApi = await (await apiClient(t)).login(net.procurement.email, PASSWORD);
    await launchCampaign(buyerApi, net.buyer.id);
    const [mail] = await smtp.waitFor(1);

    // The supplier signs in through the emailed link, answers (one gap) and submits.
    const supplier = await chromium.newContext({ locale: 'ja-JP' });
    const page = await supplier.newPage();
    await page.goto(`${t.url}/respond#token=${await linkTokenOf(t, mail!)}`);
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/, WAIT);
    const assessmentId = page.url().split('/').at(-1)!;
    const headers = await csrfHeader(supplier);
    for (const id of ids) {
      const res = await page.request.put(`${t.url}/api/assessments/${assessmentId}/answers/${id}`, {
        data: { value: id === gap ? 'not_met' : 'met', baseVersion: 0 },
        headers,
      });
      expect(res.status()).toBe(200);
    }
    const submitted = await page.request.post(`${t.url}/api/assessments/${assessmentId}/submit`, {
      data: { declaration: { name: '山田 太郎', title: '代表取締役', date: '2026-11-24' } },
      headers,
    });
    expect(submitted.status()).toBe(204);

    // The board, from the menu: the gap is waiting, not started.
    await page.goto(`${t.url}/my`);
    await page.getByTestId('nav-remediation').click();
    await page.waitForURL(/\/remediation$/, WAIT);
    await page.getByTestId('remediation-group-open').waitFor(WAIT);
    await statusIs(page, gap, 'open');

    // Phone size: nothing wider than the screen.
    const phone = await chromium.newContext({
      locale: 'ja-JP',
      viewport: { width: 375, height: 740 },
      storageState: await supplier.storageState(),
    });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${t.url}/remediation`);
    await card(phonePage, gap).getByTestId('remediation-toggle').click();
    await card(phonePage, gap).getByTestId('remediation-plan').waitFor(WAIT);
    expect(await phonePage.evaluate<number>('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(
      375,
    );
    const toggle = await card(phonePage, gap).getByTestId('remediation-toggle').boundingBox();
    expect(toggle!.height).toBeGreaterThanOrEqual(40);
    await phone.close();

    // Plan, owner, due date and support, then "plan decided" in one step.
    const item = card(page, gap);
    await item.getByTestId('remediation-toggle').click();
    await item.getByTestId('remediation-plan').fill('バックアップを週 1 回、外付けディスクに取る');
    await item.getByTestId('remediation-owner').fill('総務 佐藤');
    const due = daysFromToday(app.t, 200);
    await item.getByTestId('remediation-due').fill(due);
    await item.getByTestId('remediation-support').fill('https://www.ipa.go.jp/security/otasuketai-pr/');
    await item.getByTestId('remediation-move-planned').click();
    await statusIs(page, gap, 'planned');
    await item
      .getByTestId('remediation-due-text')
      .filter({ hasText: `${due.slice(0, 4)}年` })
      .waitFor(WAIT);

    // Work started, evidence attached, work finished (the done button waits for evidence).
    await item.getByTestId('remediation-move-in_progress').click();
    await statusIs(page, gap, 'in_progress');
    expect(await item.getByTestId('remediation-move-done').isDisabled()).toBe(true);
    await item
      .getByTestId('remediation-evidence-input')
      .setInputFiles({ name: 'backup-log.png', mimeType: 'image/png', buffer: PNG });
    await item.getByTestId('remediation-evidence-item').filter({ hasText: 'backup-log.png' }).waitFor(WAIT);
    await item.getByTestId('remediation-move-done').click();
    await statusIs(page, gap, 'done');
    await item.getByTestId('remediation-event').filter({ hasText: '対応完了' }).first().waitFor(WAIT);

    // The buyer finds it in the list (only items done), checks the evidence and verifies.
    const buyer = await chromium.newContext({ locale: 'ja-JP' });
    const buyerPage = await login(buyer, net.procurement.email);
    await buyerPage.goto(`${t.url}/orgs/${net.buyer.id}/remediation`);
    await buyerPage.getByTestId('filter-status').selectOption('done');
    await buyerPage.getByTestId('remediation-total').filter({ hasText: '全 1 件' }).waitFor(WAIT);
    const row = card(buyerPage, gap);
    await row.getByTestId('remediation-toggle').click();
    await row.getByTestId('remediation-evidence-item').filter({ hasText: 'backup-log.png' }).waitFor(WAIT);
    await row.getByTestId('remediation-plan-text').filter({ hasText: 'バックアップを週 1 回' }).waitFor(WAIT);
    await row.getByTestId('remediation-verify').click();
    await statusIs(buyerPage, gap, 'verified');
    await row.getByTestId('remediation-verified-by').waitFor(WAIT);

    // The assessment now reaches ★3.
    await row.getByTestId('remediation-assessment-link').click();
    await buyerPage.waitForURL(new RegExp(`/assessments/${assessmentId}$`), WAIT);
    await buyerPage.getByTestId('score-level').filter({ hasText: '★3' }).waitFor(WAIT);

    // The supplier sees it verified, with the full history.
    await page.reload();
    await page.getByTestId('remediation-group-verified').waitFor(WAIT);
    await statusIs(page, gap, 'verified');
    await card(page, gap).getByTestId('remediation-toggle').click();
    await card(page, gap).locator('[data-testid="remediation-event"][data-action="verified"]').waitFor(WAIT);
    expect(await card(page, gap).getByTestId('remediation-save').count()).toBe(0);

    await buyer.close();
    await supplier.close();
  }, 180_000);
});
