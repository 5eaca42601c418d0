import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSealKey, personalDigest, valueAt } from '../../../engine/integrity/event-seal.ts';

describe('newSealKey', () => {
  it('gives 32-byte hex keys, never the same twice, across many refills of its pool', () => {
    const keys = Array.from({ length: 1000 }, () => newSealKey());
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(keys).size).toBe(keys.length);
    // No key is a run of zeros (a wiped, not refilled, part of the pool).
    expect(keys.some((key) => /^0+$/.test(key))).toBe(false);
  });

  it('keys an HMAC of the personal values as the standard HMAC-SHA-256 does', () => {
    const key = newSealKey();
    const payload = { beneficiary: { 'a/b': 1, 'c~d': 'x', parc: 'prive' } };
    const pointers = ['/beneficiary/a~1b', '/beneficiary/c~0d', '/beneficiary/parc'];
    expect(pointers.map((p) => valueAt(payload, p))).toEqual([1, 'x', 'prive']);
    const expected = createHmac('sha256', Buffer.from(key, 'hex')).update(JSON.stringify(pointers.map((p, i) => [p, [1, 'x', 'prive'][i]]))).digest('hex');
    expect(personalDigest(key, payload, pointers)).toBe(expected);
  });
});
