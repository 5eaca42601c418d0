import { describe, expect, it } from 'vitest';
import { subsetMismatches } from '../../../engine/scenario/index.ts';

describe('expected data as a subset', () => {
  it('needs only the keys the scenario writes', () => {
    expect(subsetMismatches({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'x', d: 2 }, e: true })).toEqual([]);
  });

  it('names the path of each difference', () => {
    expect(subsetMismatches({ a: 2, b: { c: 'y' }, l: [1, { m: 3 }] }, { a: 1, b: { c: 'x' }, l: [1, { m: 4 }] })).toEqual([
      { path: 'a', expected: 2, actual: 1 },
      { path: 'b.c', expected: 'y', actual: 'x' },
      { path: 'l[1].m', expected: 3, actual: 4 },
    ]);
    expect(subsetMismatches({ l: [1] }, { l: [1, 2] })).toEqual([{ path: 'l', expected: [1], actual: [1, 2] }]);
    expect(subsetMismatches({ a: 1 }, {})).toEqual([{ path: 'a', expected: 1, actual: undefined }]);
  });

  it('compares an amount written in euros with cents', () => {
    expect(subsetMismatches({ dette: '1 250,50 €' }, { dette: 125050 })).toEqual([]);
    expect(subsetMismatches({ dette: '1 250 €' }, { dette: 125050 })).toEqual([{ path: 'dette', expected: '1 250 €', actual: '1\u00a0250,50\u00a0€' }]);
  });
});
