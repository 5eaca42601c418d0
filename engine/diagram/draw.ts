/**
 * Draws the lifecycles of a call in one of three formats: DOT, SVG (DOT rendered in process), Mermaid.
 */
import { assertNever } from '../errors.ts';
import type { Call } from '../definition/definition-types.ts';
import { callMachines, machineSlug, type CallMachine, type MachineKey } from './call-machines.ts';
import { toDot } from './dot.ts';
import { buildLifecycleGraph, type InstancePath } from './lifecycle-graph.ts';
import { toMermaid } from './mermaid.ts';
import { renderSvg } from './svg.ts';

/** Output formats of a diagram. */
export type DiagramFormat = 'svg' | 'dot' | 'mermaid';

/** The diagram of one lifecycle of a call. */
export interface DrawnMachine {
  key: MachineKey;
  title: string;
  format: DiagramFormat;
  text: string;
}

/** Options of {@link drawMachine} and {@link drawCall}. */
export interface DrawOptions {
  format: DiagramFormat;
  /** An instance of this lifecycle whose current state and path are highlighted. */
  highlight?: InstancePath;
}

/** Draws one lifecycle. */
export async function drawMachine(machine: CallMachine, options: DrawOptions): Promise<DrawnMachine> {
  const graph = buildLifecycleGraph(machine.lifecycle, { ...machine.context, title: machine.title, highlight: options.highlight });
  const drawn = { key: machine.key, title: machine.title, format: options.format };
  const dotOptions = { id: machineSlug(machine.key) };
  switch (options.format) {
    case 'dot':
      return { ...drawn, text: toDot(graph, dotOptions) };
    case 'svg':
      return { ...drawn, text: await renderSvg(toDot(graph, dotOptions)) };
    case 'mermaid':
      return { ...drawn, text: toMermaid(graph) };
    default:
      return assertNever(options.format);
  }
}

/**
 * Draws the lifecycles of a resolved call: all of them, or the ones named in `only` (unknown keys are
 * ignored: list them with {@link callMachines}).
 * @example
 * const [application] = await drawCall(call.definition, { format: 'svg', only: ['application'] });
 */
export async function drawCall(
  call: Pick<Call, 'lifecycles' | 'measures'>,
  options: DrawOptions & { only?: readonly MachineKey[] },
): Promise<DrawnMachine[]> {
  const machines = callMachines(call).filter((machine) => options.only === undefined || options.only.includes(machine.key));
  return Promise.all(machines.map((machine) => drawMachine(machine, options)));
}
