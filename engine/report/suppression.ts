/**
 * Secondary suppression of small counts, across every table a reader sees of one indicator: its total and
 * each of its breakdowns. Cells are linked by additivity (a row of a breakdown is the sum of the rows of a
 * finer breakdown that share its keys; every breakdown adds up to the total). A masked cell must not be
 * the solution of these equations given the shown cells: it is « determined » when its unit vector lies in
 * the row space of the equations restricted to masked cells. While one is, the smallest shown cell of an
 * equation that pins it is masked too. Margins of a breakdown that no table shows (a territory's total in
 * a breakdown by territory and month, without a breakdown by territory) are taken as known: they may be
 * published elsewhere, so the masking does not rely on them being secret.
 */

/** One table of an indicator: its dimension ids (none for the total) and its cells' counts. */
export interface SuppressionTable {
  by: readonly string[];
  rows: ReadonlyArray<{ keys: ReadonlyArray<string | null>; n: number | null }>;
}

/** A cell: a row of a table. */
interface Cell {
  n: number;
  /** The indicator's total: masked last. */
  total: boolean;
}

/** Beyond this many masked cells the equations are not solved: every cell is masked (bounded work). */
const MAX_MASKED = 400;
const EPSILON = 1e-9;

/**
 * Which cells to mask: `masked[t][r]` for row `r` of table `t`. Primary: a count from 1 to threshold − 1
 * (the total included); secondary: as many more as needed so that none of them can be recomputed.
 * @example
 * suppress([{ by: [], rows: [{ keys: [], n: 10 }] }, { by: ['territory'], rows: [{ keys: ['a'], n: 7 }, { keys: ['b'], n: 3 }] }], 5);
 * // [[false], [true, true]]: b is small, and a = 10 − b would give it away
 */
export function suppress(tables: readonly SuppressionTable[], threshold: number): boolean[][] {
  const cells: Cell[] = [];
  const index: number[][] = tables.map((table) => table.rows.map((row) => cells.push({ n: row.n ?? 0, total: table.by.length === 0 }) - 1));
  const masked = cells.map((cell) => cell.n > 0 && cell.n < threshold);
  const equations = equationsOf(tables, index);
  for (let round = 0; round <= cells.length; round += 1) {
    if (masked.filter(Boolean).length > MAX_MASKED) {
      masked.fill(true);
      break;
    }
    const exposed = determined(equations, masked);
    if (exposed.length === 0) break;
    for (const cell of exposed) {
      if (!determined(equations, masked).includes(cell)) continue;
      const next = cheapestNeighbour(equations, masked, cells, cell);
      if (next === undefined) break;
      masked[next] = true;
    }
  }
  return index.map((rows) => rows.map((cell) => masked[cell]!));
}

/**
 * The equations « coarse cell − Σ fine cells = 0 » between tables, as lists of cell indexes (the first is
 * the coarse cell, or −1 when that margin is shown by no table and is taken as known).
 */
function equationsOf(tables: readonly SuppressionTable[], index: number[][]): number[][] {
  const equations: number[][] = [];
  tables.forEach((fine, f) => {
    for (const subset of properSubsets(fine.by.length)) {
      const dims = subset.map((position) => fine.by[position]!);
      const coarse = tables.findIndex((table) => table.by.length === dims.length && dims.every((d) => table.by.includes(d)));
      const groups = new Map<string, number[]>();
      fine.rows.forEach((row, r) => {
        const id = JSON.stringify(subset.map((position) => row.keys[position] ?? null));
        const group = groups.get(id) ?? [];
        group.push(index[f]![r]!);
        groups.set(id, group);
      });
      for (const [id, group] of groups) {
        const keys = JSON.parse(id) as Array<string | null>;
        const row = coarse < 0 ? -1 : tables[coarse]!.rows.findIndex((candidate) => dims.every((d, i) => (candidate.keys[tables[coarse]!.by.indexOf(d)] ?? null) === keys[i]));
        equations.push([row < 0 ? -1 : index[coarse]![row]!, ...group]);
      }
    }
  });
  return equations;
}

/** Every proper subset of positions 0..size−1 (the empty one included), as sorted position lists. */
function properSubsets(size: number): number[][] {
  const subsets: number[][] = [];
  for (let mask = 0; mask < (1 << size) - 1; mask += 1) {
    subsets.push(Array.from({ length: size }, (_, i) => i).filter((i) => (mask & (1 << i)) !== 0));
  }
  return subsets;
}

/** The masked cells the equations pin down given every shown cell (Gauss–Jordan on the masked columns). */
function determined(equations: number[][], masked: boolean[]): number[] {
  const columns = [...masked.keys()].filter((cell) => masked[cell]);
  if (columns.length === 0) return [];
  const position = new Map(columns.map((cell, i) => [cell, i]));
  const rows: number[][] = [];
  for (const equation of equations) {
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    equation.forEach((cell, i) => {
      const at = cell < 0 ? undefined : position.get(cell);
      if (at === undefined) return;
      row[at]! += i === 0 ? 1 : -1;
      any = true;
    });
    if (any) rows.push(row);
  }
  let rank = 0;
  const pivots: number[] = [];
  for (let column = 0; column < columns.length && rank < rows.length; column += 1) {
    const pivot = rows.findIndex((row, r) => r >= rank && Math.abs(row[column]!) > EPSILON);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const lead = rows[rank]!;
    const scale = lead[column]!;
    for (let c = 0; c < lead.length; c += 1) lead[c]! /= scale;
    rows.forEach((row, r) => {
      if (r === rank || Math.abs(row[column]!) <= EPSILON) return;
      const factor = row[column]!;
      for (let c = 0; c < row.length; c += 1) row[c]! -= factor * lead[c]!;
    });
    pivots.push(column);
    rank += 1;
  }
  // In reduced form, a cell is pinned when its pivot row has no other non-zero coefficient.
  return pivots.flatMap((column, r) => (rows[r]!.every((value, c) => c === column || Math.abs(value) <= EPSILON) ? [columns[column]!] : []));
}

/**
 * The smallest shown cell sharing an equation with `cell` (the total last); failing that (the cell is
 * pinned through other masked cells only), the smallest shown cell of any equation holding a masked one.
 */
function cheapestNeighbour(equations: number[][], masked: boolean[], cells: Cell[], cell: number): number | undefined {
  const cost = (c: number) => cells[c]!.n + (cells[c]!.total ? Number.MAX_SAFE_INTEGER / 2 : 0);
  const pick = (holds: (equation: number[]) => boolean) => {
    let best: number | undefined;
    for (const equation of equations) {
      if (!holds(equation)) continue;
      for (const candidate of equation) {
        if (candidate < 0 || masked[candidate]) continue;
        if (best === undefined || cost(candidate) < cost(best)) best = candidate;
      }
    }
    return best;
  };
  return pick((equation) => equation.includes(cell)) ?? pick((equation) => equation.some((c) => c >= 0 && masked[c]));
}
