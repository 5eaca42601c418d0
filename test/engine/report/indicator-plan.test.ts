import { beforeAll, describe, expect, it } from 'vitest';
import type { Call, Indicator, Repository } from '../../../engine/definition/index.ts';
import { compileIndicator, planIndicator, reportDialect, type IndicatorPlan } from '../../../engine/report/index.ts';
import { openSqliteStore, type Store } from '../../../engine/store/index.ts';
import { reportRepository } from './report-fixture.ts';

describe('planning an indicator from the definition', () => {
  let repository: Repository;
  let call: Call;
  const plan = (indicator: Indicator): IndicatorPlan => {
    const result = planIndicator(call, 'test', indicator);
    if (!result.ok) throw new Error(result.message);
    return result.plan;
  };
  const refusal = (indicator: Indicator): string => {
    const result = planIndicator(call, 'test', indicator);
    if (result.ok) throw new Error('planned');
    return result.message;
  };

  beforeAll(async () => {
    repository = await reportRepository();
    call = repository.calls.get('rapports-test-2024')!.definition;
  });

  it('plans every indicator of every real call without error', () => {
    const planned = [...repository.calls.values()].flatMap((resolved) =>
      Object.entries(resolved.definition.indicators ?? {}).map(([id, indicator]) => [resolved.id, id, planIndicator(resolved.definition, id, indicator)] as const),
    );
    expect(planned.length).toBeGreaterThan(20);
    expect(planned.filter(([, , result]) => !result.ok).map(([callId, id, result]) => `${callId}/${id}: ${result.ok ? '' : result.message}`)).toEqual([]);
  });

  it('finds a field in the beneficiary’s declared fields, with its type, labels and sensitivity', () => {
    const p = plan({ label: 'x', kind: 'sum', of: 'measures', measure: 'equipe-mobile', field: 'montant-dette' });
    expect(p.unit).toBe('money');
    expect(p.value).toMatchObject({ id: 'montant-dette', type: 'money', location: 'data', sensitivity: 'debts' });
  });

  it('finds an event’s field in its message first, with the declared field’s labels when there is one', () => {
    const p = plan({ label: 'x', kind: 'distribution', of: 'events', event: 'terminer', field: 'issue' });
    expect(p.dimensions).toEqual([{ kind: 'field', field: expect.objectContaining({ id: 'issue', location: 'payload', type: 'enum' }) }]);
    expect(p.breakdowns).toEqual([[0]]);
  });

  it('puts a distribution’s field in every breakdown', () => {
    const p = plan({ label: 'x', kind: 'distribution', of: 'measures', measure: 'equipe-mobile', field: 'issue', groupBy: ['territory', 'month'] });
    expect(p.breakdowns).toEqual([[2], [0, 2], [1, 2]]);
  });

  it('refuses, in French, what cannot be computed', () => {
    expect(refusal({ label: 'x', kind: 'sum', of: 'measures' })).toBe('Indicateur « test » : kind: sum demande le champ à agréger (field: <identifiant>).');
    expect(refusal({ label: 'x', kind: 'sum', of: 'measures', measure: 'equipe-mobile', field: 'issue' })).toContain('seul un nombre ou un montant se somme');
    expect(refusal({ label: 'x', kind: 'count', of: 'events' })).toContain('of: events demande un événement');
    expect(refusal({ label: 'x', kind: 'count', of: 'measures', measure: 'astre' })).toContain('le type de mesure « astre » n\'existe pas');
    expect(refusal({ label: 'x', kind: 'count', of: 'measures', groupBy: ['commune'] })).toContain('ventilation inconnue « commune »');
    expect(refusal({ label: 'x', kind: 'count', of: 'measures', groupBy: ['month', 'month'] })).toContain('écrite deux fois');
  });

  it('plans age bands of a birthdate and ratios of two numbers, and refuses them on other fields', () => {
    const astre = repository.calls.get('astre-2024')!.definition;
    const planned = (indicator: Indicator) => planIndicator(astre, 'test', indicator);
    const age = planned({ label: 'x', kind: 'count', of: 'measures', measure: 'astre', groupBy: ['age:date-naissance'], ageBands: [30, 60] });
    expect(age.ok && age.plan.dimensions).toEqual([{ kind: 'age', field: expect.objectContaining({ id: 'date-naissance', type: 'birthdate' }), bands: [
      { key: '<30', label: 'moins de 30 ans', from: 0, to: 29 }, { key: '30-59', label: '30 à 59 ans', from: 30, to: 59 }, { key: '60+', label: '60 ans et plus', from: 60 },
    ] }]);
    const ratio = planned({ label: 'x', kind: 'ratio', change: true, of: 'measures', measure: 'astre', field: 'montant-travaux-realises', per: 'montant-travaux-prevus' });
    expect(ratio.ok && [ratio.plan.unit, ratio.plan.value?.id, ratio.plan.per?.id]).toEqual(['percent', 'montant-travaux-realises', 'montant-travaux-prevus']);
    const message = (indicator: Indicator) => {
      const result = planned(indicator);
      return result.ok ? 'planned' : result.message;
    };
    expect(message({ label: 'x', kind: 'count', of: 'measures', measure: 'astre', groupBy: ['field:date-naissance'] })).toContain('écrivez age:date-naissance');
    expect(message({ label: 'x', kind: 'count', of: 'measures', measure: 'astre', groupBy: ['age:commune'] })).toContain('une ventilation par âge lit une date de naissance');
    expect(message({ label: 'x', kind: 'count', of: 'measures', measure: 'astre', groupBy: ['age:date-naissance'], ageBands: [60, 30] })).toContain('doivent être croissantes');
    expect(message({ label: 'x', kind: 'ratio', of: 'measures', measure: 'astre', field: 'montant-travaux-realises' })).toContain('un dénominateur (per: <champ>)');
    expect(message({ label: 'x', kind: 'ratio', of: 'measures', measure: 'astre', field: 'commune', per: 'montant-travaux-prevus' })).toContain('un ratio rapporte deux nombres');
    expect(message({ label: 'x', kind: 'sum', of: 'measures', measure: 'astre', field: 'ressources', per: 'montant-travaux-prevus' })).toContain("per et change ne s'emploient qu'avec kind: ratio");
    expect(message({ label: 'x', kind: 'count', of: 'measures', measure: 'astre', late: true })).toContain('late compte les déclarations tardives');
    expect(message({ label: 'x', kind: 'count', of: 'events', measure: 'astre', event: 'valider', late: true })).toContain('late compte les déclarations tardives');
    expect(planned({ label: 'x', kind: 'count', of: 'events', measure: 'astre', event: 'sortie', late: true }).ok).toBe(true);
    expect(message({ label: 'x', kind: 'count', of: 'measures', measure: 'astre', missedContacts: true })).toContain('missedContacts compte les périodes de suivi manquées');
    expect(message({ label: 'x', kind: 'count', of: 'events', measure: 'astre' })).toContain('sauf pour compter les suivis manqués (missedContacts: true)');
  });

  describe('compiled to SQL', () => {
    let store: Store;
    beforeAll(async () => {
      store = await openSqliteStore({ file: ':memory:' });
    });

    it('aggregates in the database: one grouped query for the bounded dimensions, one per unbounded one', () => {
      const p = plan({ label: 'x', kind: 'count', of: 'measures', measure: 'equipe-mobile', groupBy: ['territory', 'month', 'field:montant-dette'] });
      const queries = compileIndicator(store.db, reportDialect('sqlite'), 'c', p);
      expect(queries.map((q) => q.dimensions)).toEqual([[0, 1], [2]]);
      for (const query of queries) expect(query.compiled.sql).toMatch(/count\(\*\).*group by/);
      expect(queries[0]!.compiled.sql).not.toMatch(/"i"\."data"\s*(,|from)/);
    });

    it('reads events alone when nothing of their instance is needed, and joins it otherwise', () => {
      const alone = compileIndicator(store.db, reportDialect('sqlite'), 'c', plan({ label: 'x', kind: 'count', of: 'events', event: 'semaine', groupBy: ['month'] }));
      expect(alone[0]!.compiled.sql).not.toContain('join');
      const joined = compileIndicator(store.db, reportDialect('sqlite'), 'c', plan({ label: 'x', kind: 'count', of: 'events', event: 'semaine', groupBy: ['territory'] }));
      expect(joined[0]!.compiled.sql).toContain('inner join "instances"');
      const scoped = compileIndicator(store.db, reportDialect('sqlite'), 'c', plan({ label: 'x', kind: 'count', of: 'events', event: 'semaine' }), { operatorId: 'asso-a' });
      expect(scoped[0]!.compiled.sql).toContain('inner join "instances"');
      expect(scoped[0]!.compiled.parameters).toContain('asso-a');
    });

    it('spells JSON and months per dialect', () => {
      const p = plan({ label: 'x', kind: 'average', of: 'measures', measure: 'equipe-mobile', field: 'montant-dette', where: { parc: 'prive' }, groupBy: ['month'] });
      const sqlite = compileIndicator(store.db, reportDialect('sqlite'), 'c', p)[0]!.compiled;
      expect(sqlite.sql).toContain('json_extract("i"."data", ?)');
      expect(sqlite.parameters).toContain('$."montant-dette"');
      const postgres = compileIndicator(store.db, reportDialect('postgres'), 'c', p)[0]!.compiled;
      expect(postgres.sql).toContain('::jsonb #>>');
      expect(postgres.sql).toContain("at time zone 'Europe/Paris', 'YYYY-MM'");
      expect(postgres.parameters).toContain('{"montant-dette"}');
      expect(postgres.parameters).toContain('"prive"');
    });
  });
});
