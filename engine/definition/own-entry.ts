/**
 * Reading a definition's collections (maps keyed by id, plain objects once parsed) by an id that comes from
 * outside: only the object's own entries count, never what its prototype answers (`constructor`,
 * `toString`, `__proto__`…).
 */

/**
 * The entry `id` of `collection` when the collection itself holds it.
 * @example
 * ownEntry(call.indicators, 'constructor') // undefined, not Object
 */
export function ownEntry<T>(collection: Readonly<Record<string, T>> | undefined, id: string): T | undefined {
  return collection !== undefined && Object.hasOwn(collection, id) ? collection[id] : undefined;
}
