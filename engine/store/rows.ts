/**
 * What both sessions (SQLite, PostgreSQL) share: the instance filter and page query, the mapping of rows
 * to records, and page cursors. JSON columns come back as TEXT from SQLite and already parsed from
 * PostgreSQL, so the mappings take the decoder of their database.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { EngineError } from '../errors.ts';
import type { EventRecord, InstanceFilter, InstanceKind, InstanceRecord, LedgerKind, LedgerRecord, MeasureGroup, MeasureState, Page, PageRequest, TimerRecord, TimerStatus } from './store.ts';
import type { Database, InstancesTable } from './tables.ts';
import { decodeSnapshot } from './snapshot-codec.ts';

/** The columns of `instances`, in the order inserts bind them. */
export const INSTANCE_COLUMNS =
  'id, call_id, definition_hash, kind, lifecycle, measure_kind, report_id, operator_id, territory, parent_id, state, data, snapshot, version, selected_on, period_start, period_end, created_at, updated_at';

/** Reads a JSON column: the TEXT of SQLite parsed, PostgreSQL's value as the driver gave it. */
export type JsonDecoder = (value: any) => unknown;

/** JSON columns are TEXT in SQLite and already parsed by `pg` for JSONB. */
export function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** Applies an {@link InstanceFilter} to a query on `instances`. */
export function filtered<O>(query: SelectQueryBuilder<Database, 'instances', O>, f: InstanceFilter): SelectQueryBuilder<Database, 'instances', O> {
  let q = query;
  if (f.callId !== undefined) q = q.where('call_id', '=', f.callId);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  if (f.lifecycle !== undefined) q = q.where('lifecycle', '=', f.lifecycle);
  if (f.measureKind !== undefined) q = q.where('measure_kind', '=', f.measureKind);
  if (f.reportId !== undefined) q = q.where('report_id', '=', f.reportId);
  if (f.operatorId !== undefined) q = q.where('operator_id', '=', f.operatorId);
  if (f.parentId !== undefined) q = q.where('parent_id', '=', f.parentId);
  if (f.territories !== undefined) q = f.territories.length ? q.where('territory', 'in', f.territories) : q.where(sql<boolean>`1 = 0`);
  if (f.states !== undefined) q = f.states.length ? q.where('state', 'in', f.states) : q.where(sql<boolean>`1 = 0`);
  if (f.selected !== undefined) q = q.where('selected_on', f.selected ? 'is not' : 'is', null);
  return q;
}

/** The query of one page of instances, in creation order, one row more than the page to know if another follows. */
export function instancePageQuery(db: Kysely<Database>, filter: InstanceFilter, page: PageRequest) {
  let query = filtered(db.selectFrom('instances').selectAll(), filter);
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor);
    // A row-value comparison, which both databases read as a range of the (…, created_at, id) indexes.
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(createdAt, id)));
  }
  return query.orderBy('created_at').orderBy('id').limit(page.limit + 1).compile();
}

/** The query of one page of an agreement's measures as tariffs read them (see `StoreSession.listMeasureStates`). */
export function measureStatesQuery(db: Kysely<Database>, agreementId: string, page: PageRequest, group?: Omit<MeasureGroup, 'count'>) {
  // The state, territory and data are what a compact snapshot is rebuilt from (`snapshot-codec.ts`).
  let query = db.selectFrom('instances').select(['id', 'measure_kind', 'definition_hash', 'state', 'territory', 'data', 'snapshot', 'created_at'])
    .where('parent_id', '=', agreementId).where('kind', '=', 'measure');
  if (group !== undefined) {
    query = query.where('definition_hash', '=', group.definitionHash);
    query = group.measureKind === null ? query.where('measure_kind', 'is', null) : query.where('measure_kind', '=', group.measureKind);
  }
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(createdAt, id)));
  }
  return query.orderBy('created_at').orderBy('id').limit(page.limit + 1).compile();
}

/** The page the rows of {@link measureStatesQuery} make, their snapshots read by `json`. */
export function measureStatesPage(rows: any[], limit: number, json: JsonDecoder): Page<MeasureState> {
  const items = rows.slice(0, limit).map((r): MeasureState => ({
    id: r.id, measureKind: r.measure_kind, definitionHash: r.definition_hash, createdAt: r.created_at,
    snapshot: decodeSnapshot(json(r.snapshot), { state: r.state, territory: r.territory, data: json(r.data) as Record<string, unknown> }),
  }));
  const last = items[items.length - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor(last.createdAt, last.id) } : { items };
}

/** The page the rows of {@link instancePageQuery} make, with the cursor of the next one if any. */
export function instancePage(rows: InstancesTable[], limit: number): Page<InstanceRecord> {
  const items = rows.slice(0, limit).map((row) => toInstance(row));
  const last = items[items.length - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeCursor(last.createdAt, last.id) } : { items };
}

/** The query counting the instances of a filter. */
export function instanceCountQuery(db: Kysely<Database>, filter: InstanceFilter) {
  return filtered(db.selectFrom('instances'), filter).select(sql<number>`count(*)`.as('n')).compile();
}

/**
 * Maps an `instances` row to an {@link InstanceRecord}: JSON columns parsed (or given already parsed and
 * decoded), the snapshot rebuilt when stored compact (`snapshot-codec.ts`).
 */
export function toInstance(r: InstancesTable, parsed?: { data: Record<string, unknown>; snapshot: unknown }): InstanceRecord {
  if (parsed === undefined) {
    const data = parseJson(r.data) as Record<string, unknown>;
    parsed = { data, snapshot: decodeSnapshot(parseJson(r.snapshot), { state: r.state, territory: r.territory, data }) };
  }
  return {
    id: r.id, callId: r.call_id, definitionHash: r.definition_hash, kind: r.kind as InstanceKind, lifecycle: r.lifecycle,
    measureKind: r.measure_kind, reportId: r.report_id, operatorId: r.operator_id, territory: r.territory, parentId: r.parent_id,
    state: r.state, data: parsed.data, snapshot: parsed.snapshot, version: Number(r.version),
    selectedOn: r.selected_on, periodStart: r.period_start, periodEnd: r.period_end, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** Maps an `events` row to an {@link EventRecord}, its JSON columns read by `json`. */
export function toEvent(r: any, json: JsonDecoder): EventRecord {
  return {
    seq: Number(r.seq), instanceId: r.instance_id, callId: r.call_id, version: Number(r.version), type: r.type,
    payload: json(r.payload), actor: json(r.actor) as EventRecord['actor'], at: r.at, idempotencyKey: r.idempotency_key,
    definitionHash: r.definition_hash, response: json(r.response),
    sealed: r.sealed === null || r.sealed === undefined ? null : json(r.sealed) as string[],
    personalDigest: r.personal_digest ?? null, rowHash: r.row_hash ?? null,
  };
}

/** Maps a `timers` row to a {@link TimerRecord}. */
export function toTimer(r: any): TimerRecord {
  return {
    id: r.id, instanceId: r.instance_id, name: r.name, event: r.event, dueDate: r.due_date, dueAt: r.due_at,
    status: r.status as TimerStatus, firedAt: r.fired_at,
  };
}

/** Maps a `ledger` row to a {@link LedgerRecord}, its breakdown read by `json`. */
export function toLedger(r: any, json: JsonDecoder): LedgerRecord {
  return {
    id: Number(r.id), agreementId: r.agreement_id, instanceId: r.instance_id, kind: r.kind as LedgerKind, amountCents: Number(r.amount_cents),
    at: r.at, label: r.label, breakdown: json(r.breakdown) as LedgerRecord['breakdown'],
  };
}

/** The query of one page of an agreement's ledger rows, in the order written (keyset on `ledger_agreement`). */
export function ledgerPageQuery(db: Kysely<Database>, agreementId: string, page: PageRequest) {
  let query = db.selectFrom('ledger').selectAll().where('agreement_id', '=', agreementId);
  if (page.cursor) query = query.where('id', '>', decodeLedgerCursor(page.cursor));
  return query.orderBy('id').limit(page.limit + 1).compile();
}

/** The page the rows of {@link ledgerPageQuery} make, their breakdowns read by `json`. */
export function ledgerPage(rows: any[], limit: number, json: JsonDecoder): Page<LedgerRecord> {
  const items = rows.slice(0, limit).map((r) => toLedger(r, json));
  const last = items[items.length - 1];
  return rows.length > limit && last ? { items, nextCursor: encodeLedgerCursor(last.id) } : { items };
}

/** The opaque cursor of the ledger rows after row `id` (see {@link ledgerPageQuery}). */
export function encodeLedgerCursor(id: number): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

function decodeLedgerCursor(cursor: string): number {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value.length === 1 && Number.isSafeInteger(value[0]) && value[0] >= 0) return value[0] as number;
  } catch {
    // fall through to the refusal below
  }
  throw new EngineError('donnees-invalides', 'Le curseur de page des lignes du suivi financier est invalide : reprenez celui de la page précédente.', { cursor });
}

/** An opaque page cursor for the position (created_at, id). */
export function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/** The position of a cursor made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through to the refusal below
  }
  throw new EngineError('donnees-invalides', 'Curseur de pagination invalide : reprenez la liste depuis la première page (sans curseur).', { cursor });
}
