/**
 * Privacy of reports: an indicator that reveals or filters on a sensitive field is withheld from a viewer
 * who may not see that sensitivity; for a read-only evaluator, every breakdown masks the groups of fewer
 * than `threshold` rows, and one more group where a single masked one could be recomputed by subtraction.
 */
import { assertNever } from '../errors.ts';
import type { IndicatorField, Sensitivity } from './indicator-fields.ts';
import type { IndicatorPlan } from './indicator-plan.ts';
import type { Disclosure, IndicatorBreakdown, IndicatorRow, ReportViewer } from './report-types.ts';

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

/**
 * Masks the small groups of breakdowns: a row of fewer than `threshold` rows loses its value and count;
 * then, wherever a line of a breakdown (rows equal on every key but one) has exactly one masked row, its
 * smallest other row is masked too, so that no masked value is the difference of two shown ones.
 */
export function maskBreakdowns(breakdowns: IndicatorBreakdown[], disclosure: Disclosure): IndicatorBreakdown[] {
  if (!disclosure.masked) return breakdowns;
  return breakdowns.map((breakdown) => {
    const rows = breakdown.rows.map((row) => ({ ...row, masked: row.masked || isSmall(row.n, disclosure.threshold) }));
    let changed = true;
    while (changed) {
      changed = false;
      for (let position = 0; position < breakdown.by.length; position += 1) {
        for (const line of linesOf(rows, position)) {
          const masked = line.filter((row) => row.masked);
          const shown = line.filter((row) => !row.masked);
          if (masked.length !== 1 || shown.length === 0) continue;
          const smallest = shown.reduce((a, b) => ((b.n ?? 0) < (a.n ?? 0) ? b : a));
          smallest.masked = true;
          changed = true;
        }
      }
    }
    return { ...breakdown, rows: rows.map((row) => (row.masked ? { ...row, value: null, n: null } : row)) };
  });
}

/** The text a masked cell shows: « < 5 ». */
export function maskedText(disclosure: Disclosure): string {
  return `< ${disclosure.threshold}`;
}

function isSmall(n: number | null, threshold: number): boolean {
  return n !== null && n > 0 && n < threshold;
}

function linesOf(rows: IndicatorRow[], position: number): IndicatorRow[][] {
  const lines = new Map<string, IndicatorRow[]>();
  for (const row of rows) {
    const id = JSON.stringify(row.keys.filter((_, i) => i !== position));
    const line = lines.get(id) ?? [];
    line.push(row);
    lines.set(id, line);
  }
  return [...lines.values()];
}
