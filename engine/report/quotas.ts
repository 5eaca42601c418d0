/**
 * Quotas used, counted in the database the way the engine counts them when it enforces them
 * (`engine/runtime/quotas.ts`): measures of the kind, or applications selected (less those in a state that
 * releases their place, `releasedIn`); per call, per operator or per territory.
 */
import { sql, type Kysely } from 'kysely';
import type { Call, TerritoryCatalog } from '../definition/index.ts';
import type { Database } from '../store/index.ts';
import type { ReportScope } from './indicator-query.ts';
import type { QuotaUse } from './report-types.ts';
import { toNumber } from './sql-dialect.ts';

/** What {@link computeQuotas} reads. */
export interface QuotaOptions {
  db: Kysely<Database>;
  callId: string;
  call: Call;
  scope?: ReportScope;
  territories?: TerritoryCatalog;
  operators?: ReadonlyMap<string, string>;
}

/**
 * How much of each quota of the call is used, with its French text.
 * @example
 * const [astre] = await computeQuotas({ db: store.db, callId: 'astre-2024', call });
 * astre.used[0].text; // '17 sur 25 mesures'
 */
export async function computeQuotas(options: QuotaOptions): Promise<QuotaUse[]> {
  const uses: QuotaUse[] = [];
  for (const [id, quota] of Object.entries(options.call.funding.quotas ?? {})) {
    const per = quota.per ?? 'call';
    let query = options.db
      .selectFrom('instances as i')
      .select([sql<string | null>`${per === 'operator' ? sql.ref('i.operator_id') : per === 'territory' ? sql.ref('i.territory') : sql.lit('call')}`.as('k'), sql<number>`count(*)`.as('n')])
      .where('i.call_id', '=', options.callId);
    if (quota.of === 'agreements') {
      query = query.where('i.kind', '=', 'application').where('i.selected_on', 'is not', null);
      if (quota.releasedIn !== undefined) query = query.where('i.state', 'not in', [...quota.releasedIn]);
    } else {
      query = query.where('i.kind', '=', 'measure');
      if (quota.measure !== undefined) query = query.where('i.measure_kind', '=', quota.measure);
    }
    const scope = options.scope ?? {};
    if (scope.operatorId !== undefined) query = query.where('i.operator_id', '=', scope.operatorId);
    if (scope.territories !== undefined) query = scope.territories.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('i.territory', 'in', [...scope.territories]);
    const rows = await query.groupBy(sql.ref('k')).execute();

    const unit = unitOf(quota.of, quota.measure === undefined ? undefined : options.call.measures?.[quota.measure]?.label);
    const counted = rows.map((row) => ({ key: row.k ?? '', count: toNumber(row.n) ?? 0 }));
    if (per === 'call' && counted.length === 0) counted.push({ key: 'call', count: 0 });
    const used = counted
      .map(({ key, count }) => ({ key, label: scopeLabel(per, key, options), count, text: `${count} sur ${quota.max} ${unit}` }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
    uses.push({ id, label: quota.label, of: quota.of, per, max: quota.max, enforce: quota.enforce ?? 'refuse', used });
  }
  return uses;
}

function unitOf(of: 'measures' | 'agreements', measureLabel: string | undefined): string {
  if (of === 'agreements') return 'conventions';
  return measureLabel === undefined ? 'mesures' : `mesures (${measureLabel})`;
}

function scopeLabel(per: 'call' | 'operator' | 'territory', key: string, options: QuotaOptions): string {
  if (per === 'call') return 'Appel';
  if (per === 'operator') return options.operators?.get(key) ?? (key === '' ? 'Opérateur non renseigné' : key);
  return options.territories?.territories.get(key)?.label ?? (key === '' ? 'Territoire non renseigné' : key);
}
