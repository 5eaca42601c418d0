import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildCatalog, describeCostBound, renderCatalogText } from '../../../engine/catalog/index.ts';
import { buildRepository, loadRepository } from '../../../engine/definition/index.ts';
import { formatMoney, parseMoney } from '../../../engine/money/index.ts';

const repository = await loadRepository('definitions');
const catalog = buildCatalog(repository);
const count = (ids: readonly string[]) => repository.territories.expand(ids).length;

// Data-driven: the expectations come from the definition files, whatever calls they hold.
describe('the cost bound in the catalog', () => {
  it('gives every call a bound or says why it is unbounded, and sets it beside a known envelope', () => {
    for (const row of catalog.rows) {
      const bound = row.funding.bound;
      if (bound.cents === null) expect(bound.text, row.id).toMatch(/^non borné : ./);
      else expect(bound.text, row.id).toContain(`${formatMoney(bound.cents)} au plus`);
      const envelope = row.funding.envelope.cents;
      if (envelope === undefined || bound.cents === null) expect(bound.envelope, row.id).toBeUndefined();
      else {
        expect(bound.exceedsEnvelope, row.id).toBe(bound.cents > envelope);
        expect(bound.envelope, row.id).toContain(formatMoney(envelope));
        expect(bound.envelope, row.id).toMatch(bound.exceedsEnvelope ? /^au-dessus de l'enveloppe/ : /^dans l'enveloppe/);
      }
    }
  });

  it('caps a call whose grant per measure meets a quota per territory, and splits it per window group', () => {
    const cases = [...repository.calls.values()].filter(({ definition: call }) => {
      const grant = call.funding.grant;
      return grant.kind === 'upTo' && grant.per !== undefined && grant.per !== 'agreement' && Object.values(call.funding.quotas ?? {}).some((q) => q.per === 'territory' && q.of === 'measures' && (q.measure ?? grant.per) === grant.per);
    });
    expect(cases.length).toBeGreaterThan(0); // groupes-sante-mentale-2024: one group per territory, 20 000 € per group
    for (const { definition: call } of cases) {
      const grant = call.funding.grant as { max: string; per: string };
      const quotas = Object.values(call.funding.quotas ?? {}).filter((q) => q.of === 'measures' && (q.measure ?? grant.per) === grant.per && (q.enforce ?? 'refuse') === 'refuse');
      const perTerritory = Math.min(...quotas.filter((q) => q.per === 'territory').map((q) => q.max));
      const expected = (ids: readonly string[]) => parseMoney(grant.max)! * perTerritory * count(ids);
      const bound = catalog.rows.find((r) => r.id === call.id)!.funding.bound;
      if (quotas.every((q) => q.per === 'territory')) expect(bound.cents, call.id).toBe(expected(call.territories));
      const windows = Object.entries(call.windows);
      if (windows.length < 2) continue;
      expect(bound.groups?.map((g) => [g.id, g.cents]), call.id).toEqual(windows.map(([id, w]) => [id, expected(w.territories)]));
    }
  });

  it('gives no split per group where no quota counts per territory', () => {
    for (const row of catalog.rows) {
      const call = repository.calls.get(row.id)!.definition;
      if (!Object.values(call.funding.quotas ?? {}).some((q) => q.per === 'territory')) expect(row.funding.bound.groups, row.id).toBeUndefined();
    }
  });

  it('says by how much a bounded call goes above a lowered envelope', () => {
    const row = catalog.rows.find((r) => r.funding.bound.cents !== null && r.funding.bound.cents > 100)!;
    const call = repository.calls.get(row.id)!;
    const doc = parseDocument(repository.sources.get(call.file)!);
    doc.setIn(['funding', 'envelope'], { amount: '1 €' });
    const variant = buildRepository([...repository.sources].map(([file, text]) => ({ file, text: file === call.file ? doc.toString() : text })));
    const bound = describeCostBound(variant.calls.get(call.id)!.definition, count);
    expect(bound.exceedsEnvelope).toBe(true);
    expect(bound.envelope).toBe(`au-dessus de l'enveloppe de ${formatMoney(100)} (de ${formatMoney(row.funding.bound.cents! - 100)})`);
  });

  it('prints the bound in the wall table, beside the envelope', () => {
    const text = renderCatalogText(catalog);
    expect((text.match(/Coût maximal :/g) ?? []).length).toBe(catalog.rows.length);
  });
});
