/**
 * Draws the lifecycles of a call in one of three formats: DOT, SVG (DOT rendered in process), Mermaid.
 */
import { assertNever } from '../errors.ts';
import type { Call } from '../definition/definition-types.ts';
import { callMachines, machineSlug, type CallMachine, type MachineKey } from './call-machines.ts';
import { toDot, type DotOptions } from './dot.ts';
import { buildLifecycleGraph, type InstancePath, type LifecycleGraph } from './lifecycle-graph.ts';
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
  /** Print the title inside the DOT/SVG drawing (default true; a page with its own caption says false). */
  titled?: boolean;
}

/** Wider than this (in points), a left-to-right drawing is redrawn top to bottom if that is narrower. */
const MAX_WIDTH_PT = 1100;

/** Draws one lifecycle (DOT and SVG laid out left to right, or top to bottom when that fits a page better). */
export async function drawMachine(machine: CallMachine, options: DrawOptions): Promise<DrawnMachine> {
  const graph = buildLifecycleGraph(machine.lifecycle, { ...machine.context, title: machine.title, highlight: options.highlight });
  const drawn = { key: machine.key, title: machine.title, format: options.format };
  const dotOptions = { id: machineSlug(machine.key), titled: options.titled };
  switch (options.format) {
    case 'dot':
      return { ...drawn, text: (await layout(graph, dotOptions)).dot };
    case 'svg':
      return { ...drawn, text: (await layout(graph, dotOptions)).svg };
    case 'mermaid':
      return { ...drawn, text: toMermaid(graph) };
    default:
      return assertNever(options.format);
  }
}

/** Lays a graph out left to right, or top to bottom when left to right is too wide and that is narrower. */
async function layout(graph: LifecycleGraph, options: DotOptions): Promise<{ dot: string; svg: string }> {
  const wide = toDot(graph, { ...options, direction: 'LR' });
  const wideSvg = await renderSvg(wide);
  if (widthOf(wideSvg) <= MAX_WIDTH_PT) return { dot: wide, svg: wideSvg };
  const tall = toDot(graph, { ...options, direction: 'TB' });
  const tallSvg = await renderSvg(tall);
  return widthOf(tallSvg) < widthOf(wideSvg) ? { dot: tall, svg: tallSvg } : { dot: wide, svg: wideSvg };
}

function widthOf(svg: string): number {
  return Number(/<svg[^>]*\bwidth="([\d.]+)pt"/.exec(svg)?.[1] ?? 0);
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
