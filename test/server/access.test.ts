/**
 * Who sees and does what: one operator can neither read nor act on another's data (and cannot even learn
 * that it exists), a coordinator stays in their territories, an evaluator reads no instance, sensitive
 * fields never reach a token without access, and the log holds no personal data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tokenRegistry } from '../../server/tokens.ts';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

const RESTRICTED = 'operateur-a-sans-dettes';
const BENEFICIARY = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true, 'montant-dette': 424_242 };

let api: TestServer;
const logLines: string[] = [];
const ids = { agreementA: '', agreementB: '', measureA: '', measureB: '', reportA: '' };

async function json(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await api.request(method, path, { token, headers, ...(body === undefined ? {} : { json: body }) });
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

beforeAll(async () => {
  const demo = parse(readFileSync('config/tokens.demo.yaml', 'utf8')) as { tokens: unknown[] };
  const tokens = tokenRegistry({
    tokens: [...demo.tokens, { id: 'op-a-restreint', role: 'operator', operatorId: 'asso-a', token: RESTRICTED, sensitivity: ['personal'] }],
  });
  const log = { info: (line: string) => logLines.push(line), error: (line: string) => logLines.push(line) };
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'), { tokens, log });
  const call = 'prevention-expulsions-2024';
  ids.agreementA = (await json('POST', '/applications', TOKENS.operatorA, { call, territory: 'lens-henin', applicant: { 'agrement-isft': true } })).body.instanceId;
  ids.agreementB = (await json('POST', '/applications', TOKENS.operatorB, { call, territory: 'boulonnais', applicant: { 'agrement-isft': true } })).body.instanceId;
  api.clock.set(new Date('2024-06-10T10:00:00Z'));
  for (const id of [ids.agreementA, ids.agreementB]) {
    await json('POST', `/applications/${id}/events`, TOKENS.departement, { type: 'retenir' });
    await json('POST', `/applications/${id}/events`, TOKENS.departement, { type: 'signer', payload: { montant: 100_000 } });
  }
  const measure = { measure: 'equipe-mobile', beneficiary: BENEFICIARY };
  ids.measureA = (await json('POST', '/measures', TOKENS.coordinatorLens, { agreement: ids.agreementA, ...measure }, { 'idempotency-key': 'cle-de-a' })).body.instanceId;
  ids.measureB = (await json('POST', '/measures', TOKENS.coordinatorBoulonnais, { agreement: ids.agreementB, ...measure })).body.instanceId;
  ids.reportA = `${ids.agreementA}.bilan-final`;
  await json('POST', `/measures/${ids.measureA}/events`, TOKENS.operatorA, { type: 'diagnostic-flash' }, { 'idempotency-key': 'diag-a' });
});
afterAll(() => api.stop());

describe('one operator and another', () => {
  it("cannot read the other's measure, history, agreement, ledger or report: 404 as if absent", async () => {
    const absent = await json('GET', '/measures/n-existe-pas', TOKENS.operatorB);
    expect(absent.status).toBe(404);
    for (const path of [
      `/measures/${ids.measureA}`,
      `/measures/${ids.measureA}/history`,
      `/applications/${ids.agreementA}`,
      `/agreements/${ids.agreementA}`,
      `/agreements/${ids.agreementA}/ledger`,
      `/reports/${ids.reportA}`,
    ]) {
      const { status, body } = await json('GET', path, TOKENS.operatorB);
      expect(status, path).toBe(404);
      expect({ ...body, instance: undefined }, path).toEqual({ ...absent.body, instance: undefined });
    }
  });

  it("cannot act on the other's measure, whatever it sends, and learns nothing (no version, no allowed events)", async () => {
    const attempts: Array<[unknown, Record<string, string>]> = [
      [{ type: 'diagnostic-approfondi' }, {}],
      [{ type: 'diagnostic-approfondi' }, { 'if-match': '"7"' }],
      [{ type: 'evenement-qui-n-existe-pas' }, {}],
      [{ type: 'terminer' }, {}],
      [{ type: 'diagnostic-flash' }, { 'idempotency-key': 'diag-a' }],
      [{ type: 'semaine' }, { 'idempotency-key': 'diag-a' }],
    ];
    for (const [body, headers] of attempts) {
      const response = await json('POST', `/measures/${ids.measureA}/events`, TOKENS.operatorB, body, headers);
      expect(response.status, JSON.stringify([body, headers])).toBe(404);
      expect(response.body).not.toHaveProperty('currentVersion');
      expect(response.body).not.toHaveProperty('allowedEvents');
    }
    const other = await json('POST', `/applications/${ids.agreementA}/events`, TOKENS.operatorB, { type: 'retirer' });
    expect(other.status).toBe(404);
    const referral = await json('POST', '/measures', TOKENS.operatorB, { agreement: ids.agreementA, measure: 'equipe-mobile', beneficiary: BENEFICIARY });
    expect(referral.status).toBe(404);
    const { body: measure } = await json('GET', `/measures/${ids.measureA}`, TOKENS.departement);
    expect(measure).toMatchObject({ version: 2, state: { id: 'diagnostiquee' } });
  });

  it('lists only its own organisation', async () => {
    for (const path of ['/measures', '/applications', '/agreements', '/reports', '/measures?operator=asso-a']) {
      const { status, body } = await json('GET', path, TOKENS.operatorB);
      expect(status, path).toBe(200);
      const operators = new Set(body.items.map((item: { operatorId: string }) => item.operatorId));
      expect([...operators].filter((o) => o !== 'asso-b'), path).toEqual([]);
      expect(JSON.stringify(body)).not.toContain(ids.agreementA);
    }
    const own = await json('GET', '/measures', TOKENS.operatorB);
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual([ids.measureB]);
  });
});

describe('coordinators and evaluators', () => {
  it('keeps a coordinator to their territories', async () => {
    expect((await json('GET', `/measures/${ids.measureA}`, TOKENS.coordinatorBoulonnais)).status).toBe(404);
    expect((await json('GET', `/measures/${ids.measureB}`, TOKENS.coordinatorBoulonnais)).status).toBe(200);
    const list = await json('GET', '/measures', TOKENS.coordinatorBoulonnais);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([ids.measureB]);
    const referral = await json('POST', '/measures', TOKENS.coordinatorBoulonnais, { agreement: ids.agreementA, measure: 'equipe-mobile', beneficiary: BENEFICIARY });
    expect(referral.status).toBe(404);
  });

  it('refuses every instance to an evaluator (403), who still reads the definitions', async () => {
    for (const path of ['/measures', `/measures/${ids.measureA}`, '/applications', `/agreements/${ids.agreementA}/ledger`, '/reports']) {
      const { status, body } = await json('GET', path, TOKENS.evaluator);
      expect(status, path).toBe(403);
      expect(body.code).toBe('role-non-autorise');
      expect(JSON.stringify(body)).not.toContain('commandement');
    }
    expect((await json('GET', '/definitions', TOKENS.evaluator)).status).toBe(200);
  });
});

describe('sensitive fields', () => {
  it('shows the debts to the operator by default, and to a token allowed personal data only, never', async () => {
    const full = await json('GET', `/measures/${ids.measureA}`, TOKENS.operatorA);
    expect(full.body.data).toMatchObject({ 'montant-dette': 424_242, 'stade-procedure': 'commandement-de-payer' });
    expect(full.body.hidden).toEqual([]);

    const restricted = await api.request('GET', `/measures/${ids.measureA}`, { token: RESTRICTED });
    const text = await restricted.text();
    expect(restricted.status).toBe(200);
    expect(text).not.toContain('424242');
    expect(text).not.toContain('commandement-de-payer');
    const body = JSON.parse(text);
    expect(body.hidden).toEqual(['montant-dette', 'stade-procedure']);
    expect(body.data).toMatchObject({ parc: 'prive', 'inconnu-services-sociaux': true });
  });

  it('removes them from the messages of the history too', async () => {
    const response = await api.request('GET', `/measures/${ids.measureA}/history`, { token: RESTRICTED });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain('424242');
    expect(text).not.toContain('commandement-de-payer');
    const creation = JSON.parse(text).items[0];
    expect(creation.payload.beneficiary).toEqual({ parc: 'prive', 'inconnu-services-sociaux': true });
  });

  it('never writes a body, a token or a household value in the log', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.join('\n');
    for (const secret of ['424242', 'commandement-de-payer', 'demo-operateur', 'demo-departement', RESTRICTED, 'diag-a']) {
      expect(all).not.toContain(secret);
    }
  });
});
