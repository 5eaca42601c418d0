/**
 * The lifecycles of a call, each named by a machine key: `application`, `report`, `measure:<id>`.
 */
import type { Call, Lifecycle } from '../definition/definition-types.ts';
import type { WordingContext } from './wording.ts';

/** Which lifecycle of a call: the application, the reports, or a measure kind. */
export type MachineKey = 'application' | 'report' | `measure:${string}`;

/** A lifecycle of a call, ready to draw. */
export interface CallMachine {
  key: MachineKey;
  /** French title: « Candidature », « Bilan », « Mesure : Visite explicative de jugement ». */
  title: string;
  lifecycle: Lifecycle;
  /** Labels of the measure's acts and fields, for the edge labels. */
  context: WordingContext;
}

/**
 * Lists the lifecycles of a resolved call: application, each measure kind (in declaration order), report.
 * @example
 * callMachines(call.definition).map((machine) => machine.key) // ['application', 'measure:vej', 'report']
 */
export function callMachines(call: Pick<Call, 'lifecycles' | 'measures'>): CallMachine[] {
  const machines: CallMachine[] = [];
  const application = call.lifecycles?.application;
  if (application) machines.push({ key: 'application', title: titled('Candidature', application), lifecycle: application, context: {} });
  for (const [id, measure] of Object.entries(call.measures ?? {})) {
    if (!measure?.lifecycle) continue;
    machines.push({
      key: `measure:${id}`,
      title: `Mesure : ${measure.label ?? id}`,
      lifecycle: measure.lifecycle,
      context: { acts: measure.acts ?? {}, fields: measure.beneficiary?.fields ?? {} },
    });
  }
  const report = call.lifecycles?.report;
  if (report) machines.push({ key: 'report', title: titled('Bilan', report), lifecycle: report, context: {} });
  return machines;
}

/** True when `text` names a machine (`application`, `report` or `measure:<id>`). */
export function isMachineKey(text: string): text is MachineKey {
  return text === 'application' || text === 'report' || /^measure:[a-z0-9]+(-[a-z0-9]+)*$/.test(text);
}

/** A file-name-safe slug of a machine key: `measure:vej` → `mesure-vej`. */
export function machineSlug(key: MachineKey): string {
  if (key === 'application') return 'candidature';
  if (key === 'report') return 'bilan';
  return `mesure-${key.slice('measure:'.length)}`;
}

/** « Candidature : Accompagnement » — or the label alone when it already starts with the kind. */
function titled(kind: string, lifecycle: Lifecycle): string {
  if (!lifecycle.label) return kind;
  return lifecycle.label.toLowerCase().startsWith(kind.toLowerCase()) ? lifecycle.label : `${kind} : ${lifecycle.label}`;
}
