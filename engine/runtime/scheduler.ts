/**
 * The timers scheduler: fires every pending timer due at `now` as an event of the `system` role, in due
 * order, catching up after downtime. A timer is marked fired in the same transaction as its event, so it
 * never fires twice; a timer whose event is refused (a guard) is marked fired and reported as skipped.
 */
import { EngineError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import type { EngineDefinitions } from './definitions.ts';
import { applyStep } from './step.ts';

/** What happened to one due timer. */
export interface TimerRun {
  timerId: string;
  instanceId: string;
  name: string;
  event: string;
  dueDate: string;
  outcome: 'applied' | 'skipped';
  /** The state after the event (applied). */
  state?: string;
  /** The refusal's code (skipped). */
  reason?: string;
}

const BATCH = 100;
const MAX_ROUNDS = 10_000;

/** Fires the timers due at or before `now`, including those that firing makes due (catch-up). */
export async function runDueTimers(store: Store, definitions: EngineDefinitions, now: Date): Promise<TimerRun[]> {
  const at = now.toISOString();
  const runs: TimerRun[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await store.dueTimers(at, BATCH);
    if (due.length === 0) break;
    for (const timer of due) {
      const base = { timerId: timer.id, instanceId: timer.instanceId, name: timer.name, event: timer.event, dueDate: timer.dueDate };
      try {
        const state = await store.transaction(async (tx) => {
          if (!(await tx.markTimerFired(timer.id, at))) return undefined;
          const response = await applyStep(tx, definitions, timer.instanceId, { type: timer.event, actor: SYSTEM_ACTOR }, { date: timer.dueDate, at, fromTimer: true });
          return response.state;
        });
        if (state !== undefined) runs.push({ ...base, outcome: 'applied', state });
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        const marked = await store.transaction((tx) => tx.markTimerFired(timer.id, at));
        if (marked) runs.push({ ...base, outcome: 'skipped', reason: error.code });
      }
    }
  }
  return runs;
}
