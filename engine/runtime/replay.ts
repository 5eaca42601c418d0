/**
 * An instance rebuilt from its log alone: the creation's data, then every event through the pinned
 * machine, on the day it counted. A snapshot that differs from its replay means a lost or doubled write.
 * After erasure, the guards that read the erased data are trusted (`replay-erased.ts`).
 */
import { emptyContext, type CompiledLifecycle, type InstanceContext, type PersistedSnapshot } from '../compile/index.ts';
import { EngineError } from '../errors.ts';
import type { StoreSession } from '../store/index.ts';
import type { EngineDefinitions } from './definitions.ts';
import { CREATION_EVENT } from './instances.ts';
import { MIGRATION_EVENT, withDataDefaults } from './migrate.ts';
import { RHYTHM_EVENT } from './rhythm-sweep.ts';
import { stepTrusted } from './replay-erased.ts';

/** The result of a replay. */
export interface Replayed {
  instanceId: string;
  version: number;
  state: string;
  context: InstanceContext;
  snapshot: PersistedSnapshot;
}

/** Replays the log of an instance in `tx`. */
export async function replayInstance(tx: StoreSession, definitions: EngineDefinitions, instanceId: string): Promise<Replayed> {
  const instance = await tx.getInstance(instanceId);
  const events = await tx.listEvents(instanceId);
  const creation = events[0];
  if (!instance || !creation || creation.type !== CREATION_EVENT) {
    throw new EngineError('instance-inconnue', `Dossier « ${instanceId} » introuvable ou sans événement de création : il ne peut pas être rejoué.`, { instanceId });
  }
  const lifecycleOf = async (hash: string): Promise<CompiledLifecycle> => {
    const lifecycle = (await definitions.compiled(tx, hash)).lifecycle(instance.lifecycle);
    if (!lifecycle) throw new EngineError('definition-inconnue', `Cycle de vie « ${instance.lifecycle} » absent de la version ${hash.slice(0, 12)}.`, { instanceId });
    return lifecycle;
  };
  // Personal data erased (its values sealed, their key destroyed): eligibility is what the log recorded.
  const erased = async () => creation.personalDigest !== null && creation.personalDigest !== undefined && (await tx.sealKey(instanceId)) === undefined;
  const created = creation.payload as { applicant?: Record<string, unknown>; beneficiary?: Record<string, unknown>; data?: Record<string, unknown> };
  let lifecycle = await lifecycleOf(creation.definitionHash);
  let { snapshot, state, context } = lifecycle.start(emptyContext(instance.territory, created.applicant ?? created.beneficiary ?? created.data ?? {}));
  for (const event of events.slice(1)) {
    // The engine's record of missed follow-up changes nothing in the instance.
    if (event.type === RHYTHM_EVENT) continue;
    if (event.type === MIGRATION_EVENT) {
      const { state: moved, data } = event.payload as { state: { to: string }; data?: Record<string, unknown> };
      const to = moved.to;
      lifecycle = await lifecycleOf(event.definitionHash);
      context = withDataDefaults(context, data);
      snapshot = lifecycle.at(to, context);
      state = to;
      continue;
    }
    const date = (event.response as { date: string }).date;
    const step = { type: event.type, payload: event.payload as Record<string, unknown>, date, facts: { quotas: {} } };
    const result = lifecycle.step(snapshot, step);
    const trusted = result.kind === 'refused' && (await erased()) ? stepTrusted(lifecycle, snapshot, step) : undefined;
    if (trusted) {
      ({ snapshot, state, context } = trusted);
      continue;
    }
    if (result.kind === 'refused') {
      throw new EngineError('donnees-invalides', `Le journal du dossier « ${instanceId} » ne se rejoue pas : l'événement n° ${event.version} (« ${event.type} ») est refusé au rejeu.`, { instanceId, version: event.version });
    }
    ({ snapshot, state, context } = result);
  }
  return { instanceId, version: events[events.length - 1]?.version ?? 1, state, context, snapshot };
}
