import { describe, expect, it } from 'vitest';
import { activeDate, activeMonthsBegun, activePeriodEnd, addDays, monthsBegun, suspendedDays } from '../../../engine/time/index.ts';

// Interrupted on 15/04/2024 (still a day of support), resumed on 15/05/2024: 29 days suspended.
const once = [{ from: '2024-04-16', to: '2024-05-14' }];

describe('active time of a suspended period', () => {
  it('pushes a date back by the suspensions it reaches, and never past an open one', () => {
    expect(activeDate('2024-04-15', once)).toBe('2024-04-15');
    expect(activeDate('2024-04-16', once)).toBe('2024-05-15');
    expect(activeDate('2024-06-01', once)).toBe('2024-06-30');
    const twice = [...once, { from: '2024-07-01', to: '2024-07-10' }];
    expect(activeDate('2024-06-01', twice)).toBe('2024-06-30');
    // pushed to 30/06 by the first, it does not reach the second
    expect(activeDate('2024-06-02', twice)).toBe('2024-07-11');
    expect(activeDate('2024-04-15', [{ from: '2024-04-16' }])).toBe('2024-04-15');
    expect(activeDate('2024-04-16', [{ from: '2024-04-16' }])).toBeUndefined();
  });

  it('ends a period later by its closed suspensions only', () => {
    expect(activePeriodEnd('2024-03-01', { months: 12 }, [])).toBe('2025-02-28');
    expect(activePeriodEnd('2024-03-01', { months: 12 }, once)).toBe('2025-03-29');
    expect(activePeriodEnd('2024-03-01', { months: 12 }, [...once, { from: '2024-09-02' }])).toBe('2025-03-29');
    // a suspension after the end changes nothing
    expect(activePeriodEnd('2024-03-01', { months: 1 }, once)).toBe('2024-03-31');
  });

  it('begins a month only while active: a month begun before the interruption is not begun again at the resume', () => {
    expect(activeMonthsBegun('2024-03-01', '2025-02-28', [])).toBe(monthsBegun('2024-03-01', '2025-02-28'));
    // months begin on 01/03, 01/04, then (clock stopped 29 days) 30/05, 30/06, 30/07, 30/08, 30/09…
    expect(activeMonthsBegun('2024-03-01', '2024-05-29', once)).toBe(2);
    expect(activeMonthsBegun('2024-03-01', '2024-05-30', once)).toBe(3);
    expect(activeMonthsBegun('2024-03-01', '2024-09-01', once)).toBe(6);
    // 12 months of support end on 29/03/2025, and are 12 months, not 13
    expect(activeMonthsBegun('2024-03-01', activePeriodEnd('2024-03-01', { months: 12 }, once), once)).toBe(12);
    // while suspended (open), no month begins, however long it lasts
    expect(activeMonthsBegun('2024-03-01', '2024-12-31', [{ from: '2024-04-16' }])).toBe(2);
    expect(activeMonthsBegun('2024-03-01', '2024-02-29', once)).toBe(0);
  });

  it('counts suspended days, an open suspension up to a day', () => {
    expect(suspendedDays(once, '2025-01-01')).toBe(29);
    expect(suspendedDays([{ from: '2024-04-16' }], '2024-04-20')).toBe(5);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});
