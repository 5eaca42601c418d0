/**
 * The catalog's rows: every call as a policy officer reads it on the wall (French texts) and as a program
 * reads it (ids, dates, cents).
 */

/** A period of the calendar: known, a deadline alone (no opening date stated), or not known yet. */
export type CatalogPeriod =
  | { kind: 'known'; start: string; end: string; text: string }
  | { kind: 'deadline'; end: string; text: string; note?: string }
  | { kind: 'unknown'; text: string; note?: string };

/** A territory or a group named by a call, with the territories it covers. */
export interface CatalogTerritory {
  id: string;
  label: string;
  /** Labels of the territories it covers (itself for a territory). */
  covers: string[];
}

/** An application window and its agreement period, for some territories. */
export interface CatalogWindow {
  id: string;
  label: string;
  territories: CatalogTerritory[];
  application: CatalogPeriod;
  agreement: CatalogPeriod;
}

/** The call's money: envelope, origin, grant, payment schedule, conditions and quotas, in words. */
export interface CatalogFunding {
  envelope: { cents?: number; text: string; note?: string };
  sources: Array<{ id: string; label: string }>;
  grant: string;
  payment: string;
  conditions: string[];
  quotas: string[];
  /** The most the call can cost from its definition alone, beside the envelope. */
  bound: CatalogBound;
}

/** A call's maximum cost from its definition (`engine/money/cost-bound.ts`), in words and cents. */
export interface CatalogBound {
  /** Null when nothing caps a factor (the text says which). */
  cents: number | null;
  /** « 12 345,00 € au plus (…) » or « non borné : … ». */
  text: string;
  exceedsEnvelope: boolean;
  /** « dans l'enveloppe de … » or « au-dessus de l'enveloppe de … (de …) », when both are known. */
  envelope?: string;
  /**
   * Where a quota counts per territory and the call has several windows: the bound of each window's group
   * of territories (each an upper bound for that group alone).
   */
  groups?: Array<{ id: string; label: string; cents: number | null; text: string }>;
  /** The bound per measure kind (empty for a call without measures). */
  measures: Array<{ id: string; label: string; cents: number | null; text: string }>;
}

/** A measure kind and its tariff in words (one line per part). */
export interface CatalogMeasure {
  id: string;
  label: string;
  tariff: string[];
}

/** The call's attachment to the PDALHPD. */
export interface CatalogPlan {
  axis: number;
  axisLabel?: string;
  sheet?: string;
  orientations: Array<{ id: string; label?: string }>;
}

/** One call of the catalog. */
export interface CatalogRow {
  id: string;
  title: string;
  year: number;
  version: number;
  status: 'draft' | 'published' | 'closed';
  statusLabel: string;
  /** The call it extends (last year's call), if any. */
  extends?: string;
  file: string;
  plan?: CatalogPlan;
  territories: CatalogTerritory[];
  windows: CatalogWindow[];
  funding: CatalogFunding;
  measures: CatalogMeasure[];
}

/** The catalog: calls sorted by year (newest first), then by title. */
export interface Catalog {
  rows: CatalogRow[];
  /** Calls left out because their definitions have errors (run `dispositifs validate`). */
  invalid: number;
}
