import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDialect, toNumber } from '../../../engine/report/index.ts';
import { openSqliteStore, type Store } from '../../../engine/store/index.ts';
import { parisDate } from '../../../engine/time/index.ts';

describe('the SQL the dialects differ on', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openSqliteStore({ file: ':memory:' });
  });
  afterAll(() => store.close());

  it('gives the Paris month of every instant around month ends and DST changes, 2024 to 2026', async () => {
    // Every 15 minutes over the last four hours and the first four hours (UTC) of each month.
    const instants: string[] = [];
    for (let year = 2024; year <= 2026; year += 1) {
      for (let month = 0; month < 12; month += 1) {
        const start = Date.UTC(year, month, 1);
        for (let minutes = -240; minutes <= 240; minutes += 15) instants.push(new Date(start + minutes * 60_000).toISOString());
      }
    }
    // And the DST changes themselves (last Sundays of March and October, 01:00 UTC).
    instants.push('2024-03-31T00:59:59.999Z', '2024-03-31T01:00:00.000Z', '2025-10-26T00:30:00.000Z', '2025-10-26T01:30:00.000Z');
    const values = sql.join(instants.map((at) => sql`(${at})`));
    const month = reportDialect('sqlite').parisMonth(sql.ref('at'));
    const { rows } = await sql<{ at: string; month: string }>`select at, ${month} as month from (select column1 as at from (values ${values}))`.execute(store.db);
    const wrong = rows.filter((row) => row.month !== parisDate(new Date(row.at)).slice(0, 7));
    expect(rows).toHaveLength(instants.length);
    expect(wrong).toEqual([]);
  });

  it('tells a JSON true from the number 1, and the number 1 from the text "1", in a where filter', async () => {
    const dialect = reportDialect('sqlite');
    const data = sql.ref('d');
    const { rows } = await sql<{ d: string; yes: number; one: number }>`select d, ${dialect.jsonEquals(data, ['f'], true)} as yes, ${dialect.jsonEquals(data, ['f'], 1)} as one from (select column1 as d from (values ('{"f":true}'), ('{"f":1}'), ('{"f":"1"}'), ('{}')))`.execute(store.db);
    expect(rows.map((row) => [row.d, Boolean(row.yes), Boolean(row.one)])).toEqual([
      ['{"f":true}', true, false],
      ['{"f":1}', false, true],
      ['{"f":"1"}', false, false],
      ['{}', false, false],
    ]);
  });

  it('reads kebab-case field names', async () => {
    const { rows } = await sql<{ v: number }>`select ${reportDialect('sqlite').jsonNumber(sql.lit('{"montant-dette":12}'), ['montant-dette'])} as v`.execute(store.db);
    expect(rows[0]!.v).toBe(12);
  });

  it('turns what drivers return into numbers: PostgreSQL’s strings, bigints, nulls', () => {
    expect(toNumber('42')).toBe(42);
    expect(toNumber('1660.1500000000')).toBe(1660.15);
    expect(toNumber(42n)).toBe(42);
    expect(toNumber(7)).toBe(7);
    expect(toNumber(null)).toBeNull();
    expect(toNumber(undefined)).toBeNull();
  });
});
