/**
 * The finance service's forms of the inbox, over a real socket: it emits a budget year's orders from the page
 * (the download is the API's CSV, the orders become « émis », a double click or a second post emits nothing
 * twice), imports the finance software's return (one order paid: the agreement's ledger pays it; one rejected:
 * back to « à émettre » with its reason on the page), and a malformed return changes nothing and shows the
 * located error. An operator and a Département agent without the finance scope get the absent page's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisInstant } from '../../../engine/time/index.ts';
import { startTestServer, TOKENS, type TestServer } from '../support/server.ts';
import { BrowserSession, inputOf } from '../support/browser-session.ts';

const CALL = 'information-juridique-2024';
const EMIT = '/espace/ordres/emettre';
const RETURN = '/espace/ordres/retour';
interface Order { id: string; agreementId: string; budgetYear: number; status: string; rejection: string | null; amountCents: number }
let api: TestServer;
const agreements: string[] = [];

beforeAll(async () => {
  api = await startTestServer(parisInstant('2024-01-15', '12:00'));
  const applied: Array<[string, string, string]> = [[TOKENS.operatorA, 'asso-a', 'arrageois-hors-cua'], [TOKENS.operatorB, 'asso-b', 'ternois']];
  for (const [token, operatorId, territory] of applied) {
    await api.request('PUT', `/organisations/${operatorId}`, { token: TOKENS.departement, json: { name: `Association ${operatorId}`, siret: '77580130000002', iban: 'FR7630006000011234567890189' } });
    const created = await api.request('POST', '/applications', { token, json: { call: CALL, operatorId, territory, applicant: { 'agrement-l366-1': true } } });
    expect(created.status).toBe(201);
    agreements.push(((await created.json()) as { instanceId: string }).instanceId);
  }
  api.clock.set(parisInstant('2024-02-05', '12:00'));
  for (const agreement of agreements) {
    for (const [type, payload] of [['retenir', undefined], ['signer', { montant: 10_000_000, deliberation: 'CP-2024-17' }]] as const) {
      expect((await api.request('POST', `/applications/${agreement}/events`, { token: TOKENS.departement, json: { type, ...(payload && { payload }) } })).status).toBe(200);
    }
  }
});
afterAll(() => api.stop());

async function signedIn(token: string): Promise<BrowserSession> {
  const browser = new BrowserSession();
  expect((await browser.post(`${api.url}/connexion/jeton`, { jeton: token, retour: '/espace' })).status).toBe(303);
  return browser;
}

async function inbox(browser: BrowserSession): Promise<string> {
  const response = await browser.fetch(`${api.url}/espace`);
  expect(response.status).toBe(200);
  return response.text();
}

async function orders(status?: string): Promise<Order[]> {
  const response = await api.request('GET', `/payments${status === undefined ? '' : `?status=${status}`}`, { token: TOKENS.finance });
  return ((await response.json()) as { items: Order[] }).items;
}

/** Posts the return file as a browser's file input does (multipart), with the form's hidden fields. */
async function postReturn(browser: BrowserSession, page: string, csv: string): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', inputOf(page, '_csrf', RETURN)!);
  form.set('_cle', inputOf(page, '_cle', RETURN)!);
  form.set('fichier', new Blob([csv], { type: 'text/csv' }), 'retour.csv');
  return browser.fetch(`${api.url}${RETURN}`, { method: 'POST', body: form, headers: { origin: api.url } });
}

async function paidOf(agreement: string): Promise<number> {
  const response = await api.request('GET', `/agreements/${agreement}/ledger`, { token: TOKENS.departement });
  return ((await response.json()) as { ledger: { paid: number } }).ledger.paid;
}

describe('the finance service emits and imports from its inbox', () => {
  it('emits the year’s orders as the API’s CSV download, once even on a double click', async () => {
    const due = await orders('a-emettre');
    expect(due.length).toBeGreaterThanOrEqual(2);
    const year = due[0]!.budgetYear;
    const browser = await signedIn(TOKENS.finance);
    const page = await inbox(browser);
    expect(page).toContain(`Émettre les ordres de l’exercice ${year}`);
    const fields = { _csrf: inputOf(page, '_csrf', EMIT)!, _cle: inputOf(page, '_cle', EMIT)!, exercice: String(year) };
    // A double click: the same one-time key twice, at once.
    const [first, second] = await Promise.all([browser.post(`${api.url}${EMIT}`, fields), browser.post(`${api.url}${EMIT}`, fields)]);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/csv');
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="ordres-de-paiement-${year}.csv"`);
    const csv = await first.text();
    expect(await second.text()).toBe(csv);
    for (const order of due.filter((o) => o.budgetYear === year)) expect(csv).toContain(order.id);
    const emitted = (await orders('emis')).filter((o) => o.budgetYear === year);
    expect(emitted.map((o) => o.id).sort()).toEqual(due.filter((o) => o.budgetYear === year).map((o) => o.id).sort());
    // One line per emitted order under the header.
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(emitted.length + 1);
    // A second post (a new page, a new key) emits nothing: no file, a notice, no order changed.
    const again = await inbox(browser);
    const resent = await browser.post(`${api.url}${EMIT}`, { _csrf: inputOf(again, '_csrf')!, _cle: 'une-autre-cle-de-formulaire', exercice: String(year) });
    expect(resent.status).toBe(200);
    expect(resent.headers.get('content-type')).toContain('text/html');
    expect(await resent.text()).toContain(`Aucun ordre de l’exercice ${year} n’est prêt à émettre`);
    expect((await orders('emis')).filter((o) => o.budgetYear === year)).toHaveLength(emitted.length);
  });

  it('answers the same bytes as POST /payments/export for the same orders', async () => {
    // Two fresh servers would differ by ids; here: reject an order back to « à émettre » and emit it both ways in turn.
    const [order] = await orders('emis');
    const back = await api.request('POST', '/payments/import', { token: TOKENS.finance, body: `reference_ordre;statut;date;mandat;motif\n${order!.id};rejete;;;IBAN clos\n`, headers: { 'content-type': 'text/csv' } });
    expect(await back.json()).toMatchObject({ rejected: 1 });
    const browser = await signedIn(TOKENS.finance);
    const page = await inbox(browser);
    const fromPage = await browser.post(`${api.url}${EMIT}`, { _csrf: inputOf(page, '_csrf', EMIT)!, _cle: inputOf(page, '_cle', EMIT)!, exercice: String(order!.budgetYear) });
    const pageCsv = new Uint8Array(await fromPage.arrayBuffer());
    const again = await api.request('POST', '/payments/import', { token: TOKENS.finance, body: `reference_ordre;statut;date;mandat;motif\n${order!.id};rejete;;;IBAN clos une seconde fois\n`, headers: { 'content-type': 'text/csv' } });
    expect(await again.json()).toMatchObject({ rejected: 1 });
    const fromApi = await api.request('POST', `/payments/export?year=${order!.budgetYear}`, { token: TOKENS.finance });
    expect(pageCsv).toEqual(new Uint8Array(await fromApi.arrayBuffer()));
  });

  it('imports a return with one paid and one rejected line, then shows the inbox with the result', async () => {
    const [paid, rejected] = await orders('emis');
    expect(rejected).toBeDefined();
    const before = await paidOf(paid!.agreementId);
    const browser = await signedIn(TOKENS.finance);
    const response = await postReturn(browser, await inbox(browser), `reference_ordre;statut;date;mandat;motif\n${paid!.id};paye;20/02/2024;M-2024-001;\n${rejected!.id};rejete;;;RIB illisible\n`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Retour importé : 1 ordre(s) payé(s), 1 rejeté(s)');
    expect(page).toContain('RIB illisible');
    expect(page).toContain('Ordres de paiement à émettre');
    expect(await paidOf(paid!.agreementId)).toBe(before + paid!.amountCents);
    expect((await orders('a-emettre')).find((o) => o.id === rejected!.id)?.rejection).toBe('RIB illisible');
    // The same file again: lines already imported, nothing paid twice.
    const twice = await postReturn(browser, await inbox(browser), `reference_ordre;statut;date;mandat;motif\n${paid!.id};paye;20/02/2024;M-2024-001;\n`);
    expect(await twice.text()).toContain('0 ordre(s) payé(s), 0 rejeté(s) (de nouveau à émettre, avec leur motif), 1 ligne(s) déjà importée(s)');
    expect(await paidOf(paid!.agreementId)).toBe(before + paid!.amountCents);
  });

  it('refuses a malformed return whole, with the located error, and changes nothing', async () => {
    const all = await orders();
    const [emitted] = all.filter((o) => o.status === 'emis');
    const known = emitted ?? all[0]!;
    const browser = await signedIn(TOKENS.finance);
    const response = await postReturn(browser, await inbox(browser), `reference_ordre;statut;date;mandat;motif\n${known.id};paye;20/02/2024;M-2024-002;\n${known.id};paye;31/13/2024;M-2024-003;\n`);
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('Retour non appliqué');
    expect(page).toContain('ligne 3 : date de paiement « 31/13/2024 » illisible');
    expect(await orders()).toEqual(all);
  });

  it('reads a return file larger than a form (under the API’s body limit) and refuses one above it', async () => {
    const browser = await signedIn(TOKENS.finance);
    const line = 'ordre-inconnu;inconnu;;;\n';
    const large = `reference_ordre;statut;date;mandat;motif\n${line.repeat(Math.ceil((100 * 1024) / line.length))}`;
    const read = await postReturn(browser, await inbox(browser), large);
    expect(read.status).toBe(422);
    const page = await read.text();
    expect(page).toContain('ligne 2 : statut « inconnu » inconnu');
    expect(page).toMatch(/… et \d+ autre\(s\) problème\(s\)/);
    const tooLarge = await postReturn(browser, await inbox(browser), large.repeat(11));
    expect(tooLarge.status).toBe(413);
    // Every other form of « Mon espace » keeps its small bound.
    const csrf = inputOf(await inbox(browser), '_csrf')!;
    expect((await browser.post(`${api.url}/espace/preferences`, { _csrf: csrf, mode: 'x'.repeat(100 * 1024) })).status).toBe(413);
  });

  it('gives an operator and a Département agent without the finance scope the absent page: no form, POST refused', async () => {
    const finance = await signedIn(TOKENS.finance);
    const key = inputOf(await inbox(finance), '_cle', EMIT) ?? 'une-cle-de-formulaire-valide';
    const before = await orders();
    for (const token of [TOKENS.operatorA, TOKENS.departement]) {
      const browser = await signedIn(token);
      const page = await inbox(browser);
      expect(page).not.toContain(EMIT);
      expect(page).not.toContain(RETURN);
      const csrf = inputOf(page, '_csrf')!;
      const emit = await browser.post(`${api.url}${EMIT}`, { _csrf: csrf, _cle: key, exercice: '2024' });
      const absent = await browser.fetch(`${api.url}/espace/ordres/inexistant`);
      expect(emit.status).toBe(404);
      expect(await emit.text()).not.toContain('ordre');
      expect(absent.status).toBe(404);
      const imported = await postReturn(browser, page.replace('<form', `<form action="${RETURN}"><input name="_csrf" value="${csrf}"><input name="_cle" value="${key}"></form><form`), `reference_ordre;statut;date;mandat;motif\n${before[0]!.id};rejete;;;intrus\n`);
      expect(imported.status).toBe(404);
    }
    expect(await orders()).toEqual(before);
  });
});
