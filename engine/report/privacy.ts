/**
 * Privacy of reports: an indicator that reveals or filters on a sensitive field is withheld from a viewer
 * who may not see that sensitivity; for a read-only evaluator, totals and groups of fewer than `threshold`
 * rows are masked, and more cells wherever a masked one could be recomputed (`suppression.ts`).
 */
import { assertNever } from '../errors.ts';
import type { IndicatorField, Sensitivity } from './indicator-fields.ts';
import type { IndicatorPlan } from './indicator-plan.ts';
import type { Disclosure, IndicatorBreakdown, ReportViewer } from './report-types.ts';
import { suppress } from './suppression.ts';

/** The default masking threshold: counts from 1 to 4 are shown as « < 5 ». */
export const DEFAULT_MASK_THRESHOLD = 5;

const ALL: readonly Sensitivity[] = ['none', 'personal', 'health', 'debts', 'family', 'resources'];

/**
 * What a role sees when its viewer does not say: the Département, coordinators and the engine see every
 * field, an operator every field but health, an evaluator only non-sensitive fields (the server's
 * defaults, `server/tokens.ts`, are the same).
 */
export function defaultSensitivities(role: ReportViewer['role']): ReadonlySet<Sensitivity> {
  switch (role) {
    case 'departement':
    case 'coordinator':
    case 'system':
      return new Set(ALL);
    case 'operator':
      return new Set(ALL.filter((s) => s !== 'health'));
    case 'evaluator':
      return new Set(['none']);
    default:
      return assertNever(role);
  }
}

/** How small counts are hidden for a viewer: only a read-only evaluator's breakdowns are masked. */
export function disclosureFor(viewer: ReportViewer, threshold = DEFAULT_MASK_THRESHOLD): Disclosure {
  return { masked: viewer.role === 'evaluator', threshold };
}

const SENSITIVITY_LABELS: Record<Sensitivity, string> = {
  none: 'non sensible',
  personal: 'donnée personnelle',
  health: 'donnée de santé',
  debts: 'dettes',
  family: 'situation familiale',
  resources: 'ressources',
};

/**
 * Why an indicator is withheld from a viewer (French), or undefined when the viewer may see every field
 * it reveals or filters on.
 */
export function withheldReason(plan: IndicatorPlan, viewer: ReportViewer): string | undefined {
  const sees = viewer.sees ?? defaultSensitivities(viewer.role);
  const hidden: IndicatorField[] = plan.fields.filter((field) => !sees.has(field.sensitivity));
  if (hidden.length === 0) return undefined;
  const names = hidden.map((field) => `« ${field.label} » (${SENSITIVITY_LABELS[field.sensitivity]})`).join(', ');
  return `Indicateur réservé : il porte sur ${names}, que votre rôle ne consulte pas.`;
}

/** An indicator's total and breakdowns as a masked viewer may see them. */
export interface MaskedIndicator {
  total: number | null;
  n: number | null;
  /** True when the total itself is hidden (too few rows, or it would give a masked cell away). */
  totalMasked: boolean;
  breakdowns: IndicatorBreakdown[];
}

/**
 * Masks an indicator for a masked viewer: every count from 1 to threshold − 1 (the total's too, with or
 * without breakdowns), then as many more cells as needed so that no masked one can be recomputed from the
 * total and the other breakdowns of the indicator (`suppression.ts`).
 * @example
 * maskIndicator({ total: 3, n: 3, totalMasked: false, breakdowns: [byTerritory] }, { masked: true, threshold: 5 });
 * // the total 3 and the single territory row are both masked
 */
export function maskIndicator(indicator: MaskedIndicator, disclosure: Disclosure): MaskedIndicator {
  if (!disclosure.masked) return indicator;
  const tables = [{ by: [], rows: [{ keys: [], n: indicator.n }] }, ...indicator.breakdowns];
  const [total, ...masks] = suppress(tables, disclosure.threshold);
  const breakdowns = indicator.breakdowns.map((breakdown, b) => ({
    ...breakdown,
    rows: breakdown.rows.map((row, r) => (row.masked || masks[b]![r] ? { ...row, value: null, n: null, masked: true } : row)),
  }));
  return total![0] ? { total: null, n: null, totalMasked: true, breakdowns } : { ...indicator, breakdowns };
}

/**
 * Masks the small groups of breakdowns whose total is shown: the same suppression as
 * {@link maskIndicator}, the total taken as known.
 */
export function maskBreakdowns(breakdowns: IndicatorBreakdown[], disclosure: Disclosure): IndicatorBreakdown[] {
  if (!disclosure.masked) return breakdowns;
  const masks = suppress(breakdowns, disclosure.threshold);
  return breakdowns.map((breakdown, b) => ({
    ...breakdown,
    rows: breakdown.rows.map((row, r) => (row.masked || masks[b]![r] ? { ...row, value: null, n: null, masked: true } : row)),
  }));
}

/** The text a masked cell shows: « < 5 ». */
export function maskedText(disclosure: Disclosure): string {
  return `< ${disclosure.threshold}`;
}
