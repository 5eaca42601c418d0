/**
 * The payment orders to emit in the Département's inbox, over a real socket: the finance service sees the
 * order a signed agreement made due, by budget year with its amount in French, and the reason when the
 * finance software rejected it; an operator and a Département agent without the finance scope see no such
 * section. The final report deposited shows in the Département's inbox with « Accepter le bilan » (the
 * service fait to certify). Amounts and labels come from the API and the definitions, not from the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { parisInstant } from '../../../engine/time/index.ts';
import { startTestServer, TOKENS, type TestServer } from '../support/server.ts';
import { BrowserSession } from '../support/browser-session.ts';

const CALL = 'information-juridique-2024';
const SECTION = 'Ordres de paiement à émettre';
let api: TestServer;
let agreement = '';

beforeAll(async () => {
  api = await startTestServer(parisInstant('2024-01-15', '12:00'));
  await api.request('PUT', '/organisations/asso-a', { token: TOKENS.departement, json: { name: 'Association A', siret: '77580130000002', iban: 'FR7630006000011234567890189' } });
  const created = await api.request('POST', '/applications', { token: TOKENS.operatorA, json: { call: CALL, operatorId: 'asso-a', territory: 'arrageois-hors-cua', applicant: { 'agrement-l366-1': true } } });
  agreement = ((await created.json()) as { instanceId: string }).instanceId;
  api.clock.set(parisInstant('2024-02-05', '12:00'));
  for (const [type, payload] of [['retenir', undefined], ['signer', { montant: 10_000_000, deliberation: 'CP-2024-17' }]] as const) {
    expect((await api.request('POST', `/applications/${agreement}/events`, { token: TOKENS.departement, json: { type, ...(payload && { payload }) } })).status).toBe(200);
  }
});
afterAll(() => api.stop());

async function inboxOf(token: string): Promise<string> {
  const browser = new BrowserSession();
  expect((await browser.post(`${api.url}/connexion/jeton`, { jeton: token, retour: '/espace' })).status).toBe(303);
  const response = await browser.fetch(`${api.url}/espace`);
  expect(response.status).toBe(200);
  return response.text();
}

/** `1 234,56 €`, written independently of the server's formatter. */
function frenchEuros(cents: number): string {
  const units = String(Math.trunc(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${units},${String(cents % 100).padStart(2, '0')} €`;
}

async function ordersToEmit(): Promise<Array<{ id: string; budgetYear: number; amountCents: number; rejection: string | null }>> {
  return ((await (await api.request('GET', '/payments?status=a-emettre', { token: TOKENS.finance })).json()) as { items: Array<{ id: string; budgetYear: number; amountCents: number; rejection: string | null }> }).items;
}

describe('payment orders in the inbox', () => {
  it('shows the finance service the order to emit, by budget year, with its amount in French and the button that emits them', async () => {
    const page = await inboxOf(TOKENS.finance);
    const orders = await ordersToEmit();
    expect(orders.length).toBeGreaterThan(0);
    expect(page).toContain(SECTION);
    for (const order of orders) {
      expect(page).toContain(`Exercice ${order.budgetYear}`);
      expect(page).toContain(frenchEuros(order.amountCents));
      expect(page).toContain(`Émettre les ordres de l’exercice ${order.budgetYear}`);
    }
    expect(page).toContain(`/espace/dossiers/${encodeURIComponent(agreement)}`);
  });

  it('shows a rejected order again, with the reason the finance software gave', async () => {
    const [order] = await ordersToEmit();
    const exported = await api.request('POST', `/payments/export?year=${order!.budgetYear}`, { token: TOKENS.finance });
    expect(exported.status).toBe(200);
    expect(await inboxOf(TOKENS.finance)).not.toContain(frenchEuros(order!.amountCents));
    const back = await api.request('POST', '/payments/import', { token: TOKENS.finance, body: `reference_ordre;statut;date;mandat;motif\n${order!.id};rejete;;;RIB illisible\n`, headers: { 'content-type': 'text/csv' } });
    expect(await back.json()).toMatchObject({ rejected: 1 });
    const page = await inboxOf(TOKENS.finance);
    expect(page).toContain('RIB illisible');
    expect(page).toContain(frenchEuros(order!.amountCents));
  });

  it('shows no payment orders to an operator nor to a Département agent without the finance scope', async () => {
    expect(await inboxOf(TOKENS.operatorA)).not.toContain(SECTION);
    expect(await inboxOf(TOKENS.departement)).not.toContain(SECTION);
  });

  it('lists the final report deposited for the Département to accept (the service fait to certify)', async () => {
    const repository = await loadRepository('definitions');
    const reports = repository.calls.get(CALL)!.definition.reports ?? {};
    const final = Object.keys(reports).find((key) => reports[key]!.kind === 'final')!;
    const report = `${agreement}.${final}`;
    expect((await api.request('POST', `/reports/${report}/events`, { token: TOKENS.operatorA, json: { type: 'deposer' } })).status).toBe(200);
    const page = await inboxOf(TOKENS.departement);
    expect(page).toContain(`/espace/dossiers/${encodeURIComponent(report)}`);
    expect(page).toContain('Accepter le bilan');
  });
});
