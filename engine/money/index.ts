/**
 * Money: euros to and from integer cents, tariffs compiled to pure functions, the agreement's ledger and
 * payment schedule, each amount explained in French.
 * @module
 */
export { formatMoney, MONEY_SPACE, parseMoney, requireMoney, type Cents } from './money.ts';
export { AMOUNT_SCHEMA, boundMessage, isPlausibleDate, MAX_AMOUNT_CENTS, PLAUSIBLE_DATES, sumCents, withAmountBounds } from './bounds.ts';
export { countOf, type BreakdownLine, type Earning } from './breakdown.ts';
export { compileTariff, type Activity, type CompileTariffOptions, type TariffFunction } from './tariff.ts';
export { paymentDueOn } from './payment-date.ts';
export { computeLedger, type Ledger, type LedgerInput, type Milestones, type PaymentMade } from './ledger.ts';
export type {
  ActLabels,
  DeclaredTariff,
  FlatTariff,
  Grant,
  MoneyText,
  Payment,
  PerActTariff,
  ProrataTariff,
  SumTariff,
  Tariff,
} from './funding-types.ts';
export { lifecycleLimits, monthsOf, type LifecycleLimits, type Limit } from './lifecycle-limits.ts';
export { costBound, describeBound, tariffMax, type Bounded, type CostBound, type MeasureBound } from './cost-bound.ts';
