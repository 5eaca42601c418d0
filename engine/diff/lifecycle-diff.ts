/**
 * A lifecycle against its parent's: the same one, or which states, transitions, events and guards changed.
 * Transitions are compared as the diagram draws them (target, guards, effects, timers in French).
 */
import { leafChanges } from './leaf-changes.ts';
import { buildLifecycleGraph, type DiagramEdge, type WordingContext } from '../diagram/index.ts';
import type { Lifecycle } from '../definition/definition-types.ts';
import { ChangeList, same } from './change-list.ts';
import type { Change } from './change.ts';

/**
 * The changes of a lifecycle: one « inchangé » line when equal, otherwise only what differs.
 * @param subject how the lifecycle is named: « cycle de vie de la candidature »
 */
export function lifecycleChanges(
  subject: string,
  path: string,
  before: Lifecycle | undefined,
  after: Lifecycle | undefined,
  context: WordingContext = {},
): Change[] {
  const list = new ChangeList();
  const summary = (lifecycle: Lifecycle): string => `${Object.keys(lifecycle.states ?? {}).length} états, ${Object.keys(lifecycle.events ?? {}).length} événements`;
  if (before === undefined || after === undefined || same(before, after)) {
    list.value(subject, 'm', path, before, after, summary);
    return list.changes;
  }
  const stateLabel = (lifecycle: Lifecycle, id: string | undefined): string => (id === undefined ? '—' : lifecycle.states?.[id]?.label ?? id);
  list.value(`${subject}, libellé`, 'm', `${path}/label`, before.label, after.label, (label) => label);
  list.value(`${subject}, état initial`, 'm', `${path}/initial`, before.initial, after.initial, (id) => stateLabel(after, id));
  // States compare without their transitions, which are compared one by one below.
  const states = (lifecycle: Lifecycle) =>
    Object.fromEntries(Object.entries(lifecycle.states ?? {}).map(([id, { on: _on, ...state }]) => [id, state]));
  list.entries(`${path}/states`, states(before), states(after), {
    subject: (id, state) => `${subject}, état « ${state.label || id} »`,
    agreement: 'm',
    describe: (state) => `${state.label}${state.type === 'final' ? ' (final)' : ''}`,
  });

  const edges = (lifecycle: Lifecycle): Map<string, DiagramEdge> => {
    const graph = buildLifecycleGraph(lifecycle, context);
    const keyed = new Map<string, DiagramEdge>();
    for (const edge of graph.edges) {
      let key = `${edge.from}/${edge.event}`;
      for (let n = 2; keyed.has(key); n += 1) key = `${edge.from}/${edge.event}#${n}`;
      keyed.set(key, edge);
    }
    return keyed;
  };
  const [was, is] = [edges(before), edges(after)];
  const describeEdge = (lifecycle: Lifecycle) => (edge: DiagramEdge): string =>
    [
      `vers « ${stateLabel(lifecycle, edge.to)} »`,
      ...edge.guards.map((guard) => `si : ${guard}`),
      ...edge.effects,
      ...edge.timers.map((timer) => `minuterie — ${timer}`),
    ].join(' ; ');
  for (const key of new Set([...was.keys(), ...is.keys()])) {
    const [old, now] = [was.get(key), is.get(key)];
    const edge = (now ?? old)!;
    const lifecycle = now === undefined ? before : after;
    const transitionSubject = `${subject}, transition « ${edge.label} » depuis « ${stateLabel(lifecycle, edge.from)} »`;
    const oldWords = old === undefined ? undefined : describeEdge(before)(old);
    const newWords = now === undefined ? undefined : describeEdge(after)(now);
    if (oldWords !== newWords) list.value(transitionSubject, 'f', `${path}/states/${edge.from}/on/${edge.event}`, oldWords, newWords, (words) => words);
  }

  list.entries(`${path}/events`, before.events, after.events, {
    subject: (id, event) => `${subject}, événement « ${event.label || id} »`,
    agreement: 'm',
    describe: (event) => `${event.label}${event.roles ? ` (${event.roles.join(', ')})` : ''}`,
  });
  list.entries(`${path}/guards`, before.guards, after.guards, {
    subject: (id) => `${subject}, garde « ${id} »`,
    agreement: 'f',
    describe: (guard) => guard.label,
  });
  const changed = list.changes.filter((change) => change.kind !== 'unchanged');
  return changed.length > 0 ? changed : [{ kind: 'modified', subject, agreement: 'm', path, details: leafChanges(before, after) }];
}
