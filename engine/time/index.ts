/**
 * Time: plain calendar dates (ISO strings, Temporal), durations with month-end clamping, active time of a
 * period with suspensions, Europe/Paris instants, and the injected {@link Clock}.
 * @module
 */
export {
  addDuration,
  ageOn,
  compareDates,
  compareDurations,
  daysBetween,
  durationInMonths,
  formatDate,
  isPlainDate,
  isWithin,
  maxDate,
  minDate,
  monthsBegun,
  periodEnd,
  subtractDuration,
  type CalendarDuration,
  type PlainDateString,
} from './plain-date.ts';
export { activeDate, activeMonthsBegun, activePeriodEnd, addDays, suspendedDays, type Suspension } from './suspensions.ts';
export { PARIS, parisDate, parisInstant, startOfParisDay } from './paris.ts';
export { manualClock, systemClock, type Clock, type ClockStep, type ManualClock } from './clock.ts';
