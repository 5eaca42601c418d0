/**
 * Reads a call's recorded activity from the store, once, in pages: its instances, its log in sequence
 * order, the definitions the log names. Nothing is written.
 */
import type { Call } from '../definition/index.ts';
import type { Store } from '../store/index.ts';
import type { InstanceKind } from '../store/index.ts';
import type { CallToCompile } from '../compile/index.ts';
import type { RecordedActivity, RecordedEvent, RecordedInstance } from './recorded-activity.ts';

const PAGE = 5000;

/** Options of {@link loadActivity}. */
export interface LoadActivityOptions {
  /** Refuse (return `undefined` counts) above this many events: the caller says what to do. */
  maxEvents?: number;
  onProgress?: (loaded: number, total: number) => void;
}

/** A loaded activity, or the count that exceeded `maxEvents`. */
export type LoadedActivity = { kind: 'loaded'; activity: RecordedActivity } | { kind: 'too-large'; events: number };

/** JSON columns are TEXT in SQLite and already parsed by `pg`. */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Loads the activity of `callId`.
 * @example
 * const loaded = await loadActivity(store, 'equipes-mobiles-2025', { maxEvents: 2_000_000 });
 * if (loaded.kind === 'loaded') replayActivity(loaded.activity, rules);
 */
export async function loadActivity(store: Pick<Store, 'db'>, callId: string, options: LoadActivityOptions = {}): Promise<LoadedActivity> {
  const db = store.db;
  const counted = await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('call_id', '=', callId).executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  if (options.maxEvents !== undefined && total > options.maxEvents) return { kind: 'too-large', events: total };

  const instances = new Map<string, RecordedInstance>();
  const rows = await db.selectFrom('instances')
    .select(['id', 'kind', 'lifecycle', 'measure_kind', 'report_id', 'operator_id', 'territory', 'parent_id'])
    .where('call_id', '=', callId).execute();
  for (const r of rows) {
    instances.set(r.id, {
      id: r.id, kind: r.kind as InstanceKind, lifecycle: r.lifecycle, measureKind: r.measure_kind, reportId: r.report_id,
      operatorId: r.operator_id, territory: r.territory, parentId: r.parent_id,
    });
  }

  const events: RecordedEvent[] = [];
  const hashes = new Set<string>();
  for (let after = -1; ;) {
    const page = await db.selectFrom('events')
      .select(['seq', 'instance_id', 'version', 'type', 'payload', 'actor', 'definition_hash', 'response'])
      .where('call_id', '=', callId).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    for (const r of page) {
      const response = json(r.response) as { date?: string } | null;
      events.push({
        // The instance's own id string, shared by its events: the replay's lookups hash it once.
        seq: Number(r.seq), instanceId: instances.get(r.instance_id)?.id ?? r.instance_id, version: Number(r.version), type: r.type,
        payload: (json(r.payload) ?? {}) as Record<string, unknown>, date: response?.date ?? '',
        role: (json(r.actor) as { role?: string } | null)?.role ?? 'system', definitionHash: r.definition_hash,
      });
      hashes.add(r.definition_hash);
    }
    options.onProgress?.(events.length, total);
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = Number(last.seq);
  }

  const definitions = new Map<string, CallToCompile>();
  if (hashes.size > 0) {
    const stored = await db.selectFrom('definitions').select(['hash', 'call_id', 'version', 'json']).where('hash', 'in', [...hashes]).execute();
    for (const d of stored) definitions.set(d.hash, { id: d.call_id, version: Number(d.version), hash: d.hash, definition: json(d.json) as Call });
  }
  return { kind: 'loaded', activity: { callId, instances, events, definitions } };
}
