/**
 * A migration plan (`migration`) names lifecycles of this call and, for each, states of this version:
 * every target state must exist, every lifecycle must be one the call runs, and `from` must name earlier
 * versions only.
 */
import type { Lifecycle } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { finding, knownHint, type LintContext } from './lint-context.ts';

/** The lifecycle a plan's key names in the call (undefined: the call has none of its own, a shared template runs). */
function lifecycleOf(context: LintContext, key: string): { found: boolean; lifecycle?: Lifecycle } {
  const call = context.call;
  if (key === 'application' || key === 'report') {
    const own = call.lifecycles?.[key];
    return own ? { found: true, lifecycle: own } : { found: true };
  }
  const measure = call.measures?.[key.slice('measure:'.length)];
  return measure ? { found: true, ...(measure.lifecycle && { lifecycle: measure.lifecycle }) } : { found: false };
}

/** Checks the call's migration plan, if any. */
export function lintMigration(context: LintContext): Finding[] {
  const plan = context.call.migration;
  if (!plan) return [];
  const findings: Finding[] = [];
  for (const [index, version] of (plan.from ?? []).entries()) {
    if (version >= context.call.version) {
      findings.push(finding(context, 'migration-version', 'error', `/migration/from/${index}`, `La migration part de la version ${version}, qui n'est pas antérieure à celle de l'appel (${context.call.version}) : citez des versions plus anciennes.`));
    }
  }
  for (const [key, entry] of Object.entries(plan.lifecycles)) {
    const pointer = childPointer('/migration/lifecycles', key);
    const { found, lifecycle } = lifecycleOf(context, key);
    if (!found) {
      const measures = Object.keys(context.call.measures ?? {}).map((id) => `measure:${id}`);
      findings.push(finding(context, 'migration-cycle-inconnu', 'error', pointer, `Cycle de vie « ${key} » inconnu de l'appel${knownHint(key, ['application', 'report', ...measures])}`, true));
      continue;
    }
    const states = new Set(Object.keys(lifecycle?.states ?? {}));
    if (!lifecycle) continue; // a shared template: its states are checked when the plan is applied
    for (const [from, to] of Object.entries(entry.states ?? {})) {
      if (!states.has(to)) {
        findings.push(finding(context, 'migration-etat-inconnu', 'error', childPointer(`${pointer}/states`, from), `L'état cible « ${to} » (pour « ${from} ») n'existe pas dans le cycle de vie « ${key} » de cette version${knownHint(to, states)}`));
      }
    }
  }
  return findings;
}
