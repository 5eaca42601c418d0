import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisInstant } from '../../engine/time/index.ts';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

let client: TestServer;
beforeAll(async () => {
  process.env.DISPOSITIFS_DEPARTEMENT_SIRET = '22620000000009';
  client = await startTestServer(parisInstant('2024-01-15', '12:00'));
});
afterAll(async () => {
  delete process.env.DISPOSITIFS_DEPARTEMENT_SIRET;
  await client.stop();
});

describe('the finance service over HTTP', () => {
  it('prints the convention, orders the payment, takes the finance return and publishes the open data without a token', async () => {
    await client.request('PUT', '/organisations/asso-a', { token: TOKENS.departement, json: { name: 'Association A', siret: '77580130000002', iban: 'FR7630006000011234567890189' } });
    const created = await client.request('POST', '/applications', { token: TOKENS.operatorA, json: { call: 'information-juridique-2024', operatorId: 'asso-a', territory: 'arrageois-hors-cua', applicant: { 'agrement-l366-1': true } } });
    expect(created.status).toBe(201);
    const { instanceId } = (await created.json()) as { instanceId: string };
    client.clock.set(parisInstant('2024-02-05', '12:00'));
    for (const [type, payload] of [['retenir', undefined], ['signer', { montant: 10_000_000, deliberation: 'CP-2024-17' }]] as const) {
      const sent = await client.request('POST', `/applications/${instanceId}/events`, { token: TOKENS.departement, json: { type, ...(payload && { payload }) } });
      expect(sent.status).toBe(200);
    }
    const pdf = await client.request('GET', `/conventions/${instanceId}/pdf`, { token: TOKENS.operatorA });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await client.request('GET', `/conventions/${instanceId}`, { token: TOKENS.operatorB })).status).toBe(404);
    expect((await client.request('POST', '/payments/export?year=2024', { token: TOKENS.departement })).status).toBe(403);
    const exported = await client.request('POST', '/payments/export?year=2024', { token: TOKENS.finance });
    const order = (await exported.text()).split('\r\n')[1]?.split(';')[0] ?? '';
    expect(order).toMatch(/^op-/);
    const back = await client.request('POST', '/payments/import', { token: TOKENS.finance, body: `reference_ordre;statut;date;mandat;motif\n${order};rejete;;;RIB illisible\n`, headers: { 'content-type': 'text/csv' } });
    expect(await back.json()).toMatchObject({ rejected: 1 });
    const orders = (await (await client.request('GET', '/payments?year=2024', { token: TOKENS.departement })).json()) as { items: { status: string; rejection: string }[] };
    expect(orders.items).toEqual([expect.objectContaining({ status: 'a-emettre', rejection: 'RIB illisible' })]);
    const open = await client.request('GET', '/opendata/subventions.csv?year=2024');
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('Association A,77580130000002');
  });
});
