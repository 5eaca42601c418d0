/**
 * What a compiled machine carries (its context) and what it receives (its events). Both are plain JSON,
 * so that a snapshot persists as it is.
 */
import type { CalendarDuration, PlainDateString, Suspension } from '../time/index.ts';

/** Counted acts of a measure (the tariff's input). */
export interface ActCount {
  quantity: number;
  /** Amounts declared for each act, in cents (tariffs of kind `declared`). */
  declaredCents?: number[];
}

/** The measure's period: opened by `start`, lengthened by `extend`, interrupted by `suspend` and `resume`, closed by `end`. */
export interface InstancePeriod {
  start: PlainDateString;
  /** Its length so far, in active time: the initial duration plus the months of each renewal. */
  length: CalendarDuration;
  /**
   * The last day covered (inclusive): `periodEnd(start, length)`, pushed back by the days of each closed
   * suspension (`activePeriodEnd`); an open suspension is not counted until it is resumed.
   */
  end: PlainDateString;
  /** Months added by each renewal, in order. */
  extensions: number[];
  /** The day the measure really ended (an `end` effect), if it has. */
  ended?: PlainDateString;
  /** Interruptions in order (absent when there never was one); the last one has no `to` while it lasts. */
  suspensions?: Suspension[];
}

/** Payment milestones reached, with their dates (the ledger's input). */
export interface InstanceMilestones {
  selection?: PlainDateString;
  signature?: PlainDateString;
  /** The agreed amount given at signature, in cents. */
  agreedCents?: number;
  serviceFait?: PlainDateString;
  payments: Array<{ date: PlainDateString; cents: number }>;
}

/** The context of every compiled machine. */
export interface InstanceContext {
  /** The territory the instance belongs to (selects the window). */
  territory: string | null;
  /** Business data: the fields of the applicant, the beneficiary or the report. */
  data: Record<string, unknown>;
  acts: Record<string, ActCount>;
  period: InstancePeriod | null;
  milestones: InstanceMilestones;
}

/** The state of a quota when the event is sent, counted by the runtime in the store. */
export interface QuotaFact {
  count: number;
  max: number;
  enforce: 'refuse' | 'warn';
}

/** Facts the runtime gathers from the store before the pure step, for the guards that need them. */
export interface StepFacts {
  quotas: Record<string, QuotaFact>;
  /** Measures of each kind under the instance (an agreement), for a grant capped per measure. */
  measures?: Record<string, number>;
}

/** An event as a compiled machine receives it. */
export interface StepEvent {
  type: string;
  payload: Record<string, unknown>;
  /** The calendar day of the event (Europe/Paris). */
  date: PlainDateString;
  facts: StepFacts;
}

/** A fresh context. */
export function emptyContext(territory: string | null, data: Record<string, unknown>): InstanceContext {
  return { territory, data, acts: {}, period: null, milestones: { payments: [] } };
}
