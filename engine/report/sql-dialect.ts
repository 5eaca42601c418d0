/**
 * The few SQL expressions reports spell differently per database: reading a JSON field, comparing it,
 * the Paris month or day of an instant, recognising a date, and turning driver values into numbers. Everything else the indicator
 * compiler writes through kysely's query builder, which is the same for SQLite and PostgreSQL.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import { assertNever } from '../errors.ts';

/** The databases the store runs on. */
export type ReportDialectName = 'sqlite' | 'postgres';

/** A JSON scalar a `where` filter compares with. */
export type JsonScalar = string | number | boolean;

/** SQL expressions that differ between SQLite and PostgreSQL. */
export interface ReportDialect {
  readonly name: ReportDialectName;
  /** The value at `path` of a JSON column, as SQL text (grouping, distributions). */
  jsonText(column: Expression<unknown>, path: readonly string[]): RawBuilder<string | null>;
  /** The value at `path` of a JSON column, as a number (sums, averages); null when absent. */
  jsonNumber(column: Expression<unknown>, path: readonly string[]): RawBuilder<number | null>;
  /** True when the value at `path` equals `value` (a JSON `true` equals `true`, not `1`). */
  jsonEquals(column: Expression<unknown>, path: readonly string[], value: JsonScalar): RawBuilder<boolean>;
  /** The calendar month `YYYY-MM` in Europe/Paris of an ISO instant stored as text. */
  parisMonth(column: Expression<unknown>): RawBuilder<string>;
  /** The calendar day `YYYY-MM-DD` in Europe/Paris of an ISO instant (age bands at a referral date). */
  parisDate(column: Expression<unknown>): RawBuilder<string>;
  /** True when a text looks like a `YYYY-MM-DD` date (guards the arithmetic on a birthdate read from JSON). */
  isIsoDate(text: Expression<unknown>): RawBuilder<boolean>;
}

/**
 * SQLite: `json_extract` (JSON stored as TEXT). `json_extract` yields SQL values (true is 1, "1" is '1'), so
 * an equality also checks `json_type`: a JSON `true` never equals the number 1, nor the number 1 the text "1".
 *
 * The Paris month of a UTC instant only differs from its UTC month in the last two hours of a month, so
 * the common case is a `substr` and only those rows pay for `strftime`. Paris is UTC+2 at the end of
 * March to September and UTC+1 at the end of October to February: a change of offset happens at 01:00
 * UTC on a Sunday, never in the last two hours of a month. The Paris day likewise differs from the UTC day
 * only from 22:00 UTC; then the offset is that of the UTC day, summer time running from the last Sunday of
 * March to the day before the last Sunday of October (both changes happen at 01:00 UTC, before 22:00).
 */
const sqlite: ReportDialect = {
  name: 'sqlite',
  jsonText: (column, path) => sql<string | null>`json_extract(${column}, ${sqlitePath(path)})`,
  jsonNumber: (column, path) => sql<number | null>`json_extract(${column}, ${sqlitePath(path)})`,
  jsonEquals(column, path, value) {
    const at = sqlitePath(path);
    if (typeof value === 'boolean') return sql<boolean>`json_type(${column}, ${at}) = ${value ? 'true' : 'false'}`;
    const types = typeof value === 'number' ? sql`('integer', 'real')` : sql`('text')`;
    return sql<boolean>`(json_type(${column}, ${at}) in ${types} and json_extract(${column}, ${at}) = ${value})`;
  },
  parisMonth: (column) =>
    sql<string>`(case when substr(${column}, 9, 2) >= '28' and substr(${column}, 12, 2) >= '22' then strftime('%Y-%m', ${column}, case when substr(${column}, 6, 2) between '03' and '09' then '+2 hours' else '+1 hours' end) else substr(${column}, 1, 7) end)`,
  parisDate: (column) => {
    const day = sql`substr(${column}, 1, 10)`;
    const lastSunday = (month: string) => sql`date(substr(${column}, 1, 4) || ${`-${month}-01`}, 'weekday 0', '-7 days')`;
    const summer = sql`(${day} >= ${lastSunday('04')} and ${day} < ${lastSunday('11')})`;
    return sql<string>`(case when substr(${column}, 12, 2) >= '22' then date(${column}, case when ${summer} then '+2 hours' else '+1 hours' end) else ${day} end)`;
  },
  isIsoDate: (text) => sql<boolean>`(${text} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`,
};

/**
 * PostgreSQL: `#>>` on JSONB (a TEXT column is cast, a JSONB one is unchanged), numbers cast to numeric,
 * and the month read in the Europe/Paris zone.
 */
const postgres: ReportDialect = {
  name: 'postgres',
  jsonText: (column, path) => sql<string | null>`((${column})::jsonb #>> ${postgresPath(path)})`,
  jsonNumber: (column, path) => sql<number | null>`((${column})::jsonb #>> ${postgresPath(path)})::numeric`,
  jsonEquals: (column, path, value) => sql<boolean>`((${column})::jsonb #> ${postgresPath(path)}) = ${JSON.stringify(value)}::jsonb`,
  parisMonth: (column) => sql<string>`to_char((${column})::timestamptz at time zone 'Europe/Paris', 'YYYY-MM')`,
  parisDate: (column) => sql<string>`to_char((${column})::timestamptz at time zone 'Europe/Paris', 'YYYY-MM-DD')`,
  isIsoDate: (text) => sql<boolean>`((${text}) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`,
};

/** The report dialect of a store. */
export function reportDialect(name: ReportDialectName): ReportDialect {
  switch (name) {
    case 'sqlite':
      return sqlite;
    case 'postgres':
      return postgres;
    default:
      return assertNever(name);
  }
}

/**
 * A count, sum or average as a number: PostgreSQL returns `bigint` and `numeric` as strings, SQLite
 * returns numbers (or bigints in safe-integer mode). Null stays null.
 */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return value.trim() === '' ? null : Number(value);
  return Number(value);
}

/**
 * A grouping key as text: SQLite gives numbers as numbers, PostgreSQL as text; booleans are `true` and
 * `false` whatever the database (SQLite's `json_extract` gives 1 and 0, the caller knows the field type).
 */
export function toKey(value: unknown, type?: 'boolean'): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') {
    if (value === 1 || value === '1' || value === true || value === 'true') return 'true';
    if (value === 0 || value === '0' || value === false || value === 'false') return 'false';
  }
  return String(value);
}

function sqlitePath(path: readonly string[]): string {
  return '$' + path.map((key) => `."${key}"`).join('');
}

function postgresPath(path: readonly string[]): string {
  return `{${path.map((key) => `"${key}"`).join(',')}}`;
}
