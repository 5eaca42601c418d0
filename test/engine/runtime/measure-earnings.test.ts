/**
 * An agreement's measures valued in aggregate (engine/runtime/measure-earnings.ts): the store's SQL sum of
 * every shipped tariff that reads only counted acts equals the compiled tariff's cents added measure by
 * measure, for any counted acts; and an agreement's ledger, read a page of rows at a time, adds up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTariff, type Tariff } from '../../../engine/money/index.ts';
import { summableAmount } from '../../../engine/runtime/measure-earnings.ts';
import type { InstanceRecord } from '../../../engine/store/index.ts';
import { openTestStore } from '../../support/test-store.ts';
import { departement, operator, REAL, repositoryOf, testEngine } from './support.ts';

const AT = '2024-12-02T10:00:00.000Z';

/** The acts a tariff reads, each with whether it reads declared amounts. */
function actsOf(tariff: Tariff, into = new Map<string, boolean>()): Map<string, boolean> {
  if (tariff.kind === 'perAct') into.set(tariff.act, into.get(tariff.act) ?? false);
  if (tariff.kind === 'declared') into.set(tariff.act, true);
  if (tariff.kind === 'sum') for (const part of Object.values(tariff.parts)) actsOf(part, into);
  return into;
}

function readsCalendar(tariff: Tariff): boolean {
  return tariff.kind === 'prorata' || (tariff.kind === 'sum' && Object.values(tariff.parts).some(readsCalendar));
}

const repository = await repositoryOf(REAL);
const tariffs = [...repository.calls.values()].flatMap((call) =>
  Object.entries(call.definition.measures ?? {}).flatMap(([id, measure]) => (measure.tariff ? [{ name: `${call.id} › ${id}`, measure, tariff: measure.tariff }] : [])));

describe('measures valued in aggregate', () => {
  it('covers every shipped tariff that does not read the calendar', () => {
    expect(tariffs.length).toBeGreaterThan(0);
    for (const { name, tariff } of tariffs) expect([name, summableAmount(tariff) === undefined]).toEqual([name, readsCalendar(tariff)]);
  });

  it('sums, in the store, what each shipped tariff pays measure by measure, for any counted acts', async () => {
    const store = await openTestStore();
    await store.putDefinition({ hash: 'h', callId: 'appel', version: 1, json: {}, createdAt: AT });
    let agreement = 0;
    for (const { name, measure, tariff } of tariffs) {
      const amount = summableAmount(tariff);
      if (amount === undefined) continue;
      const cents = compileTariff(tariff, { acts: measure.acts ?? {} }).cents;
      const acts = [...actsOf(tariff)];
      const actCount = fc.record({ quantity: fc.nat({ max: 30 }), declaredCents: fc.array(fc.nat({ max: 2_000_000 }), { maxLength: 4 }) });
      const activities = fc.array(fc.tuple(...acts.map(() => fc.option(actCount, { nil: undefined }))), { minLength: 0, maxLength: 6 });
      await fc.assert(fc.asyncProperty(activities, async (measures) => {
        const parentId = `app-${agreement++}`;
        let expected = 0;
        for (const [i, counts] of measures.entries()) {
          const context: Record<string, { quantity: number; declaredCents?: number[] }> = {};
          acts.forEach(([act, declared], k) => {
            const count = counts[k];
            if (count !== undefined) context[act] = declared ? count : { quantity: count.quantity };
          });
          expected += cents({ acts: context, asOf: '2024-12-02' });
          await store.insertInstance(measureRecord(`${parentId}-${i}`, parentId, 'mesure', { context: { acts: context } }));
        }
        const sum = await store.sumMeasureAmounts(parentId, { definitionHash: 'h', measureKind: 'mesure' }, amount);
        expect([name, sum]).toEqual([name, expected]);
      }), { numRuns: 15 });
    }
  });

  it('reads an agreement\'s rows a page at a time: the pages make every row once, the earned rows add up to the earnings, the schedule is every row due or paid', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const asso = operator('asso-a');
    const { instanceId: agreementId } = await t.engine.createApplication({
      callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: asso,
    });
    await t.on('2024-06-10');
    await t.engine.send(agreementId, { type: 'retenir', actor: departement });
    await t.on('2024-11-15');
    await t.engine.send(agreementId, { type: 'signer', payload: { montant: 500_000 }, actor: departement });
    await t.on('2024-12-02');
    const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };
    for (let m = 0; m < 3; m++) {
      const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'equipe-mobile', beneficiary: household, actor: asso });
      await t.engine.send(instanceId, { type: 'diagnostic-flash', actor: asso });
      for (let week = 0; week < m * 5; week++) await t.engine.send(instanceId, { type: 'semaine', actor: asso });
    }
    await t.engine.send(agreementId, { type: 'verser', payload: { montant: 1_000 }, actor: departement });

    const rows = [];
    let pages = 0;
    let cursor: string | undefined;
    let ledger;
    let schedule;
    do {
      const page = await t.engine.ledger(agreementId, departement, { limit: 4, ...(cursor !== undefined && { cursor }) });
      expect(page.rows.length).toBeLessThanOrEqual(4);
      rows.push(...page.rows);
      ({ ledger, schedule } = page);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    expect(pages).toBe(Math.ceil(rows.length / 4));
    // 3 flash diagnostics, 0 + 5 + 8 (capped) weeks.
    expect(ledger?.earned).toBe(3 * 150_00 + 13 * 55_00);
    expect(rows.filter((r) => r.kind === 'earned').reduce((sum, r) => sum + r.amountCents, 0)).toBe(ledger?.earned);
    expect(schedule).toEqual(rows.filter((r) => r.kind === 'advance' || r.kind === 'balance' || r.kind === 'paid'));
    expect(schedule?.map((r) => r.kind)).toEqual(['advance', 'paid']);
  });
});

function measureRecord(id: string, parentId: string, measureKind: string, snapshot: unknown): InstanceRecord {
  return {
    id, callId: 'appel', definitionHash: 'h', kind: 'measure', lifecycle: `measure:${measureKind}`, measureKind, reportId: null,
    operatorId: 'asso-a', territory: 'lens-henin', parentId, state: 'en-cours', data: {}, snapshot, version: 1, selectedOn: null,
    periodStart: null, periodEnd: null, createdAt: AT, updatedAt: AT,
  };
}
