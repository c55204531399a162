import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertWebBuilt, launchChromium, WEB_DIST } from './chromium';
import { PASSWORD } from './factories';
import { type MailCatcher, startTestSmtp } from './smtp';
import { createTestApp, type TestApp } from './test-app';

/** Playwright's wait options for every step of the browser tests (bounded; never a sleep). */
export const WAIT = { timeout: 15_000 };

/** A real 1×1 PNG (the API decides a file's type from its bytes). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface BrowserApp {
  t: TestApp;
  smtp: MailCatcher;
  chromium: Browser;
  close(): Promise<void>;
}

/**
 * The whole app for a browser test: the API with workers serving the built web app, a loopback SMTP server,
 * evidence in a temporary folder, and Debian's chromium.
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  assertWebBuilt();
  const smtp = await startTestSmtp();
  const evidenceDir = mkdtempSync(join(tmpdir(), 'tierstar-evidence-'));
  const t = await createTestApp({
    WEB_DIST,
    ROLE: 'all',
    SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
    PUBLIC_URL: 'http://tierstar.test',
    EVIDENCE_DIR: evidenceDir,
  });
  const chromium = await launchChromium();
  return {
    t,
    smtp,
    chromium,
    async close() {
      await chromium.close();
      await t.close();
      await smtp.close();
      rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

/** Headers for a state-changing request from the page's own session (CSRF token from its cookie). */
export async function csrfHeader(context: BrowserContext): Promise<Record<string, string>> {
  const cookie = (await context.cookies()).find((c) => c.name === 'tierstar_csrf');
  if (!cookie) throw new Error('no tierstar_csrf cookie in the browser');
  return { 'X-CSRF-Token': cookie.value };
}

/** Logs in through the login page in a new page of `context`. */
export async function loginPage(t: TestApp, context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${t.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), WAIT);
  return page;
}
