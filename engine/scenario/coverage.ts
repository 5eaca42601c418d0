/**
 * Coverage of the lifecycles by the scenarios: the states and transitions of each compiled machine
 * (walked with `xstate/graph`) that no scenario reached, and the reasons scenario files give for them.
 */
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import type { AnyStateMachine } from 'xstate';
import type { SourceLocation } from '../definition/index.ts';

/** A transition a scenario took: in `lifecycle`, from state `from`, event `event`, to state `to`. */
export interface TakenTransition {
  lifecycle: string;
  from: string;
  event: string;
  to: string;
}

/** A state or transition of a lifecycle, named as a scenario file's `coverage:` names it. */
export interface CoverageItem {
  kind: 'state' | 'transition';
  /** `<state>` or `<state>.<event>` (`<state>.<event>[n]` when the event has several transitions, n from 1). */
  name: string;
  /** The reason a scenario file gives for leaving it uncovered, and where. */
  reason?: { text: string; location: SourceLocation };
}

/** The coverage of one lifecycle of one call. */
export interface LifecycleCoverage {
  call: string;
  /** `application`, `report` or `measure:<id>`. */
  lifecycle: string;
  states: { total: number; covered: number };
  transitions: { total: number; covered: number };
  /** What no scenario reached, with the stated reasons. */
  uncovered: CoverageItem[];
}

/** A reason stated in a scenario file that names nothing of the lifecycle (a typo or a removed state). */
export interface StaleReason {
  call: string;
  lifecycle: string;
  name: string;
  location: SourceLocation;
}

/** One transition of a machine, as walked by `xstate/graph`. */
interface GraphTransition {
  name: string;
  from: string;
  event: string;
  to: string;
}

/** The states and transitions of a machine (top-level states, as the definition language writes them). */
export function machineGraph(machine: AnyStateMachine): { initial: string; states: string[]; transitions: GraphTransition[] } {
  const root: DirectedGraphNode = toDirectedGraph(machine);
  const key = (node: { key: string }) => node.key;
  const states = root.children.map((child) => key(child.stateNode));
  const transitions: GraphTransition[] = [];
  for (const child of root.children) {
    const from = key(child.stateNode);
    const edges = child.edges.filter((edge) => !edge.label.text.startsWith('xstate.'));
    const byEvent = new Map<string, typeof edges>();
    for (const edge of edges) byEvent.set(edge.label.text, [...(byEvent.get(edge.label.text) ?? []), edge]);
    for (const [event, list] of byEvent) {
      list.forEach((edge, index) => {
        const name = list.length > 1 ? `${from}.${event}[${index + 1}]` : `${from}.${event}`;
        transitions.push({ name, from, event, to: key(edge.target) });
      });
    }
  }
  const initial = String(machine.root.initial?.target?.[0]?.key ?? states[0] ?? '');
  return { initial, states, transitions };
}

/**
 * Computes a lifecycle's coverage from the transitions scenarios took and the instances they created.
 * A state is covered when an instance started or arrived in it; a transition when a scenario took it (when
 * an event has several transitions with the same target, taking one covers them all: the log cannot tell).
 */
export function lifecycleCoverage(
  call: string,
  lifecycle: string,
  machine: AnyStateMachine,
  taken: readonly TakenTransition[],
  startedIn: ReadonlySet<string>,
  reasons: Record<string, string> = {},
  reasonLocations: Record<string, SourceLocation> = {},
): { coverage: LifecycleCoverage; stale: StaleReason[] } {
  const graph = machineGraph(machine);
  const mine = taken.filter((t) => t.lifecycle === lifecycle);
  const reachedStates = new Set<string>([...startedIn, ...mine.map((t) => t.to)]);
  const takenKeys = new Set(mine.map((t) => `${t.from}\0${t.event}\0${t.to}`));
  const uncovered: CoverageItem[] = [];
  const withReason = (kind: CoverageItem['kind'], name: string): CoverageItem => {
    const text = reasons[name];
    const location = reasonLocations[name];
    return text !== undefined && location !== undefined ? { kind, name, reason: { text, location } } : { kind, name };
  };
  let coveredStates = 0;
  for (const state of graph.states) {
    if (reachedStates.has(state)) coveredStates += 1;
    else uncovered.push(withReason('state', state));
  }
  let coveredTransitions = 0;
  for (const t of graph.transitions) {
    if (takenKeys.has(`${t.from}\0${t.event}\0${t.to}`)) coveredTransitions += 1;
    else uncovered.push(withReason('transition', t.name));
  }
  const known = new Set([...graph.states, ...graph.transitions.map((t) => t.name)]);
  const stale = Object.keys(reasons)
    .filter((name) => !known.has(name))
    .map((name) => ({ call, lifecycle, name, location: reasonLocations[name] ?? { file: '', line: 1, column: 1 } }));
  return {
    coverage: {
      call,
      lifecycle,
      states: { total: graph.states.length, covered: coveredStates },
      transitions: { total: graph.transitions.length, covered: coveredTransitions },
      uncovered,
    },
    stale,
  };
}
