/**
 * The recorded activity of a call as the replayer reads it: every instance (who, where, under which
 * agreement), every event of the log in the order it was written, and the definitions they ran under.
 * Plain values: loaded once from the store (`load-activity.ts`), or built by hand in tests and benchmarks.
 */
import type { CallToCompile } from '../compile/index.ts';
import type { InstanceRecord } from '../store/index.ts';
import type { PlainDateString } from '../time/index.ts';

/** An instance of the log: what its creation says about it (the store's columns of the same name). */
export type RecordedInstance = Pick<InstanceRecord, 'id' | 'kind' | 'lifecycle' | 'measureKind' | 'reportId' | 'operatorId' | 'territory' | 'parentId'>;

/** An event of the log (the creation `@creation` and migrations `@migration` included). */
export interface RecordedEvent {
  /** Its place in the whole log: events replay in this order, across instances (quotas count others). */
  seq: number;
  instanceId: string;
  /** The instance's version after it (1 for the creation). */
  version: number;
  type: string;
  payload: Record<string, unknown>;
  /** The Paris day it counted on (the step's answer). */
  date: PlainDateString;
  /** The role of its sender (`system` for a timer). */
  role: string;
  /** The definition version it ran under. */
  definitionHash: string;
}

/** A call's activity: its instances by id, its events in log order, the definitions they name. */
export interface RecordedActivity {
  callId: string;
  instances: ReadonlyMap<string, RecordedInstance>;
  events: readonly RecordedEvent[];
  definitions: ReadonlyMap<string, CallToCompile>;
}

/** The number of events of an activity, creations included. */
export function eventCount(activity: RecordedActivity): number {
  return activity.events.length;
}
