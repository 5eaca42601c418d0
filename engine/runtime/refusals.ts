/**
 * The French refusals of a step: what was refused, why, and how to fix it. A refusal changes nothing.
 */
import { describeErrors, type CompiledGuard, type CompiledLifecycle } from '../compile/index.ts';
import { EngineError, type EngineErrorCode } from '../errors.ts';
import type { ErrorObject } from 'ajv';

/** The error code of a refusing guard, by its kind. */
function codeOf(guard: CompiledGuard): EngineErrorCode {
  switch (guard.kind) {
    case 'eligibility':
      return 'non-eligible';
    case 'window':
      return 'hors-fenetre';
    case 'quota':
      return 'quota-atteint';
    default:
      return 'garde-refusee';
  }
}

/** A guard refused the event (`reason`: the guard's own account of this refusal, said instead of its label). */
export function guardRefusal(lifecycle: CompiledLifecycle, state: string, type: string, guard: CompiledGuard | undefined, reason?: string): EngineError {
  const event = lifecycle.events.get(type)?.label ?? type;
  const where = lifecycle.states.get(state)?.label ?? state;
  if (!guard) {
    return new EngineError('garde-refusee', `« ${event} » est refusé dans l'état « ${where} » : aucune de ses conditions n'est remplie.`, { event: type, state });
  }
  return new EngineError(
    codeOf(guard),
    reason !== undefined
      ? `« ${event} » est refusé dans l'état « ${where} » : ${reason}`
      : `« ${event} » est refusé dans l'état « ${where} » : ${guard.label} Corrigez le message ou la situation, puis renvoyez l'événement.`,
    { event: type, state, guard: guard.id, ...(guard.quota !== undefined && { quota: guard.quota }) },
  );
}

/** The event is not one the instance's lifecycle knows. */
export function unknownEvent(lifecycle: CompiledLifecycle, type: string): EngineError {
  const known = [...lifecycle.events.keys()].join(', ');
  return new EngineError('evenement-inconnu', `Événement « ${type} » inconnu du cycle de vie « ${lifecycle.label} » (événements : ${known}).`, { event: type, lifecycle: lifecycle.key });
}

/** The event exists but the current state does not accept it. */
export function notAllowedNow(lifecycle: CompiledLifecycle, state: string, type: string): EngineError {
  const current = lifecycle.states.get(state);
  const label = lifecycle.events.get(type)?.label ?? type;
  const allowed = (current?.events ?? []).map((e) => `${e} (${lifecycle.events.get(e)?.label ?? e})`);
  const now = current?.final
    ? 'le dossier est clos (état final)'
    : allowed.length > 0 ? `événements possibles maintenant : ${allowed.join(', ')}` : 'aucun événement possible maintenant';
  return new EngineError('evenement-non-permis', `« ${label} » n'est pas possible dans l'état « ${current?.label ?? state} » : ${now}.`, { event: type, state, allowed: current?.events ?? [] });
}

/** The message does not match the event's schema. */
export function invalidMessage(lifecycle: CompiledLifecycle, type: string, errors: ErrorObject[] | null | undefined): EngineError {
  const label = lifecycle.events.get(type)?.label ?? type;
  const problems = describeErrors(errors);
  return new EngineError('message-invalide', `Le message de « ${label} » est invalide : ${problems.join(' ; ')}. Corrigez ces champs et renvoyez l'événement.`, { event: type, problems });
}

/** The expected version is not the current one. */
export function staleVersion(expected: number, current: number): EngineError {
  return new EngineError('conflit-de-version', `Le dossier a changé depuis votre lecture (version ${expected}, version actuelle ${current}) : relisez-le puis renvoyez l'événement si c'est toujours utile.`, { expectedVersion: expected, currentVersion: current });
}
