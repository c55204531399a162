import { getCatalogue } from '@tierstar/guidelines';
import type { AnswerValue } from '@tierstar/scoring';
import type { Browser, Page } from 'playwright-core';
import { answerAll, assessmentOf, linkSuppliers, signedIn } from '../support/cascade-fixtures';
import { launchCampaign, makeNetwork, metiStar3Ids } from '../support/campaign-fixtures';
import { PASSWORD } from '../support/factories';
import { assertWebBuilt, launchChromium, WEB_DIST } from '../support/chromium';
import { createTestApp, type TestApp } from '../support/test-app';
import { daysFromToday } from '../support/clock';
import { randomBytes } from 'node:crypto';

const WAIT = { timeout: 15_000 };

jest.setTimeout(180_000);

async function login(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), WAIT);
}

describe('insights in a real browser: OEM → Tier 1 → Tier 2 (summary consent)', () => {
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

  it('Tier 1 forwards, Tier 2 shares a summary; the OEM sees its Tier 2 cell hidden (one supplier) and its summary, never its answers', async () => {
    // OEM → Tier 1: a launched METI campaign, answered in full and submitted by the Tier 1.
    const net = await makeNetwork(t.db, 1);
    const tier1 = net.suppliers[0]!.org;
    const { client: oemApi } = await signedIn(t, net.buyer, 'procurement');
    const rootId = await launchCampaign(oemApi, net.buyer.id);
    const tier1Assessment = await assessmentOf(t.db, rootId, tier1.id);
    const { user: tier1User, client: tier1Api } = await signedIn(t, tier1, 'admin');
    const ids = metiStar3Ids();
    await answerAll(tier1Api, tier1Assessment, Object.fromEntries(ids.map((id) => [id, 'met' as const])));

    // Tier 1's own supplier; the Tier 1 admin forwards the request from its assessment page (a phone).
    const tier2Name = `E2E 二次取引先 ${randomBytes(4).toString('hex')}`;
    const [tier2] = await linkSuppliers(t.db, tier1, [{ name: tier2Name, tags: ['press'] }]);
    const tier1Context = await browser.newContext({
      locale: 'ja-JP',
      viewport: { width: 375, height: 812 },
    });
    const tier1Page = await tier1Context.newPage();
    await login(tier1Page, t.url, tier1User.email);
    await tier1Page.goto(`${t.url}/assessments/${tier1Assessment}`);
    await tier1Page.getByTestId('benchmark-panel').waitFor(WAIT);
    await tier1Page.getByTestId('forward-panel').locator('summary').click();
    await tier1Page.getByTestId('forward-due').fill(daysFromToday(t, 30));
    await tier1Page.getByTestId('forward-button').click();
    await tier1Page.getByTestId('forward-done').waitFor(WAIT);
    await tier1Context.close();

    const [child] = await t.db.query<{ id: string }[]>(
      'SELECT id FROM campaigns WHERE parent_assessment_id = $1',
      [tier1Assessment],
    );
    const tier2Assessment = await assessmentOf(t.db, child!.id, tier2!.id);

    // Tier 2 fails every criterion of one category (a weak cell), meets the rest, and submits.
    const catalogue = getCatalogue('meti-scs')!;
    const groupOf = new Map(catalogue.criteria.map((c) => [c.id, c.groupId]));
    const weakGroup = groupOf.get(ids[0]!)!;
    const answers: Record<string, AnswerValue> = {};
    for (const id of ids) answers[id] = groupOf.get(id) === weakGroup ? 'not_met' : 'met';
    const { user: tier2User, client: tier2Api } = await signedIn(t, tier2!, 'respondent');
    await answerAll(tier2Api, tier2Assessment, answers, { note: 'TIER2-SECRET-NOTE' });

    // The Tier 2 chooses "summary only" on its assessment page.
    const tier2Context = await browser.newContext({ locale: 'ja-JP' });
    const tier2Page = await tier2Context.newPage();
    await login(tier2Page, t.url, tier2User.email);
    await tier2Page.goto(`${t.url}/assessments/${tier2Assessment}`);
    await tier2Page.getByTestId('consent-panel').waitFor(WAIT);
    expect(await tier2Page.getByTestId('consent-none').isChecked()).toBe(true);
    await tier2Page.getByTestId('consent-summary').check();
    await tier2Page.getByTestId('consent-save').click();
    await tier2Page.getByTestId('consent-panel').getByText('保存しました。').waitFor(WAIT);
    await tier2Context.close();
    const [stored] = await t.db.query<{ upstream_consent: string }[]>(
      'SELECT upstream_consent FROM assessments WHERE id = $1',
      [tier2Assessment],
    );
    expect(stored!.upstream_consent).toBe('summary');

    // The OEM: insights from the navigation. One Tier 2 supplier that does not share everything: its cells
    // are hidden (k-anonymity) and say why; Tier 1 cells drill down as usual.
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await login(page, t.url, net.procurement.email);
    await page.getByTestId('nav-insights').click(WAIT);
    await page.getByTestId('heatmap').waitFor(WAIT);
    await page.getByTestId('heatmap-table-toggle').click();
    const hidden = page.getByTestId(`heatmap-cell-2-${weakGroup}`);
    await hidden.waitFor(WAIT);
    expect(await hidden.textContent()).toContain('非表示');
    expect(await hidden.textContent()).toContain('5社未満');
    expect(await hidden.textContent()).not.toContain('0%');
    expect(await hidden.locator('button').count()).toBe(0);
    expect(await page.getByTestId('anonymity-note').textContent()).toContain('5社以上');
    expect(await page.getByTestId('distribution-hidden-2').textContent()).toContain('非表示');
    const tier1Cell = page.getByTestId(`heatmap-cell-1-${weakGroup}`);
    expect(await tier1Cell.textContent()).toContain('100%');
    await tier1Cell.click();
    await page.getByTestId('drill-row').filter({ hasText: tier1.name }).waitFor(WAIT);
    expect(await page.getByTestId('drill-row').count()).toBe(1);

    // The Tier 2 row itself is listed (summary consent).
    const row = page.getByTestId('insights-supplier-row').filter({ hasText: tier2Name });
    await row.waitFor(WAIT);
    expect(await row.getByText('概要のみ').count()).toBe(1);
    expect(await page.getByTestId('hidden-by-consent').textContent()).toContain('5社未満');

    // Export links carry the filters and the UI language.
    expect(await page.getByTestId('export-suppliers-xlsx').getAttribute('href')).toBe(
      `/api/orgs/${net.buyer.id}/insights/suppliers.xlsx?lang=ja`,
    );
    expect(await page.getByTestId('insights-supplier-row').count()).toBe(2);

    // The supplier page: a summary, no way into the answers.
    await row.getByRole('link', { name: tier2Name }).click();
    await page.waitForURL(new RegExp(`/insights/suppliers/${tier2!.id}$`), WAIT);
    const summary = page.getByTestId('supplier-summary');
    await summary.waitFor(WAIT);
    expect(await summary.getAttribute('data-consent')).toBe('summary');
    await page.getByTestId('summary-only-note').waitFor(WAIT);
    expect(await page.getByTestId('supplier-assessment-link').count()).toBe(0);
    expect(await page.locator(`a[href*="${tier2Assessment}"]`).count()).toBe(0);
    // Summary means ★, category rates and the open count: no requirement, no improvement item.
    await page.getByTestId('summary-details-private').waitFor(WAIT);
    expect(await page.getByTestId('summary-gaps').count()).toBe(0);
    const html = await page.content();
    expect(html).not.toContain('TIER2-SECRET-NOTE');
    for (const id of ids.filter((c) => groupOf.get(c) === weakGroup)) expect(html).not.toContain(id);

    // Even asked directly from the OEM's browser, the Tier 2 assessment does not exist for it.
    const status = await page.evaluate(
      async (id) => (await fetch(`/api/assessments/${id}`, { credentials: 'include' })).status,
      tier2Assessment,
    );
    expect(status).toBe(404);

    // The printable report: the app's header is not printed.
    await page.getByTestId('supplier-report-link').click();
    await page.getByTestId('supplier-report').waitFor(WAIT);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    await context.close();
  });
});
