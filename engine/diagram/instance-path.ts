/**
 * An instance's path from the states it went through: each pair of consecutive states becomes the
 * transition that joins them (the first event whose transition leads there).
 */
import type { Lifecycle } from '../definition/definition-types.ts';
import type { InstancePath, TakenStep } from './lifecycle-graph.ts';

/**
 * Builds the path to highlight from a sequence of states (the last one is the current state). A pair no
 * transition joins is skipped: both states are still marked as visited.
 * @example
 * pathThrough(lifecycle, ['orientee', 'diagnostiquee', 'accompagnee'])
 * // { current: 'accompagnee', steps: [{ from: 'orientee', event: 'diagnostiquer', to: 'diagnostiquee' }, …] }
 */
export function pathThrough(lifecycle: Lifecycle, states: readonly string[]): InstancePath | undefined {
  const current = states.at(-1);
  if (current === undefined) return undefined;
  const steps: TakenStep[] = [];
  for (let i = 1; i < states.length; i += 1) {
    const [from, to] = [states[i - 1]!, states[i]!];
    const event = Object.entries(lifecycle.states?.[from]?.on ?? {}).find(([, value]) =>
      (Array.isArray(value) ? value : [value]).some((transition) => transition !== undefined && (transition.target ?? from) === to),
    )?.[0];
    steps.push({ from, event: event ?? '', to });
  }
  return { current, steps };
}
