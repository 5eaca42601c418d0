import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../engine/definition/index.ts';
import { hashedPayload, PERSONAL_MARK, rewriteAt } from '../../../engine/integrity/event-seal.ts';

const message = () => ({
  parentId: 'convention-1', measure: 'equipe-mobile', territory: null,
  beneficiary: { parc: 'prive', 'a/b': { deep: [1, 2] }, enfants: [{ prenom: 'Léa' }, { prenom: 'Tom' }] },
  autre: { intact: { x: 1 } },
});

describe('rewriteAt', () => {
  it('rewrites at each pointer and leaves the message given untouched', () => {
    const original = message();
    const before = canonicalJson(original);
    const out = rewriteAt(original, ['/beneficiary/parc', '/beneficiary/a~1b', '/beneficiary/enfants/1/prenom', '/absent/x', '/beneficiary/nouveau'], () => PERSONAL_MARK);
    expect(canonicalJson(original)).toBe(before);
    expect(out).toEqual({
      ...original,
      beneficiary: { parc: PERSONAL_MARK, 'a/b': PERSONAL_MARK, enfants: [{ prenom: 'Léa' }, { prenom: PERSONAL_MARK }], nouveau: PERSONAL_MARK },
    });
    // Arrays stay arrays; what no pointer reaches is shared, not copied.
    expect(Array.isArray((out as ReturnType<typeof message>).beneficiary.enfants)).toBe(true);
    expect((out as ReturnType<typeof message>).autre).toBe(original.autre);
  });

  it('removes a value when the replacement is undefined, and passes each pointer its value', () => {
    const seen: Array<[string, unknown]> = [];
    const out = rewriteAt(message(), ['/beneficiary/parc', '/territory'], (pointer, value) => {
      seen.push([pointer, value]);
      return undefined;
    });
    expect(seen).toEqual([['/beneficiary/parc', 'prive'], ['/territory', null]]);
    expect(Object.hasOwn((out as ReturnType<typeof message>).beneficiary, 'parc')).toBe(false);
    expect(Object.hasOwn(out as object, 'territory')).toBe(false);
  });

  it('hashes the same projection as a deep copy rewritten in place would', () => {
    const pointers = ['/beneficiary/enfants/0/prenom', '/beneficiary/parc'];
    const deep = structuredClone(message());
    deep.beneficiary.enfants[0]!.prenom = PERSONAL_MARK;
    deep.beneficiary.parc = PERSONAL_MARK;
    expect(canonicalJson(hashedPayload(message(), pointers))).toBe(canonicalJson(deep));
    expect(rewriteAt('texte', ['/a'], () => 1)).toBe('texte');
  });
});
