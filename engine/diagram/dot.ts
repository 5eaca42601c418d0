/**
 * A lifecycle graph printed as Graphviz DOT: rounded boxes for states, a dot for the start, a double
 * border for final states, guards, effects and timers under each event; the instance path in amber.
 */
import type { DiagramEdge, DiagramNode, LifecycleGraph } from './lifecycle-graph.ts';

const FONT = 'Helvetica,Arial,sans-serif';
const COLORS = {
  ink: '#1e293b',
  line: '#475569',
  final: '#e2e8f0',
  path: '#b45309',
  pathText: '#92400e',
  current: '#fcd34d',
  visited: '#fef3c7',
  missing: '#b91c1c',
};

/** Options of {@link toDot}. */
export interface DotOptions {
  /** Graphviz `rankdir`: `LR` (left to right, the default) or `TB` (top to bottom). */
  direction?: 'LR' | 'TB';
  /** Longest line of an edge label before it wraps (characters). */
  wrap?: number;
  /**
   * The graph's id: it prefixes every id of the SVG (`<id>-etat-<state>`), so that several diagrams
   * inlined in one page keep unique ids.
   */
  id?: string;
  /** Print the title above the drawing (default true). */
  titled?: boolean;
}

/**
 * Prints a lifecycle graph as DOT. Node and edge ids in the SVG are stable: `etat-<id>`,
 * `transition-<from>-<event>-<to>` (after `<options.id>-`); several self-loops of one state are drawn as
 * one (`transitions-<state>-boucle`). Classes say `etat`, `transition`, `boucle`, `initial`, `final`,
 * `courant`, `parcouru`, `emprunte`, `minuterie`, `inconnu`.
 * @example
 * const dot = toDot(buildLifecycleGraph(lifecycle, { title: 'Candidature' }));
 */
export function toDot(graph: LifecycleGraph, options: DotOptions = {}): string {
  const wrap = options.wrap ?? 44;
  const prefix = options.id === undefined ? '' : `${options.id}-`;
  const lines = [
    `digraph ${quote(graph.title)} {`,
    ...(options.id === undefined ? [] : [`  id=${quote(options.id)};`]),
    `  graph [rankdir=${options.direction ?? 'LR'}, ${options.titled === false ? '' : `label=${quote(graph.title)}, labelloc=t, `}fontname=${quote(FONT)}, fontsize=14, fontcolor=${quote(COLORS.ink)}, bgcolor="transparent", pad=0.2, nodesep=0.35, ranksep=0.5];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color=${quote(COLORS.ink)}, fontname=${quote(FONT)}, fontsize=11, fontcolor=${quote(COLORS.ink)}, margin="0.14,0.06"];`,
    `  edge [color=${quote(COLORS.line)}, fontname=${quote(FONT)}, fontsize=9, fontcolor=${quote(COLORS.ink)}, arrowsize=0.7];`,
  ];
  const initial = graph.nodes.find((node) => node.initial);
  if (initial) {
    lines.push(`  "__debut" [shape=circle, label="", width=0.16, fixedsize=true, style=filled, fillcolor=${quote(COLORS.ink)}, id=${quote(`${prefix}debut`)}, tooltip="début"];`);
    lines.push(`  "__debut" -> ${quote(initial.id)} [id=${quote(`${prefix}transition-debut`)}, class="transition${initial.visited ? ' emprunte' : ''}"${initial.visited ? pathStyle() : ''}];`);
  }
  for (const node of graph.nodes) lines.push(`  ${quote(node.id)} [${nodeAttributes(node, wrap, prefix).join(', ')}];`);
  // Graphviz stacks several self-loops of one state on top of each other, labels overlapping: they are
  // drawn as one loop whose label lists each event.
  const loops = new Map<string, DiagramEdge[]>();
  for (const edge of graph.edges) if (edge.from === edge.to) loops.set(edge.from, [...(loops.get(edge.from) ?? []), edge]);
  for (const edge of graph.edges) {
    const group = loops.get(edge.from);
    if (edge.from === edge.to && group !== undefined && group.length > 1) {
      if (group[0] === edge) lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [${loopAttributes(group, wrap, prefix).join(', ')}];`);
      continue;
    }
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [${edgeAttributes(edge, wrap, prefix).join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The label of an edge as lines: event, guards, effects, timers (shared with Mermaid). */
export function edgeLabelLines(edge: DiagramEdge): string[] {
  return [
    edge.label,
    ...edge.guards.map((guard) => `si : ${guard}`),
    ...edge.effects.map((effect) => `· ${effect}`),
    ...edge.timers.map((timer) => `minuterie — ${timer}`),
  ];
}

function nodeAttributes(node: DiagramNode, wrap: number, prefix: string): string[] {
  const label = [node.label, ...node.timers.map((timer) => `minuterie — ${timer}`)].flatMap((line) => wrapLine(line, wrap));
  const classes = ['etat', node.initial && 'initial', node.final && 'final', node.current && 'courant', node.visited && 'parcouru', node.missing && 'inconnu'];
  const attributes = [`label=${quote(label.join('\n'))}`, `id=${quote(`${prefix}etat-${node.id}`)}`, `class=${quote(classes.filter(Boolean).join(' '))}`];
  const tooltip = [node.label, node.final && 'état final', node.current && 'état courant'].filter(Boolean).join(' — ');
  attributes.push(`tooltip=${quote(tooltip)}`);
  if (node.final) attributes.push('peripheries=2', `fillcolor=${quote(COLORS.final)}`);
  if (node.visited) attributes.push(`fillcolor=${quote(COLORS.visited)}`, `color=${quote(COLORS.path)}`, 'penwidth=1.6');
  if (node.current) attributes.push(`fillcolor=${quote(COLORS.current)}`, `color=${quote(COLORS.path)}`, 'penwidth=3', `fontname="Helvetica-Bold"`);
  if (node.missing) attributes.push('style="rounded,dashed"', `color=${quote(COLORS.missing)}`, `fontcolor=${quote(COLORS.missing)}`);
  return attributes;
}

function edgeAttributes(edge: DiagramEdge, wrap: number, prefix: string): string[] {
  const label = edgeLabelLines(edge).flatMap((line) => wrapLine(line, wrap));
  const attributes = [
    `label=${quote(label.join('\n'))}`,
    `id=${quote(`${prefix}transition-${edge.from}-${edge.event}-${edge.to}`)}`,
    `class=${quote(`transition${edge.taken ? ' emprunte' : ''}${edge.timers.length > 0 ? ' minuterie' : ''}`)}`,
    `tooltip=${quote(label.join(' '))}`,
  ];
  if (edge.timers.length > 0) attributes.push('style=dashed');
  if (edge.taken) attributes.push(pathStyle().slice(2));
  return attributes;
}

/** Several self-loops of one state as one edge: the events' labels one under the other. */
function loopAttributes(edges: DiagramEdge[], wrap: number, prefix: string): string[] {
  const blocks = edges.map((edge) => edgeLabelLines(edge).flatMap((line) => wrapLine(line, wrap)));
  const taken = edges.some((edge) => edge.taken);
  const attributes = [
    `label=${quote(blocks.map((block) => block.join('\n')).join('\n\n'))}`,
    `id=${quote(`${prefix}transitions-${edges[0]!.from}-boucle`)}`,
    `class=${quote(`transition boucle${taken ? ' emprunte' : ''}`)}`,
    `tooltip=${quote(blocks.map((block) => block.join(' ')).join(' | '))}`,
  ];
  if (edges.every((edge) => edge.timers.length > 0)) attributes.push('style=dashed');
  if (taken) attributes.push(pathStyle().slice(2));
  return attributes;
}

function pathStyle(): string {
  return `, color=${quote(COLORS.path)}, penwidth=2.5, fontcolor=${quote(COLORS.pathText)}`;
}

/** Splits a line longer than `width` at spaces into lines of about equal length (a long word stays whole). */
function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const target = Math.ceil(line.length / Math.ceil(line.length / width));
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > target + 4) {
      out.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** A DOT double-quoted string (backslashes, quotes and newlines escaped). */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
