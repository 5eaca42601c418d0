/**
 * The API documentation page in a real browser (Debian's Chromium through playwright-core): Swagger UI
 * renders the OpenAPI document under the page's Content-Security-Policy, and nothing is requested from
 * anywhere but the server.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from './support/server.ts';


let api: TestServer;
let browser: Browser;

beforeAll(async () => {
  api = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describeBrowser('the documentation page in Chromium', { timeout: 90_000 }, () => {
  it('renders every operation of the OpenAPI document, loading nothing from elsewhere and breaking no CSP rule', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    const foreign: string[] = [];
    const violations: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(api.url) && !url.startsWith('data:') && !url.startsWith('about:')) foreign.push(url);
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    await page.goto(`${api.url}/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.info .title').textContent()).toContain('API dispositifs');
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.map((path) => path.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/measures/{id}/events', '/agreements/{id}/ledger', '/definitions/validate']));
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});
