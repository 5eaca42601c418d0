/**
 * A new instance written in the caller's transaction: its row, its creation event (version 1, carrying
 * what the snapshot was built from, so the log replays to the snapshot) and the timers of its first state.
 */
import { emptyContext, type CompiledCall, type CompiledLifecycle } from '../compile/index.ts';
import type { InstanceKind, StoreSession } from '../store/index.ts';
import type { Actor } from './actor.ts';
import { recorded } from './actor.ts';
import type { StepClock, StepResponse } from './step.ts';
import { sealFor } from './seal.ts';
import { moveTimers } from './timers.ts';

/** The type of the creation event in the log. */
export const CREATION_EVENT = '@creation';

/** Everything a new instance is made of. */
export interface NewInstance {
  id: string;
  call: CompiledCall;
  lifecycle: CompiledLifecycle;
  kind: InstanceKind;
  measureKind: string | null;
  reportId: string | null;
  operatorId: string | null;
  territory: string | null;
  parentId: string | null;
  data: Record<string, unknown>;
  /** The creation message as given (kept in the log). */
  payload: Record<string, unknown>;
  actor: Actor;
  idempotencyKey?: string;
}

/** Inserts the instance, its creation event and its first timers; returns the creation's answer. */
export async function insertNewInstance(tx: StoreSession, n: NewInstance, clock: StepClock): Promise<StepResponse> {
  const started = n.lifecycle.start(emptyContext(n.territory, n.data));
  const state = n.lifecycle.states.get(started.state);
  const response: StepResponse = {
    instanceId: n.id, version: 1, state: started.state, stateLabel: state?.label ?? started.state, final: state?.final ?? false, date: clock.date,
  };
  await tx.insertInstance({
    id: n.id, callId: n.call.id, definitionHash: n.call.hash, kind: n.kind, lifecycle: n.lifecycle.key, measureKind: n.measureKind,
    reportId: n.reportId, operatorId: n.operatorId, territory: n.territory, parentId: n.parentId, state: started.state,
    data: started.context.data, snapshot: started.snapshot, version: 1, selectedOn: null, periodStart: null, periodEnd: null,
    createdAt: clock.at, updatedAt: clock.at,
  });
  await tx.appendEvent({
    instanceId: n.id, callId: n.call.id, version: 1, type: CREATION_EVENT, payload: n.payload, actor: recorded(n.actor), at: clock.at,
    idempotencyKey: n.idempotencyKey ?? null, definitionHash: n.call.hash, response,
    ...(await sealFor(tx, n.call.definition, n, CREATION_EVENT, n.payload, clock.at)),
  });
  if (state) await moveTimers(tx, n.call, { instanceId: n.id, version: 1, from: undefined, to: state, context: started.context, date: clock.date });
  return response;
}
