/**
 * The store's operations on better-sqlite3, all on cached prepared statements. The session takes no lock:
 * `SqliteStore` holds the lock around it.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type {
  DefinitionRecord,
  EventRecord,
  InstanceFilter,
  InstanceKind,
  InstanceRecord,
  InstanceUpdate,
  LedgerKind,
  LedgerRecord,
  NewEvent,
  NewLedgerRow,
  Page,
  PageRequest,
  StoreSession,
  TimerRecord,
  TimerStatus,
} from './store.ts';
import type { Database, EventsTable, InstancesTable, LedgerTable, TimersTable } from './tables.ts';
import { bindable, type StatementCache } from './statement-cache.ts';
import { EngineError } from '../errors.ts';

type Row<T> = { [K in keyof T]: T[K] extends { __select__: infer S } ? S : T[K] };

const INSTANCE_COLUMNS =
  'id, call_id, definition_hash, kind, lifecycle, measure_kind, report_id, operator_id, territory, parent_id, state, data, snapshot, version, selected_on, period_start, period_end, created_at, updated_at';

const SQL = {
  putDefinition: 'insert into definitions (hash, call_id, version, json, created_at) values (?, ?, ?, ?, ?) on conflict (hash) do nothing',
  getDefinition: 'select hash, call_id, version, json, created_at from definitions where hash = ?',
  getInstance: `select ${INSTANCE_COLUMNS} from instances where id = ?`,
  insertInstance: `insert into instances (${INSTANCE_COLUMNS}) values (${INSTANCE_COLUMNS.split(',').map(() => '?').join(', ')})`,
  updateInstance:
    'update instances set version = ?, definition_hash = ?, state = ?, data = ?, snapshot = ?, selected_on = ?, period_start = ?, period_end = ?, updated_at = ? where id = ? and version = ?',
  appendEvent:
    'insert into events (instance_id, call_id, version, type, payload, actor, at, idempotency_key, definition_hash, response) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  findEventByKey: 'select * from events where instance_id = ? and idempotency_key = ?',
  findCreationByKey: 'select * from events where idempotency_key = ? and version = 1',
  listEvents: 'select * from events where instance_id = ? order by version',
  insertTimer: 'insert into timers (id, instance_id, name, event, due_date, due_at, status, fired_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  cancelTimers: "update timers set status = 'cancelled' where instance_id = ? and status = 'pending'",
  cancelTimer: "update timers set status = 'cancelled' where instance_id = ? and name = ? and status = 'pending'",
  markTimerFired: "update timers set status = 'fired', fired_at = ? where id = ? and status = 'pending'",
  dueTimers: "select * from timers where status = 'pending' and due_at <= ? order by due_at, id limit ?",
  listTimers: 'select * from timers where instance_id = ? order by due_at, id',
  listTimersByStatus: 'select * from timers where instance_id = ? and status = ? order by due_at, id',
  insertLedger: 'insert into ledger (agreement_id, instance_id, kind, amount_cents, at, label, breakdown) values (?, ?, ?, ?, ?, ?, ?)',
  listLedger: 'select * from ledger where agreement_id = ? order by id',
} as const;

/** better-sqlite3 implementation of {@link StoreSession} (no locking). */
export class SqliteSession implements StoreSession {
  readonly #statements: StatementCache;
  readonly #db: Kysely<Database>;

  constructor(statements: StatementCache, db: Kysely<Database>) {
    this.#statements = statements;
    this.#db = db;
  }

  #run(text: string, ...parameters: unknown[]): number {
    return this.#statements.get(text).run(parameters).changes;
  }
  #get<T>(text: string, ...parameters: unknown[]): T | undefined {
    return this.#statements.get(text).get(parameters) as T | undefined;
  }
  #all<T>(text: string, ...parameters: unknown[]): T[] {
    return this.#statements.get(text).all(parameters) as T[];
  }

  async putDefinition(d: DefinitionRecord): Promise<void> {
    this.#run(SQL.putDefinition, d.hash, d.callId, d.version, JSON.stringify(d.json), d.createdAt);
  }
  async getDefinition(hash: string): Promise<DefinitionRecord | undefined> {
    const row = this.#get<Database['definitions']>(SQL.getDefinition, hash);
    return row && { hash: row.hash, callId: row.call_id, version: row.version, json: parseJson(row.json), createdAt: row.created_at };
  }

  async getInstance(id: string): Promise<InstanceRecord | undefined> {
    const row = this.#get<InstancesTable>(SQL.getInstance, id);
    return row && toInstance(row);
  }
  async insertInstance(i: InstanceRecord): Promise<void> {
    this.#run(SQL.insertInstance, i.id, i.callId, i.definitionHash, i.kind, i.lifecycle, i.measureKind, i.reportId, i.operatorId,
      i.territory, i.parentId, i.state, JSON.stringify(i.data), JSON.stringify(i.snapshot), i.version, i.selectedOn,
      i.periodStart, i.periodEnd, i.createdAt, i.updatedAt);
  }
  async updateInstance(u: InstanceUpdate): Promise<boolean> {
    return this.#run(SQL.updateInstance, u.version, u.definitionHash, u.state, JSON.stringify(u.data), JSON.stringify(u.snapshot),
      u.selectedOn, u.periodStart, u.periodEnd, u.updatedAt, u.id, u.expectedVersion) === 1;
  }
  async listInstances(filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>> {
    let query = filtered(this.#db.selectFrom('instances').selectAll(), filter);
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor);
      query = query.where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)])]));
    }
    const compiled = query.orderBy('created_at').orderBy('id').limit(page.limit + 1).compile();
    const rows = this.#all<InstancesTable>(compiled.sql, ...bindable(compiled.parameters));
    const items = rows.slice(0, page.limit).map(toInstance);
    const last = items[items.length - 1];
    return rows.length > page.limit && last ? { items, nextCursor: encodeCursor(last.createdAt, last.id) } : { items };
  }
  async countInstances(filter: InstanceFilter): Promise<number> {
    const compiled = filtered(this.#db.selectFrom('instances'), filter).select(sql<number>`count(*)`.as('n')).compile();
    return Number(this.#get<{ n: number }>(compiled.sql, ...bindable(compiled.parameters))?.n ?? 0);
  }

  async appendEvent(e: NewEvent): Promise<number> {
    const { lastInsertRowid } = this.#statements.get(SQL.appendEvent).run(e.instanceId, e.callId, e.version, e.type,
      JSON.stringify(e.payload), JSON.stringify(e.actor), e.at, e.idempotencyKey, e.definitionHash, JSON.stringify(e.response));
    return Number(lastInsertRowid);
  }
  async findEventByKey(instanceId: string, key: string): Promise<EventRecord | undefined> {
    const row = this.#get<Row<EventsTable>>(SQL.findEventByKey, instanceId, key);
    return row && toEvent(row);
  }
  async findCreationByKey(key: string): Promise<EventRecord | undefined> {
    const row = this.#get<Row<EventsTable>>(SQL.findCreationByKey, key);
    return row && toEvent(row);
  }
  async listEvents(instanceId: string): Promise<EventRecord[]> {
    return this.#all<Row<EventsTable>>(SQL.listEvents, instanceId).map(toEvent);
  }

  async insertTimer(t: TimerRecord): Promise<void> {
    this.#run(SQL.insertTimer, t.id, t.instanceId, t.name, t.event, t.dueDate, t.dueAt, t.status, t.firedAt);
  }
  async cancelTimers(instanceId: string, names?: readonly string[]): Promise<number> {
    if (!names) return this.#run(SQL.cancelTimers, instanceId);
    let cancelled = 0;
    for (const name of names) cancelled += this.#run(SQL.cancelTimer, instanceId, name);
    return cancelled;
  }
  async markTimerFired(id: string, firedAt: string): Promise<boolean> {
    return this.#run(SQL.markTimerFired, firedAt, id) === 1;
  }
  async dueTimers(now: string, limit: number): Promise<TimerRecord[]> {
    return this.#all<TimersTable>(SQL.dueTimers, now, limit).map(toTimer);
  }
  async listTimers(instanceId: string, status?: TimerStatus): Promise<TimerRecord[]> {
    const rows = status ? this.#all<TimersTable>(SQL.listTimersByStatus, instanceId, status) : this.#all<TimersTable>(SQL.listTimers, instanceId);
    return rows.map(toTimer);
  }

  async insertLedger(l: NewLedgerRow): Promise<void> {
    this.#run(SQL.insertLedger, l.agreementId, l.instanceId, l.kind, l.amountCents, l.at, l.label, JSON.stringify(l.breakdown));
  }
  async listLedger(agreementId: string): Promise<LedgerRecord[]> {
    return this.#all<Row<LedgerTable>>(SQL.listLedger, agreementId).map((r) => ({
      id: r.id, agreementId: r.agreement_id, instanceId: r.instance_id, kind: r.kind as LedgerKind, amountCents: Number(r.amount_cents),
      at: r.at, label: r.label, breakdown: JSON.parse(r.breakdown),
    }));
  }
}

/** Applies an {@link InstanceFilter} to a query on `instances` (shared with the PostgreSQL store). */
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

/** Maps an `instances` row to an {@link InstanceRecord} (JSON columns parsed). */
export function toInstance(r: InstancesTable): InstanceRecord {
  return {
    id: r.id, callId: r.call_id, definitionHash: r.definition_hash, kind: r.kind as InstanceKind, lifecycle: r.lifecycle,
    measureKind: r.measure_kind, reportId: r.report_id, operatorId: r.operator_id, territory: r.territory, parentId: r.parent_id,
    state: r.state, data: parseJson(r.data) as Record<string, unknown>, snapshot: parseJson(r.snapshot), version: Number(r.version),
    selectedOn: r.selected_on, periodStart: r.period_start, periodEnd: r.period_end, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function toEvent(r: Row<EventsTable>): EventRecord {
  return {
    seq: Number(r.seq), instanceId: r.instance_id, callId: r.call_id, version: Number(r.version), type: r.type,
    payload: parseJson(r.payload), actor: parseJson(r.actor) as EventRecord['actor'], at: r.at, idempotencyKey: r.idempotency_key,
    definitionHash: r.definition_hash, response: parseJson(r.response),
  };
}

function toTimer(r: TimersTable): TimerRecord {
  return {
    id: r.id, instanceId: r.instance_id, name: r.name, event: r.event, dueDate: r.due_date, dueAt: r.due_at,
    status: r.status as TimerStatus, firedAt: r.fired_at,
  };
}

/** JSON columns are TEXT in SQLite and already parsed by `pg` for JSONB. */
function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
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
