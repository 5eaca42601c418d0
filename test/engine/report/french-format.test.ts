import { describe, expect, it } from 'vitest';
import { formatCsvNumber, formatDisplayNumber } from '../../../engine/report/index.ts';

describe('French numbers of a report', () => {
  it('writes a ratio as a percentage with one decimal, a decimal comma and a no-break space before %', () => {
    expect(formatDisplayNumber(-5.0909, 'percent')).toBe('-5,1\u00a0%');
    expect(formatDisplayNumber(1250, 'percent')).toBe('1\u00a0250\u00a0%');
    expect(formatCsvNumber(6.2857, 'percent')).toBe('6,3');
  });

  it('writes counts, amounts and numbers the French way', () => {
    expect(formatDisplayNumber(1234, 'count')).toBe('1\u00a0234');
    expect(formatCsvNumber(123456, 'money')).toBe('1234,56');
    expect(formatDisplayNumber(2.5, 'number')).toBe('2,5');
  });
});
