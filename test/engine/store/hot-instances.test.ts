import { describe, expect, it } from 'vitest';
import { HotInstances, type StoredColumns } from '../../../engine/store/hot-instances.ts';

const row = (version: number, state: string, snapshot: unknown, data: unknown = {}): StoredColumns =>
  ({ version, state, territory: 't', snapshot: JSON.stringify(snapshot), data: JSON.stringify(data) });

describe('hot instances', () => {
  it('gives back the values remembered for the very same row, without parsing them again', () => {
    const hot = new HotInstances();
    const snapshot = { value: 'a', context: { acts: {} } };
    const data = { x: 1 };
    hot.remember('i1', row(2, 'a', snapshot, data), snapshot, data);
    const read = hot.parse('i1', row(2, 'a', snapshot, data));
    expect(read.snapshot).toBe(snapshot);
    expect(read.data).toBe(data);
  });

  it('parses a text that differs from the one remembered (another writer, a rolled-back write): never stale', () => {
    const hot = new HotInstances();
    const written = { value: 'b' };
    hot.remember('i1', row(2, 'b', written), written, {});
    const stored = { value: 'a' };
    const read = hot.parse('i1', row(2, 'a', stored));
    expect(read.snapshot).toEqual(stored);
    expect(read.snapshot).not.toBe(written);
  });

  it('rebuilds a compact snapshot for the row read: the same text under another state is another snapshot', () => {
    const hot = new HotInstances();
    const compact = { context: { acts: {} } };
    const first = hot.parse('i1', row(2, 'a', compact, { x: 1 }));
    expect(first.snapshot).toEqual({ status: 'active', value: 'a', historyValue: {}, context: { territory: 't', data: { x: 1 }, acts: {} }, children: {} });
    const second = hot.parse('i1', row(3, 'b', compact, { x: 1 }));
    expect((second.snapshot as { value: string }).value).toBe('b');
    expect(second.data).toBe(first.data);
  });

  it('keeps at most its bound, dropping the least recently used', () => {
    const hot = new HotInstances(2);
    const values = ['a', 'b', 'c'].map((id) => ({ id, value: id }));
    for (const v of values) hot.remember(v.id, row(1, v.id, v), v, {});
    expect(hot.parse('c', row(1, 'c', values[2])).snapshot).toBe(values[2]);
    expect(hot.parse('a', row(1, 'a', values[0])).snapshot).not.toBe(values[0]);
  });
});
