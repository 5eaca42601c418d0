/**
 * Explicit migration of running instances to another version of their call: every state in use must be
 * mapped to a state of the new version, or nothing moves (`migration-incomplete`). The move is an event of
 * the log (`@migration`), in one transaction for all the instances.
 */
import type { InstanceContext } from '../compile/index.ts';
import { EngineError } from '../errors.ts';
import type { InstanceRecord, StoreSession } from '../store/index.ts';
import { recorded, type Actor } from './actor.ts';
import type { EngineDefinitions } from './definitions.ts';
import type { StepClock } from './step.ts';
import { moveTimers } from './timers.ts';

/** The type of a migration event in the log. */
export const MIGRATION_EVENT = '@migration';

/** Which instances move, to which definition hash, and where each state in use goes. */
export interface MigrationInput {
  instanceIds: string[];
  toHash: string;
  /** Old state → new state; must cover every state the instances are in. */
  stateMapping: Record<string, string>;
  /** Values given to the data fields the instances lack (a field the new version adds). */
  dataDefaults?: Record<string, unknown>;
  actor: Actor;
}

/** The context of a migrated instance: its data completed with the defaults it lacks (pure; the replay applies it too). */
export function withDataDefaults(context: InstanceContext, defaults: Record<string, unknown> | undefined): InstanceContext {
  if (!defaults) return context;
  const missing = Object.entries(defaults).filter(([key]) => !Object.hasOwn(context.data, key));
  return missing.length === 0 ? context : { ...context, data: { ...context.data, ...Object.fromEntries(missing) } };
}

/** One instance moved. */
export interface MigratedInstance {
  instanceId: string;
  from: { hash: string; state: string };
  to: { hash: string; state: string };
  version: number;
}

/** Moves the instances in `tx`, or refuses before writing anything. */
export async function migrateIn(tx: StoreSession, definitions: EngineDefinitions, input: MigrationInput, clock: StepClock): Promise<MigratedInstance[]> {
  if (input.actor.role !== 'departement') {
    throw new EngineError('role-non-autorise', 'Seul un agent du Département peut migrer des dossiers vers une nouvelle version de définition.', { role: input.actor.role });
  }
  const target = await definitions.target(tx, input.toHash, clock.at);
  if (!target) {
    throw new EngineError('definition-inconnue', `Version de définition « ${input.toHash.slice(0, 12)} » inconnue : publiez-la (validez le dépôt de définitions) avant d'y migrer des dossiers.`, { hash: input.toHash });
  }
  const instances: InstanceRecord[] = [];
  for (const id of input.instanceIds) {
    const instance = await tx.getInstance(id);
    if (!instance) throw new EngineError('instance-inconnue', `Dossier « ${id} » introuvable : vérifiez la liste des dossiers à migrer.`, { instanceId: id });
    if (instance.callId !== target.id) {
      throw new EngineError('donnees-invalides', `Le dossier « ${id} » relève de l'appel « ${instance.callId} », pas de « ${target.id} » : une migration reste dans le même appel.`, { instanceId: id });
    }
    instances.push(instance);
  }
  const unmapped = [...new Set(instances.map((i) => i.state))].filter((state) => input.stateMapping[state] === undefined).sort();
  const unknown = instances.filter((i) => {
    const lifecycle = target.lifecycle(i.lifecycle);
    const to = input.stateMapping[i.state];
    return to !== undefined && (!lifecycle || !lifecycle.states.has(to));
  });
  if (unmapped.length > 0 || unknown.length > 0) {
    const parts = [
      unmapped.length > 0 ? `états en usage sans correspondance : ${unmapped.join(', ')}` : '',
      unknown.length > 0 ? `états cibles absents de la nouvelle version : ${[...new Set(unknown.map((i) => input.stateMapping[i.state]))].join(', ')}` : '',
    ].filter(Boolean);
    throw new EngineError('migration-incomplete', `Migration refusée, rien n'a changé (${parts.join(' ; ')}). Complétez la table de correspondance des états.`, { unmapped, unknownTargets: unknown.map((i) => input.stateMapping[i.state]) });
  }

  const moved: MigratedInstance[] = [];
  for (const instance of instances) {
    const lifecycle = target.lifecycle(instance.lifecycle)!;
    const to = input.stateMapping[instance.state]!;
    const context = withDataDefaults((instance.snapshot as { context: InstanceContext }).context, input.dataDefaults);
    const snapshot = lifecycle.at(to, context);
    const version = instance.version + 1;
    const state = lifecycle.states.get(to)!;
    const response = { instanceId: instance.id, version, state: to, stateLabel: state.label, final: state.final, date: clock.date };
    await tx.appendEvent({
      instanceId: instance.id, callId: instance.callId, version, type: MIGRATION_EVENT,
      payload: { from: instance.definitionHash, to: target.hash, state: { from: instance.state, to }, ...(input.dataDefaults && { data: input.dataDefaults }) }, actor: recorded(input.actor), at: clock.at,
      idempotencyKey: null, definitionHash: target.hash, response,
    });
    const written = await tx.updateInstance({
      id: instance.id, expectedVersion: instance.version, version, definitionHash: target.hash, state: to, territory: instance.territory, data: context.data, snapshot,
      selectedOn: instance.selectedOn, periodStart: instance.periodStart, periodEnd: instance.periodEnd, updatedAt: clock.at,
    });
    if (!written) throw new EngineError('conflit-de-version', `Le dossier « ${instance.id} » a changé pendant la migration : relancez-la.`, { instanceId: instance.id });
    await tx.cancelTimers(instance.id);
    await tx.cancelNotifications(instance.id);
    await moveTimers(tx, target, { instanceId: instance.id, version, from: undefined, to: state, context, date: clock.date });
    moved.push({ instanceId: instance.id, from: { hash: instance.definitionHash, state: instance.state }, to: { hash: target.hash, state: to }, version });
  }
  return moved;
}
