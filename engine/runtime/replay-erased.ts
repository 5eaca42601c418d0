/**
 * Replay after erasure. An eligibility guard read the household's data when the event was taken; once
 * that data is erased, the guard cannot decide again. The log is the proof that it decided (the row, its
 * recorded answer and state, chained): replaying an erased instance trusts those guards and checks the
 * rest — the states reached, the period, the acts and milestones, hence the amounts.
 */
import { createActor, type AnyStateMachine } from 'xstate';
import type { CompiledLifecycle, InstanceContext, PersistedSnapshot, StepEvent } from '../compile/index.ts';

const trusting = new WeakMap<CompiledLifecycle, AnyStateMachine>();

/** The lifecycle's machine with its eligibility guards answering yes. */
function trustingMachine(lifecycle: CompiledLifecycle): AnyStateMachine {
  let machine = trusting.get(lifecycle);
  if (!machine) {
    const ids = new Set<string>();
    for (const state of lifecycle.states.values()) {
      for (const event of state.events) {
        for (const transition of lifecycle.transitions(state.id, event)) for (const guard of transition.guards) if (guard.kind === 'eligibility') ids.add(guard.id);
      }
    }
    machine = lifecycle.machine.provide({ guards: Object.fromEntries([...ids].map((id) => [id, () => true])) });
    trusting.set(lifecycle, machine);
  }
  return machine;
}

/** One step of an erased instance, its eligibility guards trusted; undefined if it is refused even so. */
export function stepTrusted(lifecycle: CompiledLifecycle, snapshot: PersistedSnapshot, event: StepEvent): { snapshot: PersistedSnapshot; state: string; context: InstanceContext } | undefined {
  const actor = createActor(trustingMachine(lifecycle), { snapshot: snapshot as never });
  actor.start();
  const before = actor.getSnapshot();
  actor.send(event);
  const after = actor.getSnapshot();
  actor.stop();
  if (after === before) return undefined;
  return { snapshot: actor.getPersistedSnapshot() as PersistedSnapshot, state: String(after.value), context: after.context as InstanceContext };
}
