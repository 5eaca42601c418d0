/**
 * A call's whole report for a viewer: its indicators, its budget and quotas, its operators' reports.
 */
import type { Call, Repository, ResolvedCall } from '../definition/index.ts';
import type { Store } from '../store/index.ts';
import { parisDate } from '../time/index.ts';
import { computeBudget, type BudgetOptions } from './budget.ts';
import { runIndicators, scopeOf, type ProgressListener } from './run-indicators.ts';
import { disclosureFor, maskedText } from './privacy.ts';
import { computeQuotas } from './quotas.ts';
import type { Budget, CallReport, Disclosure, QuotaUse, ReportViewer, ReportsSummary } from './report-types.ts';
import { summarizeReports } from './reports-summary.ts';
import { reportDialect } from './sql-dialect.ts';

/** What {@link buildReport} reads. */
export interface BuildReportOptions {
  store: Pick<Store, 'db' | 'dialect'>;
  call: ResolvedCall;
  viewer: ReportViewer;
  /** The catalog of territories (labels, groups) and the shared lifecycles a call may rely on by default. */
  repository?: Pick<Repository, 'territories' | 'pieces'> & Partial<Pick<Repository, 'envelopes' | 'calls'>>;
  /** Operator names by id, when known. */
  operators?: ReadonlyMap<string, string>;
  /** Masking threshold for evaluators (default 5). */
  threshold?: number;
  /** The instant of the report (default now). */
  now?: Date;
  onProgress?: ProgressListener;
}

/**
 * Computes a call's report for a viewer, every number in the database.
 * @example
 * const report = await buildReport({ store, call: repository.calls.get('equipes-mobiles-2025')!,
 *   viewer: { role: 'evaluator' }, repository });
 * renderCsv(report);
 */
export async function buildReport(options: BuildReportOptions): Promise<CallReport> {
  const { store, call, viewer } = options;
  const definition = withDefaultLifecycles(call.definition, options.repository);
  const territories = options.repository?.territories;
  const dialect = reportDialect(store.dialect);
  const disclosure = disclosureFor(viewer, options.threshold);
  const scope = scopeOf(viewer, territories);
  const now = options.now ?? new Date();
  const indicatorCount = Object.keys(definition.indicators ?? {}).length;
  const steps = indicatorCount + 2;
  const context = {
    ...(territories !== undefined && { territories }),
    ...(options.operators !== undefined && { operators: options.operators }),
  };

  const indicators = await runIndicators({
    db: store.db,
    dialect,
    callId: call.id,
    call: definition,
    viewer,
    disclosure,
    labels: context,
    onProgress: (done, _total, label) => options.onProgress?.(done, steps, label),
  });
  options.onProgress?.(indicatorCount, steps, 'Budget et quotas');
  const envelopes = options.repository?.envelopes !== undefined && options.repository.calls !== undefined ? { envelopes: options.repository.envelopes, calls: options.repository.calls } : undefined;
  const budget = await buildBudget({ db: store.db, callId: call.id, call: definition, scope, disclosure, asOf: parisDate(now), ...context, ...(envelopes !== undefined && { envelopes }) });
  options.onProgress?.(indicatorCount + 1, steps, 'Bilans des opérateurs');
  const reports = maskReports(await summarizeReports({ db: store.db, dialect, callId: call.id, call: definition, scope, countsOnly: disclosure.masked }), disclosure);
  options.onProgress?.(steps, steps, 'Rapport prêt');

  const shownViewer: CallReport['viewer'] = { role: viewer.role };
  if (viewer.operatorId !== undefined) shownViewer.operatorId = viewer.operatorId;
  if (viewer.territories !== undefined) shownViewer.territories = [...viewer.territories];
  return {
    call: { id: call.id, title: definition.title, year: definition.year, version: call.version },
    generatedAt: now.toISOString(),
    generatedOn: parisDate(now),
    viewer: shownViewer,
    disclosure,
    indicators,
    budget,
    reports,
  };
}

/**
 * The budget of a call with its quotas used, small per-operator or per-territory counts masked for a
 * masked viewer.
 * @example
 * const budget = await buildBudget({ db: store.db, callId: call.id, call: call.definition, disclosure: { masked: false, threshold: 5 } });
 */
export async function buildBudget(options: BudgetOptions & { disclosure: Disclosure }): Promise<Budget> {
  return { ...(await computeBudget(options)), quotas: maskQuotas(await computeQuotas(options), options.disclosure) };
}

/**
 * The call with the shared application and report lifecycles it runs when it declares none (the engine
 * does the same: `engine/runtime/definitions.ts`), so that report states and fields have their labels.
 */
function withDefaultLifecycles(call: Call, repository: BuildReportOptions['repository']): Call {
  if (call.lifecycles?.application && call.lifecycles.report) return call;
  const template = (id: string) => repository?.pieces.lifecycle.get(id)?.piece.lifecycle;
  const application = call.lifecycles?.application ?? template('candidature');
  const report = call.lifecycles?.report ?? template('rapport');
  return { ...call, lifecycles: { ...(application && { application }), ...(report && { report }) } };
}

/** Per operator or territory, a quota's small counts are a breakdown too: masked for an evaluator. */
function maskQuotas(quotas: QuotaUse[], disclosure: Disclosure): QuotaUse[] {
  if (!disclosure.masked) return quotas;
  return quotas.map((quota) =>
    quota.per === 'call'
      ? quota
      : {
          ...quota,
          used: quota.used.map((use) =>
            use.count !== null && use.count > 0 && use.count < disclosure.threshold ? { ...use, count: null, masked: true, text: use.text.replace(/^\d+/, maskedText(disclosure)) } : use,
          ),
        },
  );
}

function maskReports(reports: ReportsSummary, disclosure: Disclosure): ReportsSummary {
  if (!disclosure.masked) return reports;
  return {
    byState: reports.byState.map((row) => (row.count !== null && row.count > 0 && row.count < disclosure.threshold ? { ...row, count: null, masked: true } : row)),
    pending: [],
  };
}
