/**
 * The preview in a real browser: Debian's Chromium, headless, driven by playwright-core. It loads the
 * catalog and a call page (and sees its diagrams), edits a definition in the live editor, sees an error
 * appear and disappear, and saves screenshots under test-results/preview/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium } from '../../support/chromium.ts';
import { listen, type HttpListener } from '../../../server/http-listener.ts';
import { previewFixture } from './fixture.ts';

const SHOTS = 'test-results/preview';

let fixture: Awaited<ReturnType<typeof previewFixture>>;
let listener: HttpListener;
let browser: Browser;
let page: Page;
const foreignRequests: string[] = [];

beforeAll(async () => {
  fixture = await previewFixture();
  listener = await listen(fixture.app, { port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(listener.url) && !url.startsWith('data:') && !url.startsWith('about:')) foreignRequests.push(url);
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await listener?.close();
});

// A real browser on a busy machine: generous time for each step (no assertion is about time).
describeBrowser('the preview in Chromium', { timeout: 90_000 }, () => {
  it('shows the catalog, then a call page with its sheet and its diagrams', async () => {
    await page.goto(`${listener.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Catalogue des appels à projets');
    await page.screenshot({ path: `${SHOTS}/catalogue.png`, fullPage: true });

    await page.getByRole('link', { name: 'Prévention des expulsions locatives (équipes mobiles et visites explicatives de jugement)' }).click();
    await page.waitForURL(`${listener.url}/appels/prevention-expulsions-2024`);
    expect(await page.getByRole('heading', { level: 2, name: 'Fenêtres de candidature et conventions' }).isVisible()).toBe(true);
    const diagrams = page.getByRole('img', { name: /^Diagramme d'états/ });
    expect(await diagrams.count()).toBe(4);
    const finalState = page.locator('[id="mesure-em-etat-cloturee"]');
    expect(await finalState.isVisible()).toBe(true);
    expect(await finalState.textContent()).toContain('Clôturée');
    await page.screenshot({ path: `${SHOTS}/appel.png`, fullPage: true });
    await page.locator('section[aria-labelledby="diagrammes"]').screenshot({ path: `${SHOTS}/diagrammes.png` });
  });

  it('shows what the 2025 call changes', async () => {
    await page.goto(`${listener.url}/appels/equipes-mobiles-2025/differences`);
    expect(await page.locator('main').textContent()).toContain('mesure vej : retirée');
    await page.screenshot({ path: `${SHOTS}/differences.png`, fullPage: true });
  });

  it('validates as one types in the editor: an error appears with its line, then disappears, and the diagrams follow', async () => {
    await page.goto(`${listener.url}/editeur?appel=prevention-expulsions-2024`);
    const status = page.locator('#statut');
    expect(await status.getAttribute('data-state')).toBe('valid');
    const editor = page.getByRole('textbox', { name: 'Définition YAML' });
    const original = await editor.inputValue();

    const broken = original.replace('target: cloturee, effects: [{ kind: end }]', 'target: cloture, effects: [{ kind: end }]');
    expect(broken).not.toBe(original);
    await editor.fill(broken);
    await page.locator('#statut[data-state="invalid"]').waitFor();
    const finding = page.locator('#constats li').first();
    const line = broken.split('\n').findIndex((row) => row.includes('target: cloture,')) + 1;
    expect(await finding.textContent()).toContain(`Ligne ${line}`);
    expect(await finding.textContent()).toContain('cloture');
    await page.screenshot({ path: `${SHOTS}/editeur-erreur.png`, fullPage: true });

    await finding.getByRole('button').click();
    const selected = await editor.evaluate((element: HTMLTextAreaElement) => element.value.slice(element.selectionStart, element.selectionEnd));
    expect(selected.startsWith('cloture,')).toBe(true);

    await editor.fill(original.replace('label: Clôturée', 'label: Intervention terminée'));
    await page.locator('#statut[data-state="valid"]').waitFor();
    expect(await page.locator('#constats li').count()).toBe(0);
    await page.locator('#diagrammes [id="mesure-em-etat-cloturee"]', { hasText: 'Intervention terminée' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/editeur.png`, fullPage: true });
  });

  it('loads nothing from outside the project', () => {
    expect(foreignRequests).toEqual([]);
  });
});
