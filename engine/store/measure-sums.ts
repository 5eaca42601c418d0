/**
 * An agreement's measures valued in aggregate: counted by definition and kind off the
 * `instances_parent_groups` index, and a {@link MeasureAmount} summed over a group by one SQL query that reads
 * the counted acts in place (SQLite `json_extract`, PostgreSQL `#>>`), so that no snapshot reaches
 * JavaScript and none is parsed there. Both databases get the same arithmetic on integer cents.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { assertNever } from '../errors.ts';
import type { MeasureAmount, MeasureGroup } from './store.ts';
import type { Database } from './tables.ts';

/** The databases the store runs on. */
type Dialect = 'sqlite' | 'postgres';

/** The query counting an agreement's measures by definition and kind. */
export function measureGroupsQuery(db: Kysely<Database>, agreementId: string) {
  return db.selectFrom('instances')
    .select(['definition_hash', 'measure_kind', sql<number>`count(*)`.as('n')])
    .where('parent_id', '=', agreementId).where('kind', '=', 'measure')
    .groupBy(['definition_hash', 'measure_kind'])
    .orderBy('definition_hash').orderBy('measure_kind')
    .compile();
}

/** The groups the rows of {@link measureGroupsQuery} make (PostgreSQL's counts come back as strings). */
export function measureGroups(rows: any[]): MeasureGroup[] {
  return rows.map((r) => ({ definitionHash: r.definition_hash, measureKind: r.measure_kind, count: Number(r.n) }));
}

/** The query summing `amount` over the measures of a group of an agreement. */
export function measureSumQuery(db: Kysely<Database>, dialect: Dialect, agreementId: string, group: Omit<MeasureGroup, 'count'>, amount: MeasureAmount) {
  let query = db.selectFrom('instances')
    .select(sql<number | string>`coalesce(sum(${amountSql(dialect, amount)}), 0)`.as('cents'))
    .where('parent_id', '=', agreementId).where('kind', '=', 'measure').where('definition_hash', '=', group.definitionHash);
  query = group.measureKind === null ? query.where('measure_kind', 'is', null) : query.where('measure_kind', '=', group.measureKind);
  return query.compile();
}

/** The sum a row of {@link measureSumQuery} holds, as a number of cents. */
export function measureSum(row: { cents: number | string | bigint } | undefined): number {
  return Number(row?.cents ?? 0);
}

/** One measure's amount as an SQL expression on its row's `snapshot`; numbers are integers checked here. */
function amountSql(dialect: Dialect, amount: MeasureAmount): RawBuilder<number> {
  switch (amount.kind) {
    case 'constant':
      return integer(amount.cents);
    case 'perAct': {
      const quantity = actNumber(dialect, amount.act, 'quantity');
      const paid = amount.maxUnits === undefined ? quantity : least(dialect, quantity, integer(amount.maxUnits));
      return sql<number>`(${paid} * ${integer(amount.priceCents)})`;
    }
    case 'declared': {
      const path = ['context', 'acts', amount.act, 'declaredCents'];
      const max = integer(amount.maxCents);
      return dialect === 'sqlite'
        ? sql<number>`(select coalesce(sum(min(d.value, ${max})), 0) from json_each(instances.snapshot, ${sqlitePath(path)}) as d)`
        : sql<number>`(select coalesce(sum(least((d.value)::bigint, ${max})), 0) from jsonb_array_elements_text(coalesce((instances.snapshot)::jsonb #> ${postgresPath(path)}, '[]'::jsonb)) as d(value))`;
    }
    case 'sum': {
      const total = amount.parts.length === 0 ? integer(0) : sql<number>`(${sql.join(amount.parts.map((p) => amountSql(dialect, p)), sql` + `)})`;
      return amount.maxCents === undefined ? total : least(dialect, total, integer(amount.maxCents));
    }
    default:
      return assertNever(amount);
  }
}

/** A counted act's number (`quantity`) from the snapshot, 0 when the act was never counted. */
function actNumber(dialect: Dialect, act: string, key: string): RawBuilder<number> {
  const path = ['context', 'acts', act, key];
  return dialect === 'sqlite'
    ? sql<number>`coalesce(json_extract(instances.snapshot, ${sqlitePath(path)}), 0)`
    : sql<number>`coalesce(((instances.snapshot)::jsonb #>> ${postgresPath(path)})::bigint, 0)`;
}

function least(dialect: Dialect, a: RawBuilder<number>, b: RawBuilder<number>): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`min(${a}, ${b})` : sql<number>`least(${a}, ${b})`;
}

/** An integer inlined as a literal: PostgreSQL cannot type a bare parameter in `sum($1)`. */
function integer(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Montant ou quantité non entier dans un tarif : ${n}`);
  return sql.lit(n) as RawBuilder<number>;
}

function sqlitePath(path: readonly string[]): string {
  return '$' + path.map((key) => `."${key}"`).join('');
}

function postgresPath(path: readonly string[]): string {
  return `{${path.map((key) => `"${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
