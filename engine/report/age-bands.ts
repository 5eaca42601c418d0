/**
 * Age bands of an `age:<field>` breakdown: a birthdate turned, in SQL, into the band of the person's age
 * in whole years at the measure's referral (the day its instance was created, Europe/Paris). Birthdates
 * are never grouped by themselves: a band says enough and reveals much less.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { ReportDialect } from './sql-dialect.ts';

/** The default bands: « moins de 18 ans », « 18 à 24 ans », « 25 à 34 ans », …, « 65 ans et plus ». */
export const DEFAULT_AGE_BANDS: readonly number[] = [18, 25, 35, 45, 55, 65];

/** One band: its key (`<18`, `18-24`, `65+`), its French label, and its ages (inclusive). */
export interface AgeBand {
  key: string;
  label: string;
  from: number;
  /** The last age of the band; none for the last band. */
  to?: number;
}

/**
 * The bands that start at each of `starts` (ascending ages in whole years), after a first band of the
 * younger ones.
 * @example ageBands([18, 25]).map((b) => b.label) // ['moins de 18 ans', '18 à 24 ans', '25 ans et plus']
 */
export function ageBands(starts: readonly number[] = DEFAULT_AGE_BANDS): AgeBand[] {
  const first = starts[0] ?? 0;
  const bands: AgeBand[] = [{ key: `<${first}`, label: `moins de ${first} ans`, from: 0, to: first - 1 }];
  starts.forEach((from, index) => {
    const next = starts[index + 1];
    if (next === undefined) bands.push({ key: `${from}+`, label: `${from} ans et plus`, from });
    else bands.push({ key: `${from}-${next - 1}`, label: next - 1 === from ? `${from} ans` : `${from} à ${next - 1} ans`, from, to: next - 1 });
  });
  return bands;
}

/** True when the bands' starts are strictly ascending (the schema cannot say it). */
export function ascendingAges(starts: readonly number[]): boolean {
  return starts.every((age, index) => index === 0 || age > (starts[index - 1] ?? 0));
}

/** The first age of a band key (`<18` → 0, `18-24` → 18, `65+` → 65), to order the rows. */
export function ageBandStart(key: string): number {
  return key.startsWith('<') ? 0 : Number.parseInt(key, 10);
}

/**
 * The SQL key of the band of `birthdate` (a `YYYY-MM-DD` text) on the Paris day of the instant `referredAt`;
 * null when the birthdate is missing or malformed. The age is the one the eligibility rules compute: whole
 * years, a birthday on 29 February coming on 1 March in common years, never below 0.
 */
export function ageBandExpression(dialect: ReportDialect, birthdate: Expression<unknown>, referredAt: Expression<unknown>, bands: readonly AgeBand[]): RawBuilder<string | null> {
  const on = dialect.parisDate(referredAt);
  const part = (date: Expression<unknown>, from: number, length: number) => sql`cast(substr(${date}, ${sql.lit(from)}, ${sql.lit(length)}) as integer)`;
  const monthDay = (date: Expression<unknown>) => sql`(${part(date, 6, 2)} * 100 + ${part(date, 9, 2)})`;
  const age = sql`(${part(on, 1, 4)} - ${part(birthdate, 1, 4)} - case when ${monthDay(on)} < ${monthDay(birthdate)} then 1 else 0 end)`;
  const cases = bands.map((band) => (band.to === undefined ? sql`else ${sql.lit(band.key)}` : sql`when ${age} <= ${sql.lit(band.to)} then ${sql.lit(band.key)}`));
  return sql<string | null>`(case when ${birthdate} is null or not (${dialect.isIsoDate(birthdate)}) then null ${sql.join(cases, sql` `)} end)`;
}
