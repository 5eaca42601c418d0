/**
 * Active time of a period with suspensions: an interruption stops the period's clock, a resume starts it
 * again where it stopped. Months, deadlines and the period's end are counted in active time, so a
 * suspended day is neither paid nor used up (« un droit au recommencement », allers-retours possibles).
 */
import { compareDates, daysBetween, monthsBegun, periodEnd, toTemporalDate, type CalendarDuration, type PlainDateString } from './plain-date.ts';

/** Days a period does not run: from its first suspended day to its last (inclusive); no `to` while it lasts. */
export interface Suspension {
  from: PlainDateString;
  to?: PlainDateString;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: PlainDateString, days: number): PlainDateString {
  return toTemporalDate(date).add({ days }).toString();
}

/**
 * The calendar day on which the period's clock shows `date`, the clock having stopped during each
 * suspension (in order, not overlapping): `date` pushed back by the days of every suspension it reaches.
 * `undefined` when an open suspension stops the clock before it gets there.
 * @example activeDate('2024-06-01', [{ from: '2024-04-16', to: '2024-05-14' }]) // '2024-06-30' (29 days later)
 */
export function activeDate(date: PlainDateString, suspensions: readonly Suspension[]): PlainDateString | undefined {
  let shifted = date;
  for (const s of suspensions) {
    if (compareDates(shifted, s.from) < 0) break;
    if (s.to === undefined) return undefined;
    shifted = addDays(shifted, daysBetween(s.from, s.to) + 1);
  }
  return shifted;
}

/**
 * The last day (inclusive) of a period of `length` from `start`, pushed back by its closed suspensions
 * (an open one is not counted yet: the end is then the one of a resume the next day).
 * @example activePeriodEnd('2024-03-01', { months: 12 }, [{ from: '2024-04-16', to: '2024-05-14' }]) // '2025-03-29'
 */
export function activePeriodEnd(start: PlainDateString, length: CalendarDuration, suspensions: readonly Suspension[]): PlainDateString {
  const closed = suspensions.filter((s) => s.to !== undefined);
  const dayAfter = activeDate(addDays(periodEnd(start, length), 1), closed);
  return addDays(dayAfter ?? addDays(periodEnd(start, length), 1), -1);
}

/**
 * Months begun in active time from `start` up to `until` INCLUSIVE: month k begins when the period's clock
 * shows `start` + k months (month-end clamped, as in {@link monthsBegun}), and counts once that day is on or
 * before `until`. A month begun before an interruption is not begun again at the resume; no month begins
 * while the period is suspended. Without suspension, this is {@link monthsBegun}.
 * @example activeMonthsBegun('2024-03-01', '2024-09-01', [{ from: '2024-04-16', to: '2024-05-14' }]) // 6
 */
export function activeMonthsBegun(start: PlainDateString, until: PlainDateString, suspensions: readonly Suspension[]): number {
  if (suspensions.length === 0) return monthsBegun(start, until);
  if (compareDates(until, start) < 0) return 0;
  const from = toTemporalDate(start);
  let months = 0;
  for (;;) {
    const begins = activeDate(from.add({ months }, { overflow: 'constrain' }).toString(), suspensions);
    if (begins === undefined || compareDates(begins, until) > 0) return months;
    months += 1;
  }
}

/** Suspended days counted so far (closed suspensions, and an open one up to `asOf` inclusive). */
export function suspendedDays(suspensions: readonly Suspension[], asOf: PlainDateString): number {
  let days = 0;
  for (const s of suspensions) {
    const to = s.to ?? asOf;
    if (compareDates(to, s.from) >= 0) days += daysBetween(s.from, to) + 1;
  }
  return days;
}
