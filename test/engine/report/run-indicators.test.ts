import { beforeAll, describe, expect, it } from 'vitest';
import { runIndicators, reportDialect, type IndicatorResult, type ReportViewer } from '../../../engine/report/index.ts';
import { runReportYear, type ReportFixture } from './report-fixture.ts';

type Ok = Extract<IndicatorResult, { status: 'ok' }>;

// Every indicator kind and grouping, computed in SQLite over what the engine wrote for a year of the
// test call (see report-fixture.ts for the households, events and agreements).
describe('indicators computed in the database', () => {
  let f: ReportFixture;
  const run = async (viewer: ReportViewer = { role: 'departement' }) =>
    runIndicators({
      db: f.store.db, dialect: reportDialect(f.store.dialect), callId: f.call.id, call: f.call.definition, viewer,
      disclosure: { masked: false, threshold: 5 }, labels: { territories: f.repository.territories },
    });
  let results: Map<string, IndicatorResult>;
  const ok = (id: string): Ok => {
    const result = results.get(id);
    if (result?.status !== 'ok') throw new Error(`${id} : ${JSON.stringify(result)}`);
    return result;
  };
  const rows = (id: string, breakdown = 0) => ok(id).breakdowns[breakdown]!.rows.map((row) => [...row.keys, row.value]);

  beforeAll(async () => {
    f = await runReportYear();
    results = new Map((await run()).map((result) => [result.id, result]));
  });

  it('counts measures, by Paris month, by territory and by operator', () => {
    const indicator = ok('menages-par-mois');
    expect([indicator.total, indicator.n, indicator.unit]).toEqual([11, 11, 'count']);
    expect(indicator.breakdowns.map((b) => [b.by, b.label])).toEqual([
      [['month'], 'Par mois'],
      [['territory'], 'Par territoire'],
      [['operator'], 'Par opérateur'],
    ]);
    // asso-b's third household came at 00:30 on 1 February in Paris (31 January in UTC): February.
    expect(rows('menages-par-mois', 0)).toEqual([['2024-12', 3], ['2025-01', 6], ['2025-02', 2]]);
    expect(ok('menages-par-mois').breakdowns[0]!.rows.map((row) => row.labels[0])).toEqual(['décembre 2024', 'janvier 2025', 'février 2025']);
    expect(rows('menages-par-mois', 1)).toEqual([['artois', 1], ['boulonnais', 3], ['lens-henin', 7]]);
    expect(ok('menages-par-mois').breakdowns[1]!.rows.map((row) => row.labels[0])).toEqual(['Artois', 'Boulonnais', 'Lens-Hénin']);
    expect(rows('menages-par-mois', 2)).toEqual([['asso-a', 7], ['asso-b', 3], ['asso-c', 1]]);
  });

  it('counts measures in some states (the real call’s own indicators)', () => {
    expect(ok('menages-eligibles').total).toBe(11);
    expect(ok('interventions-en-cours').total).toBe(4);
    expect(ok('interventions-terminees').total).toBe(7);
    expect(ok('vej-realisees').total).toBe(1);
  });

  it('counts with a where filter on a field, boolean or enum', () => {
    expect(ok('accompagnements-proposes-apres-vej').total).toBe(1);
    expect(ok('accompagnements-lda-apres-vej').total).toBe(0);
    expect(ok('vej-avec-accompagnement').total).toBe(1);
    expect(rows('maintiens')).toEqual([['asso-a', 5]]);
  });

  it('distributes measures by the values of an enum field, in declaration order, missing values last', () => {
    expect(ok('issues').total).toBe(11);
    expect(ok('issues').breakdowns.map((b) => b.by)).toEqual([['field:issue'], ['territory', 'field:issue']]);
    expect(rows('issues', 0)).toEqual([['maintien', 5], ['orientation', 1], ['expulsion', 1], [null, 4]]);
    expect(ok('issues').breakdowns[0]!.rows.map((row) => row.labels[0])).toEqual([
      'Maintien dans le logement (traitement de la dette)', 'Orientation adaptée aux besoins du ménage', 'Expulsion non évitée', 'Non renseigné',
    ]);
    expect(rows('issues', 1)).toEqual([
      ['artois', null, 1],
      ['boulonnais', 'expulsion', 1], ['boulonnais', null, 2],
      ['lens-henin', 'maintien', 5], ['lens-henin', 'orientation', 1], ['lens-henin', null, 1],
    ]);
  });

  it('sums and averages a money field in cents, by territory', () => {
    const sum = ok('dette-totale');
    expect([sum.total, sum.unit]).toEqual([1_660_150, 'money']);
    // Artois' household declared no debt: its sum is unknown, not zero.
    expect(rows('dette-totale')).toEqual([['artois', null], ['boulonnais', 750_150], ['lens-henin', 910_000]]);
    // 16 601,50 € over the 10 households that declared a debt.
    expect(ok('dette-moyenne').total).toBe(166_015);
  });

  it('counts events of a type, by the month they were recorded and by the territory of their instance', () => {
    expect(ok('semaines-par-mois').total).toBe(10);
    expect(rows('semaines-par-mois')).toEqual([['2025-02', 5], ['2025-03', 5]]);
    expect(ok('bailleurs-contactes').total).toBe(5);
    expect(rows('diagnostics-par-territoire')).toEqual([['artois', 1], ['boulonnais', 3], ['lens-henin', 7]]);
  });

  it('distributes events by a field of their message', () => {
    expect(ok('issues-declarees').total).toBe(7);
    expect(rows('issues-declarees')).toEqual([['maintien', 5], ['orientation', 1], ['expulsion', 1]]);
  });

  it('counts applications in states, and reports by a field of their data', () => {
    expect(ok('conventions-signees').total).toBe(3);
    expect(rows('bilans-par-nature')).toEqual([['intermediate', 3], ['final', 3]]);
    expect(ok('bilans-par-nature').breakdowns[0]!.rows.map((row) => row.labels[0])).toEqual(['Bilan intermédiaire', 'Bilan final']);
  });

  it('an operator counts only its own instances; a coordinator only its territories (groups expanded)', async () => {
    const mine = new Map((await run({ role: 'operator', operatorId: 'asso-b' })).map((r) => [r.id, r]));
    expect((mine.get('menages-par-mois') as Ok).total).toBe(3);
    expect((mine.get('diagnostics-par-territoire') as Ok).breakdowns[0]!.rows.map((row) => row.keys[0])).toEqual(['boulonnais']);
    const theirs = new Map((await run({ role: 'coordinator', territories: ['ami-1'] })).map((r) => [r.id, r]));
    expect((theirs.get('menages-par-mois') as Ok).total).toBe(8);
    expect((theirs.get('semaines-par-mois') as Ok).total).toBe(10);
    const nowhere = new Map((await run({ role: 'coordinator', territories: [] })).map((r) => [r.id, r]));
    expect((nowhere.get('menages-par-mois') as Ok).total).toBe(0);
  });

  it('reports a mistaken indicator as an error of its own, the others still computed', async () => {
    const call = { ...f.call.definition, indicators: { ...f.call.definition.indicators, faux: { label: 'Faux', kind: 'sum' as const, of: 'measures' as const, field: 'inexistant' } } };
    const results = await runIndicators({ db: f.store.db, dialect: reportDialect(f.store.dialect), callId: f.call.id, call, viewer: { role: 'departement' }, disclosure: { masked: false, threshold: 5 } });
    const faux = results.find((r) => r.id === 'faux')!;
    expect(faux).toMatchObject({ status: 'error' });
    expect(faux.status === 'error' && faux.message).toContain('« inexistant »');
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(results.length - 1);
  });
});
