/**
 * Numbers, amounts, months and dates the way French readers and French spreadsheets expect them: decimal
 * comma, dates JJ/MM/AAAA, amounts in euros from integer cents.
 */
import { assertNever } from '../errors.ts';
import { formatMoney } from '../money/index.ts';
import { formatDate } from '../time/index.ts';
import type { IndicatorUnit } from './indicator-plan.ts';

const SHORT_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * A value for a spreadsheet cell: no thousands separator, decimal comma; cents become euros with two
 * decimals. A spreadsheet set to French reads it as a number.
 * @example formatCsvNumber(123456, 'money') // '1234,56'
 * @example formatCsvNumber(2.5, 'number') // '2,5'
 * @example formatCsvNumber(-12.345, 'percent') // '-12,3' (the unit column says %)
 */
export function formatCsvNumber(value: number, unit: IndicatorUnit): string {
  switch (unit) {
    case 'count':
      return String(Math.round(value));
    case 'money':
      return (Math.round(value) / 100).toFixed(2).replace('.', ',');
    case 'number':
      return String(Math.round(value * 100) / 100).replace('.', ',');
    case 'percent':
      return String(Math.round(value * 10) / 10).replace('.', ',');
    default:
      return assertNever(unit);
  }
}

/**
 * A value for a page: thousands grouped with a no-break space, amounts in euros.
 * @example formatDisplayNumber(1234, 'count') // '1 234'
 * @example formatDisplayNumber(16238, 'money') // '162,38 €'
 * @example formatDisplayNumber(-12.5, 'percent') // '-12,5 %'
 */
export function formatDisplayNumber(value: number, unit: IndicatorUnit): string {
  switch (unit) {
    case 'count':
      return group(String(Math.round(value)));
    case 'money':
      return formatMoney(Math.round(value));
    case 'number': {
      const [whole = '0', decimals] = String(Math.round(value * 100) / 100).split('.');
      return decimals === undefined ? group(whole) : `${group(whole)},${decimals}`;
    }
    case 'percent': {
      const [whole = '0', decimals] = String(Math.round(value * 10) / 10).split('.');
      return `${decimals === undefined ? group(whole) : `${group(whole)},${decimals}`}\u00a0%`;
    }
    default:
      return assertNever(unit);
  }
}

/**
 * A Paris month `YYYY-MM` in words.
 * @example formatMonth('2025-05') // 'mai 2025'
 */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-');
  const name = MONTHS[Number(number) - 1];
  return name === undefined || year === undefined ? month : `${name} ${year}`;
}

/**
 * A Paris month `YYYY-MM` in short words, for a chart's axis.
 * @example formatShortMonth('2025-02') // 'févr. 2025'
 */
export function formatShortMonth(month: string): string {
  const [year, number] = month.split('-');
  const name = SHORT_MONTHS[Number(number) - 1];
  return name === undefined || year === undefined ? month : `${name} ${year}`;
}

/**
 * A Paris month `YYYY-MM` for a spreadsheet cell.
 * @example formatCsvMonth('2025-05') // '05/2025'
 */
export function formatCsvMonth(month: string): string {
  const [year, number] = month.split('-');
  return year === undefined || number === undefined ? month : `${number}/${year}`;
}

/** A calendar date `YYYY-MM-DD` as JJ/MM/AAAA. */
export function formatFrenchDate(date: string): string {
  return formatDate(date);
}

function group(digits: string): string {
  const negative = digits.startsWith('-');
  const grouped = (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return negative ? `-${grouped}` : grouped;
}
