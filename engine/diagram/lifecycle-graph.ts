/**
 * A lifecycle as a graph to draw: states (initial, final, current, visited) and edges (event, guards,
 * effects, timer), with French labels. DOT and Mermaid are two printings of this one graph.
 */
import type { Effect, Lifecycle, State, Transition } from '../definition/definition-types.ts';
import { describeEffect, describeTimer, type WordingContext } from './wording.ts';

/** A state of the drawn lifecycle. */
export interface DiagramNode {
  id: string;
  label: string;
  initial: boolean;
  final: boolean;
  /** The instance is in this state. */
  current: boolean;
  /** The instance went through this state (current included). */
  visited: boolean;
  /** A target no state declares: drawn so that the mistake shows (the validator reports it). */
  missing: boolean;
  /** Timers armed in this state whose event has no transition here (otherwise they label the edge). */
  timers: string[];
}

/** A transition of the drawn lifecycle (a self-loop when `from === to`). */
export interface DiagramEdge {
  from: string;
  to: string;
  event: string;
  /** The event's French label (the transition's own label first). */
  label: string;
  /** French labels of the guards that must hold. */
  guards: string[];
  /** What the transition does, in French. */
  effects: string[];
  /** The timers of the source state that send this event: « bilan à 6 mois : 6 mois après … ». */
  timers: string[];
  /** The instance took this transition. */
  taken: boolean;
}

/** The drawn lifecycle. */
export interface LifecycleGraph {
  title: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** One transition an instance took (from its history). */
export interface TakenStep {
  from: string;
  event: string;
  to: string;
}

/** An instance to highlight: its current state and the transitions it took. */
export interface InstancePath {
  current: string;
  steps?: TakenStep[];
}

/** Options of {@link buildLifecycleGraph}. */
export interface GraphOptions extends WordingContext {
  title?: string;
  highlight?: InstancePath;
}

const EFFECT_KINDS = new Set(['set', 'start', 'extend', 'end', 'act', 'milestone', 'suspend', 'resume']);

/**
 * Builds the graph of a resolved lifecycle. Never throws: unknown targets become `missing` nodes,
 * unknown guards and events show their id.
 * @example
 * const graph = buildLifecycleGraph(call.definition.lifecycles.application, { highlight: { current: 'retenue' } });
 */
export function buildLifecycleGraph(lifecycle: Lifecycle, options: GraphOptions = {}): LifecycleGraph {
  const states = Object.entries(lifecycle.states ?? {}).filter((entry): entry is [string, State] => entry[1] != null);
  const steps = options.highlight?.steps ?? [];
  const visited = new Set<string>(steps.flatMap((step) => [step.from, step.to]));
  if (options.highlight !== undefined) {
    visited.add(options.highlight.current);
    if (lifecycle.initial !== undefined) visited.add(lifecycle.initial);
  }
  const initial = lifecycle.initial ?? states[0]?.[0];

  const nodes: DiagramNode[] = states.map(([id, state]) => ({
    id,
    label: state.label || id,
    initial: id === initial,
    final: state.type === 'final',
    current: options.highlight?.current === id,
    visited: visited.has(id),
    missing: false,
    timers: [],
  }));
  const known = new Set(nodes.map((node) => node.id));
  const edges: DiagramEdge[] = [];

  for (const [id, state] of states) {
    const timers = Object.values(state.timers ?? {}).filter((timer) => timer != null);
    for (const [event, value] of Object.entries(state.on ?? {})) {
      if (value == null) continue;
      const transitions: Transition[] = Array.isArray(value) ? value : [value];
      for (const transition of transitions) {
        const to = transition.target ?? id;
        if (!known.has(to)) {
          known.add(to);
          nodes.push({ id: to, label: `${to} (état inconnu)`, initial: false, final: false, current: false, visited: false, missing: true, timers: [] });
        }
        edges.push({
          from: id,
          to,
          event,
          label: transition.label ?? lifecycle.events?.[event]?.label ?? event,
          guards: guardIds(transition).map((guard) => lifecycle.guards?.[guard]?.label ?? guard),
          effects: (transition.effects ?? []).map((effect) => effectWords(effect, withPayloadTitles(options, lifecycle.events?.[event]?.payload))),
          timers: timers.filter((timer) => timer.send === event).map((timer) => describeTimer(timer, options)),
          taken: steps.some((step) => step.from === id && step.event === event && step.to === to),
        });
      }
    }
    const node = nodes.find((candidate) => candidate.id === id)!;
    node.timers = timers.filter((timer) => state.on?.[timer.send] == null).map((timer) => describeTimer(timer, options));
  }
  return { title: options.title ?? lifecycle.label ?? 'Cycle de vie', nodes, edges };
}

function guardIds(transition: Transition): string[] {
  if (transition.guard === undefined) return [];
  return Array.isArray(transition.guard) ? transition.guard : [transition.guard];
}

/** A definition being edited may hold an effect of an unknown kind: it shows as its kind. */
function effectWords(effect: Effect, context: WordingContext): string {
  return EFFECT_KINDS.has(effect.kind) ? describeEffect(effect, context) : String(effect.kind);
}

/** The event's message fields (their JSON Schema `title`s) name the fields a `set` effect copies. */
function withPayloadTitles(context: WordingContext, payload: unknown): WordingContext {
  const properties = (payload as { properties?: Record<string, { title?: unknown } | undefined> } | undefined)?.properties;
  if (properties === undefined || properties === null || typeof properties !== 'object') return context;
  const fields: Record<string, { label: string } | undefined> = { ...context.fields };
  for (const [id, property] of Object.entries(properties)) {
    if (typeof property?.title === 'string') fields[id] = { label: property.title };
  }
  return { ...context, fields };
}
