/**
 * Idempotency keys belong to whoever sends them: an operator's organisation (its agents share retries),
 * or the principal for every other role. The key stored is the sender's scope and the key as one JSON
 * array, so the same key from another tenant is another key: it replays nothing, refuses nothing and
 * reveals nothing of what someone else created with it.
 */
import type { Actor } from './actor.ts';

/** Who a key belongs to: `['organisation', operatorId]` for an operator, `['principal', role, id]` otherwise. */
export function idempotencyScope(actor: Actor): string[] {
  if (actor.role === 'operator' && actor.operatorId !== undefined) return ['organisation', actor.operatorId];
  return ['principal', actor.role, actor.id];
}

/**
 * The key as stored: the sender's scope and the key, unambiguous whatever characters either holds.
 * @example
 * scopedKey({ id: 'u1', role: 'operator', operatorId: 'asso-a' }, 'k1') // '["organisation","asso-a","k1"]'
 */
export function scopedKey(actor: Actor, key: string): string {
  return JSON.stringify([...idempotencyScope(actor), key]);
}

/** The scoped key of a request, or `undefined` without one. */
export function scopedKeyOf(actor: Actor, key: string | undefined): string | undefined {
  return key === undefined ? undefined : scopedKey(actor, key);
}
