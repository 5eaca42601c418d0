/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), computed with Temporal (no hand-written date arithmetic).
 * A plain date has no time zone: it is a day of the calendar as read in Europe/Paris.
 */
import { Temporal } from 'temporal-polyfill';
import { EngineError } from '../errors.ts';

/** A calendar date `YYYY-MM-DD` (inclusive bounds everywhere, Europe/Paris). */
export type PlainDateString = string;

/** A calendar duration, as in the definition language (`{ months: 6 }`). */
export interface CalendarDuration {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a valid calendar date `YYYY-MM-DD` (2024-02-30 is not). */
export function isPlainDate(value: unknown): value is PlainDateString {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses a `YYYY-MM-DD` string into a Temporal date; throws `donnees-invalides` on anything else.
 * @internal shared by the time module
 */
export function toTemporalDate(date: PlainDateString): Temporal.PlainDate {
  if (!isPlainDate(date)) {
    throw new EngineError('donnees-invalides', `Date invalide : « ${String(date)} ». Écrivez une date calendaire AAAA-MM-JJ, par exemple 2024-05-31.`, { value: date });
  }
  return Temporal.PlainDate.from(date);
}

/**
 * Adds a calendar duration; a day that does not exist in the target month is clamped to the month's last day.
 * @example addDuration('2024-08-31', { months: 6 }) // '2025-02-28'
 */
export function addDuration(date: PlainDateString, duration: CalendarDuration): PlainDateString {
  return toTemporalDate(date).add(duration, { overflow: 'constrain' }).toString();
}

/** Subtracts a calendar duration (month-end clamped like {@link addDuration}). */
export function subtractDuration(date: PlainDateString, duration: CalendarDuration): PlainDateString {
  return toTemporalDate(date).subtract(duration, { overflow: 'constrain' }).toString();
}

/**
 * The last day (inclusive) of a period that starts on `start` and lasts `duration`:
 * `addDuration(start, duration)` minus one day.
 * @example periodEnd('2024-11-01', { months: 12 }) // '2025-10-31'
 */
export function periodEnd(start: PlainDateString, duration: CalendarDuration): PlainDateString {
  return toTemporalDate(start).add(duration, { overflow: 'constrain' }).subtract({ days: 1 }).toString();
}

/**
 * Orders two durations laid from the same first day (negative: `a` is shorter). Months are calendar
 * months from `from`, so `{ years: 1 }` and `{ months: 12 }` are equal.
 * @example compareDurations({ months: 6 }, { months: 12 }, '2024-03-01') // -1
 */
export function compareDurations(a: CalendarDuration, b: CalendarDuration, from: PlainDateString): number {
  return compareDates(addDuration(from, a), addDuration(from, b));
}

/** Orders two dates: negative when `a` is before `b`, 0 when equal, positive after. */
export function compareDates(a: PlainDateString, b: PlainDateString): number {
  return Temporal.PlainDate.compare(toTemporalDate(a), toTemporalDate(b));
}

/** The earlier of two dates. */
export function minDate(a: PlainDateString, b: PlainDateString): PlainDateString {
  return compareDates(a, b) <= 0 ? a : b;
}

/** The later of two dates. */
export function maxDate(a: PlainDateString, b: PlainDateString): PlainDateString {
  return compareDates(a, b) >= 0 ? a : b;
}

/**
 * True when `start <= date <= end` (both bounds included, as the calls write their dates). Without a start
 * (a call that only states its deadline), every day up to `end` is within.
 */
export function isWithin(date: PlainDateString, start: PlainDateString | undefined, end: PlainDateString): boolean {
  return (start === undefined || compareDates(start, date) <= 0) && compareDates(date, end) <= 0;
}

/** Whole days from `a` to `b` (negative when `b` is before `a`). */
export function daysBetween(a: PlainDateString, b: PlainDateString): number {
  return toTemporalDate(a).until(toTemporalDate(b), { largestUnit: 'days' }).days;
}

/**
 * Months begun from `start` up to `end` INCLUSIVE, "counted month by month" ("au mois le mois"):
 * month k (k = 0, 1, …) begins on `addDuration(start, { months: k })` (month-end clamped, like timers and
 * {@link periodEnd}), and it counts as soon as its first day is on or before `end`. So a period from
 * 2024-11-01 to 2025-10-31 has begun 12 months, 2024-11-15 to 2025-01-15 has begun 3, and a single day has
 * begun 1. Returns 0 when `end` is before `start`.
 * @example monthsBegun('2024-11-01', '2025-10-31') // 12
 */
export function monthsBegun(start: PlainDateString, endInclusive: PlainDateString): number {
  const from = toTemporalDate(start);
  const to = toTemporalDate(endInclusive);
  if (Temporal.PlainDate.compare(to, from) < 0) return 0;
  let whole = from.until(to, { largestUnit: 'months' }).months;
  // Temporal does not count a clamped month (Jan 31 → Feb 29) as whole; our month starts are clamped.
  while (Temporal.PlainDate.compare(from.add({ months: whole + 1 }, { overflow: 'constrain' }), to) <= 0) whole += 1;
  return whole + 1;
}

/**
 * Age in whole years on `date`. Someone born on 29 February turns a year older on 1 March in common
 * years (the birthday has not yet come on 28 February).
 * @example ageOn('2006-05-10', '2024-05-09') // 17
 */
export function ageOn(birthdate: PlainDateString, date: PlainDateString): number {
  const born = toTemporalDate(birthdate);
  const on = toTemporalDate(date);
  if (Temporal.PlainDate.compare(on, born) < 0) return 0;
  return born.until(on, { largestUnit: 'years' }).years;
}

/** Converts a calendar duration to whole months when it has only years and months, else undefined. */
export function durationInMonths(duration: CalendarDuration): number | undefined {
  if ((duration.weeks ?? 0) !== 0 || (duration.days ?? 0) !== 0) return undefined;
  return (duration.years ?? 0) * 12 + (duration.months ?? 0);
}

/**
 * A date as French readers write it, for messages and breakdowns.
 * @example formatDate('2024-12-01') // '01/12/2024'
 */
export function formatDate(date: PlainDateString): string {
  const d = toTemporalDate(date);
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}
