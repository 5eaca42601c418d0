/**
 * Checks of a call's retention periods (`retention`) the schema cannot express: a period that keeps
 * something, a warning that comes before the expiry, a rule that has data to erase, and a `balance`
 * milestone only where the call has a final report to accept.
 */
import { addDuration, compareDates } from '../../time/index.ts';
import type { Call, Duration, RetentionRule } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { finding, type LintContext } from './lint-context.ts';

const KIND_LABELS = { households: 'des ménages', operators: 'des porteurs' } as const;

/** Any day: compares two durations by the dates they reach from it (month lengths clamp alike). */
const PROBE = '2001-01-31';

function isEmpty(duration: Duration): boolean {
  return !(duration.years ?? 0) && !(duration.months ?? 0) && !(duration.weeks ?? 0) && !(duration.days ?? 0);
}

/** Whether the call declares fields of this kind of data at all. */
function hasFields(call: Call, kind: keyof typeof KIND_LABELS): boolean {
  if (kind === 'operators') return Object.keys(call.applicants.fields ?? {}).length > 0;
  return Object.values(call.measures ?? {}).some((measure) => Object.keys(measure.beneficiary?.fields ?? {}).length > 0);
}

/** Runs the retention checks. */
export function lintRetention(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  const retention = context.call.retention;
  if (retention === undefined) return findings;
  for (const kind of ['households', 'operators'] as const) {
    const rule: RetentionRule | undefined = retention[kind];
    if (rule === undefined) continue;
    const pointer = `/retention/${kind}`;
    const what = KIND_LABELS[kind];
    if (isEmpty(rule.keep)) {
      findings.push(finding(context, 'conservation-nulle', 'error', `${pointer}/keep`, `La durée de conservation des données ${what} est nulle : donnez une durée (par exemple { years: 5 }) ; pour ne rien garder, ne déclarez pas ces champs.`));
    }
    if (rule.warnBefore !== undefined && compareDates(addDuration(PROBE, rule.warnBefore), addDuration(PROBE, rule.keep)) >= 0) {
      findings.push(finding(context, 'avertissement-trop-tot', 'error', `${pointer}/warnBefore`, `L'avertissement avant effacement des données ${what} n'est pas plus court que la durée de conservation : il tomberait avant le jalon. Raccourcissez warnBefore.`));
    }
    if (rule.after === 'balance' && !Object.values(context.call.reports ?? {}).some((report) => report.kind === 'final')) {
      findings.push(finding(context, 'jalon-solde-absent', 'error', `${pointer}/after`, `« after: balance » compte depuis le solde de la convention (bilan final accepté), mais l'appel n'attend aucun bilan final : choisissez end ou created, ou déclarez un bilan kind: final.`));
    }
    if (!hasFields(context.call, kind)) {
      findings.push(finding(context, 'conservation-sans-donnees', 'warning', pointer, `L'appel ne déclare aucun champ de données ${what} : cette durée de conservation n'a rien à effacer.`, true));
    }
  }
  return findings;
}
