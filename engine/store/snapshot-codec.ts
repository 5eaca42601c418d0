/**
 * How an instance's snapshot is stored (issue 14): only what its row does not already hold. XState's
 * persisted snapshot repeats the row's `state` (its `value`), `territory` and `data` (in its context) and
 * carries empty `children` and `historyValue`; written as is it was most of the row. The compact form keeps
 * the rest of the context, and the status when it is not `active`:
 *
 *   { "context": { "acts": …, "period": …, "milestones": … }, "status"?: "done" }
 *
 * Reading accepts both forms: a compact one (no `value`) is rebuilt from the row's columns into the very
 * object XState persisted; a full one (rows written before, or a snapshot the compact form cannot say) is
 * returned as it is. Writing falls back to the full form whenever rebuilding would not give the snapshot
 * back exactly (a value that is not the row's state, a context whose data is not the row's, children,
 * history, output or error).
 */

/** The columns of an instance's row a compact snapshot is rebuilt from. */
export interface SnapshotColumns {
  state: string;
  territory: string | null;
  data: Record<string, unknown>;
}

const FULL_KEYS = new Set(['status', 'value', 'historyValue', 'context', 'children']);

const isEmptyObject = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.keys(value).length === 0;

/** The stored form of `snapshot` beside `columns` (compact when it can be rebuilt exactly, full otherwise). */
export function encodeSnapshot(snapshot: unknown, columns: SnapshotColumns): unknown {
  if (snapshot === null || typeof snapshot !== 'object') return snapshot;
  const s = snapshot as Record<string, unknown>;
  const context = s.context as Record<string, unknown> | undefined;
  if (s.value !== columns.state || !isEmptyObject(s.children) || !isEmptyObject(s.historyValue)) return snapshot;
  if (context === null || typeof context !== 'object' || context.data !== columns.data || context.territory !== columns.territory) return snapshot;
  for (const key of Object.keys(s)) if (!FULL_KEYS.has(key) && s[key] !== undefined) return snapshot;
  // The rebuilt context puts territory and data first: keep the compact form only when they were first.
  const keys = Object.keys(context);
  if (keys[0] !== 'territory' || keys[1] !== 'data') return snapshot;
  const rest: Record<string, unknown> = {};
  for (const key of keys.slice(2)) rest[key] = context[key];
  return s.status === 'active' ? { context: rest } : { context: rest, status: s.status };
}

/** The snapshot a stored form stands for (a full form as it is, a compact one rebuilt from `columns`). */
export function decodeSnapshot(stored: unknown, columns: SnapshotColumns): unknown {
  if (stored === null || typeof stored !== 'object' || 'value' in stored) return stored;
  const s = stored as { context?: Record<string, unknown>; status?: string };
  if (s.context === undefined) return stored;
  return {
    status: s.status ?? 'active',
    value: columns.state,
    historyValue: {},
    context: { territory: columns.territory, data: columns.data, ...s.context },
    children: {},
  };
}
