/**
 * A lifecycle graph printed as Mermaid `stateDiagram-v2`: the same states, events, guards, effects and
 * timers as the DOT printing. Mermaid cannot colour a transition, so a taken one starts with « ✔ ».
 */
import { edgeLabelLines } from './dot.ts';
import type { LifecycleGraph } from './lifecycle-graph.ts';

/** Words Mermaid's state grammar reserves: such a state id gets a suffix. */
const RESERVED = new Set(['state', 'note', 'direction', 'class', 'classdef', 'end', 'as', 'left', 'right', 'of']);

/**
 * Prints a lifecycle graph as Mermaid `stateDiagram-v2` text (ids with `_` instead of `-`).
 * Classes: `courant` (current state), `parcouru` (visited), `inconnu` (undeclared target).
 * @example
 * const text = toMermaid(buildLifecycleGraph(lifecycle, { title: 'Candidature' }));
 */
export function toMermaid(graph: LifecycleGraph): string {
  const lines = ['---', `title: ${text(graph.title)}`, '---', 'stateDiagram-v2', '  direction LR'];
  for (const node of graph.nodes) lines.push(`  state "${text(node.label)}" as ${mermaidId(node.id)}`);
  const initial = graph.nodes.find((node) => node.initial);
  if (initial) lines.push(`  [*] --> ${mermaidId(initial.id)}`);
  for (const edge of graph.edges) {
    const label = edgeLabelLines(edge).map(text).join('<br/>');
    lines.push(`  ${mermaidId(edge.from)} --> ${mermaidId(edge.to)} : ${edge.taken ? '✔ ' : ''}${label}`);
  }
  for (const node of graph.nodes) {
    if (node.final) lines.push(`  ${mermaidId(node.id)} --> [*]`);
    for (const timer of node.timers) lines.push(`  note right of ${mermaidId(node.id)} : minuterie — ${text(timer)}`);
  }
  const classes: Array<[string, string, (node: LifecycleGraph['nodes'][number]) => boolean]> = [
    ['parcouru', 'fill:#fef3c7,stroke:#b45309', (node) => node.visited && !node.current],
    ['courant', 'fill:#fcd34d,stroke:#b45309,stroke-width:3px,font-weight:bold', (node) => node.current],
    ['inconnu', 'stroke:#b91c1c,stroke-dasharray:4 2,color:#b91c1c', (node) => node.missing],
  ];
  for (const [name, style, applies] of classes) {
    const ids = graph.nodes.filter(applies).map((node) => mermaidId(node.id));
    if (ids.length === 0) continue;
    lines.push(`  classDef ${name} ${style}`);
    lines.push(`  class ${ids.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The Mermaid id of a state id: `en-instruction` → `en_instruction`. */
export function mermaidId(id: string): string {
  const safe = id.replace(/-/g, '_');
  return RESERVED.has(safe.toLowerCase()) ? `${safe}_` : safe;
}

/** Text safe inside a Mermaid label: no quotes, semicolons or line breaks. */
function text(value: string): string {
  return value.replace(/"/g, "'").replace(/;/g, ',').replace(/[\r\n]+/g, ' ').replace(/#/g, 'n°');
}
