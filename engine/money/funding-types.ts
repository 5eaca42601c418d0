/**
 * The definition language's tariff, grant and payment unions, as tagged unions on `kind`.
 * They mirror `schema/definition.schema.json` (`#/definitions/tariff`, `grant`, `payment`); the generated
 * `engine/definition/definition-types.ts` only carries `kind` for these if/then unions, so the money module
 * keeps these precise shapes (a schema change must change both, and the tests on real definitions catch it).
 */
import type { CalendarDuration } from '../time/index.ts';

/** Money as written in a definition: « 162,38 € ». */
export type MoneyText = string;

interface Labelled {
  label?: string;
  source?: unknown;
}

/** Price per counted act, capped in number of acts (55 € a week, 8 weeks at most). */
export interface PerActTariff extends Labelled {
  kind: 'perAct';
  act: string;
  price: MoneyText;
  maxUnits?: number;
}

/** Amount declared for each act, capped per act (a feasibility diagnostic up to 375 €). */
export interface DeclaredTariff extends Labelled {
  kind: 'declared';
  act: string;
  max: MoneyText;
}

/** An amount for a duration, counted month by month (5 000 € for 12 months). */
export interface ProrataTariff extends Labelled {
  kind: 'prorata';
  amount: MoneyText;
  per: CalendarDuration;
  maxMonths?: number;
}

/** A flat amount per measure. */
export interface FlatTariff extends Labelled {
  kind: 'flat';
  amount: MoneyText;
}

/** The sum of named parts, optionally capped. */
export interface SumTariff extends Labelled {
  kind: 'sum';
  parts: Record<string, Tariff>;
  max?: MoneyText;
}

/** A tariff of a measure kind (`measures.<id>.tariff`). */
export type Tariff = PerActTariff | DeclaredTariff | ProrataTariff | FlatTariff | SumTariff;

/** The agreement's grant (`funding.grant`). */
export type Grant =
  | ({ kind: 'flat'; amount: MoneyText } & Labelled)
  | ({ kind: 'upTo'; max: MoneyText; per?: string } & Labelled)
  | ({ kind: 'activity' } & Labelled);

/** The payment schedule (`funding.payment`). */
export type Payment =
  | ({ kind: 'advanceAndBalance'; advancePercent: number; upTo?: boolean } & Labelled)
  | ({ kind: 'single'; on: 'signature' | 'serviceFait'; yearOffset?: number } & Labelled);

/** How a measure kind names its acts (`measures.<id>.acts`), for the French breakdown. */
export type ActLabels = Record<string, { label: string; unit?: string }>;
