import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  launchCampaign,
  makeNetwork,
  metiStar3Ids,
  metiStar3NaAllowedId,
  linkTokenOf,
} from '../support/campaign-fixtures';
import { makeUser, PASSWORD } from '../support/factories';
import { browser as apiClient, type TestApp } from '../support/test-app';
import { type BrowserApp, csrfHeader, loginPage, PNG, startBrowserApp, WAIT } from '../support/browser-app';

describe('assessment form in a real browser', () => {
  let app: BrowserApp;
  let t: TestApp;
  let smtp: BrowserApp['smtp'];
  let chromium: Browser;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, smtp, chromium } = app);
  }, 60_000);
  afterAll(() => app?.close());

  const statusIs = (page: Page, text: string) =>
    page.getByTestId('status-badge').filter({ hasText: text }).waitFor(WAIT);

  /** Does `action` and waits for the autosave of that criterion it causes to succeed. */
  async function saving(
    page: Page,
    criterionId: string,
    action: () => Promise<void>,
    bodyIncludes = '',
  ): Promise<void> {
    const saved = page.waitForResponse(
      (r) =>
        r.request().method() === 'PUT' &&
        r.url().endsWith(`/answers/${criterionId}`) &&
        (r.request().postData() ?? '').includes(bodyIncludes) &&
        r.status() === 200,
      WAIT,
    );
    await action();
    await saved;
    await page.getByTestId(`save-state-${criterionId}`).filter({ hasText: '保存しました' }).waitFor(WAIT);
  }

  const login = (context: BrowserContext, email: string) => loginPage(t, context, email);

  it('supplier answers from the emailed link and submits; buyer returns one item, then accepts', async () => {
    const ids = metiStar3Ids();
    const first = ids[0]!;
    const last = ids.at(-1)!;
    // A ★3 criterion that allows "not applicable" with a reason (partners sharing confidential data).
    const returned = metiStar3NaAllowedId();
    const net = await makeNetwork(t.db, 1);
    const buyerApi = await (await apiClient(t)).login(net.procurement.email, PASSWORD);
    await launchCampaign(buyerApi, net.buyer.id);
    const [mail] = await smtp.waitFor(1);
    const token = await linkTokenOf(t, mail!);

    // The supplier opens the emailed link: signed in, taken to the form, the token gone from the address bar.
    const supplier = await chromium.newContext({ locale: 'ja-JP' });
    const page = await supplier.newPage();
    await page.goto(`${t.url}/respond#token=${token}`);
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/, WAIT);
    expect(page.url()).not.toContain('token');
    const assessmentId = page.url().split('/').at(-1)!;
    await page.getByTestId(`criterion-${first}`).waitFor(WAIT);
    expect(await page.getByTestId('score-level').innerText()).toBe('まだ届いていません');
    expect(await page.getByTestId('submit-button').isDisabled()).toBe(true);

    // The link works once: opened again, it says so and points to the login.
    const again = await chromium.newContext({ locale: 'ja-JP' });
    const againPage = await again.newPage();
    await againPage.goto(`${t.url}/respond#token=${token}`);
    await againPage.getByTestId('respond-link-invalid').waitFor(WAIT);
    expect(againPage.url()).not.toContain('token');
    await again.close();

    // Phone size: one column, nothing wider than the screen, radio choices big enough to tap.
    const phone = await chromium.newContext({
      locale: 'ja-JP',
      viewport: { width: 375, height: 740 },
      storageState: await supplier.storageState(),
    });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${t.url}/assessments/${assessmentId}`);
    await phonePage.getByTestId(`criterion-${first}`).waitFor(WAIT);
    // A string, evaluated in the page (this file is compiled without the DOM types).
    const scrollWidth = await phonePage.evaluate<number>('document.scrollingElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(375);
    const choice = await phonePage.getByTestId(`answer-${first}-met`).locator('xpath=..').boundingBox();
    expect(choice!.height).toBeGreaterThanOrEqual(44);
    await phone.close();

    // All but the last criterion through the API, on the browser's own session.
    const headers = await csrfHeader(supplier);
    const put = (criterionId: string, body: object) =>
      page.request.put(`${t.url}/api/assessments/${assessmentId}/answers/${criterionId}`, {
        data: body,
        headers,
      });
    for (const id of ids.slice(0, -1)) {
      const res = await put(id, { value: 'met', baseVersion: 0 });
      expect(res.status()).toBe(200);
    }
    await page.reload();
    await page.getByTestId(`criterion-${last}`).waitFor(WAIT);
    await page.waitForFunction(
      `document.querySelector('[data-testid="score-progress"]')?.value === ${ids.length - 1}`,
      undefined,
      WAIT,
    );
    expect(await page.getByTestId('submit-button').isDisabled()).toBe(true);

    // Someone else changes the first answer meanwhile: the form shows both versions and keeps mine.
    expect((await put(first, { value: 'partial', baseVersion: 1 })).status()).toBe(200);
    await page.getByTestId(`answer-${first}-unknown`).check();
    await page.getByTestId('conflict-dialog').waitFor(WAIT);
    await saving(page, first, () => page.getByTestId('keep-mine').click());
    expect(await page.getByTestId(`answer-${first}-unknown`).isChecked()).toBe(true);
    await saving(page, first, () => page.getByTestId(`answer-${first}-met`).check());

    // The last one by clicking, plus a photo as evidence: ★3 reached.
    await saving(page, last, () => page.getByTestId(`answer-${last}-met`).check());
    await page
      .getByTestId(`evidence-input-${last}`)
      .setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: PNG });
    await page
      .getByTestId(`criterion-${last}`)
      .getByTestId('evidence-item')
      .filter({ hasText: 'screen.png' })
      .waitFor(WAIT);
    await page.getByTestId('score-level').filter({ hasText: '★3' }).waitFor(WAIT);

    // Management declares and submits.
    await page.getByTestId('submit-name').fill('山田 太郎');
    await page.getByTestId('submit-title').fill('代表取締役');
    await page.getByTestId('submit-button').click();
    await statusIs(page, '提出済み');

    // The buyer, in a browser of their own, sends a criterion back with a comment (one that may be N/A with a reason).
    const buyer = await chromium.newContext({ locale: 'ja-JP' });
    const buyerPage = await login(buyer, net.procurement.email);
    await buyerPage.goto(`${t.url}/assessments/${assessmentId}`);
    await statusIs(buyerPage, '提出済み');
    await buyerPage.getByTestId('score-confirmed-level').waitFor(WAIT);
    await buyerPage
      .getByTestId(`criterion-${last}`)
      .getByTestId('evidence-item')
      .filter({ hasText: 'screen.png' })
      .waitFor(WAIT);
    expect(await buyerPage.getByTestId('return-button').isDisabled()).toBe(true);
    await buyerPage.getByTestId(`return-comment-${returned}`).fill('規程の名前を補足に書いてください。');
    await buyerPage.getByTestId('return-button').click();
    await statusIs(buyerPage, '差し戻し');

    // The supplier sees the comment on that criterion, changes the answer and submits again.
    await page.reload();
    await statusIs(page, '差し戻し');
    await page
      .getByTestId(`criterion-${returned}`)
      .getByTestId('review-comment')
      .filter({ hasText: '規程の名前を補足に書いてください。' })
      .waitFor(WAIT);
    await page.getByTestId(`answer-${returned}-not_applicable`).check();
    await page.getByTestId(`save-state-${returned}`).filter({ hasText: '理由' }).waitFor(WAIT);
    await page.getByTestId(`na-reason-${returned}`).fill('社外の取引先とのデータのやり取りがないため。');
    await saving(
      page,
      returned,
      async () => {
        await page.getByTestId(`note-${returned}`).fill('情報セキュリティ規程 第3条');
        await page.getByTestId(`note-${returned}`).blur();
      },
      '第3条',
    );
    await page.getByTestId('score-level').filter({ hasText: '★3' }).waitFor(WAIT);
    await page.getByTestId('submit-name').fill('山田 太郎');
    await page.getByTestId('submit-title').fill('代表取締役');
    await page.getByTestId('submit-button').click();
    await statusIs(page, '提出済み');

    // The buyer assigns an evaluator, who confirms the corrected answer.
    const evaluator = await makeUser(t.db, net.buyer, 'evaluator', { name: '評価 花子' });
    await buyerPage.reload();
    await statusIs(buyerPage, '提出済み');
    await buyerPage.getByTestId('evaluator-select').selectOption(evaluator.id);
    await buyerPage.locator('.facts').filter({ hasText: '評価 花子' }).waitFor(WAIT);
    const evaluatorContext = await chromium.newContext({ locale: 'ja-JP' });
    const evaluatorPage = await login(evaluatorContext, evaluator.email);
    await evaluatorPage.goto(`${t.url}/assessments/${assessmentId}`);
    await evaluatorPage.getByTestId(`confirm-${returned}`).click();
    await evaluatorPage
      .getByTestId(`criterion-${returned}`)
      .locator('.badge-confirmed')
      .filter({ hasText: '確認済み' })
      .waitFor(WAIT);
    await evaluatorContext.close();

    // The buyer accepts; both sides see it accepted, with both rounds in the history.
    await buyerPage.reload();
    await statusIs(buyerPage, '提出済み');
    await buyerPage.getByTestId('accept-button').click();
    await statusIs(buyerPage, '受理済み');
    expect(await buyerPage.getByTestId('round-item').count()).toBe(2);
    await page.reload();
    await statusIs(page, '受理済み');

    await buyer.close();
    await supplier.close();
  }, 180_000);
});
