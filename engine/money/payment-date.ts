/**
 * When a payment falls due: on its milestone (signature, service fait), but never before the year the call
 * names for it. « Versement sur présentation du bilan en n + 1 » (`single` with `yearOffset: 1`) is not
 * due before 1 January of n + 1, even when the report is accepted in year n.
 */
import { maxDate, type PlainDateString } from '../time/index.ts';
import type { Payment } from './funding-types.ts';

/**
 * The day a payment reached at `milestone` falls due.
 * @example
 * paymentDueOn({ kind: 'single', on: 'serviceFait', yearOffset: 1 }, '2024-11-20', 2024) // '2025-01-01'
 * paymentDueOn({ kind: 'single', on: 'serviceFait', yearOffset: 1 }, '2025-02-03', 2024) // '2025-02-03'
 */
export function paymentDueOn(payment: Payment, milestone: PlainDateString, callYear: number | undefined): PlainDateString {
  if (payment.kind !== 'single' || !payment.yearOffset || callYear === undefined) return milestone;
  const year = String(callYear + payment.yearOffset).padStart(4, '0');
  return maxDate(milestone, `${year}-01-01` as PlainDateString);
}
