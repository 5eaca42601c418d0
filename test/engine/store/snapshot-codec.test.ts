import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../../engine/store/snapshot-codec.ts';

const data = { parc: 'prive' };
const full = (status = 'active', extra: Record<string, unknown> = {}) => ({
  status, value: 'diagnostiquee', historyValue: {},
  context: { territory: 'lens-henin', data, acts: { 'diagnostic-flash': { quantity: 1 } }, period: null, milestones: { payments: [] } },
  children: {}, ...extra,
});
const columns = { state: 'diagnostiquee', territory: 'lens-henin', data };

describe('snapshot codec', () => {
  it('stores what the row does not hold, and rebuilds the very snapshot XState persisted', () => {
    for (const status of ['active', 'done']) {
      const stored = encodeSnapshot(full(status), columns);
      expect(JSON.stringify(stored)).not.toContain('parc');
      expect(JSON.stringify(stored)).not.toContain('diagnostiquee');
      expect(JSON.stringify(stored)).not.toContain('lens-henin');
      expect(JSON.stringify(decodeSnapshot(JSON.parse(JSON.stringify(stored)), columns))).toBe(JSON.stringify(full(status)));
    }
    const saved = JSON.stringify(full()).length - JSON.stringify(encodeSnapshot(full(), columns)).length;
    expect(saved).toBeGreaterThan(JSON.stringify(data).length + 'diagnostiquee'.length + 'lens-henin'.length + '{},{},'.length);
  });

  it('reads a row written before (the full form) as it is', () => {
    const old = JSON.parse(JSON.stringify(full()));
    expect(decodeSnapshot(old, { state: 'autre', territory: null, data: {} })).toBe(old);
  });

  it('keeps the full form whenever the row could not give it back', () => {
    const cases = [
      [full(), { ...columns, state: 'autre' }],
      [full(), { ...columns, territory: 'artois' }],
      [full(), { ...columns, data: { ...data } }],
      [full('active', { historyValue: { x: [] } }), columns],
      [full('active', { children: { c: {} } }), columns],
      [full('done', { output: 1 }), columns],
    ] as const;
    for (const [snapshot, row] of cases) expect(encodeSnapshot(snapshot, row)).toBe(snapshot);
  });

  it('gives the row data back after an erasure wrote a compact snapshot with its data (what erase.ts writes)', () => {
    const stored = encodeSnapshot(full(), columns) as { context: Record<string, unknown> };
    const erased = { ...stored, context: { ...stored.context, data: {} } };
    expect(decodeSnapshot(erased, { ...columns, data: {} })).toEqual({ ...full(), context: { ...full().context, data: {} } });
  });
});
