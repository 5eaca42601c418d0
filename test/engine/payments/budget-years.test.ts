import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { parseMoney } from '../../../engine/money/index.ts';
import { computeBudget } from '../../../engine/report/index.ts';
import { splitByMonths } from '../../../engine/report/budget-years.ts';
import { FINANCE, financeWorld, registerOperator, signFirstAgreement, type FinanceWorld } from './finance-world.ts';

/** Calendar months of [start, end] per year, counted independently of the module under test. */
function monthsPerYear(start: string, end: string): Map<number, number> {
  const months = new Map<number, number>();
  for (let d = new Date(`${start.slice(0, 7)}-01T00:00:00Z`); d <= new Date(`${end.slice(0, 7)}-01T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.set(d.getUTCFullYear(), (months.get(d.getUTCFullYear()) ?? 0) + 1);
  }
  return months;
}

const budgetOf = (world: FinanceWorld, callId: string) => {
  const call = world.repository.calls.get(callId)!;
  return computeBudget({ db: world.store.db, callId, call: call.definition, territories: world.repository.territories, envelopes: { envelopes: world.repository.envelopes, calls: world.repository.calls } });
};

describe('the budget by year', () => {
  it('splits an amount pro rata of the months of each year, the last year taking the rounding', () => {
    expect([...splitByMonths(1_000_000, '2024-11-01', '2025-10-31')]).toEqual([[2024, 166_666], [2025, 833_334]]);
    expect([...splitByMonths(999, '2024-01-01', '2024-12-31')]).toEqual([[2024, 999]]);
  });

  it('shows an ADSL AMI 2 agreement in the budgets of both years its period covers, pro rata of months, then the orders issued and paid', async () => {
    const world = await financeWorld();
    const call = world.repository.calls.get('adsl-2024')!.definition;
    expect(call.funding.commitments?.split).toBe('months');
    const window = Object.values(call.windows).find((w) => {
      const period = w.agreement as { start?: string; end?: string };
      return period.start !== undefined && period.end !== undefined && period.start.slice(0, 4) !== period.end.slice(0, 4);
    })!;
    const period = window.agreement as { start: string; end: string };
    const members = new Set(world.repository.territories.expand(window.territories));
    const agreement = await signFirstAgreement(world, call.id, { territory: (t) => members.has(t) });
    const months = monthsPerYear(period.start, period.end);
    const total = [...months.values()].reduce((a, b) => a + b, 0);
    const [firstYear, lastYear] = [Number(period.start.slice(0, 4)), Number(period.end.slice(0, 4))];
    const firstShare = Math.floor((agreement.montant * (months.get(firstYear) ?? 0)) / total);
    const budget = await budgetOf(world, call.id);
    expect(budget.years.map((y) => [y.year, y.committed])).toEqual([[firstYear, firstShare], [lastYear, agreement.montant - firstShare]]);

    await registerOperator(world, agreement.operatorId);
    const advanceYear = Number((await world.payments.list({ callId: call.id }, FINANCE))[0]?.dueOn.slice(0, 4));
    const { exported } = await world.payments.export(advanceYear, FINANCE);
    const advance = Math.floor((agreement.montant * (call.funding.payment as { advancePercent: number }).advancePercent) / 100);
    expect(exported.map((o) => o.amountCents)).toEqual([advance]);
    await world.payments.importReturn(`reference_ordre;statut;date;mandat;motif\n${exported[0]?.id};paye;${advanceYear}-06-01;M-1;\n`, FINANCE);
    const after = await budgetOf(world, call.id);
    expect(after.years.find((y) => y.year === advanceYear)).toMatchObject({ issued: advance, paid: advance });
  });

  it('counts an envelope shared by two calls once: both 2019 calls show what is left for both', async () => {
    // The 2019 calls state no payment schedule, so no convention can be signed under them as published; a
    // correction stating one (a YAML change: a call extending each) draws on the same envelope.
    const base = await loadRepository('definitions');
    // The published 2019 calls that state the shared envelope (read from the files; a later call extending them
    // may share it too and is left out here).
    const originals = [...base.calls.values()].filter((c) => c.definition.funding.envelope?.shared !== undefined && c.definition.year === 2019 && c.parents.length === 0);
    expect(originals.length).toBeGreaterThanOrEqual(2);
    const dir = mkdtempSync(join(tmpdir(), 'enveloppe-commune-'));
    for (const original of originals) {
      writeFileSync(join(dir, `${original.id}-corrige.yaml`), [
        'kind: call', `id: ${original.id}-corrige`, `extends: ${original.id}`, 'version: 1', 'status: published',
        'funding:', '  payment: { kind: single, on: signature, note: null, label: Versement unique à la signature (correction de test) }', '',
      ].join('\n'));
    }
    const repository = await loadRepository(['definitions', dir]);
    expect(repository.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const world = await financeWorld('2019-01-01', repository);
    const sharing = [...world.repository.calls.values()].filter((c) => c.definition.funding.envelope?.shared !== undefined && c.id.endsWith('-corrige'));
    const ids = [...new Set(sharing.map((c) => c.definition.funding.envelope?.shared))];
    expect(ids).toHaveLength(1);
    const envelope = world.repository.envelopes.get(ids[0]!)!;
    const amount = parseMoney(envelope.amount ?? '')!;
    let committed = 0;
    for (const call of sharing) committed += (await signFirstAgreement(world, call.id, { scenariosOf: call.definition.id.replace(/-corrige$/, ''), montant: 10_000_000 })).montant;
    expect(sharing.length).toBeGreaterThanOrEqual(2);
    for (const call of sharing) {
      const budget = await budgetOf(world, call.id);
      expect(budget.call.envelope).toBe(amount);
      expect(budget.call.remaining).toBe(amount - committed);
      expect(budget.shared).toMatchObject({ amount, committed });
      expect(budget.shared?.calls).toEqual(expect.arrayContaining(sharing.map((c) => c.id)));
    }
  });
});
