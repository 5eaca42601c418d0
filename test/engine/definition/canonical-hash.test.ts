/**
 * The canonical JSON of a definition fingerprints every stored version (its hash is kept with each
 * instance): writing it faster must not change one character of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, loadRepository } from '../../../engine/definition/index.ts';

/** The reference: JSON.stringify with a replacer that sorts the keys of every object. */
function sortedStringify(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

describe('canonicalJson', () => {
  it('prints every shipped call exactly as JSON.stringify with sorted keys', async () => {
    const repository = await loadRepository('definitions');
    expect(repository.calls.size).toBeGreaterThan(0);
    for (const call of repository.calls.values()) expect(canonicalJson(call.definition)).toBe(sortedStringify(call.definition));
  });

  it('prints any JSON value (and undefined members) exactly as JSON.stringify with sorted keys', () => {
    const member = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, member, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(fc.property(value, (v) => { expect(canonicalJson(v)).toBe(sortedStringify(v) ?? 'null'); }), { numRuns: 500 });
  });
});
