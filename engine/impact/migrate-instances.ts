/**
 * Applying a call's migration plan (`migration` in its YAML) to the running instances of earlier versions:
 * planned first (which instance goes to which state, which are not covered, which states in use the plan
 * leaves without a target), then — unless it is a dry run, whose answer is the impact of the new version
 * on the recorded activity — one `@migration` event per instance, each in its own transaction, timers
 * re-planned by the engine. A plan that leaves a state in use without a target is refused, and nothing
 * changes. Instances already under the new version are not touched again: running it twice is harmless.
 */
import type { CallToCompile, CompiledCall, TerritoryExpander } from '../compile/index.ts';
import { CompiledCallCache } from '../compile/index.ts';
import type { Repository } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import type { Actor, Engine } from '../runtime/index.ts';
import type { InstanceRecord, Store } from '../store/index.ts';
import { candidateFromRepository } from './candidate.ts';
import { computeImpact } from './compute-impact.ts';
import type { ImpactReport } from './impact-types.ts';
import { loadActivity } from './load-activity.ts';

/** One instance the plan moves. */
export interface PlannedMove {
  instanceId: string;
  lifecycle: string;
  fromVersion: number;
  from: string;
  to: string;
}

/** An instance the plan does not cover (listed, left unchanged). */
export interface Uncovered {
  instanceId: string;
  lifecycle: string;
  fromVersion: number;
  state: string;
  reason: string;
}

/** What a migration did, or would do. */
export interface MigrationOutcome {
  callId: string;
  toVersion: number;
  toHash: string;
  dryRun: boolean;
  /** Refused: states in use the plan leaves without a target (nothing was written). */
  missing: Array<{ lifecycle: string; state: string; instances: string[] }>;
  moves: PlannedMove[];
  uncovered: Uncovered[];
  /** Instances moved (apply), and those the engine refused (a concurrent change), each with its reason. */
  migrated: string[];
  failed: Array<{ instanceId: string; message: string }>;
  /** The dry run's impact of the new version on the recorded activity. */
  impact?: ImpactReport;
}

/** What {@link migrateInstances} runs on. */
export interface MigrateInstancesInput {
  store: Pick<Store, 'db' | 'listInstances' | 'getDefinition'>;
  engine: Pick<Engine, 'migrate'>;
  repository: Pick<Repository, 'calls' | 'pieces' | 'territories'>;
  callId: string;
  toVersion: number;
  dryRun: boolean;
  actor: Actor;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The version of a call the repository holds, if it is `version` (the one place that reads call versions:
 * a call's published versions may later be kept side by side).
 */
export function callVersion(repository: Pick<Repository, 'calls' | 'pieces' | 'territories'>, callId: string, version: number): CallToCompile | undefined {
  const call = candidateFromRepository(repository, callId);
  return call && call.version === version ? call : undefined;
}

/** Plans, then applies unless `dryRun`, the migration of a call's running instances to `toVersion`. */
export async function migrateInstances(input: MigrateInstancesInput): Promise<MigrationOutcome> {
  const { store, repository, callId, toVersion } = input;
  const target = callVersion(repository, callId, toVersion);
  if (!target) {
    const current = repository.calls.get(callId)?.version;
    throw new EngineError('definition-inconnue', current === undefined
      ? `Appel « ${callId} » inconnu des définitions : vérifiez son identifiant.`
      : `Les définitions portent la version ${current} de « ${callId} », pas la version ${toVersion} : migrez vers la version publiée (--to-version ${current}).`, { call: callId, version: toVersion });
  }
  const plan = target.definition.migration;
  if (!plan) {
    throw new EngineError('migration-incomplete', `La version ${toVersion} de « ${callId} » n'a pas de plan de migration : ajoutez une section « migration » (lifecycles: { <cycle>: { states: { <ancien>: <nouveau> } } }) à l'appel, puis relancez.`, { call: callId });
  }
  const compiled: CompiledCall = new CompiledCallCache({ territories: repository.territories as TerritoryExpander }).get(target);
  const versions = new Map<string, number>();
  const versionOf = async (hash: string) => {
    let v = versions.get(hash);
    if (v === undefined) versions.set(hash, (v = (await store.getDefinition(hash))?.version ?? 0));
    return v;
  };

  const outcome: MigrationOutcome = { callId, toVersion, toHash: target.hash, dryRun: input.dryRun, missing: [], moves: [], uncovered: [], migrated: [], failed: [] };
  const missing = new Map<string, { lifecycle: string; state: string; instances: string[] }>();
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const page = await store.listInstances({ callId }, { limit: 500, ...(cursor !== undefined && { cursor }) });
    for (const instance of page.items) {
      if (instance.definitionHash === target.hash) continue;
      await planOne(instance, await versionOf(instance.definitionHash));
    }
    cursor = page.nextCursor;
  }
  outcome.missing = [...missing.values()];

  async function planOne(instance: InstanceRecord, fromVersion: number): Promise<void> {
    const base = { instanceId: instance.id, lifecycle: instance.lifecycle, fromVersion };
    const entry = Object.hasOwn(plan!.lifecycles, instance.lifecycle) ? plan!.lifecycles[instance.lifecycle] : undefined;
    if (plan!.from && !plan!.from.includes(fromVersion)) {
      outcome.uncovered.push({ ...base, state: instance.state, reason: `version ${fromVersion} non visée par le plan (from : ${plan!.from.join(', ')})` });
      return;
    }
    if (!entry) {
      outcome.uncovered.push({ ...base, state: instance.state, reason: `cycle de vie « ${instance.lifecycle} » absent du plan` });
      return;
    }
    const states = compiled.lifecycle(instance.lifecycle)?.states;
    const mapped = entry.states && Object.hasOwn(entry.states, instance.state) ? entry.states[instance.state] : states?.has(instance.state) ? instance.state : undefined;
    if (mapped === undefined || !states?.has(mapped)) {
      const key = `${instance.lifecycle}\u0000${instance.state}`;
      const gap = missing.get(key) ?? { lifecycle: instance.lifecycle, state: instance.state, instances: [] };
      gap.instances.push(instance.id);
      missing.set(key, gap);
      return;
    }
    outcome.moves.push({ ...base, from: instance.state, to: mapped });
  }

  if (outcome.missing.length > 0) return outcome; // refused: nothing is written
  if (input.dryRun) {
    const loaded = await loadActivity(store, callId);
    if (loaded.kind === 'loaded') outcome.impact = computeImpact({ activity: loaded.activity, candidate: target, territories: repository.territories, shiftYears: 0 });
    return outcome;
  }
  for (const [index, move] of outcome.moves.entries()) {
    const data = plan.lifecycles[move.lifecycle]?.data;
    try {
      await input.engine.migrate({ instanceIds: [move.instanceId], toHash: target.hash, stateMapping: { [move.from]: move.to }, ...(data && { dataDefaults: data }), actor: input.actor });
      outcome.migrated.push(move.instanceId);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      outcome.failed.push({ instanceId: move.instanceId, message: error.message });
    }
    input.onProgress?.(index + 1, outcome.moves.length);
  }
  return outcome;
}
