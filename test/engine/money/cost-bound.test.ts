import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildRepository, loadRepository } from '../../../engine/definition/index.ts';
import { costBound, formatMoney, parseMoney, tariffMax, type SumTariff } from '../../../engine/money/index.ts';

const repository = await loadRepository('definitions');
const count = (ids: readonly string[]) => repository.territories.expand(ids).length;

describe('costBound', () => {
  it('bounds every shipped call or says what leaves it unbounded', () => {
    for (const call of repository.calls.values()) {
      const bound = costBound(call.definition, count);
      if (bound.total.cents === null) expect(bound.total.text.length).toBeGreaterThan(0);
      else expect(bound.total.cents).toBeGreaterThanOrEqual(0);
      for (const m of bound.measures) if (m.total.cents !== null) expect(m.total.cents).toBe((m.perMeasure.cents ?? NaN) * (m.count.max ?? NaN));
    }
  });

  it('caps a measure at its capped tariff parts, and a call at its quota of measures; validate warns above the envelope', () => {
    const call = repository.calls.get('equipes-mobiles-2025')!;
    const measure = call.definition.measures!['equipe-mobile']!;
    const parts = Object.values((measure.tariff as SumTariff).parts);
    const perMeasure = parts.reduce((sum, p) => sum + (p.kind === 'perAct' ? parseMoney(p.price)! * p.maxUnits! : NaN), 0);
    expect(tariffMax(measure.tariff!).cents).toBe(perMeasure);
    expect(costBound(call.definition, count).total.cents).toBeNull(); // no quota caps the households

    const doc = parseDocument(repository.sources.get(call.file)!);
    doc.setIn(['funding', 'quotas', 'menages'], { label: 'Ménages suivis', of: 'measures', measure: 'equipe-mobile', max: 10 });
    doc.setIn(['funding', 'envelope'], { amount: `${Math.floor((10 * perMeasure - 100) / 100)} €`, unknown: null, note: null });
    const variant = buildRepository([...repository.sources].map(([file, text]) => ({ file, text: file === call.file ? doc.toString() : text })));
    expect(variant.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const bound = costBound(variant.calls.get(call.id)!.definition, count);
    expect(bound.total.cents).toBe(10 * perMeasure);
    expect(bound.exceedsEnvelope).toBe(true);
    const warning = variant.findings.find((f) => f.code === 'plafond-au-dela-enveloppe');
    expect(warning).toMatchObject({ severity: 'warning', file: call.file });
    expect(warning?.message).toContain(formatMoney(10 * perMeasure));
  });
});
