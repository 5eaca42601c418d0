import { describe, expect, it } from 'vitest';
import {
  addDuration,
  ageOn,
  compareDates,
  daysBetween,
  durationInMonths,
  isPlainDate,
  isWithin,
  monthsBegun,
  periodEnd,
} from '../../../engine/time/index.ts';
import { EngineError } from '../../../engine/errors.ts';

describe('plain dates', () => {
  it('clamps to the last day of the month when adding months', () => {
    expect(addDuration('2024-08-31', { months: 6 })).toBe('2025-02-28');
    expect(addDuration('2023-08-31', { months: 6 })).toBe('2024-02-29');
    expect(addDuration('2024-01-31', { months: 1 })).toBe('2024-02-29');
    expect(addDuration('2024-02-29', { years: 1 })).toBe('2025-02-28');
  });

  it('adds weeks and days across years', () => {
    expect(addDuration('2024-12-25', { weeks: 1 })).toBe('2025-01-01');
    expect(addDuration('2024-12-01', { months: 6 })).toBe('2025-06-01');
    expect(addDuration('2024-11-30', { years: 1, months: 3, days: 1 })).toBe('2026-03-01');
  });

  it('gives the inclusive last day of a period', () => {
    expect(periodEnd('2024-11-01', { months: 12 })).toBe('2025-10-31');
    expect(periodEnd('2024-01-01', { months: 12 })).toBe('2024-12-31');
    expect(periodEnd('2024-01-31', { months: 1 })).toBe('2024-02-28');
  });

  it('validates ISO calendar dates', () => {
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isPlainDate('2023-02-29')).toBe(false);
    expect(isPlainDate('2024-2-1')).toBe(false);
    expect(isPlainDate(20240201)).toBe(false);
    expect(() => addDuration('31/05/2024', { days: 1 })).toThrow(EngineError);
  });

  it('compares dates and includes both bounds', () => {
    expect(compareDates('2024-05-31', '2024-06-01')).toBe(-1);
    expect(compareDates('2024-06-01', '2024-06-01')).toBe(0);
    expect(isWithin('2024-05-31', '2024-04-01', '2024-05-31')).toBe(true);
    expect(isWithin('2024-04-01', '2024-04-01', '2024-05-31')).toBe(true);
    expect(isWithin('2024-06-01', '2024-04-01', '2024-05-31')).toBe(false);
    expect(isWithin('2024-03-31', '2024-04-01', '2024-05-31')).toBe(false);
    // A deadline alone: every day up to it.
    expect(isWithin('2018-01-01', undefined, '2019-09-06')).toBe(true);
    expect(isWithin('2019-09-06', undefined, '2019-09-06')).toBe(true);
    expect(isWithin('2019-09-07', undefined, '2019-09-06')).toBe(false);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('counts months begun, end date included', () => {
    expect(monthsBegun('2024-11-01', '2025-10-31')).toBe(12);
    expect(monthsBegun('2024-11-01', '2025-11-01')).toBe(13);
    expect(monthsBegun('2024-11-15', '2025-01-15')).toBe(3);
    expect(monthsBegun('2024-11-15', '2025-01-14')).toBe(2);
    expect(monthsBegun('2024-11-15', '2024-11-15')).toBe(1);
    expect(monthsBegun('2024-11-15', '2024-11-14')).toBe(0);
  });

  it('starts months on clamped dates, like timers do', () => {
    // Month 2 starts on addDuration('2024-01-31', { months: 1 }) = 2024-02-29.
    expect(monthsBegun('2024-01-31', '2024-02-28')).toBe(1);
    expect(monthsBegun('2024-01-31', '2024-02-29')).toBe(2);
    expect(monthsBegun('2024-01-31', '2024-03-30')).toBe(2);
    expect(monthsBegun('2024-01-31', '2024-03-31')).toBe(3);
  });

  it('computes ages in whole years', () => {
    expect(ageOn('2006-05-10', '2024-05-09')).toBe(17);
    expect(ageOn('2006-05-10', '2024-05-10')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('converts durations to months only when they have no weeks or days', () => {
    expect(durationInMonths({ months: 12 })).toBe(12);
    expect(durationInMonths({ years: 2 })).toBe(24);
    expect(durationInMonths({ weeks: 8 })).toBeUndefined();
  });
});
