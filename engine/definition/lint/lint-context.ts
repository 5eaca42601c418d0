/**
 * What every check needs, and the way checks report.
 */
import type { Call, Lifecycle, Measure, PlanPiece } from '../definition-types.ts';
import type { Finding, SourceLocation } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { suggest } from '../schema-errors.ts';
import type { TerritoryCatalog } from '../territory-catalog.ts';

/** What a check needs: the call, a locator back to the YAML, and the shared catalog and plan. */
export interface LintContext {
  call: Call;
  locate(pointer: string, options?: { key?: boolean }): SourceLocation;
  catalog: TerritoryCatalog;
  plan: PlanPiece | undefined;
}

/** Builds a finding at `pointer` (at its key when `key`). */
export function finding(
  context: LintContext,
  code: string,
  severity: Finding['severity'],
  pointer: string,
  message: string,
  key = false,
): Finding {
  return { code, severity, message, ...context.locate(pointer, { key }), path: pointer };
}

/** « x » inconnu(e) message tail: a suggestion among the known names, or the list when short. */
export function knownHint(name: string, known: Iterable<string>): string {
  const names = [...known];
  const suggestion = suggest(name, names);
  if (suggestion !== undefined) return ` : vouliez-vous dire « ${suggestion} » ?`;
  if (names.length === 0) return ' : aucun n’est déclaré.';
  if (names.length <= 8) return ` ; connus : ${names.map((item) => `« ${item} »`).join(', ')}.`;
  return '.';
}

/** A lifecycle with what it may refer to. */
export interface LifecycleScope {
  pointer: string;
  lifecycle: Lifecycle;
  /** The acts of its measure (undefined: none may be counted). */
  acts: Set<string>;
  /** The data fields its effects may set (undefined: not declared, not checked). */
  fields: Set<string> | undefined;
  /** French name of its owner, for messages. */
  owner: string;
}

/** Every lifecycle of a call: each measure's, then the application's and the report's. */
export function lifecycleScopes(call: Call): LifecycleScope[] {
  const scopes: LifecycleScope[] = [];
  for (const [id, measure] of Object.entries(call.measures ?? {})) {
    if (measure.lifecycle === undefined) continue;
    scopes.push({
      pointer: `${childPointer('/measures', id)}/lifecycle`,
      lifecycle: measure.lifecycle,
      acts: new Set(Object.keys(measure.acts ?? {})),
      fields: measureFields(measure),
      owner: `la mesure « ${id} »`,
    });
  }
  const { application, report } = call.lifecycles ?? {};
  if (application !== undefined) {
    scopes.push({
      pointer: '/lifecycles/application',
      lifecycle: application,
      acts: new Set(),
      // The application's data is more than the applicant's declared fields (amounts, reasons): not checked.
      fields: undefined,
      owner: 'la candidature',
    });
  }
  if (report !== undefined) {
    scopes.push({ pointer: '/lifecycles/report', lifecycle: report, acts: new Set(), fields: undefined, owner: 'le bilan' });
  }
  return scopes;
}

/** The data fields of a measure (undefined when it declares none). */
export function measureFields(measure: Measure): Set<string> | undefined {
  const fields = measure.beneficiary?.fields;
  return fields === undefined ? undefined : new Set(Object.keys(fields));
}

/** The top-level property names of an embedded JSON Schema (an event payload), or undefined if open. */
export function schemaProperties(schema: Record<string, unknown> | undefined): Set<string> | undefined {
  const properties = schema?.properties;
  if (properties === null || typeof properties !== 'object') return undefined;
  return new Set(Object.keys(properties));
}
