/**
 * What a replay says of each instance: how far its log went, the state and context it ended in, the path
 * of states it took, the ledger rows its steps made, or the first event the rules refused.
 */
import type { CompiledCall, CompiledLifecycle, InstanceContext } from '../compile/index.ts';
import type { EngineErrorCode } from '../errors.ts';
import type { NewLedgerRow } from '../store/index.ts';
import type { PlainDateString } from '../time/index.ts';
import type { RecordedInstance } from './recorded-activity.ts';

/** The first event of an instance that the rules refused (n° `version` of its log; 1 is its creation). */
export interface Refusal {
  version: number;
  type: string;
  date: PlainDateString;
  code: EngineErrorCode;
  /** The engine's French message, as the sender would have read it. */
  message: string;
  /** The refusing rule or guard, when one is named. */
  rule?: string;
}

/** How an instance came through the replay. */
export type ReplayStatus =
  /** Every event of its log applied. */
  | 'replayed'
  /** An event was refused: the instance stays as it was before it, later events are not applied. */
  | 'refused'
  /** Never created under these rules, because its agreement was refused or never selected. */
  | 'not-covered';

/** One instance after its replay. */
export interface ReplayedInstance {
  instance: RecordedInstance;
  status: ReplayStatus;
  /** The compiled call and lifecycle it ended under (absent when not created). */
  call?: CompiledCall;
  lifecycle?: CompiledLifecycle;
  state?: string;
  /** Its context (`lifecycle.at(state, context)` gives the snapshot the store holds). */
  context?: InstanceContext;
  /** The state after each applied event, creation first. */
  path: string[];
  /** Version of the last applied event. */
  version: number;
  /** When the current state was entered (its timers were armed then). */
  entered?: { version: number; date: PlainDateString; context: InstanceContext };
  /** The ledger rows its steps made, as the engine writes them. */
  rows: NewLedgerRow[];
  refusal?: Refusal;
  /** Why it was not created (`not-covered`), in French. */
  reason?: string;
}

/** A whole replay: every instance, and how many events were applied or left. */
export interface ActivityReplay {
  instances: Map<string, ReplayedInstance>;
  applied: number;
  skipped: number;
  /** The last day of the replayed activity (the day money is valued on). */
  asOf: PlainDateString;
}
