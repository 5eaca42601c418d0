/**
 * How PostgreSQL values come back, so that both stores answer with the same JavaScript values: counts,
 * sums and bigint cents as numbers (refused beyond 2^53 rather than rounded), calendar dates as ISO
 * strings (`2024-06-01`), instants as ISO strings in UTC (`2024-06-01T10:00:00.000Z`).
 */
import pg from 'pg';

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

function safeNumber(text: string): number {
  const value = Number(text);
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(value)) {
    // Never round money: an integer beyond 2^53 cents is refused, not approximated.
    throw new RangeError(`Entier trop grand pour être lu sans perte : ${text}.`);
  }
  return value;
}

const defaultTimestamptz = pg.types.getTypeParser(OID.timestamptz, 'text') as (text: string) => Date;

/** Text parsers by type OID; other types keep pg's defaults (JSON and JSONB are parsed). */
const parsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: safeNumber,
  [OID.numeric]: safeNumber,
  [OID.date]: (text) => text,
  [OID.timestamptz]: (text) => defaultTimestamptz(text).toISOString(),
  [OID.timestamp]: (text) => defaultTimestamptz(`${text}+00`).toISOString(),
};

/** The `types` option of a pg pool: pg's defaults, overridden by the normalizations above. */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' && parsers[oid] ? parsers[oid] : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
