import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

let client: TestServer;
beforeAll(async () => {
  client = await startTestServer();
});
afterAll(() => client.stop());

const IBAN = 'FR7630006000011234567890189';

describe('/organisations', () => {
  it('lets the Département register an operator, shows its IBAN to the finance service only, and keeps the history', async () => {
    const put = await client.request('PUT', '/organisations/asso-a', { token: TOKENS.departement, json: { name: 'Association A', siret: '77580130000002', iban: IBAN, email: 'contact@asso-a.fr' } });
    expect(put.status).toBe(201);
    expect(await put.json()).toMatchObject({ outcome: 'creation', organisation: { id: 'asso-a', version: 1 } });
    expect(await (await client.request('GET', '/organisations/asso-a', { token: TOKENS.finance })).json()).toMatchObject({ iban: IBAN });
    const agent = await (await client.request('GET', '/organisations/asso-a', { token: TOKENS.departement })).json();
    expect(agent).not.toHaveProperty('iban');
    expect(JSON.stringify(agent)).not.toContain('30006000011234');
    const own = await (await client.request('GET', '/organisations/asso-a', { token: TOKENS.operatorA })).json();
    expect(own).toMatchObject({ name: 'Association A' });
    expect((await client.request('GET', '/organisations/asso-a', { token: TOKENS.operatorB })).status).toBe(404);
    expect((await client.request('PUT', '/organisations/asso-a', { token: TOKENS.operatorA, json: { name: 'X', siret: '77580130000002' } })).status).toBe(403);
    const history = (await (await client.request('GET', '/organisations/asso-a/history', { token: TOKENS.departement })).json()) as { items: { kind: string }[] };
    expect(history.items.map((h) => h.kind)).toEqual(['creation']);
  });

  it('refuses a wrong SIRET with 422 and the field located, and a CSV with its line and column', async () => {
    const bad = await client.request('PUT', '/organisations/asso-c', { token: TOKENS.departement, json: { name: 'C', siret: '77580130000003' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ path: '/siret', code: 'siret-invalide' }] });
    const csv = '\uFEFFidentifiant;raison sociale;siret\nasso-b;Association B;77580130000002\nasso-c;C;1234';
    const refused = await client.request('POST', '/organisations/import', { token: TOKENS.departement, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ errors: [{ path: '/lignes/3/colonnes/3', code: 'siret-invalide' }] });
    expect((await client.request('GET', '/organisations/asso-b', { token: TOKENS.departement })).status).toBe(404);
  });

  it('once the register holds organisations, refuses an application from an unregistered one', async () => {
    await client.request('PUT', '/organisations/asso-a', { token: TOKENS.departement, json: { name: 'Association A', siret: '77580130000002' } });
    const application = (operator: string, token: string) => client.request('POST', '/applications', {
      token, json: { call: 'prevention-expulsions-2024', operatorId: operator, territory: 'lens-henin', applicant: { 'agrement-isft': true } },
    });
    const refused = await application('asso-b', TOKENS.operatorB);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('registre des organismes');
  });
});
