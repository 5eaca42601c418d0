/**
 * Bounds on amounts and dates that come from outside (event messages, applicant and beneficiary fields):
 * every amount is an integer number of cents no larger than {@link MAX_AMOUNT_CENTS}, so that any sum the
 * ledger and the reports make stays an exact integer (below 2⁵³ for up to 900 000 amounts); every date
 * lies between {@link PLAUSIBLE_DATES}. A value out of bounds is refused with the message, before anything
 * is recorded. Both bounds are stated in the README (« Bornes des montants et des dates »).
 */
import type { ErrorObject } from 'ajv';

/** The largest amount any message or field may carry: 100 000 000,00 € (a call's whole envelope is far below). */
export const MAX_AMOUNT_CENTS = 10_000_000_000;

/** The plausible range of every date a message or a field may carry (births, contracts, acts). */
export const PLAUSIBLE_DATES = { min: '1900-01-01', max: '2100-12-31' } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a calendar date `AAAA-MM-JJ` that exists and lies within {@link PLAUSIBLE_DATES}. */
export function isPlausibleDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
  return day >= 1 && day <= last && text >= PLAUSIBLE_DATES.min && text <= PLAUSIBLE_DATES.max;
}

/** The JSON Schema an amount in cents is held to. */
export const AMOUNT_SCHEMA = { type: 'integer', minimum: -MAX_AMOUNT_CENTS, maximum: MAX_AMOUNT_CENTS } as const;

/**
 * `schema` (an event's message) with the fields its effects read as amounts held to {@link AMOUNT_SCHEMA}
 * as well: the definition's own constraints still apply (`allOf`).
 */
export function withAmountBounds(schema: object | undefined, amountFields: readonly string[]): object | undefined {
  if (amountFields.length === 0) return schema;
  const bounds = { properties: Object.fromEntries(amountFields.map((field) => [field, AMOUNT_SCHEMA])) };
  return schema === undefined ? bounds : { allOf: [schema, bounds] };
}

/** The French message of a bound crossed, or undefined when `error` is about something else. */
export function boundMessage(error: ErrorObject): string | undefined {
  const limit = (error.params as { limit?: unknown }).limit;
  if ((error.keyword === 'maximum' || error.keyword === 'minimum') && Math.abs(Number(limit)) === MAX_AMOUNT_CENTS) {
    return 'montant hors des bornes : au plus 100 000 000,00 € (10 000 000 000 centimes), en centimes entiers';
  }
  if (error.keyword === 'format' && (error.params as { format?: unknown }).format === 'date') {
    return `doit être une date AAAA-MM-JJ qui existe, entre le 01/01/1900 et le 31/12/2100`;
  }
  return undefined;
}

/**
 * The exact sum of amounts in cents (added as BigInt), as a number: exact whenever the total is below
 * 2⁵³, which the bound on each amount guarantees for any realistic count of amounts.
 */
export function sumCents(amounts: Iterable<number>): number {
  let total = 0n;
  for (const cents of amounts) total += Number.isInteger(cents) ? BigInt(cents) : BigInt(Math.round(cents));
  return Number(total);
}
