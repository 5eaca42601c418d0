/**
 * Small-count suppression that survives arithmetic: over random breakdowns of random data, no masked cell
 * is the solution of the equations a reader can write from what is shown (the total, every breakdown of
 * the indicator, each a sum of the finer ones), and every count from 1 to 4 is masked, the total's too.
 * The check solves the reader's equations on its own (a rank test), independently of the masking code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIndicator, renderCsv, renderHtml, type IndicatorBreakdown, type IndicatorResult } from '../../../engine/report/index.ts';
import { sampleReport } from './sample-report.ts';

const THRESHOLD = 5;
const DISCLOSURE = { masked: true, threshold: THRESHOLD };

/** Atoms of random data: a count per combination of the dimensions' values. */
interface Data {
  dims: string[];
  sizes: number[];
  counts: number[];
  breakdowns: number[][];
}

const dataArbitrary: fc.Arbitrary<Data> = fc
  .integer({ min: 1, max: 3 })
  .chain((d) => fc.tuple(fc.constant(d), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: d, maxLength: d })))
  .chain(([d, sizes]) => {
    const cells = sizes.reduce((a, b) => a * b, 1);
    const subsets = Array.from({ length: (1 << d) - 1 }, (_, i) => i + 1).map((mask) => [...Array(d).keys()].filter((i) => mask & (1 << i)));
    return fc.record({
      dims: fc.constant(['territory', 'month', 'field:issue'].slice(0, d)),
      sizes: fc.constant(sizes),
      // Mostly small counts, some zero, some large: where masking is hard.
      counts: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), { minLength: cells, maxLength: cells }),
      breakdowns: fc.subarray(subsets, { minLength: 0 }),
    });
  });

/** The tables a report would hold: a row per group with rows behind it, as the database returns them. */
function tablesOf(data: Data): { total: number; breakdowns: IndicatorBreakdown[] } {
  const combos: number[][] = [[]];
  for (const size of data.sizes) combos.splice(0, combos.length, ...combos.flatMap((c) => Array.from({ length: size }, (_, v) => [...c, v])));
  const total = data.counts.reduce((a, b) => a + b, 0);
  const breakdowns = data.breakdowns.map((positions) => {
    const groups = new Map<string, number>();
    combos.forEach((combo, i) => {
      const id = JSON.stringify(positions.map((p) => `${data.dims[p]}-${combo[p]}`));
      groups.set(id, (groups.get(id) ?? 0) + data.counts[i]!);
    });
    const rows = [...groups].filter(([, n]) => n > 0).map(([id, n]) => {
      const keys = JSON.parse(id) as string[];
      return { keys, labels: keys, value: n, n, masked: false };
    });
    return { by: positions.map((p) => data.dims[p]!), label: positions.join(), rows };
  });
  return { total, breakdowns };
}

/** Rank of a matrix (Gaussian elimination with exact small rationals kept as floats: entries are 0, ±1). */
function rank(matrix: number[][]): number {
  const rows = matrix.map((row) => [...row]);
  let r = 0;
  for (let c = 0; c < (rows[0]?.length ?? 0) && r < rows.length; c += 1) {
    const pivot = rows.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot]!, rows[r]!];
    for (let i = r + 1; i < rows.length; i += 1) {
      const factor = rows[i]![c]! / rows[r]![c]!;
      for (let k = c; k < rows[i]!.length; k += 1) rows[i]![k]! -= factor * rows[r]![k]!;
    }
    r += 1;
  }
  return r;
}

/**
 * The masked cells a reader can recompute: the reader's equations (each shown table is the sum of any
 * shown finer one), restricted to the unknown cells; a cell is pinned when dropping its column lowers
 * the rank (no solution of the homogeneous system moves it).
 */
function recomputable(total: { n: number | null }, breakdowns: IndicatorBreakdown[]): string[] {
  const tables = [{ by: [] as string[], rows: [{ keys: [] as Array<string | null>, n: total.n, masked: total.n === null }] }, ...breakdowns];
  const unknown: string[] = [];
  const column = new Map<string, number>();
  tables.forEach((table, t) => table.rows.forEach((row, r) => {
    if (row.masked) column.set(`${t}:${r}`, unknown.push(`${table.by.join('×') || 'total'} ${row.keys.join('/')}`) - 1);
  }));
  const equations: number[][] = [];
  tables.forEach((coarse, c) => tables.forEach((fine, f) => {
    if (c === f || !coarse.by.every((d) => fine.by.includes(d)) || coarse.by.length >= fine.by.length) return;
    coarse.rows.forEach((row, r) => {
      const equation = new Array<number>(unknown.length).fill(0);
      const at = column.get(`${c}:${r}`);
      if (at !== undefined) equation[at] = 1;
      fine.rows.forEach((candidate, k) => {
        const matches = coarse.by.every((d, i) => candidate.keys[fine.by.indexOf(d)] === row.keys[i]);
        const cell = column.get(`${f}:${k}`);
        if (matches && cell !== undefined) equation[cell]! -= 1;
      });
      if (equation.some((x) => x !== 0)) equations.push(equation);
    });
  }));
  if (equations.length === 0) return [];
  const full = rank(equations);
  return unknown.filter((_, u) => rank(equations.map((row) => row.filter((__, k) => k !== u))) === full - 1);
}

describe('suppression of small counts', () => {
  it('leaves no masked cell recomputable from the total and the other breakdowns, and masks every count of 1 to 4', () => {
    fc.assert(
      fc.property(dataArbitrary, (data) => {
        const { total, breakdowns } = tablesOf(data);
        const shown = maskIndicator({ total, n: total, totalMasked: false, breakdowns }, DISCLOSURE);
        expect(recomputable(shown, shown.breakdowns)).toEqual([]);
        if (total > 0 && total < THRESHOLD) expect(shown.totalMasked).toBe(true);
        expect(shown.totalMasked).toBe(shown.n === null);
        shown.breakdowns.forEach((breakdown, b) => breakdown.rows.forEach((row, r) => {
          const n = breakdowns[b]!.rows[r]!.n!;
          if (n < THRESHOLD) expect(row.masked).toBe(true);
          expect(row.masked ? [row.value, row.n] : [row.value, row.n]).toEqual(row.masked ? [null, null] : [n, n]);
        }));
      }),
      { numRuns: 400 },
    );
  });

  it('masks the total of 3 households all in one territory, and the territory with it', () => {
    const byTerritory: IndicatorBreakdown = { by: ['territory'], label: 'Par territoire', rows: [{ keys: ['lens-henin'], labels: ['Lens-Hénin'], value: 3, n: 3, masked: false }] };
    const shown = maskIndicator({ total: 3, n: 3, totalMasked: false, breakdowns: [byTerritory] }, DISCLOSURE);
    expect(shown).toMatchObject({ total: null, n: null, totalMasked: true });
    expect(shown.breakdowns[0]!.rows[0]).toMatchObject({ value: null, n: null, masked: true });
  });

  it('masks a total of 1 to 4 without breakdowns, and keeps 0 and 5', () => {
    for (const n of [0, 1, 4, 5]) {
      expect(maskIndicator({ total: n, n, totalMasked: false, breakdowns: [] }, DISCLOSURE).totalMasked, String(n)).toBe(n > 0 && n < THRESHOLD);
    }
  });

  it('keeps a cell hidden across two breakdowns of the same indicator (by territory, by territory and month)', () => {
    const row = (keys: string[], n: number) => ({ keys, labels: keys, value: n, n, masked: false });
    const byTerritory = { by: ['territory'], label: 't', rows: [row(['a'], 12), row(['b'], 20)] };
    const byBoth = { by: ['territory', 'month'], label: 'tm', rows: [row(['a', '01'], 2), row(['a', '02'], 10), row(['b', '01'], 8), row(['b', '02'], 12)] };
    const shown = maskIndicator({ total: 32, n: 32, totalMasked: false, breakdowns: [byTerritory, byBoth] }, DISCLOSURE);
    expect(recomputable(shown, shown.breakdowns)).toEqual([]);
    // a/01 is small; a/02 = a − a/01 would give it away, so it goes too (and what pins that one in turn).
    expect(shown.breakdowns[1]!.rows.filter((r) => r.masked).length).toBeGreaterThanOrEqual(2);
  });

  it('writes a masked total as « < 5 » in the CSV and the HTML, never its number', () => {
    const report = sampleReport();
    const first = report.indicators[0] as Extract<IndicatorResult, { status: 'ok' }>;
    const hidden = { ...first, total: null, n: null, totalMasked: true };
    const masked = sampleReport({ indicators: [hidden, ...report.indicators.slice(1)] });
    const csvTotal = renderCsv(masked).split('\n').find((line) => line.includes(first.id) && line.includes('Total'));
    expect(csvTotal).toContain('< 5');
    expect(renderHtml(masked)).toMatch(/Total : <span class="masked">&lt; 5<\/span>/);
  });
});
