/**
 * One tenant learns nothing of another through the doors that create things: idempotency keys belong to
 * whoever sends them (an operator's organisation, or the principal), a referral goes only into an
 * agreement of the coordinator's territories, and a role that reads no instance gets the same answer for
 * an existing instance and an absent one.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tokenRegistry } from '../../server/tokens.ts';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

const CALL = 'prevention-expulsions-2024';
const BENEFICIARY = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };
/** A second agent of asso-a: the organisation's keys are hers too. */
const COLLEAGUE = 'operateur-a-collegue';

let api: TestServer;
const ids = { agreementA: '', agreementB: '', measureA: '' };
type Answer = { status: number; body: any };
/** Answers to creations made inside the window (April 2024), checked by the tests below. */
const early: Record<'otherOperator' | 'reusedByOther' | 'reusedByOtherAgain' | 'colleague' | 'colleagueOther', Answer> = {} as never;

async function json(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await api.request(method, path, { token, headers, ...(body === undefined ? {} : { json: body }) });
  return { status: response.status, body: (await response.json()) as any };
}
const keyed = (key: string) => ({ 'idempotency-key': key });
const application = (territory: string) => ({ call: CALL, territory, applicant: { 'agrement-isft': true } });

beforeAll(async () => {
  const demo = parse(readFileSync('config/tokens.demo.yaml', 'utf8')) as { tokens: unknown[] };
  const tokens = tokenRegistry({ tokens: [...demo.tokens, { id: 'op-a-2', role: 'operator', operatorId: 'asso-a', token: COLLEAGUE }] });
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'), { tokens });
  ids.agreementA = (await json('POST', '/applications', TOKENS.operatorA, application('lens-henin'), keyed('depot-1'))).body.instanceId;
  ids.agreementB = (await json('POST', '/applications', TOKENS.operatorB, application('boulonnais'))).body.instanceId;
  early.otherOperator = await json('POST', '/applications', TOKENS.operatorB, application('lens-henin'), keyed('depot-1'));
  early.reusedByOther = await json('POST', '/applications', TOKENS.operatorB, application('artois'), keyed('orientation-1'));
  early.reusedByOtherAgain = await json('POST', '/applications', TOKENS.operatorB, application('artois'), keyed('orientation-1'));
  early.colleague = await json('POST', '/applications', COLLEAGUE, application('lens-henin'), keyed('depot-1'));
  early.colleagueOther = await json('POST', '/applications', COLLEAGUE, application('artois'), keyed('depot-1'));
  api.clock.set(new Date('2024-06-10T10:00:00Z'));
  for (const id of [ids.agreementA, ids.agreementB]) {
    await json('POST', `/applications/${id}/events`, TOKENS.departement, { type: 'retenir' });
    await json('POST', `/applications/${id}/events`, TOKENS.departement, { type: 'signer', payload: { montant: 100_000 } });
  }
  const referral = { agreement: ids.agreementA, measure: 'equipe-mobile', beneficiary: BENEFICIARY };
  ids.measureA = (await json('POST', '/measures', TOKENS.coordinatorLens, referral, keyed('orientation-1'))).body.instanceId;
});
afterAll(() => api.stop());

async function measuresUnder(agreement: string): Promise<string[]> {
  const { body } = await json('GET', `/measures?agreement=${agreement}`, TOKENS.departement);
  return body.items.map((item: { id: string }) => item.id);
}

describe('idempotency keys', () => {
  it("never replay another tenant's creation: the same key from someone else is a new key", async () => {
    // Another operator sends asso-a's key with its own application: a new instance of its own.
    const other = early.otherOperator;
    expect(other.status).toBe(201);
    expect(other.body.instanceId).not.toBe(ids.agreementA);
    // The coordinator of another territory sends the very referral with its key: refused as out of scope,
    // not answered with the Lens-Hénin measure.
    const referral = { agreement: ids.agreementA, measure: 'equipe-mobile', beneficiary: BENEFICIARY };
    const coordinator = await json('POST', '/measures', TOKENS.coordinatorBoulonnais, referral, keyed('orientation-1'));
    expect(coordinator.status).toBe(404);
    expect(JSON.stringify(coordinator.body)).not.toContain(ids.measureA);
    // An evaluator may create nothing, with or without someone's key.
    for (const [path, body] of [['/measures', referral], ['/applications', { ...application('lens-henin'), operatorId: 'asso-a' }]] as const) {
      const evaluator = await json('POST', path, TOKENS.evaluator, body, keyed(path === '/measures' ? 'orientation-1' : 'depot-1'));
      expect(evaluator.status, path).toBe(403);
      expect(JSON.stringify(evaluator.body), path).not.toMatch(new RegExp(`${ids.measureA}|${ids.agreementA}`));
    }
    expect(await measuresUnder(ids.agreementA)).toEqual([ids.measureA]);
  });

  it('does not tell an operator that another tenant used a key (no 422), and replays within the organisation', () => {
    // asso-b picks a key it never used: its own, 201, then replayed to itself.
    expect(early.reusedByOther.status).toBe(201);
    expect(early.reusedByOtherAgain.body.instanceId).toBe(early.reusedByOther.body.instanceId);
    // A colleague of the same organisation retrying asso-a's request gets asso-a's answer, and a different
    // request under that key is refused, as before.
    expect(early.colleague).toMatchObject({ status: 201, body: { instanceId: ids.agreementA } });
    expect(early.colleagueOther).toMatchObject({ status: 422, body: { code: 'cle-idempotence-reutilisee' } });
  });

  it("keeps event keys to their sender too", async () => {
    const first = await json('POST', `/measures/${ids.measureA}/events`, TOKENS.operatorA, { type: 'diagnostic-flash' }, keyed('evt-1'));
    expect(first.status).toBe(200);
    // The Département sends another event under the same key: its own key, applied (not 422).
    const departement = await json('POST', `/measures/${ids.measureA}/events`, TOKENS.departement, { type: 'diagnostic-approfondi' }, keyed('evt-1'));
    expect(departement.status).not.toBe(422);
    const replay = await json('POST', `/measures/${ids.measureA}/events`, COLLEAGUE, { type: 'diagnostic-flash' }, keyed('evt-1'));
    expect(replay.body).toEqual(first.body);
  });
});

describe('referrals', () => {
  it('refuses a referral into an agreement outside the coordinator’s territories, even naming their own territory', async () => {
    const before = await measuresUnder(ids.agreementA);
    for (const territory of ['boulonnais', 'lens-henin', undefined]) {
      const body = { agreement: ids.agreementA, measure: 'equipe-mobile', beneficiary: BENEFICIARY, ...(territory && { territory }) };
      const response = await json('POST', '/measures', TOKENS.coordinatorBoulonnais, body);
      expect(response.status, String(territory)).toBe(404);
    }
    // Not even the Lens-Hénin coordinator may place a Boulonnais household under the Lens-Hénin agreement
    // (the territory is outside their own).
    const outside = await json('POST', '/measures', TOKENS.coordinatorLens, { agreement: ids.agreementA, measure: 'equipe-mobile', territory: 'boulonnais', beneficiary: BENEFICIARY });
    expect(outside.status).toBe(404);
    expect(await measuresUnder(ids.agreementA)).toEqual(before);
    const own = await json('POST', '/measures', TOKENS.coordinatorBoulonnais, { agreement: ids.agreementB, measure: 'equipe-mobile', beneficiary: BENEFICIARY });
    expect(own.status).toBe(201);
  });
});

describe('a role that reads no instance', () => {
  it('gets the same answer for an existing instance and an absent one', async () => {
    const probes: Array<[string, string, unknown?]> = [
      ['GET', '/measures/%s'],
      ['GET', '/measures/%s/history'],
      ['POST', '/measures/%s/events', { type: 'diagnostic-flash' }],
      ['GET', '/applications/%s'],
      ['GET', '/agreements/%s'],
      ['GET', '/agreements/%s/ledger'],
      ['GET', '/reports/%s'],
    ];
    for (const [method, pattern, body] of probes) {
      const existing = pattern.startsWith('/measures') ? ids.measureA : pattern.startsWith('/reports') ? `${ids.agreementA}.bilan-final` : ids.agreementA;
      const present = await json(method, pattern.replace('%s', existing), TOKENS.evaluator, body);
      const absent = await json(method, pattern.replace('%s', 'n-existe-pas'), TOKENS.evaluator, body);
      expect(present.status, pattern).toBe(absent.status);
      expect({ ...present.body, instance: undefined }, pattern).toEqual({ ...absent.body, instance: undefined });
    }
  });
});
