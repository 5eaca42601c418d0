/**
 * From the groups the database returned to the indicator's total and breakdowns: groups are added up
 * per breakdown (counts and sums add; an average is a sum over a count). Only aggregated rows pass here.
 */
import { assertNever } from '../errors.ts';
import type { IndicatorPlan } from './indicator-plan.ts';
import type { GroupRow, GroupSet } from './indicator-query.ts';

/** Sums of a group of rows. */
export interface Totals {
  n: number;
  sum: number | null;
  valued: number;
  /** A ratio's denominator summed over the valued rows (null otherwise). */
  per: number | null;
}

/** A breakdown before labels: its dimensions (indexes into the plan's) and its groups. */
export interface RawBreakdown {
  dimensions: number[];
  rows: Array<{ keys: Array<string | null> } & Totals>;
}

/** The indicator's numbers before labels and privacy. */
export interface RawIndicator {
  total: Totals;
  breakdowns: RawBreakdown[];
}

/**
 * Adds up the groups of an indicator's queries into its total and its breakdowns.
 * @example
 * const raw = rollUp(plan, await Promise.all(queries.map((q) => q.run())));
 * valueOf(plan, raw.total); // the indicator's value over every row
 */
export function rollUp(plan: IndicatorPlan, sets: GroupSet[]): RawIndicator {
  const first = sets[0];
  const none: Totals = { n: 0, sum: null, valued: 0, per: null };
  const total = first ? first.rows.reduce<Totals>((acc, row) => add(acc, row), none) : none;
  const breakdowns = plan.breakdowns.map((dimensions) => {
    const set = sets.find((candidate) => dimensions.every((d) => candidate.dimensions.includes(d)));
    if (!set) throw new Error(`Aucune requête ne groupe par ${dimensions.join(', ')}.`);
    const positions = dimensions.map((d) => set.dimensions.indexOf(d));
    const groups = new Map<string, { keys: Array<string | null> } & Totals>();
    for (const row of set.rows) {
      const keys = positions.map((position) => row.keys[position] ?? null);
      const id = JSON.stringify(keys);
      const group = groups.get(id) ?? { keys, ...none };
      groups.set(id, { ...add(group, row), keys });
    }
    return { dimensions, rows: [...groups.values()] };
  });
  return { total, breakdowns };
}

/**
 * The value an indicator shows for some rows: a count, a sum, an average, or a ratio as a percentage
 * (Σ field / Σ per, or (Σ field − Σ per) / Σ per with `change`); null without values or with a zero
 * denominator.
 */
export function valueOf(plan: IndicatorPlan, totals: Totals): number | null {
  switch (plan.indicator.kind) {
    case 'count':
    case 'distribution':
      return totals.n;
    case 'sum':
      return totals.valued === 0 ? (totals.n === 0 ? 0 : null) : totals.sum;
    case 'average':
      return totals.valued === 0 || totals.sum === null ? null : totals.sum / totals.valued;
    case 'ratio': {
      if (totals.sum === null || totals.per === null || totals.per === 0) return null;
      const ratio = plan.indicator.change === true ? (totals.sum - totals.per) / totals.per : totals.sum / totals.per;
      return ratio * 100;
    }
    default:
      return assertNever(plan.indicator.kind);
  }
}

function add(acc: Totals, row: GroupRow | Totals): Totals {
  const plus = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  return { n: acc.n + row.n, sum: plus(acc.sum, row.sum), valued: acc.valued + row.valued, per: plus(acc.per, row.per) };
}
