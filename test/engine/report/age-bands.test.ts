import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageBandExpression, ageBands } from '../../../engine/report/age-bands.ts';
import { reportDialect } from '../../../engine/report/index.ts';
import type { Store } from '../../../engine/store/index.ts';
import { ageOn, parisDate } from '../../../engine/time/index.ts';
import { openTestStore } from '../../support/test-store.ts';

describe('age bands', () => {
  it('names the bands from the ages they start at, the first and the last open-ended', () => {
    expect(ageBands().map((band) => [band.key, band.label])).toEqual([
      ['<18', 'moins de 18 ans'], ['18-24', '18 à 24 ans'], ['25-34', '25 à 34 ans'], ['35-44', '35 à 44 ans'],
      ['45-54', '45 à 54 ans'], ['55-64', '55 à 64 ans'], ['65+', '65 ans et plus'],
    ]);
    expect(ageBands([18, 19, 25]).map((band) => band.label)).toEqual(['moins de 18 ans', '18 ans', '19 à 24 ans', '25 ans et plus']);
  });

  describe('in SQL, on this run’s database', () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore();
    });

    // Instants around Paris midnight (22:00 to 00:30 UTC), on the DST changes and around 29 February, and
    // birthdates whose anniversary falls on either side of the Paris day.
    const instants = [
      '2024-02-28T22:59:00.000Z', '2024-02-28T23:00:00.000Z', '2025-02-28T23:30:00.000Z', '2025-03-01T00:30:00.000Z',
      '2024-03-30T22:30:00.000Z', '2024-03-31T21:59:00.000Z', '2024-03-31T22:00:00.000Z', '2024-06-14T21:59:59.999Z',
      '2024-06-14T22:00:00.000Z', '2024-10-26T21:30:00.000Z', '2024-10-26T22:30:00.000Z', '2024-10-27T22:59:00.000Z',
      '2024-10-27T23:00:00.000Z', '2024-12-31T22:59:00.000Z', '2024-12-31T23:00:00.000Z', '2025-07-01T10:00:00.000Z',
    ];
    const birthdates = ['2000-02-29', '2006-03-01', '2006-06-15', '2006-06-14', '1999-10-27', '1959-10-28', '1959-01-01', '2007-01-01', '2030-01-01', 'inconnue'];

    it('gives each person the band of their age on the Paris day of the referral, as the eligibility rules count it', async () => {
      const dialect = reportDialect(store.dialect);
      const bands = ageBands([18, 19, 25, 65]);
      const pairs = instants.flatMap((at) => birthdates.map((born) => ({ at, born })));
      const rows = sql.join(pairs.map(({ at, born }) => sql`select ${sql.lit(at)} as at, ${sql.lit(born)} as born`), sql` union all `);
      const band = ageBandExpression(dialect, sql.ref('born'), sql.ref('at'), bands);
      const { rows: result } = await sql<{ at: string; born: string; band: string | null }>`select at, born, ${band} as band from (${rows}) as pairs`.execute(store.db);
      const expected = (at: string, born: string) => {
        if (born === 'inconnue') return null;
        const age = ageOn(born, parisDate(new Date(at)));
        return bands.find((b) => b.to === undefined || age <= b.to)!.key;
      };
      expect(result).toHaveLength(pairs.length);
      expect(result.filter((row) => row.band !== expected(row.at, row.born))).toEqual([]);
      // One worked case: born 15 June 2006, referred at 00:00 on 15 June 2024 in Paris (22:00 UTC the day before).
      expect(result.find((row) => row.at === '2024-06-14T22:00:00.000Z' && row.born === '2006-06-15')?.band).toBe('18-18');
      expect(result.find((row) => row.at === '2024-06-14T21:59:59.999Z' && row.born === '2006-06-15')?.band).toBe('<18');
    });

    it('gives the Paris day of every quarter hour around midnight through a whole year', async () => {
      const at: string[] = [];
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2025, 0, 1); day += 86_400_000) {
        for (let minutes = -150; minutes <= 30; minutes += 15) at.push(new Date(day + minutes * 60_000).toISOString());
      }
      const dialect = reportDialect(store.dialect);
      const result: Array<{ at: string; day: string }> = [];
      for (let from = 0; from < at.length; from += 400) {
        const rows = sql.join(at.slice(from, from + 400).map((instant) => sql`select ${sql.lit(instant)} as at`), sql` union all `);
        result.push(...(await sql<{ at: string; day: string }>`select at, ${dialect.parisDate(sql.ref('at'))} as day from (${rows}) as instants`.execute(store.db)).rows);
      }
      expect(result).toHaveLength(at.length);
      expect(result.filter((row) => row.day !== parisDate(new Date(row.at)))).toEqual([]);
    });
  });
});
