/**
 * The signed-in pages over a real socket: sign-in with an access token, the inbox, an application made by
 * filling the form generated from the call's applicant fields, an event sent by its generated form (CSRF
 * checked, a double click applied once), and someone else's instance answered like an absent one.
 * Expectations come from the definitions (the calls open on the day, the events' labels).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { startTestServer, TOKENS, type TestServer } from '../support/server.ts';
import { BrowserSession, inputOf } from '../support/browser-session.ts';

let api: TestServer;
const CALL = 'prevention-expulsions-2024';

beforeAll(async () => {
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'));
});
afterAll(() => api.stop());

async function signIn(token: string): Promise<BrowserSession> {
  const browser = new BrowserSession();
  const response = await browser.post(`${api.url}/connexion/jeton`, { jeton: token, retour: '/espace' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/espace');
  return browser;
}

describe('signed-in pages', () => {
  let application = '';

  it('sends a visitor without a session to the sign-in, and back afterwards', async () => {
    const browser = new BrowserSession();
    const response = await browser.fetch(`${api.url}/espace/dossiers/x`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/connexion?retour=%2Fespace%2Fdossiers%2Fx');
    const page = await (await browser.fetch(`${api.url}/connexion?retour=%2Fespace`)).text();
    expect(page).toContain('<label for="jeton">');
  });

  it('refuses an unknown token at the field, and sets an HTTP-only cookie for a known one', async () => {
    const browser = new BrowserSession();
    const refused = await browser.post(`${api.url}/connexion/jeton`, { jeton: 'pas-un-jeton', retour: '/espace' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('href="#jeton"');
    const accepted = await browser.post(`${api.url}/connexion/jeton`, { jeton: TOKENS.operatorA, retour: '//ailleurs.example' });
    expect(accepted.headers.get('location')).toBe('/espace');
    const cookie = accepted.headers.getSetCookie().find((c) => c.startsWith('dispositifs-session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('lists the calls open to applications today, from the definitions', async () => {
    const repository = await loadRepository('definitions');
    const open = [...repository.calls.values()].filter((call) => call.definition.status === 'published' && Object.values(call.definition.windows ?? {}).some((w) => {
      const period = w.application as { start?: string; end?: string; unknown?: boolean };
      return period.unknown !== true && (period.start === undefined || period.start <= '2024-04-15') && period.end !== undefined && '2024-04-15' <= period.end;
    }));
    expect(open.length).toBeGreaterThan(0);
    const browser = await signIn(TOKENS.operatorA);
    const page = await (await browser.fetch(`${api.url}/espace`)).text();
    for (const call of open) expect(page).toContain(`/espace/candidater/${call.id}`);
  });

  it('applies through the form generated from the applicant fields, errors shown at the field', async () => {
    const browser = await signIn(TOKENS.operatorA);
    const form = await (await browser.fetch(`${api.url}/espace/candidater/${CALL}`)).text();
    const csrf = inputOf(form, '_csrf')!;
    const key = inputOf(form, '_cle')!;
    const missing = await browser.post(`${api.url}/espace/candidater/${CALL}`, { _csrf: csrf, _cle: key, 'agrement-isft': 'oui' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('href="#candidature--territoire"');
    const made = await browser.post(`${api.url}/espace/candidater/${CALL}`, { _csrf: csrf, _cle: key, territoire: 'lens-henin', 'agrement-isft': 'oui' });
    expect(made.status).toBe(303);
    application = decodeURIComponent(/\/espace\/dossiers\/([^?]+)/.exec(made.headers.get('location')!)![1]!);
    const again = await browser.post(`${api.url}/espace/candidater/${CALL}`, { _csrf: csrf, _cle: key, territoire: 'lens-henin', 'agrement-isft': 'oui' });
    expect(again.headers.get('location')).toBe(made.headers.get('location'));
  });

  it('sends an event by its button, once for a double click, and refuses a form without its CSRF token', async () => {
    const browser = await signIn(TOKENS.departement);
    const page = await (await browser.fetch(`${api.url}/espace/dossiers/${encodeURIComponent(application)}`)).text();
    const repository = await loadRepository('definitions');
    const compiledLabel = repository.pieces.lifecycle.get('candidature')?.piece.lifecycle?.events?.retenir?.label;
    expect(compiledLabel).toBeDefined();
    expect(page).toContain(compiledLabel!);
    const action = `/espace/dossiers/${encodeURIComponent(application)}/evenements`;
    const forms = page.split('<form').filter((f) => f.includes('name="_type" value="retenir"'));
    expect(forms).toHaveLength(1);
    const fields = { _csrf: inputOf(page, '_csrf', action)!, _type: 'retenir', _version: '1', _cle: /name="_cle" value="([^"]+)"/.exec(forms[0]!)![1]! };
    const forged = await browser.post(`${api.url}${action}`, { ...fields, _csrf: 'faux' });
    expect(forged.status).toBe(403);
    const foreign = await browser.post(`${api.url}${action}`, fields, 'https://ailleurs.example');
    expect(foreign.status).toBe(403);
    const first = await browser.post(`${api.url}${action}`, fields);
    const second = await browser.post(`${api.url}${action}`, fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    const history = await api.request('GET', `/applications/${application}/history`, { token: TOKENS.departement });
    const types = ((await history.json()) as { items: Array<{ type: string }> }).items.map((e) => e.type);
    expect(types.filter((t) => t === 'retenir')).toHaveLength(1);
  });

  it('signs the agreement by its form, shows the ledger, and lets the territory’s coordinator refer a household', async () => {
    api.clock.set(new Date('2024-12-02T10:00:00Z'));
    const agent = await signIn(TOKENS.departement);
    const path = `/espace/dossiers/${encodeURIComponent(application)}`;
    const page = await (await agent.fetch(`${api.url}${path}`)).text();
    const form = page.split('<form').find((f) => f.includes('name="_type" value="signer"'))!;
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)![1]!;
    const signed = await agent.post(`${api.url}${path}/evenements`, { _csrf: hidden('_csrf'), _type: 'signer', _version: hidden('_version'), _cle: hidden('_cle'), montant: '100 000' });
    expect(signed.status).toBe(303);
    const agreementPage = await (await agent.fetch(`${api.url}${path}`)).text();
    expect(agreementPage).toContain('Suivi financier de la convention');
    expect(agreementPage).toContain('1 000,00 €');

    const coordinator = await signIn(TOKENS.coordinatorLens);
    const seen = await (await coordinator.fetch(`${api.url}${path}`)).text();
    const repository = await loadRepository('definitions');
    const measures = Object.keys(repository.calls.get(CALL)!.definition.measures ?? {});
    for (const measure of measures) expect(seen).toContain(`/espace/orienter/${encodeURIComponent(application)}/${measure}`);
    const referral = `/espace/orienter/${encodeURIComponent(application)}/equipe-mobile`;
    const referralPage = await (await coordinator.fetch(`${api.url}${referral}`)).text();
    const csrf = inputOf(referralPage, '_csrf', referral)!;
    const key = inputOf(referralPage, '_cle', referral)!;
    const incomplete = await coordinator.post(`${api.url}${referral}`, { _csrf: csrf, _cle: key });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toContain('class="error-summary"');
    const referred = await coordinator.post(`${api.url}${referral}`, {
      _csrf: csrf, _cle: key, parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': 'oui', 'montant-dette': '320000',
    });
    expect(referred.status).toBe(303);
    const operator = await signIn(TOKENS.operatorA);
    const inbox = await (await operator.fetch(`${api.url}/espace`)).text();
    expect(inbox).toContain(referred.headers.get('location')!.split('?')[0]!);
  });

  it('answers someone else’s instance exactly like an absent one', async () => {
    const browser = await signIn(TOKENS.operatorB);
    const other = await browser.fetch(`${api.url}/espace/dossiers/${encodeURIComponent(application)}`);
    const absent = await browser.fetch(`${api.url}/espace/dossiers/n-existe-pas`);
    expect(other.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(await other.text()).toBe(await absent.text());
  });

  it('signs out with the CSRF token, and the session is gone', async () => {
    const browser = await signIn(TOKENS.operatorA);
    const page = await (await browser.fetch(`${api.url}/espace`)).text();
    const out = await browser.post(`${api.url}/deconnexion`, { _csrf: inputOf(page, '_csrf', '/deconnexion')! });
    expect(out.status).toBe(303);
    expect((await browser.fetch(`${api.url}/espace`)).status).toBe(303);
  });
});
