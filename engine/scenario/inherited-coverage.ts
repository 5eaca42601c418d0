/**
 * Coverage grows with the call: a lifecycle that a child call leaves as its parent wrote it is covered by
 * the parent's scenarios too (the same machine, already tried), nearest ancestor first, as long as it is
 * unchanged along the chain.
 */
import { canonicalJson, type Call, type Repository } from '../definition/index.ts';
import type { Engine } from '../runtime/index.ts';
import type { ScenarioResult } from './run-scenario.ts';

/** The lifecycle definition behind a coverage key (`application`, `report`, `measure:<id>`). */
function lifecycleOf(call: Call, key: string): unknown {
  if (key.startsWith('measure:')) return call.measures?.[key.slice('measure:'.length)]?.lifecycle;
  return key === 'application' ? call.lifecycles?.application : key === 'report' ? call.lifecycles?.report : undefined;
}

/**
 * The runs of ancestors' scenarios credited to each lifecycle of `callId` that the call leaves unchanged.
 * @returns coverage key → the ancestors' results (their `started` and `taken` name the same lifecycle key)
 */
export function creditedRuns(repository: Pick<Repository, 'calls'>, engine: Pick<Engine, 'compiled'>, callId: string, results: readonly ScenarioResult[]): Map<string, ScenarioResult[]> {
  const credited = new Map<string, ScenarioResult[]>();
  const call = repository.calls.get(callId);
  if (call === undefined || call.parents.length === 0) return credited;
  const own = engine.compiled(callId).definition;
  const keys = ['application', 'report', ...Object.keys(own.measures ?? {}).map((id) => `measure:${id}`)];
  for (const key of keys) {
    const mine = canonicalJson(lifecycleOf(own, key) ?? null);
    for (const parentId of call.parents) {
      if (!repository.calls.has(parentId)) break;
      if (canonicalJson(lifecycleOf(engine.compiled(parentId).definition, key) ?? null) !== mine) break;
      credited.set(key, [...(credited.get(key) ?? []), ...results.filter((r) => r.call === parentId)]);
    }
  }
  return credited;
}
