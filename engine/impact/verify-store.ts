/**
 * `verify`: every call of a store replayed from its log in memory and compared with what the store holds
 * (snapshots, timers, ledger). Read-only; progress reported per event replayed.
 */
import { CompiledCallCache, type CompiledCall, type TerritoryExpander } from '../compile/index.ts';
import type { Store } from '../store/index.ts';
import { loadActivity } from './load-activity.ts';
import type { RecordedActivity } from './recorded-activity.ts';
import { replayActivity, type ReplayOptions } from './replay-activity.ts';
import type { ActivityReplay } from './replay-types.ts';
import { compareWithReplay, readStoredCall, type VerifyDifference } from './verify-activity.ts';

/** Options of {@link verifyStore}. */
export interface VerifyOptions {
  territories: TerritoryExpander;
  /** Only these calls (default: every call with instances in the store). */
  calls?: string[];
  /** Progress: the call being checked, the events replayed in it and its total. */
  onProgress?: (callId: string, done: number, total: number) => void;
}

/** The verdict of one call. */
export interface CallVerification {
  callId: string;
  instances: number;
  events: number;
  differences: VerifyDifference[];
}

/** The verdict of a store: `ok` when no call differs from its replay. */
export interface StoreVerification {
  ok: boolean;
  calls: CallVerification[];
}

/** The replay of an activity under the definitions it was recorded under. */
export function replayRecorded(activity: RecordedActivity, cache: CompiledCallCache, options: ReplayOptions = {}): ActivityReplay {
  const compiled = (hash: string): CompiledCall | undefined => {
    const known = cache.peek(hash);
    if (known) return known;
    const stored = activity.definitions.get(hash);
    return stored ? cache.get(stored) : undefined;
  };
  return replayActivity(activity, { kind: 'recorded', compiled }, options);
}

/**
 * Verifies a store.
 * @example
 * const verdict = await verifyStore(store, { territories: repository.territories });
 * process.exitCode = verdict.ok ? 0 : 1;
 */
export async function verifyStore(store: Pick<Store, 'db'>, options: VerifyOptions): Promise<StoreVerification> {
  const ids = options.calls ?? (await store.db.selectFrom('instances').select('call_id').distinct().orderBy('call_id').execute()).map((r) => r.call_id);
  const cache = new CompiledCallCache({ territories: options.territories });
  const calls: CallVerification[] = [];
  for (const callId of ids) {
    const loaded = await loadActivity(store, callId);
    if (loaded.kind !== 'loaded') continue;
    const activity = loaded.activity;
    const replay = replayRecorded(activity, cache, options.onProgress ? { onProgress: (done, total) => options.onProgress?.(callId, done, total) } : {});
    const stored = await readStoredCall(store, callId);
    calls.push({ callId, instances: stored.instances.size, events: activity.events.length, differences: compareWithReplay(activity, replay, stored) });
  }
  return { ok: calls.every((c) => c.differences.length === 0), calls };
}
