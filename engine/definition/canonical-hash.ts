/**
 * A stable fingerprint of a resolved definition: sha256 of its canonical JSON (keys sorted).
 */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so that equal definitions print equally. The same text as
 * `JSON.stringify` with a key-sorting replacer (the hashes recorded in stores depend on it), written
 * without the replacer, which costs ten times more: the server hashes every published call at start.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

const omitted = (item: unknown) => item === undefined || typeof item === 'function' || typeof item === 'symbol';

function write(value: unknown): string {
  // A string, number, boolean or null; undefined at the top gives undefined, as JSON.stringify does.
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${omitted(value[i]) ? 'null' : write(value[i])}`;
    return `${out}]`;
  }
  let out = '{';
  for (const key of sortedKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (omitted(item)) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${write(item)}`;
  }
  return `${out}}`;
}

/**
 * The keys in the order the sorting replacer printed them: it rebuilt each object inserting sorted keys,
 * and an object lists its integer keys first, ascending (as `Object.keys` gives them already), then the
 * others in insertion order.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  let integers = 0;
  while (integers < keys.length && isArrayIndex(keys[integers] as string)) integers++;
  return integers === 0 ? keys.sort() : [...keys.slice(0, integers), ...keys.slice(integers).sort()];
}

const isArrayIndex = (key: string) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;

/** The sha256 (hex) of the canonical JSON of `value`. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
