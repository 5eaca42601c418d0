import { describe, expect, it } from 'vitest';
import { ChainHeads } from '../../../engine/store/chain-heads.ts';

describe('chain heads', () => {
  it('knows a hash written in the open transaction, and keeps it only once committed', () => {
    const heads = new ChainHeads();
    heads.begin();
    heads.wrote('i1', 2, 'h2', true);
    expect(heads.get('i1', 2, true)).toBe('h2');
    expect(heads.get('i1', 2, false)).toBeUndefined();
    heads.rollback();
    expect(heads.get('i1', 2, true)).toBeUndefined();
    heads.begin();
    heads.wrote('i1', 2, 'h2bis', true);
    heads.commit();
    expect(heads.get('i1', 2, false)).toBe('h2bis');
    expect(heads.get('i1', 1, false)).toBeUndefined();
  });

  it('forgets what a savepoint rolled back, and only that', () => {
    const heads = new ChainHeads();
    heads.begin();
    heads.savepoint();
    heads.wrote('a', 1, 'ha', true);
    heads.release();
    heads.savepoint();
    heads.wrote('b', 1, 'hb', true);
    heads.rollbackToSavepoint();
    heads.release();
    heads.commit();
    expect([heads.get('a', 1, false), heads.get('b', 1, false)]).toEqual(['ha', undefined]);
  });

  it('drops what a transaction the database gave up had written, at the next begin', () => {
    const heads = new ChainHeads();
    heads.begin();
    heads.wrote('a', 3, 'stale', true);
    heads.begin();
    expect(heads.get('a', 3, true)).toBeUndefined();
    heads.wrote('a', 1, 'h1', false);
    expect(heads.get('a', 1, false)).toBe('h1');
  });
});
