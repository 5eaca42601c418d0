/**
 * The timers a replayed instance should have armed: those of the state it is in, armed when it entered it,
 * with the due dates the engine computes (`runtime/timers.ts`).
 */
import { dueDateOf } from '../runtime/timers.ts';
import type { ReplayedInstance } from './replay-types.ts';

/** A timer as the engine names it: `<instance>:<version entered>:<name>`, due on a calendar date. */
export interface ExpectedTimer {
  id: string;
  name: string;
  dueDate: string;
}

/** The timers armed at the entry into the instance's current state (none in a final state). */
export function expectedTimers(r: ReplayedInstance): ExpectedTimer[] {
  const state = r.state === undefined ? undefined : r.lifecycle?.states.get(r.state);
  if (!state || state.final || !r.entered || !r.call) return [];
  const timers: ExpectedTimer[] = [];
  for (const timer of state.timers) {
    const dueDate = dueDateOf(timer.at, r.entered.context, r.entered.date, r.call);
    if (dueDate !== undefined) timers.push({ id: `${r.instance.id}:${r.entered.version}:${timer.name}`, name: timer.name, dueDate });
  }
  return timers;
}
