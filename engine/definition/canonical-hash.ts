/**
 * A stable fingerprint of a resolved definition: sha256 of its canonical JSON (keys sorted).
 */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so that equal definitions print equally. Written directly
 * (the same text as `JSON.stringify` with a sorting replacer, without a sorted copy of every object: a
 * 1 MiB definition has tens of thousands of them).
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

function write(value: unknown, parts: string[]): void {
  if (value === null || typeof value !== 'object') {
    parts.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    value.forEach((item, index) => {
      if (index > 0) parts.push(',');
      write(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, parts);
    });
    parts.push(']');
    return;
  }
  parts.push('{');
  let first = true;
  for (const key of canonicalKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    parts.push(first ? '' : ',', JSON.stringify(key), ':');
    first = false;
    write(item, parts);
  }
  parts.push('}');
}

/** The sha256 (hex) of the canonical JSON of `value`. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * The order the sorting replacer printed keys in: it built a sorted object, and an object lists its
 * array-index keys (« 0 », « 12 ») first, in numeric order, then the others in insertion (sorted) order.
 */
function canonicalKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  const indices = keys.filter(isArrayIndex);
  if (indices.length === 0) return keys;
  return [...indices.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isArrayIndex(key))];
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;
}
