/**
 * The impact of a candidate definition on a call's recorded activity: per instance what changes, totals in
 * cents before and after by agreement, operator, territory group and measure kind, the budget against the
 * envelope, the quotas, and the households the candidate would have refused. Plain JSON.
 */
import type { BreakdownLine } from '../money/index.ts';
import type { PlainDateString } from '../time/index.ts';
import type { Refusal } from './replay-types.ts';

/** What changes for one instance under the candidate. */
export type ImpactOutcome =
  /** Same path of states, same amount. */
  | 'identique'
  /** An event (or its creation) would have been refused. */
  | 'refuse'
  /** Never created: its agreement was refused or not signed under the candidate. */
  | 'non-couvert'
  /** Another final state. */
  | 'etat-different'
  /** The same final state by another path. */
  | 'chemin-different'
  /** The same path, another amount. */
  | 'montant-different';

/** An instance's side of the comparison. */
export interface ImpactSide {
  state?: string;
  /** Measures: earned under the tariff; agreements: the retained participation (what the Département pays). */
  cents: number;
  lines: BreakdownLine[];
}

/** One instance that the candidate changes. */
export interface InstanceImpact {
  instanceId: string;
  kind: 'application' | 'measure' | 'report';
  measureKind: string | null;
  agreementId: string | null;
  operatorId: string | null;
  territory: string | null;
  outcome: Exclude<ImpactOutcome, 'identique'>;
  before: ImpactSide;
  after: ImpactSide;
  refusal?: Refusal;
  reason?: string;
}

/** Money of a line before and after, in cents. */
export interface ImpactLine {
  key: string;
  label: string;
  /** Activity valued at the tariffs (measures' earnings). */
  earnedBefore: number;
  earnedAfter: number;
  /** What the Département pays (each agreement's retained participation). */
  costBefore: number;
  costAfter: number;
  /** Instances counted (measures for a measure kind, agreements otherwise) before and after. */
  countBefore: number;
  countAfter: number;
}

/** A quota's use before and after (the fullest scope when it counts per operator or territory). */
export interface QuotaImpact {
  id: string;
  label: string;
  max: number;
  before: number;
  after: number;
}

/** A household (a measure) the candidate would have refused: ids and the rule only, never its data. */
export interface RefusedHousehold {
  instanceId: string;
  agreementId: string | null;
  operatorId: string | null;
  territory: string | null;
  measureKind: string | null;
  refusal: Refusal;
}

/** The whole impact. */
export interface ImpactReport {
  /** The call whose activity was replayed, and the candidate it was replayed under. */
  activity: { callId: string; title: string; year: number };
  candidate: { callId: string; title: string; year: number; version: number };
  /** Whole years the activity's dates were moved by (a what-if against another year's call). */
  shiftYears: number;
  /** The day money is valued on, before and after (the last day of the activity, moved). */
  asOf: { before: PlainDateString; after: PlainDateString };
  events: number;
  instances: number;
  counts: Record<ImpactOutcome, number>;
  /** The instances that change, in log order. */
  changes: InstanceImpact[];
  refusedHouseholds: RefusedHousehold[];
  call: ImpactLine;
  byAgreement: ImpactLine[];
  byOperator: ImpactLine[];
  byGroup: ImpactLine[];
  byMeasureKind: ImpactLine[];
  envelope: { before: number | null; after: number | null; noteAfter?: string };
  quotas: QuotaImpact[];
  /** The candidate's cost bound from its definition alone, when computed. */
  bound?: { cents: number | null; text: string };
}
