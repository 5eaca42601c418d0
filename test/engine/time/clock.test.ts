import { describe, expect, it } from 'vitest';
import { manualClock, parisDate, parisInstant, systemClock } from '../../../engine/time/index.ts';

describe('clocks', () => {
  it('moves a manual clock only when told', () => {
    const clock = manualClock(parisInstant('2024-04-15', '12:00'));
    expect(parisDate(clock.now())).toBe('2024-04-15');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2024-04-15T10:01:00.000Z');
    clock.set(parisInstant('2024-06-10', '12:00'));
    expect(parisDate(clock.now())).toBe('2024-06-10');
  });

  it('runs a whole year of Paris calendar days, through both DST changes', () => {
    const clock = manualClock(parisInstant('2024-01-01', '12:00'));
    const seen = new Set<string>();
    for (let day = 0; day < 366; day += 1) {
      seen.add(parisDate(clock.now()));
      expect(clock.now().toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris' })).toBe('12:00:00');
      clock.advance({ days: 1 });
    }
    expect(seen.size).toBe(366);
    expect(parisDate(clock.now())).toBe('2025-01-01');
  });

  it('advances by calendar months with month-end clamping', () => {
    const clock = manualClock(parisInstant('2024-08-31', '12:00'));
    clock.advance({ months: 6 });
    expect(parisDate(clock.now())).toBe('2025-02-28');
  });

  it('refuses to go back in time unless asked', () => {
    const clock = manualClock(parisInstant('2024-06-10'));
    expect(() => clock.set(parisInstant('2024-06-09'))).toThrow(/ne recule pas/);
    clock.set(parisInstant('2024-06-09'), { allowBackwards: true });
    expect(parisDate(clock.now())).toBe('2024-06-09');
  });

  it('returns copies, so callers cannot move the clock', () => {
    const clock = manualClock(parisInstant('2024-06-10'));
    clock.now().setFullYear(2000);
    expect(parisDate(clock.now())).toBe('2024-06-10');
    expect(systemClock.now()).toBeInstanceOf(Date);
  });
});
