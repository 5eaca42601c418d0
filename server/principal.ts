/**
 * The principal of a request as the engine's actor (who acts, in which organisation or territories).
 */
import type { Actor } from '../engine/runtime/index.ts';
import type { Principal } from './tokens.ts';

/** The engine's actor for a principal: its id (never its token), role, organisation and territories. */
export function actorOf(principal: Principal): Actor {
  const actor: Actor = { id: principal.id, role: principal.role };
  if (principal.operatorId !== undefined) actor.operatorId = principal.operatorId;
  if (principal.territories !== undefined) actor.territories = principal.territories;
  return actor;
}
