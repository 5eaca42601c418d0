/**
 * The report as data: what the API returns as JSON and what the CSV and HTML renderings read.
 */
import type { Indicator, Source } from '../definition/index.ts';
import type { Sensitivity } from './indicator-fields.ts';
import type { IndicatorUnit } from './indicator-plan.ts';

/** Who reads a report: their role, their scope, and the sensitivities they may see. */
export interface ReportViewer {
  role: 'departement' | 'coordinator' | 'operator' | 'evaluator' | 'system';
  /** An operator sees its own agreements and measures only. */
  operatorId?: string;
  /** A coordinator sees its territories only. */
  territories?: readonly string[];
  /** Sensitivities this viewer may see (default: by role, see `privacy.ts`). */
  sees?: ReadonlySet<Sensitivity>;
}

/** One row of a breakdown. A masked row has no value and no count. */
export interface IndicatorRow {
  /** One key per dimension of the breakdown (null: not filled in). */
  keys: Array<string | null>;
  /** French labels of the keys. */
  labels: string[];
  value: number | null;
  /** Rows (instances or events) behind the value. */
  n: number | null;
  /** True when the value is hidden because too few rows are behind it. */
  masked: boolean;
}

/** A breakdown of an indicator (« Par territoire », « Par mois et par « Issue » »). */
export interface IndicatorBreakdown {
  /** Dimension ids, as in `groupBy`: `territory`, `month`, `operator`, `field:<id>`. */
  by: string[];
  label: string;
  rows: IndicatorRow[];
}

interface IndicatorHead {
  id: string;
  label: string;
  kind: Indicator['kind'];
  of: Indicator['of'];
  source?: Source;
}

/** An indicator computed, withheld from this viewer, or in error (a definition mistake). */
export type IndicatorResult =
  | (IndicatorHead & {
      status: 'ok';
      unit: IndicatorUnit;
      /** The value over every row (null when masked). */
      total: number | null;
      /** Rows counted (null when masked). */
      n: number | null;
      /** True when the total is hidden from this viewer (small, or it would give a masked cell away). */
      totalMasked: boolean;
      breakdowns: IndicatorBreakdown[];
    })
  | (IndicatorHead & { status: 'withheld'; message: string })
  | (IndicatorHead & { status: 'error'; message: string });

/** How small counts are hidden: from whom, and below which count. */
export interface Disclosure {
  /** True when small counts are masked for this viewer (a read-only evaluator). */
  masked: boolean;
  /** Counts from 1 to threshold − 1 are masked (default 5). */
  threshold: number;
}

/** Money of a scope (the call, a group of territories, an operator), in integer cents, from the ledger. */
export interface BudgetLine {
  /** `call`, a territory or group id of the call, or an operator id. */
  key: string;
  label: string;
  /** The envelope, when the call states it (call level only). */
  envelope: number | null;
  /** Agreed amounts of the signed agreements (engagé). */
  committed: number;
  /** What the measures earned under their tariffs (activity × tariffs). */
  earned: number;
  /** Advances that became due at signature. */
  advanced: number;
  /** Everything that became due: advances, balances, single payments. */
  due: number;
  /** Payments made. */
  paid: number;
  /** due − paid: still to pay (negative: to recover from operators). */
  toPay: number;
  /** envelope − committed, when the envelope is known: what is left to commit. */
  remaining: number | null;
  /** Signed agreements. */
  agreements: number;
}

/** A quota and how much of it is used (« 17 sur 25 mesures ASTRE »). */
export interface QuotaUse {
  id: string;
  label: string;
  of: 'measures' | 'agreements';
  per: 'call' | 'operator' | 'territory';
  max: number;
  enforce: 'refuse' | 'warn';
  /** Use per scope: one line for `call`, one per operator or territory otherwise. */
  used: Array<{ key: string; label: string; count: number | null; text: string; masked?: boolean }>;
}

/** A budget year of a call (autorisations d'engagement, crédits de paiement), in integer cents. */
export interface BudgetYear {
  year: number;
  /** The envelope of that year, when the definition gives one per year. */
  envelope: number | null;
  /** Commitments of signed agreements falling in that year (split by the call's rule). */
  committed: number;
  /** Payment orders issued to the finance software (émis or payé) on that budget year. */
  issued: number;
  /** Payment orders paid on that budget year. */
  paid: number;
  /** envelope − committed, when the year's envelope is known. */
  remaining: number | null;
}

/** An envelope several calls draw on: its whole amount and what all of them committed. */
export interface SharedEnvelopeUse {
  id: string;
  label: string;
  /** The calls drawing on it. */
  calls: string[];
  amount: number | null;
  /** Committed by all those calls (in the viewer's scope). */
  committed: number;
  /** amount − committed: what is left to commit, for all of them. */
  remaining: number | null;
}

/** The budget of a call: per call, per group of territories, per operator, per budget year, and its quotas. */
export interface Budget {
  envelopeKnown: boolean;
  /** The shared envelope the call draws on (counted once for all its calls). */
  shared?: SharedEnvelopeUse;
  /** Per budget year. */
  years: BudgetYear[];
  /** Why the envelope is unknown or what it covers (from the definition). */
  envelopeNote?: string;
  call: BudgetLine;
  groups: BudgetLine[];
  operators: BudgetLine[];
  quotas: QuotaUse[];
}

/** The operators' reports (bilans): how many in each state, and those due. */
export interface ReportsSummary {
  byState: Array<{ state: string; label: string; count: number | null; masked: boolean }>;
  /** The reports not yet accepted, by due date (not for a masked viewer). */
  pending: Array<{ id: string; report: string; label: string; operatorId: string | null; state: string; stateLabel: string; due: string | null }>;
}

/** A call's report, as the API returns it. */
export interface CallReport {
  call: { id: string; title: string; year: number; version: number };
  /** The instant it was computed (ISO) and its Paris date. */
  generatedAt: string;
  generatedOn: string;
  viewer: { role: ReportViewer['role']; operatorId?: string; territories?: string[] };
  disclosure: Disclosure;
  indicators: IndicatorResult[];
  budget: Budget;
  reports: ReportsSummary;
}
