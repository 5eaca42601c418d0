import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, maskBreakdowns, type CallReport, type IndicatorBreakdown, type IndicatorResult } from '../../../engine/report/index.ts';
import { noon, runReportYear, type ReportFixture } from './report-fixture.ts';

const breakdown = (by: string[], rows: Array<[Array<string | null>, number]>): IndicatorBreakdown => ({
  by,
  label: 'Par test',
  rows: rows.map(([keys, n]) => ({ keys, labels: keys.map(String), value: n, n, masked: false })),
});
const shown = (b: IndicatorBreakdown) => b.rows.map((row) => [row.keys.join('/'), row.masked ? '< 5' : row.value]);

describe('masking small counts', () => {
  const masked = { masked: true, threshold: 5 };

  it('masks the groups of 1 to 4 rows, keeps empty and larger ones', () => {
    const [b] = maskBreakdowns([breakdown(['territory'], [[['a'], 12], [['b'], 4], [['c'], 4], [['d'], 0]])], masked);
    expect(shown(b!)).toEqual([['a', 12], ['b', '< 5'], ['c', '< 5'], ['d', 0]]);
    expect(b!.rows[1]).toMatchObject({ value: null, n: null, masked: true });
  });

  it('masks one more group where a single masked one could be recomputed from the total', () => {
    const [b] = maskBreakdowns([breakdown(['territory'], [[['a'], 12], [['b'], 7], [['c'], 3], [['d'], 30]])], masked);
    expect(shown(b!)).toEqual([['a', 12], ['b', '< 5'], ['c', '< 5'], ['d', 30]]);
  });

  it('does the same along each line of a two-way breakdown', () => {
    const [b] = maskBreakdowns([breakdown(['territory', 'field:issue'], [[['a', 'x'], 9], [['a', 'y'], 2], [['a', 'z'], 20], [['b', 'x'], 8], [['b', 'y'], 10]])], masked);
    // a/y is small; on line a, a/x (the smallest shown) goes too; then column x has one masked (a/x), so
    // b/x goes; then line b has one masked (b/x), so b/y goes: no masked value is a difference of shown ones.
    expect(shown(b!)).toEqual([['a/x', '< 5'], ['a/y', '< 5'], ['a/z', 20], ['b/x', '< 5'], ['b/y', '< 5']]);
  });

  it('honours another threshold, and masks nothing for a viewer who is not masked', () => {
    const input = [breakdown(['month'], [[['2025-01'], 7], [['2025-02'], 12], [['2025-03'], 9]])];
    expect(shown(maskBreakdowns(input, { masked: true, threshold: 10 })[0]!)).toEqual([['2025-01', '< 5'], ['2025-02', 12], ['2025-03', '< 5']]);
    expect(maskBreakdowns(input, { masked: false, threshold: 5 })).toBe(input);
  });
});

describe('what an evaluator sees of a real report', () => {
  let f: ReportFixture;
  let report: CallReport;
  const indicator = (id: string): IndicatorResult => report.indicators.find((i) => i.id === id)!;

  beforeAll(async () => {
    f = await runReportYear();
    report = await buildReport({ store: f.store, call: f.call, viewer: { role: 'evaluator' }, repository: f.repository, now: noon('2025-03-31') });
  });

  it('withholds every indicator that reveals or filters on a sensitive field', () => {
    for (const id of ['dette-totale', 'dette-moyenne', 'menages-par-stade']) {
      const result = indicator(id);
      expect(result.status).toBe('withheld');
      expect(result.status === 'withheld' && result.message).toMatch(/^Indicateur réservé : il porte sur « (Montant de la dette locative|Stade de la procédure d'expulsion) » \(dettes\)/);
      expect(JSON.stringify(result)).not.toMatch(/910000|250050|commandement-de-payer/);
    }
  });

  it('shows totals, and masks the small groups of every breakdown', () => {
    const result = indicator('menages-par-mois');
    expect(result.status === 'ok' && result.total).toBe(11);
    const [byMonth, byTerritory] = result.status === 'ok' ? result.breakdowns : [];
    expect(byMonth!.rows.map((r) => [r.keys[0], r.masked ? '< 5' : r.value])).toEqual([['2024-12', '< 5'], ['2025-01', 6], ['2025-02', '< 5']]);
    expect(byTerritory!.rows.map((r) => [r.keys[0], r.masked ? '< 5' : r.value])).toEqual([['artois', '< 5'], ['boulonnais', '< 5'], ['lens-henin', 7]]);
    expect(byTerritory!.rows.every((r) => r.masked === (r.n === null))).toBe(true);
  });

  it('sees the reports only as counts, masked when small', () => {
    expect(report.reports.pending).toEqual([]);
    expect(report.reports.byState).toEqual([{ state: 'attendu', label: 'Bilan attendu', count: 6, masked: false }]);
    expect(report.disclosure).toEqual({ masked: true, threshold: 5 });
  });

  it('a viewer allowed to see debts gets the debt indicators; the Département sees every count', async () => {
    const allowed = await buildReport({ store: f.store, call: f.call, viewer: { role: 'evaluator', sees: new Set(['none', 'debts']) }, repository: f.repository });
    expect(allowed.indicators.find((i) => i.id === 'dette-totale')!.status).toBe('ok');
    const departement = await buildReport({ store: f.store, call: f.call, viewer: { role: 'departement' }, repository: f.repository });
    expect(departement.indicators.every((i) => i.status === 'ok')).toBe(true);
    expect(JSON.stringify(departement.indicators)).not.toContain('"masked":true');
  });

  it('an operator, who may not see health data by default, sees its debts', async () => {
    const own = await buildReport({ store: f.store, call: f.call, viewer: { role: 'operator', operatorId: 'asso-a' }, repository: f.repository });
    const debts = own.indicators.find((i) => i.id === 'dette-totale')!;
    expect(debts.status === 'ok' && debts.total).toBe(910_000);
  });
});
