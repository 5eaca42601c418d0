/**
 * @module
 * Reporting: a call's indicators compiled to SQL through kysely and run in the database, its budget and
 * quotas from the ledger, its operators' reports; rendered as JSON (the data itself), CSV for French
 * spreadsheets, and a self-contained HTML page with SVG charts. Small counts are masked for evaluators
 * and sensitive fields never reach a viewer without access to them.
 *
 * @example
 * import { buildReport, renderCsv, renderHtml } from './engine/report/index.ts';
 * const report = await buildReport({ store, call, viewer: { role: 'departement' }, repository });
 * await writeFile('rapport.csv', renderCsv(report));
 */
export { buildBudget, buildReport, type BuildReportOptions } from './build-report.ts';
export { computeBudget, type BudgetOptions } from './budget.ts';
export { computeQuotas, type QuotaOptions } from './quotas.ts';
export { summarizeReports, type ReportsSummaryOptions } from './reports-summary.ts';
export { runIndicator, runIndicators, scopeOf, type ProgressListener, type RunIndicatorsOptions } from './run-indicators.ts';
export { planIndicator, dimensionId, type Dimension, type IndicatorPlan, type IndicatorUnit, type PlanResult } from './indicator-plan.ts';
export { compileIndicator, type GroupRow, type GroupSet, type IndicatorQuery, type ReportScope } from './indicator-query.ts';
export type { IndicatorField, Sensitivity } from './indicator-fields.ts';
export { reportDialect, toNumber, type ReportDialect, type ReportDialectName } from './sql-dialect.ts';
export { DEFAULT_MASK_THRESHOLD, defaultSensitivities, disclosureFor, maskBreakdowns, maskIndicator, maskedText, withheldReason } from './privacy.ts';
export { CSV_COLUMNS, renderCsv } from './report-csv.ts';
export { renderHtml } from './report-html.ts';
export { suppress, type SuppressionTable } from './suppression.ts';
export { barChart, columnChart, type ChartBar } from './svg-chart.ts';
export { formatCsvMonth, formatCsvNumber, formatDisplayNumber, formatMonth, formatShortMonth } from './french-format.ts';
export type {
  Budget,
  BudgetLine,
  CallReport,
  Disclosure,
  IndicatorBreakdown,
  IndicatorResult,
  IndicatorRow,
  QuotaUse,
  ReportViewer,
  ReportsSummary,
} from './report-types.ts';
