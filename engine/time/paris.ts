/**
 * Between instants (a `Date`) and the calendar of Europe/Paris, DST-correct through Temporal.
 */
import { Temporal } from 'temporal-polyfill';
import { EngineError } from '../errors.ts';
import { toTemporalDate, type PlainDateString } from './plain-date.ts';

/** The time zone of every calendar date of the engine. */
export const PARIS = 'Europe/Paris';

/**
 * The calendar date in Europe/Paris of an instant.
 * @example parisDate(new Date('2024-12-31T23:30:00Z')) // '2025-01-01'
 */
export function parisDate(instant: Date): PlainDateString {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(PARIS).toPlainDate().toString();
}

/**
 * The instant of `date` at wall-clock `time` (`HH:MM` or `HH:MM:SS`, default midnight) in Europe/Paris.
 * A wall-clock time skipped by the spring DST change moves forward by the gap (02:30 → 03:30), and an
 * ambiguous one in autumn takes the earlier instant (summer time).
 * @example parisInstant('2024-07-01') // 2024-06-30T22:00:00.000Z
 */
export function parisInstant(date: PlainDateString, time = '00:00'): Date {
  let plainTime: Temporal.PlainTime;
  try {
    plainTime = Temporal.PlainTime.from(time, { overflow: 'reject' });
  } catch {
    throw new EngineError('donnees-invalides', `Heure invalide : « ${time} ». Écrivez HH:MM, par exemple 12:00.`, { value: time });
  }
  const zoned = toTemporalDate(date).toZonedDateTime({ timeZone: PARIS, plainTime });
  return new Date(zoned.epochMilliseconds);
}

/** The first instant of the Paris day `date` (local midnight), used for "due on that day". */
export function startOfParisDay(date: PlainDateString): Date {
  return new Date(toTemporalDate(date).toZonedDateTime(PARIS).epochMilliseconds);
}
