/**
 * Who acts, and what each role may see and do: operators only their own organisation's instances,
 * coordinators only their territories, evaluators no instance data, roles per event from the definition.
 */
import { EngineError } from '../errors.ts';
import type { InstanceRecord, RecordedActor } from '../store/index.ts';

/** The roles of the engine; `system` is the engine itself (timers). */
export type ActorRole = 'departement' | 'coordinator' | 'operator' | 'evaluator' | 'system';

/** Who sends an event or reads an instance. */
export interface Actor {
  id: string;
  role: ActorRole;
  /** The organisation of an operator. */
  operatorId?: string;
  /** The territories of a coordinator. */
  territories?: string[];
}

/** The engine itself, as timers act. */
export const SYSTEM_ACTOR: Actor = { id: 'moteur', role: 'system' };

const ROLE_LABELS: Record<ActorRole, string> = {
  departement: 'agent du Département',
  coordinator: 'coordinateur territorial',
  operator: 'opérateur',
  evaluator: 'évaluateur',
  system: 'moteur (minuteries)',
};

/** The French name of a role. */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role as ActorRole] ?? role;
}

/** What the log keeps of an actor (no organisation or territories: they are in the instance). */
export function recorded(actor: Actor): RecordedActor {
  return { id: actor.id, role: actor.role };
}

/** Whether the role may read some instance (an evaluator reads only aggregated reports). */
export function readsInstances(role: ActorRole): boolean {
  return role !== 'evaluator';
}

/**
 * Refuses (`role-non-autorise`) a role that reads no instance at all, before any instance is looked up:
 * an existing instance and an absent one then answer the same, so the refusal reveals nothing.
 */
export function authorizeReader(actor: Actor): void {
  if (!readsInstances(actor.role)) refuseBlindRole(actor);
}

function refuseBlindRole(actor: Actor): never {
  throw new EngineError('role-non-autorise', "Un évaluateur ne consulte pas les dossiers : il lit les indicateurs agrégés des rapports. Demandez un rapport d'évaluation.", { role: actor.role });
}

/**
 * Refuses (`role-non-autorise`, `hors-perimetre`) when `actor` may not read or act on `instance`.
 * @example
 * authorize({ id: 'u1', role: 'operator', operatorId: 'asso-a' }, instance); // throws unless instance.operatorId is asso-a
 */
export function authorize(actor: Actor, instance: Pick<InstanceRecord, 'operatorId' | 'territory'>): void {
  switch (actor.role) {
    case 'departement':
    case 'system':
      return;
    case 'evaluator':
      return refuseBlindRole(actor);
    case 'operator':
      if (actor.operatorId !== undefined && actor.operatorId === instance.operatorId) return;
      throw new EngineError('hors-perimetre', "Ce dossier relève d'un autre opérateur : un opérateur n'accède qu'aux dossiers de son organisation.", { role: actor.role });
    case 'coordinator':
      if (instance.territory !== null && (actor.territories ?? []).includes(instance.territory)) return;
      throw new EngineError('hors-perimetre', "Ce dossier relève d'un autre territoire : un coordinateur n'accède qu'aux dossiers de ses territoires.", { role: actor.role, territory: instance.territory });
    default: {
      const role: never = actor.role;
      throw new EngineError('role-non-autorise', `Rôle inconnu « ${String(role)} » : utilisez departement, coordinator, operator, evaluator ou system.`, { role });
    }
  }
}

/** Refuses (`role-non-autorise`) when the role may not send this event. */
export function authorizeEvent(actor: Actor, event: { id: string; label: string; roles: readonly string[] }): void {
  if (event.roles.includes(actor.role)) return;
  throw new EngineError(
    'role-non-autorise',
    `L'événement « ${event.label} » ne peut pas être envoyé par un ${roleLabel(actor.role)} : il est réservé à ${event.roles.map(roleLabel).join(', ')}.`,
    { event: event.id, role: actor.role, roles: [...event.roles] },
  );
}
