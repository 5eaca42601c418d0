/**
 * The injected clock: the engine never reads the system time directly, so a test can run a year in
 * milliseconds.
 */
import { Temporal } from 'temporal-polyfill';
import { EngineError } from '../errors.ts';
import { PARIS } from './paris.ts';

/** Where the engine reads the current instant. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A calendar or exact step for {@link ManualClock.advance}; calendar parts move on the Paris calendar. */
export interface ClockStep {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

/** A clock that moves only when told: for tests and scenarios. */
export interface ManualClock extends Clock {
  /** Moves to `instant`; refuses to go back in time unless `allowBackwards` is set. */
  set(instant: Date, options?: { allowBackwards?: boolean }): void;
  /** Moves forward by a number of milliseconds or a step ({ days: 1 } is one Paris calendar day, DST-aware). */
  advance(by: number | ClockStep): Date;
}

/**
 * A manual clock starting at `start`.
 * @example
 * const clock = manualClock(new Date('2024-04-15T10:00:00Z'));
 * clock.advance({ months: 6 });
 */
export function manualClock(start: Date): ManualClock {
  let current = new Date(start.getTime());
  return {
    now: () => new Date(current.getTime()),
    set(instant, options = {}) {
      if (!options.allowBackwards && instant.getTime() < current.getTime()) {
        throw new EngineError('donnees-invalides', `L'horloge ne recule pas : ${instant.toISOString()} est avant ${current.toISOString()}.`, {
          from: current.toISOString(),
          to: instant.toISOString(),
        });
      }
      current = new Date(instant.getTime());
    },
    advance(by) {
      if (typeof by === 'number') {
        current = new Date(current.getTime() + by);
      } else {
        const zoned = Temporal.Instant.fromEpochMilliseconds(current.getTime()).toZonedDateTimeISO(PARIS);
        current = new Date(zoned.add(by).epochMilliseconds);
      }
      return new Date(current.getTime());
    },
  };
}
