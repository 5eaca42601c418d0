import { describe, expect, it } from 'vitest';
import { parisDate, parisInstant, startOfParisDay } from '../../../engine/time/index.ts';

describe('Europe/Paris', () => {
  it('reads the calendar date in Paris, not in UTC', () => {
    expect(parisDate(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(parisDate(new Date('2024-06-30T22:00:00Z'))).toBe('2024-07-01');
    expect(parisDate(new Date('2024-06-30T21:59:59Z'))).toBe('2024-06-30');
  });

  it('gives midnight in winter and in summer time', () => {
    expect(parisInstant('2024-01-15').toISOString()).toBe('2024-01-14T23:00:00.000Z');
    expect(parisInstant('2024-07-01').toISOString()).toBe('2024-06-30T22:00:00.000Z');
    expect(parisInstant('2024-04-15', '12:00').toISOString()).toBe('2024-04-15T10:00:00.000Z');
    expect(startOfParisDay('2024-07-01').toISOString()).toBe('2024-06-30T22:00:00.000Z');
  });

  it('is correct on the days the clocks change', () => {
    // 31 March 2024: 02:00 → 03:00; the day is 23 hours long.
    expect(parisInstant('2024-03-31').toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(parisInstant('2024-04-01').getTime() - parisInstant('2024-03-31').getTime()).toBe(23 * 3600_000);
    expect(parisInstant('2024-03-31', '02:30').toISOString()).toBe('2024-03-31T01:30:00.000Z');
    // 27 October 2024: 03:00 → 02:00; the day is 25 hours long, 02:30 happens twice (earlier one chosen).
    expect(parisInstant('2024-10-28').getTime() - parisInstant('2024-10-27').getTime()).toBe(25 * 3600_000);
    expect(parisInstant('2024-10-27', '02:30').toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });

  it('refuses an invalid time', () => {
    expect(() => parisInstant('2024-04-15', '25:00')).toThrow(/Heure invalide/);
  });
});
