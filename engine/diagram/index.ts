/**
 * Diagrams of the lifecycles of a call: a graph with French labels (guards, effects, timers, final
 * states, an instance's path), printed as Graphviz DOT, rendered to SVG in process, or as Mermaid.
 * @module
 */
export { callMachines, isMachineKey, machineSlug, type CallMachine, type MachineKey } from './call-machines.ts';
export { drawCall, drawMachine, type DiagramFormat, type DrawnMachine, type DrawOptions } from './draw.ts';
export { toDot, type DotOptions } from './dot.ts';
export {
  buildLifecycleGraph,
  type DiagramEdge,
  type DiagramNode,
  type GraphOptions,
  type InstancePath,
  type LifecycleGraph,
  type TakenStep,
} from './lifecycle-graph.ts';
export { pathThrough } from './instance-path.ts';
export { mermaidId, toMermaid } from './mermaid.ts';
export { renderSvg } from './svg.ts';
export {
  describeAnchor,
  describeDeadline,
  describeDuration,
  describeEffect,
  describeTimer,
  type WordingContext,
} from './wording.ts';
