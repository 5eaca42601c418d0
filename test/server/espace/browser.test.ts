/**
 * « Mon espace » in a real browser (Debian's Chromium driven by playwright-core), on a call written only
 * in YAML for this test (test/fixtures/espace/): each role signs in through the OpenID Connect provider the
 * test starts; an operator applies; the Département selects and signs; a coordinator refers a participant;
 * the operator runs the measure to its end and submits the report, which the Département accepts; the
 * evaluator reads the call's indicators and budget, small counts masked. Every
 * click is on a generated page; every page type is checked by axe-core (WCAG 2.1 A and AA), one form is
 * filled with the keyboard only, and screenshots are saved under test-results/espace/.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium } from '../../support/chromium.ts';
import { loadRepository, type ResolvedCall } from '../../../engine/definition/index.ts';
import { freePort, startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { testOidcSettings } from '../support/oidc-signin.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const SHOTS = 'test-results/espace';
const DEFINITIONS = ['definitions/shared', 'test/fixtures/espace/definitions'];
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let api: TestServer;
let provider: TestOidcProvider;
let browser: Browser;
let call: ResolvedCall;

/** Labels read from the definition, never written here. */
const eventLabel = (lifecycle: 'application' | 'report' | `measure:${string}`, event: string): string => {
  const definition = call.definition;
  const events = lifecycle === 'application' ? definition.lifecycles?.application?.events
    : lifecycle === 'report' ? definition.lifecycles?.report?.events
    : definition.measures?.[lifecycle.slice('measure:'.length)]?.lifecycle?.events;
  const label = events?.[event]?.label;
  if (label === undefined) throw new Error(`no label for ${lifecycle} ${event}`);
  return label;
};

async function checkAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } })
      .axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${api.url}/espace`); // no session: straight to the provider's login page
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('indifferent');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click(); // consent
  await page.waitForURL(`${api.url}/espace`);
  return { context, page };
}

async function sendEvent(page: Page, label: string, fill?: (page: Page) => Promise<void>): Promise<void> {
  const form = page.locator('form.event', { has: page.getByRole('heading', { name: label, exact: true }) });
  if (fill) await fill(page);
  await form.getByRole('button', { name: label, exact: true }).click();
  await page.waitForLoadState('load');
  expect(await page.locator('.error-summary').count(), await page.locator('main').textContent() ?? '').toBe(0);
}

beforeAll(async () => {
  call = (await loadRepository(DEFINITIONS)).calls.get('ateliers-budget-2099')!;
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/connexion/retour`;
  provider = await startOidcProvider(redirectUri);
  api = await startTestServer(new Date('2099-02-01T10:00:00Z'), { port, oidc: testOidcSettings(provider, redirectUri), definitions: DEFINITIONS });
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await provider?.stop();
});

describeBrowser('« Mon espace » in Chromium, on a call written only for the test', { timeout: 180_000 }, () => {
  let agreementUrl = '';
  let measureUrl = '';

  it('an operator applies through the generated form, with the keyboard only', async () => {
    const { context, page } = await signIn('asso-a-travailleuse');
    await checkAccessible(page, 'boite-operateur');
    await page.getByRole('link', { name: call.definition.title }).click();
    await checkAccessible(page, 'candidature-formulaire');
    // Keyboard only: focus the first field, then type and tab through the form, and submit with Enter.
    await page.getByLabel('Territoire').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/espace\/dossiers\//);
    agreementUrl = page.url().split('?')[0]!;
    expect(await page.locator('.notice').textContent()).toContain('Candidature déposée');
    await checkAccessible(page, 'candidature-deposee');
    await context.close();
  });

  it('the Département selects and signs; the ledger shows the advance', async () => {
    const { context, page } = await signIn('agent-dupont');
    await page.goto(agreementUrl);
    await sendEvent(page, eventLabel('application', 'retenir'));
    await sendEvent(page, eventLabel('application', 'signer'), (p) => p.getByLabel(/Montant conventionné/).fill('400000'));
    expect(await page.getByRole('heading', { name: 'Suivi financier de la convention' }).isVisible()).toBe(true);
    await checkAccessible(page, 'convention-signee');
    await context.close();
  });

  it('the coordinator refers a participant; the operator runs the measure to its end', async () => {
    const coordinator = await signIn('coord-lens');
    await coordinator.page.goto(agreementUrl);
    await coordinator.page.getByRole('link', { name: call.definition.measures!.atelier!.lifecycle!.label! }).click();
    await checkAccessible(coordinator.page, 'orientation-formulaire');
    await coordinator.page.getByLabel(/Prénom du participant/).fill('Camille');
    await coordinator.page.getByRole('button', { name: 'Orienter le ménage' }).click();
    await coordinator.page.waitForURL(/\/espace\/dossiers\//);
    measureUrl = coordinator.page.url().split('?')[0]!;
    await coordinator.context.close();

    const operator = await signIn('asso-a-travailleuse');
    await operator.page.goto(measureUrl);
    await checkAccessible(operator.page, 'mesure');
    for (const day of ['2099-04-10', '2099-04-17']) {
      await sendEvent(operator.page, eventLabel('measure:atelier', 'seance'), (p) => p.getByLabel(/Date de la séance/).fill(day));
    }
    await sendEvent(operator.page, eventLabel('measure:atelier', 'cloturer'), async (p) => { await p.getByLabel(/Appréciation des acquis/).selectOption('acquis'); });
    expect(await operator.page.locator('main').textContent()).toContain('dossier clos');
    expect(await operator.page.locator('main').textContent()).toContain('80,00 €');
    await checkAccessible(operator.page, 'mesure-close');
    await operator.context.close();
  });

  it('the report goes from due to accepted, each step clicked', async () => {
    const operator = await signIn('asso-a-travailleuse');
    const inbox = operator.page;
    const reportLink = inbox.getByRole('link', { name: call.definition.lifecycles!.report!.label ?? 'Bilan' });
    await reportLink.first().click();
    const reportUrl = inbox.url();
    await sendEvent(inbox, eventLabel('report', 'deposer'));
    await operator.context.close();
    const agent = await signIn('agent-dupont');
    await agent.page.goto(reportUrl);
    await sendEvent(agent.page, eventLabel('report', 'accepter'));
    expect(await agent.page.locator('main').textContent()).toContain('accepté');
    await checkAccessible(agent.page, 'bilan-accepte');
    await agent.context.close();
  });

  it('the evaluator reads the call’s indicators and budget with small counts masked, and no file; the Département reads them whole', async () => {
    const evaluator = await signIn('evaluatrice');
    await checkAccessible(evaluator.page, 'boite-evaluateur');
    await evaluator.page.getByRole('link', { name: call.definition.title }).click();
    await evaluator.page.waitForURL(/\/report\.html$/);
    const reportUrl = evaluator.page.url();
    expect(await evaluator.page.locator('.masked').count()).toBeGreaterThan(0);
    expect(await evaluator.page.locator('body').textContent()).toContain('sont masqués');
    await checkAccessible(evaluator.page, 'indicateurs-evaluateur');
    const file = await evaluator.page.goto(agreementUrl);
    expect(file?.status()).toBe(404);
    await evaluator.context.close();
    const agent = await signIn('agent-dupont');
    await agent.page.goto(reportUrl);
    expect(await agent.page.locator('.masked').count()).toBe(0);
    await checkAccessible(agent.page, 'indicateurs-departement');
    await agent.context.close();
  });

  it('the finance service signs in by token and clicks « Émettre les ordres de l’exercice »: the CSV is downloaded', async () => {
    expect((await api.request('PUT', '/organisations/asso-a', { token: 'demo-departement', json: { name: 'Association A', siret: '77580130000002', iban: 'FR7630006000011234567890189' } })).status).toBeLessThan(300);
    const toEmit = ((await (await api.request('GET', '/payments?status=a-emettre', { token: 'demo-service-financier' })).json()) as { items: Array<{ id: string; budgetYear: number }> }).items;
    expect(toEmit.length).toBeGreaterThan(0);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${api.url}/connexion?jeton&retour=%2Fespace`);
    await page.getByLabel('Jeton d\'accès').fill('demo-service-financier');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${api.url}/espace`);
    await checkAccessible(page, 'boite-service-financier');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Émettre les ordres de l’exercice ${toEmit[0]!.budgetYear}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ordres-de-paiement-${toEmit[0]!.budgetYear}.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    for (const order of toEmit.filter((o) => o.budgetYear === toEmit[0]!.budgetYear)) expect(csv).toContain(order.id);
    await page.goto(`${api.url}/espace`);
    expect(await page.getByRole('button', { name: `Émettre les ordres de l’exercice ${toEmit[0]!.budgetYear}` }).count()).toBe(0);
    await context.close();
  });

  it('the preferences and the sign-in pages are accessible too', async () => {
    const { context, page } = await signIn('coord-lens');
    await page.goto(`${api.url}/espace/preferences`);
    await checkAccessible(page, 'preferences');
    await context.close();
    const anonymous = await browser.newPage({ bypassCSP: true });
    await anonymous.goto(`${api.url}/connexion?jeton`);
    await checkAccessible(anonymous, 'connexion');
    await anonymous.goto(`${api.url}/accessibilite`);
    expect(await anonymous.getByRole('heading', { level: 1 }).textContent()).toBe("Déclaration d'accessibilité");
    await checkAccessible(anonymous, 'accessibilite');
    await anonymous.close();
  });
});
