/**
 * The store's operations on better-sqlite3, all on cached prepared statements. The session takes no lock:
 * `SqliteStore` holds the lock around it.
 */
import type { Kysely } from 'kysely';
import { INSTANCE_COLUMNS, instanceCountQuery, instancePage, instancePageQuery, ledgerPage, ledgerPageQuery, measureStatesPage, measureStatesQuery, parseJson, toEvent, toInstance, toLedger, toTimer } from './rows.ts';
import { measureGroups, measureGroupsQuery, measureSum, measureSumQuery } from './measure-sums.ts';
import type {
  DefinitionRecord,
  EventRecord,
  InstanceFilter,
  InstanceRecord,
  InstanceUpdate,
  LedgerKind,
  LedgerRecord,
  MeasureAmount,
  MeasureGroup,
  MeasureState,
  NotificationRecord,
  NewEvent,
  NewLedgerRow,
  Page,
  PageRequest,
  StoreSession,
  TimerRecord,
  TimerStatus,
} from './store.ts';
import type { Database, EventsTable, InstancesTable, LedgerTable, TimersTable } from './tables.ts';
import { ChainHeads } from './chain-heads.ts';
import { HotInstances } from './hot-instances.ts';
import { encodeSnapshot } from './snapshot-codec.ts';
import { bindable, type StatementCache } from './statement-cache.ts';
import { rowHashOf } from '../integrity/event-seal.ts';

type Row<T> = { [K in keyof T]: T[K] extends { __select__: infer S } ? S : T[K] };

const SQL = {
  putDefinition: 'insert into definitions (hash, call_id, version, json, created_at) values (?, ?, ?, ?, ?) on conflict (hash) do nothing',
  getDefinition: 'select hash, call_id, version, json, created_at from definitions where hash = ?',
  getInstance: `select ${INSTANCE_COLUMNS} from instances where id = ?`,
  insertInstance: `insert into instances (${INSTANCE_COLUMNS}) values (${INSTANCE_COLUMNS.split(',').map(() => '?').join(', ')})`,
  updateInstance:
    'update instances set version = ?, definition_hash = ?, state = ?, data = ?, snapshot = ?, selected_on = ?, period_start = ?, period_end = ?, updated_at = ? where id = ? and version = ? and territory is ?',
  appendEvent:
    'insert into events (instance_id, call_id, version, type, payload, actor, at, idempotency_key, definition_hash, response, sealed, personal_digest, row_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  previousHash: 'select row_hash from events where instance_id = ? and version = ?',
  putSealKey: 'insert into seal_keys (subject_id, key, created_at) values (?, ?, ?) on conflict (subject_id) do nothing',
  sealKey: 'select key from seal_keys where subject_id = ?',
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
  listLedgerOfKind: 'select * from ledger where agreement_id = ? and kind = ? order by id',
  insertNotification: 'insert into notifications (id, instance_id, call_id, kind, roles, operator_id, territory, subject, due_date, send_on, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \'pending\', ?) on conflict (id) do nothing',
  cancelNotifications: "update notifications set status = 'cancelled' where instance_id = ? and status = 'pending' and kind = 'echeance-proche'",
} as const;

/** better-sqlite3 implementation of {@link StoreSession} (no locking). */
export class SqliteSession implements StoreSession {
  readonly #statements: StatementCache;
  readonly #db: Kysely<Database>;
  readonly #hot = new HotInstances();
  readonly #inTransaction: () => boolean;
  /** The instances' last row hashes; the store tells it of its transactions' ends. */
  readonly heads = new ChainHeads();

  constructor(statements: StatementCache, db: Kysely<Database>, inTransaction: () => boolean) {
    this.#statements = statements;
    this.#db = db;
    this.#inTransaction = inTransaction;
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
    if (!row) return undefined;
    return toInstance(row, this.#hot.parse(id, { version: Number(row.version), state: row.state, territory: row.territory, snapshot: row.snapshot, data: row.data }));
  }
  async insertInstance(i: InstanceRecord): Promise<void> {
    const data = JSON.stringify(i.data);
    const snapshot = JSON.stringify(encodeSnapshot(i.snapshot, i));
    this.#run(SQL.insertInstance, i.id, i.callId, i.definitionHash, i.kind, i.lifecycle, i.measureKind, i.reportId, i.operatorId,
      i.territory, i.parentId, i.state, data, snapshot, i.version, i.selectedOn, i.periodStart, i.periodEnd, i.createdAt, i.updatedAt);
    this.#hot.remember(i.id, { version: i.version, state: i.state, territory: i.territory, snapshot, data }, i.snapshot, i.data);
  }
  async updateInstance(u: InstanceUpdate): Promise<boolean> {
    const data = JSON.stringify(u.data);
    const snapshot = JSON.stringify(encodeSnapshot(u.snapshot, u));
    const written = this.#run(SQL.updateInstance, u.version, u.definitionHash, u.state, data, snapshot,
      u.selectedOn, u.periodStart, u.periodEnd, u.updatedAt, u.id, u.expectedVersion, u.territory) === 1;
    if (written) this.#hot.remember(u.id, { version: u.version, state: u.state, territory: u.territory, snapshot, data }, u.snapshot, u.data);
    return written;
  }
  async listInstances(filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>> {
    const compiled = instancePageQuery(this.#db, filter, page);
    return instancePage(this.#all<InstancesTable>(compiled.sql, ...bindable(compiled.parameters)), page.limit);
  }
  async countInstances(filter: InstanceFilter): Promise<number> {
    const compiled = instanceCountQuery(this.#db, filter);
    return Number(this.#get<{ n: number }>(compiled.sql, ...bindable(compiled.parameters))?.n ?? 0);
  }

  async listMeasureStates(agreementId: string, page: PageRequest, group?: Omit<MeasureGroup, 'count'>): Promise<Page<MeasureState>> {
    const compiled = measureStatesQuery(this.#db, agreementId, page, group);
    return measureStatesPage(this.#all(compiled.sql, ...bindable(compiled.parameters)), page.limit, parseJson);
  }
  async measureGroups(agreementId: string): Promise<MeasureGroup[]> {
    const compiled = measureGroupsQuery(this.#db, agreementId);
    return measureGroups(this.#all(compiled.sql, ...bindable(compiled.parameters)));
  }
  async sumMeasureAmounts(agreementId: string, group: Omit<MeasureGroup, 'count'>, amount: MeasureAmount): Promise<number> {
    const compiled = measureSumQuery(this.#db, 'sqlite', agreementId, group, amount);
    return measureSum(this.#get(compiled.sql, ...bindable(compiled.parameters)));
  }

  async appendEvent(e: NewEvent): Promise<number> {
    const inTransaction = this.#inTransaction();
    const previous = e.version > 1
      ? this.heads.get(e.instanceId, e.version - 1, inTransaction) ?? this.#get<{ row_hash: string | null }>(SQL.previousHash, e.instanceId, e.version - 1)?.row_hash
      : undefined;
    const hash = rowHashOf(e, previous);
    const { lastInsertRowid } = this.#statements.get(SQL.appendEvent).run(e.instanceId, e.callId, e.version, e.type,
      JSON.stringify(e.payload), JSON.stringify(e.actor), e.at, e.idempotencyKey, e.definitionHash, JSON.stringify(e.response),
      JSON.stringify(e.sealed ?? []), e.personalDigest ?? null, hash);
    this.heads.wrote(e.instanceId, e.version, hash, inTransaction);
    return Number(lastInsertRowid);
  }
  async findEventByKey(instanceId: string, key: string): Promise<EventRecord | undefined> {
    const row = this.#get<Row<EventsTable>>(SQL.findEventByKey, instanceId, key);
    return row && toEvent(row, parseJson);
  }
  async findCreationByKey(key: string): Promise<EventRecord | undefined> {
    const row = this.#get<Row<EventsTable>>(SQL.findCreationByKey, key);
    return row && toEvent(row, parseJson);
  }
  async listEvents(instanceId: string): Promise<EventRecord[]> {
    return this.#all<Row<EventsTable>>(SQL.listEvents, instanceId).map((row) => toEvent(row, parseJson));
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
  async listLedger(agreementId: string, kind?: LedgerKind): Promise<LedgerRecord[]> {
    const rows = kind === undefined ? this.#all<Row<LedgerTable>>(SQL.listLedger, agreementId) : this.#all<Row<LedgerTable>>(SQL.listLedgerOfKind, agreementId, kind);
    return rows.map((row) => toLedger(row, parseJson));
  }
  async ledgerPage(agreementId: string, page: PageRequest): Promise<Page<LedgerRecord>> {
    const compiled = ledgerPageQuery(this.#db, agreementId, page);
    return ledgerPage(this.#all(compiled.sql, ...bindable(compiled.parameters)), page.limit, parseJson);
  }

  async putSealKey(subjectId: string, key: string, createdAt: string): Promise<void> {
    this.#run(SQL.putSealKey, subjectId, key, createdAt);
  }
  async sealKey(subjectId: string): Promise<string | undefined> {
    return this.#get<{ key: string }>(SQL.sealKey, subjectId)?.key;
  }

  async insertNotification(n: NotificationRecord): Promise<void> {
    this.#run(SQL.insertNotification, n.id, n.instanceId, n.callId, n.kind, JSON.stringify(n.roles), n.operatorId, n.territory, n.subject, n.dueDate, n.sendOn, n.createdAt);
  }
  async cancelNotifications(instanceId: string): Promise<number> {
    return this.#run(SQL.cancelNotifications, instanceId);
  }
}
