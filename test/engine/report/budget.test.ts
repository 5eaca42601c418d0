import { beforeAll, describe, expect, it } from 'vitest';
import { buildBudget, type Budget } from '../../../engine/report/index.ts';
import { DEPARTEMENT, runReportYear, type ReportFixture } from './report-fixture.ts';

// The budget of the test call after its first months (see report-fixture.ts): three agreements signed for
// 2 000 €, 1 000 € and 500 € with 60 % advances, asso-a's advance paid; activity at the tariffs.
describe('the budget of a call, from the ledger the engine wrote', () => {
  let f: ReportFixture;
  let budget: Budget;
  const masked = { masked: false, threshold: 5 };

  beforeAll(async () => {
    f = await runReportYear();
    budget = await buildBudget({ db: f.store.db, callId: f.call.id, call: f.call.definition, territories: f.repository.territories, disclosure: masked });
  });

  it('per call: envelope, committed, earned, advanced, due, paid, to pay, left to commit, to the cent', () => {
    expect(budget.envelopeKnown).toBe(true);
    expect(budget.call).toEqual({
      key: 'call', label: 'Appel', envelope: 2_000_000, committed: 350_000,
      // 11 flash diagnostics × 150 € + 1 in-depth × 370 € + 10 weeks × 55 € + VEJ 162,38 € + closed door 39,12 €
      earned: 277_150,
      advanced: 210_000, due: 210_000, paid: 120_000, toPay: 90_000, remaining: 1_650_000, agreements: 3,
    });
  });

  it('per group of territories the call covers (AMI 1: Lens-Hénin and Artois; AMI 2: Boulonnais)', () => {
    expect(budget.groups.map(({ key, committed, earned, advanced, paid, toPay, agreements }) => [key, committed, earned, advanced, paid, toPay, agreements])).toEqual([
      ['ami-1', 250_000, 195_150, 150_000, 120_000, 30_000, 2],
      ['ami-2', 100_000, 82_000, 60_000, 0, 60_000, 1],
    ]);
    expect(budget.groups[0]!.label).toBe('Territoires AMI 1 (Lens-Hénin, Artois)');
    expect(budget.groups.every((line) => line.envelope === null && line.remaining === null)).toBe(true);
  });

  it('per operator, equal to each agreement’s ledger as the engine explains it', async () => {
    for (const line of budget.operators) {
      const key = line.key === 'asso-a' ? 'a' : line.key === 'asso-b' ? 'b' : 'c';
      const { ledger } = await f.engine.ledger(f.agreements[key], DEPARTEMENT);
      expect([line.committed, line.earned, line.advanced, line.due, line.paid]).toEqual([ledger.agreed, ledger.earned, ledger.advance, ledger.due, ledger.paid]);
    }
    expect(budget.operators.map((line) => [line.key, line.earned])).toEqual([['asso-a', 180_150], ['asso-b', 82_000], ['asso-c', 15_000]]);
  });

  it('counts quotas used as the engine does, « 11 sur 25 »', () => {
    expect(budget.quotas.map((quota) => [quota.id, quota.per, quota.used.map((use) => use.text)])).toEqual([
      ['menages', 'call', ['11 sur 25 mesures (Intervention d\'une équipe mobile de prévention des expulsions)']],
      ['conventions', 'call', ['3 sur 5 conventions']],
      ['par-operateur', 'operator', ['7 sur 10 mesures (Intervention d\'une équipe mobile de prévention des expulsions)', '3 sur 10 mesures (Intervention d\'une équipe mobile de prévention des expulsions)', '1 sur 10 mesures (Intervention d\'une équipe mobile de prévention des expulsions)']],
    ]);
    expect(budget.quotas[2]!.enforce).toBe('warn');
  });

  it('masks small per-operator quota counts for an evaluator, never the call’s', async () => {
    const seen = await buildBudget({ db: f.store.db, callId: f.call.id, call: f.call.definition, disclosure: { masked: true, threshold: 5 } });
    expect(seen.quotas[0]!.used[0]!.count).toBe(11);
    expect(seen.quotas[2]!.used.map((use) => [use.key, use.count, use.text.slice(0, 8)])).toEqual([
      ['asso-a', 7, '7 sur 10'],
      ['asso-b', null, '< 5 sur '],
      ['asso-c', null, '< 5 sur '],
    ]);
  });

  it('an operator sees only its own money', async () => {
    const own = await buildBudget({ db: f.store.db, callId: f.call.id, call: f.call.definition, scope: { operatorId: 'asso-b' }, disclosure: masked });
    expect([own.call.committed, own.call.agreements, own.operators.map((line) => line.key)]).toEqual([100_000, 1, ['asso-b']]);
  });

  it('an unknown envelope stays unknown, with its note', async () => {
    const call = f.repository.calls.get('equipes-mobiles-2025')!;
    const other = await buildBudget({ db: f.store.db, callId: call.id, call: call.definition, disclosure: masked });
    expect(other.envelopeKnown).toBe(false);
    expect(other.envelopeNote).toContain('crédits DIHAL');
    expect(other.call).toMatchObject({ envelope: null, remaining: null, committed: 0, agreements: 0 });
  });
});
