import { describe, expect, it } from 'vitest';
import { HotInstances } from '../../../engine/store/hot-instances.ts';

describe('hot instances', () => {
  it('gives back the values remembered for the very same texts, without parsing them again', () => {
    const hot = new HotInstances();
    const snapshot = { value: 'a', context: { acts: {} } };
    const data = { x: 1 };
    hot.remember('i1', JSON.stringify(snapshot), snapshot, JSON.stringify(data), data);
    const read = hot.parse('i1', JSON.stringify(snapshot), JSON.stringify(data));
    expect(read.snapshot).toBe(snapshot);
    expect(read.data).toBe(data);
  });

  it('parses a text that differs from the one remembered (another writer, a rolled-back write): never stale', () => {
    const hot = new HotInstances();
    const written = { value: 'b' };
    hot.remember('i1', JSON.stringify(written), written, '{}', {});
    const stored = { value: 'a' };
    const read = hot.parse('i1', JSON.stringify(stored), '{}');
    expect(read.snapshot).toEqual(stored);
    expect(read.snapshot).not.toBe(written);
  });

  it('keeps at most its bound, dropping the least recently used', () => {
    const hot = new HotInstances(2);
    const values = ['a', 'b', 'c'].map((id) => ({ id }));
    for (const v of values) hot.remember(v.id, JSON.stringify(v), v, '{}', {});
    expect(hot.parse('c', JSON.stringify(values[2]), '{}').snapshot).toBe(values[2]);
    expect(hot.parse('a', JSON.stringify(values[0]), '{}').snapshot).not.toBe(values[0]);
  });
});
