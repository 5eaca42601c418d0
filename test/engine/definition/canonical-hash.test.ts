import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from '../../../engine/definition/canonical-hash.ts';
import { loadRepository } from '../../../engine/definition/index.ts';

/**
 * The definition of canonical JSON the stored hashes were made with: JSON.stringify sorting keys. The sorted
 * copy has no prototype, so that a key `__proto__` (which JSON.parse makes an own key) is printed, not
 * swallowed as a prototype assignment.
 */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

describe('canonicalJson', () => {
  it('prints every JSON value as JSON.stringify with sorted keys does (the hashes recorded in stores stay valid)', () => {
    const value = fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withDate: true, withSparseArray: true, withBoxedValues: false }));
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 2000 });
  });

  it('prints an own key « __proto__ » (two messages differing only there must not hash alike)', () => {
    const withKey = JSON.parse('{"b":1,"__proto__":""}') as unknown;
    expect(canonicalJson(withKey)).toBe('{"__proto__":"","b":1}');
    expect(canonicalHash(withKey)).not.toBe(canonicalHash({ b: 1 }));
  });

  it('prints every shipped call as before, whatever the order of its keys', async () => {
    const repository = await loadRepository('definitions');
    for (const call of repository.calls.values()) {
      expect(canonicalJson(call.definition)).toBe(reference(call.definition));
      const reversed = JSON.parse(JSON.stringify(call.definition, (_k, item: unknown) =>
        item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).reverse()) : item)) as unknown;
      expect(canonicalHash(reversed)).toBe(call.hash);
    }
  });
});
