/**
 * The operators' reports (bilans) of a call: how many are in each state of the report lifecycle, and
 * which are still expected, by due date. The engine gives each report instance its `rapport` (the entry
 * of `reports`), `nature` and `echeance` (see `definitions/shared/cycles/rapport.yaml`).
 */
import { sql, type Kysely } from 'kysely';
import type { Call } from '../definition/index.ts';
import type { Database } from '../store/index.ts';
import type { ReportScope } from './indicator-query.ts';
import type { ReportsSummary } from './report-types.ts';
import { toNumber, type ReportDialect } from './sql-dialect.ts';

/** What {@link summarizeReports} reads. */
export interface ReportsSummaryOptions {
  db: Kysely<Database>;
  dialect: ReportDialect;
  callId: string;
  call: Call;
  scope?: ReportScope;
  /** Leave out the list of pending reports (counts only). */
  countsOnly?: boolean;
}

/**
 * Counts the call's reports per state and lists those not in a final state, earliest due first.
 * @example
 * const { byState, pending } = await summarizeReports({ db: store.db, dialect, callId: call.id, call: call.definition });
 */
export async function summarizeReports(options: ReportsSummaryOptions): Promise<ReportsSummary> {
  const lifecycle = options.call.lifecycles?.report;
  const states = lifecycle?.states ?? {};
  const finals = Object.entries(states).filter(([, state]) => state.type === 'final').map(([id]) => id);
  const scoped = <T extends { where: (...args: any[]) => T }>(query: T): T => {
    const scope = options.scope ?? {};
    let q = query.where('i.call_id', '=', options.callId).where('i.kind', '=', 'report');
    if (scope.operatorId !== undefined) q = q.where('i.operator_id', '=', scope.operatorId);
    if (scope.territories !== undefined) q = scope.territories.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('i.territory', 'in', [...scope.territories]);
    return q;
  };

  const counts = await scoped(options.db.selectFrom('instances as i').select(['i.state as state', sql<number>`count(*)`.as('n')]))
    .groupBy('i.state')
    .execute();
  const order = Object.keys(states);
  const byState = counts
    .map((row) => ({ state: row.state, label: states[row.state]?.label ?? row.state, count: toNumber(row.n) ?? 0, masked: false }))
    .sort((a, b) => rank(order, a.state) - rank(order, b.state));

  if (options.countsOnly) return { byState, pending: [] };
  const data = sql.ref('i.data');
  let pendingQuery = scoped(
    options.db
      .selectFrom('instances as i')
      .select([
        'i.id as id',
        'i.operator_id as operator_id',
        'i.state as state',
        options.dialect.jsonText(data, ['rapport']).as('rapport'),
        options.dialect.jsonText(data, ['echeance']).as('echeance'),
      ]),
  );
  if (finals.length > 0) pendingQuery = pendingQuery.where('i.state', 'not in', finals);
  const rows = await pendingQuery.execute();
  const pending = rows
    .map((row) => ({
      id: row.id,
      report: row.rapport ?? '',
      label: options.call.reports?.[row.rapport ?? '']?.label ?? row.rapport ?? 'Bilan',
      operatorId: row.operator_id,
      state: row.state,
      stateLabel: states[row.state]?.label ?? row.state,
      due: row.echeance,
    }))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || (a.operatorId ?? '').localeCompare(b.operatorId ?? ''));
  return { byState, pending };
}

function rank(order: string[], state: string): number {
  const index = order.indexOf(state);
  return index === -1 ? order.length : index;
}
