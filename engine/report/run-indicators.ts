/**
 * Runs a call's indicators in the database and shapes them for a viewer: plan, privacy check, SQL,
 * roll-up, labels and order, masking.
 */
import type { Kysely } from 'kysely';
import type { Call, Indicator, TerritoryCatalog } from '../definition/index.ts';
import type { Database } from '../store/index.ts';
import { compileIndicator, type ReportScope } from './indicator-query.ts';
import { planIndicator, dimensionId, type IndicatorPlan } from './indicator-plan.ts';
import { rollUp, valueOf, type RawIndicator } from './indicator-rollup.ts';
import { breakdownLabel, compareKeys, keyLabel, type LabelContext } from './labels.ts';
import { maskIndicator, withheldReason } from './privacy.ts';
import type { Disclosure, IndicatorBreakdown, IndicatorResult, ReportViewer } from './report-types.ts';
import type { ReportDialect } from './sql-dialect.ts';

/** Reports progress: `done` of `total` steps, and what is being computed (French). */
export type ProgressListener = (done: number, total: number, label: string) => void;

/** What {@link runIndicators} needs. */
export interface RunIndicatorsOptions {
  db: Kysely<Database>;
  dialect: ReportDialect;
  callId: string;
  call: Call;
  viewer: ReportViewer;
  disclosure: Disclosure;
  labels?: LabelContext;
  onProgress?: ProgressListener;
}

/**
 * Computes every indicator of a call for a viewer, one after the other (the database does the work).
 * @example
 * const results = await runIndicators({ db: store.db, dialect: reportDialect(store.dialect), callId: call.id,
 *   call: call.definition, viewer: { role: 'departement' }, disclosure: { masked: false, threshold: 5 } });
 */
export async function runIndicators(options: RunIndicatorsOptions): Promise<IndicatorResult[]> {
  const entries = Object.entries(options.call.indicators ?? {});
  const results: IndicatorResult[] = [];
  for (const [index, [id, indicator]] of entries.entries()) {
    options.onProgress?.(index, entries.length, indicator.label);
    results.push(await runIndicator(options, id, indicator));
  }
  options.onProgress?.(entries.length, entries.length, 'Indicateurs calculés');
  return results;
}

/** Computes one indicator of a call for a viewer. */
export async function runIndicator(options: RunIndicatorsOptions, id: string, indicator: Indicator): Promise<IndicatorResult> {
  const head = { id, label: indicator.label, kind: indicator.kind, of: indicator.of, ...(indicator.source ? { source: indicator.source } : {}) };
  const planned = planIndicator(options.call, id, indicator);
  if (!planned.ok) return { ...head, status: 'error', message: planned.message };
  const plan = planned.plan;
  const reason = withheldReason(plan, options.viewer);
  if (reason !== undefined) return { ...head, status: 'withheld', message: reason };

  const queries = compileIndicator(options.db, options.dialect, options.callId, plan, scopeOf(options.viewer, options.labels?.territories));
  const sets = [];
  for (const query of queries) sets.push(await query.run());
  const raw = rollUp(plan, sets);
  const shown = maskIndicator(
    { total: valueOf(plan, raw.total), n: raw.total.n, totalMasked: false, breakdowns: labelled(plan, raw, options.labels ?? {}) },
    options.disclosure,
  );
  return { ...head, status: 'ok', unit: plan.unit, ...shown };
}

/** The rows a viewer may count: an operator its own, a coordinator its territories, others the whole call. */
export function scopeOf(viewer: ReportViewer, territories?: TerritoryCatalog): ReportScope {
  switch (viewer.role) {
    case 'operator':
      return { operatorId: viewer.operatorId ?? '' };
    case 'coordinator': {
      const ids = viewer.territories ?? [];
      return { territories: territories ? territories.expand(ids) : ids };
    }
    default:
      return {};
  }
}

function labelled(plan: IndicatorPlan, raw: RawIndicator, context: LabelContext): IndicatorBreakdown[] {
  return raw.breakdowns.map((breakdown) => {
    const dimensions = breakdown.dimensions.map((index) => plan.dimensions[index]!);
    const rows = breakdown.rows
      .map((row) => ({
        keys: row.keys,
        labels: row.keys.map((key, position) => keyLabel(dimensions[position]!, key, context)),
        value: valueOf(plan, row),
        n: row.n,
        masked: false,
      }))
      .sort((a, b) => {
        for (const [position, dimension] of dimensions.entries()) {
          const order = compareKeys(dimension, a.keys[position] ?? null, b.keys[position] ?? null, context);
          if (order !== 0) return order;
        }
        return 0;
      });
    return { by: dimensions.map(dimensionId), label: breakdownLabel(dimensions), rows };
  });
}
