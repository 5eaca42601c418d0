import { describe, expect, it } from 'vitest';
import { formatMoney, MONEY_SPACE, parseMoney } from '../../../engine/money/index.ts';

describe('parseMoney', () => {
  it('reads the amounts of the sources', () => {
    expect(parseMoney('162,38 €')).toBe(16238);
    expect(parseMoney('39,12 €')).toBe(3912);
    expect(parseMoney('150 €')).toBe(15000);
    expect(parseMoney('55 €')).toBe(5500);
    expect(parseMoney('5 000 €')).toBe(500000);
    expect(parseMoney('100 000 €')).toBe(10000000);
    expect(parseMoney('515 000 €')).toBe(51500000);
  });

  it('accepts spaces, no-break spaces and narrow no-break spaces', () => {
    expect(parseMoney('5\u00a0000\u00a0€')).toBe(500000);
    expect(parseMoney('5\u202f000,50\u202f€')).toBe(500050);
    expect(parseMoney('5000€')).toBe(500000);
    expect(parseMoney(' 2 100 € ')).toBe(210000);
    expect(parseMoney('-2 000,00 €')).toBe(-200000);
  });

  it('returns undefined on anything else', () => {
    for (const bad of ['', '€', '162.38 €', '162,3 €', '162,381 €', '5 00 €', 'cinq euros', '55', '1,000 €', '12 34 €']) {
      expect(parseMoney(bad), bad).toBeUndefined();
    }
  });
});

describe('formatMoney', () => {
  const plain = (text: string) => text.replaceAll(MONEY_SPACE, ' ');

  it('writes French amounts with two decimals and no-break spaces', () => {
    expect(formatMoney(16238)).toBe('162,38\u00a0€');
    expect(formatMoney(500000)).toBe('5\u00a0000,00\u00a0€');
    expect(plain(formatMoney(0))).toBe('0,00 €');
    expect(plain(formatMoney(5))).toBe('0,05 €');
    expect(plain(formatMoney(51500000))).toBe('515 000,00 €');
    expect(plain(formatMoney(123456789))).toBe('1 234 567,89 €');
    expect(plain(formatMoney(-200000))).toBe('-2 000,00 €');
  });

  it('round-trips through parseMoney', () => {
    for (const cents of [0, 1, 99, 3912, 16238, 44000, 500000, 1000000, -200000, 123456789]) {
      expect(parseMoney(formatMoney(cents))).toBe(cents);
    }
  });

  it('refuses cents that are not integers', () => {
    expect(() => formatMoney(1.5)).toThrow(/centimes/);
  });
});
