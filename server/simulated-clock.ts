/**
 * A clock that starts on a chosen calendar day and runs at the real pace from there: for demonstrations
 * and training (`dispositifs serve --date 2024-04-15`), so that a past call's windows are open.
 */
import { parisInstant, type Clock, type PlainDateString } from '../engine/time/index.ts';

/**
 * A clock showing `date` at 09:00 (Paris) at the moment it is made, then moving with real time.
 * @example
 * const clock = simulatedClock('2024-04-15'); // now() ≈ 2024-04-15T07:00:00Z, plus the time elapsed since
 */
export function simulatedClock(date: PlainDateString, realNow: () => number = Date.now): Clock {
  const shift = parisInstant(date, '09:00').getTime() - realNow();
  return { now: () => new Date(realNow() + shift) };
}
