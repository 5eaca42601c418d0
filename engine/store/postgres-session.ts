/**
 * The store's operations on PostgreSQL through `pg`, on named prepared statements (parsed and planned
 * once per connection). Inside a transaction, reading an instance locks its row (`FOR UPDATE`) and due
 * timers are claimed with `FOR UPDATE SKIP LOCKED`, so that another process neither loses an update
 * nor fires the same timer.
 */
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { encodeSnapshot } from './snapshot-codec.ts';
import { INSTANCE_COLUMNS, instanceCountQuery, instancePage, instancePageQuery, ledgerPage, ledgerPageQuery, measureStatesPage, measureStatesQuery, toEvent, toInstance, toLedger, toTimer } from './rows.ts';
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
import type { Database, InstancesTable } from './tables.ts';
import { rowHashOf } from '../integrity/event-seal.ts';

const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

const SQL = {
  putDefinition: 'insert into definitions (hash, call_id, version, json, created_at) values ($1, $2, $3, $4, $5) on conflict (hash) do nothing',
  getDefinition: 'select hash, call_id, version, json, created_at from definitions where hash = $1',
  getInstance: `select ${INSTANCE_COLUMNS} from instances where id = $1`,
  getInstanceForUpdate: `select ${INSTANCE_COLUMNS} from instances where id = $1 for update`,
  insertInstance: `insert into instances (${INSTANCE_COLUMNS}) values (${placeholders(19)})`,
  updateInstance:
    'update instances set version = $1, definition_hash = $2, state = $3, data = $4, snapshot = $5, selected_on = $6, period_start = $7, period_end = $8, updated_at = $9 where id = $10 and version = $11 and territory is not distinct from $12',
  appendEvent:
    'insert into events (instance_id, call_id, version, type, payload, actor, at, idempotency_key, definition_hash, response, sealed, personal_digest, row_hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning seq',
  previousHash: 'select row_hash from events where instance_id = $1 and version = $2',
  putSealKey: 'insert into seal_keys (subject_id, key, created_at) values ($1, $2, $3) on conflict (subject_id) do nothing',
  sealKey: 'select key from seal_keys where subject_id = $1',
  findEventByKey: 'select * from events where instance_id = $1 and idempotency_key = $2',
  findCreationByKey: 'select * from events where idempotency_key = $1 and version = 1',
  listEvents: 'select * from events where instance_id = $1 order by version',
  insertTimer: 'insert into timers (id, instance_id, name, event, due_date, due_at, status, fired_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
  cancelTimers: "update timers set status = 'cancelled' where instance_id = $1 and status = 'pending'",
  cancelTimer: "update timers set status = 'cancelled' where instance_id = $1 and name = $2 and status = 'pending'",
  // A timer another process is firing right now is skipped, not waited for: that process fires it, or
  // (if it fails) leaves it pending for the next pass.
  markTimerFired:
    "update timers set status = 'fired', fired_at = $1 where id = (select id from timers where id = $2 and status = 'pending' for update skip locked)",
  dueTimers: "select * from timers where status = 'pending' and due_at <= $1 order by due_at, id limit $2",
  claimDueTimers: "select * from timers where status = 'pending' and due_at <= $1 order by due_at, id limit $2 for update skip locked",
  listTimers: 'select * from timers where instance_id = $1 order by due_at, id',
  listTimersByStatus: 'select * from timers where instance_id = $1 and status = $2 order by due_at, id',
  insertLedger: 'insert into ledger (agreement_id, instance_id, kind, amount_cents, at, label, breakdown) values ($1, $2, $3, $4, $5, $6, $7)',
  listLedger: 'select * from ledger where agreement_id = $1 order by id',
  listLedgerOfKind: 'select * from ledger where agreement_id = $1 and kind = $2 order by id',
  insertNotification: "insert into notifications (id, instance_id, call_id, kind, roles, operator_id, territory, subject, due_date, send_on, status, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11) on conflict (id) do nothing",
  cancelNotifications: "update notifications set status = 'cancelled' where instance_id = $1 and status = 'pending' and kind = 'echeance-proche'",
} as const;

type Statement = keyof typeof SQL;

/** What a session runs its queries on: the pool (outside a transaction) or the transaction's client. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** `pg` implementation of {@link StoreSession}; `inTransaction` turns on row locks. */
export class PostgresSession implements StoreSession {
  readonly #client: Queryable;
  readonly #db: Kysely<Database>;
  readonly #inTransaction: boolean;

  constructor(client: Queryable, db: Kysely<Database>, inTransaction: boolean) {
    this.#client = client;
    this.#db = db;
    this.#inTransaction = inTransaction;
  }

  async #query<R extends pg.QueryResultRow = any>(statement: Statement, ...values: unknown[]): Promise<pg.QueryResult<R>> {
    return this.#client.query<R>({ name: `dispositifs_${statement}`, text: SQL[statement], values });
  }

  async putDefinition(d: DefinitionRecord): Promise<void> {
    await this.#query('putDefinition', d.hash, d.callId, d.version, JSON.stringify(d.json), d.createdAt);
  }
  async getDefinition(hash: string): Promise<DefinitionRecord | undefined> {
    const row = (await this.#query('getDefinition', hash)).rows[0];
    return row && { hash: row.hash, callId: row.call_id, version: row.version, json: row.json, createdAt: row.created_at };
  }

  async getInstance(id: string): Promise<InstanceRecord | undefined> {
    const row = (await this.#query<InstancesTable>(this.#inTransaction ? 'getInstanceForUpdate' : 'getInstance', id)).rows[0];
    return row && toInstance(row);
  }
  async insertInstance(i: InstanceRecord): Promise<void> {
    await this.#query('insertInstance', i.id, i.callId, i.definitionHash, i.kind, i.lifecycle, i.measureKind, i.reportId, i.operatorId,
      i.territory, i.parentId, i.state, JSON.stringify(i.data), JSON.stringify(encodeSnapshot(i.snapshot, i)), i.version, i.selectedOn,
      i.periodStart, i.periodEnd, i.createdAt, i.updatedAt);
  }
  async updateInstance(u: InstanceUpdate): Promise<boolean> {
    const result = await this.#query('updateInstance', u.version, u.definitionHash, u.state, JSON.stringify(u.data), JSON.stringify(encodeSnapshot(u.snapshot, u)),
      u.selectedOn, u.periodStart, u.periodEnd, u.updatedAt, u.id, u.expectedVersion, u.territory);
    return result.rowCount === 1;
  }
  async listInstances(filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>> {
    const compiled = instancePageQuery(this.#db, filter, page);
    return instancePage((await this.#client.query<InstancesTable>(compiled.sql, [...compiled.parameters])).rows, page.limit);
  }
  async listMeasureStates(agreementId: string, page: PageRequest, group?: Omit<MeasureGroup, 'count'>): Promise<Page<MeasureState>> {
    const compiled = measureStatesQuery(this.#db, agreementId, page, group);
    return measureStatesPage((await this.#client.query(compiled.sql, [...compiled.parameters])).rows, page.limit, asParsed);
  }
  async measureGroups(agreementId: string): Promise<MeasureGroup[]> {
    const compiled = measureGroupsQuery(this.#db, agreementId);
    return measureGroups((await this.#client.query(compiled.sql, [...compiled.parameters])).rows);
  }
  async sumMeasureAmounts(agreementId: string, group: Omit<MeasureGroup, 'count'>, amount: MeasureAmount): Promise<number> {
    const compiled = measureSumQuery(this.#db, 'postgres', agreementId, group, amount);
    return measureSum((await this.#client.query(compiled.sql, [...compiled.parameters])).rows[0]);
  }
  async countInstances(filter: InstanceFilter): Promise<number> {
    const compiled = instanceCountQuery(this.#db, filter);
    const row = (await this.#client.query<{ n: number }>(compiled.sql, [...compiled.parameters])).rows[0];
    return Number(row?.n ?? 0);
  }

  async appendEvent(e: NewEvent): Promise<number> {
    const previous = e.version > 1 ? (await this.#query<{ row_hash: string | null }>('previousHash', e.instanceId, e.version - 1)).rows[0]?.row_hash : undefined;
    const result = await this.#query<{ seq: number }>('appendEvent', e.instanceId, e.callId, e.version, e.type, JSON.stringify(e.payload),
      JSON.stringify(e.actor), e.at, e.idempotencyKey, e.definitionHash, JSON.stringify(e.response),
      JSON.stringify(e.sealed ?? []), e.personalDigest ?? null, rowHashOf(e, previous));
    return Number(result.rows[0]?.seq);
  }
  async findEventByKey(instanceId: string, key: string): Promise<EventRecord | undefined> {
    const row = (await this.#query('findEventByKey', instanceId, key)).rows[0];
    return row && toEvent(row, asParsed);
  }
  async findCreationByKey(key: string): Promise<EventRecord | undefined> {
    const row = (await this.#query('findCreationByKey', key)).rows[0];
    return row && toEvent(row, asParsed);
  }
  async listEvents(instanceId: string): Promise<EventRecord[]> {
    return (await this.#query('listEvents', instanceId)).rows.map((row) => toEvent(row, asParsed));
  }

  async insertTimer(t: TimerRecord): Promise<void> {
    await this.#query('insertTimer', t.id, t.instanceId, t.name, t.event, t.dueDate, t.dueAt, t.status, t.firedAt);
  }
  async cancelTimers(instanceId: string, names?: readonly string[]): Promise<number> {
    if (!names) return (await this.#query('cancelTimers', instanceId)).rowCount ?? 0;
    let cancelled = 0;
    for (const name of names) cancelled += (await this.#query('cancelTimer', instanceId, name)).rowCount ?? 0;
    return cancelled;
  }
  async markTimerFired(id: string, firedAt: string): Promise<boolean> {
    return (await this.#query('markTimerFired', firedAt, id)).rowCount === 1;
  }
  async dueTimers(now: string, limit: number): Promise<TimerRecord[]> {
    // In a transaction the rows stay locked until it ends; another process skips them instead of waiting.
    return (await this.#query(this.#inTransaction ? 'claimDueTimers' : 'dueTimers', now, limit)).rows.map(toTimer);
  }
  async listTimers(instanceId: string, status?: TimerStatus): Promise<TimerRecord[]> {
    const result = status ? await this.#query('listTimersByStatus', instanceId, status) : await this.#query('listTimers', instanceId);
    return result.rows.map(toTimer);
  }

  async insertLedger(l: NewLedgerRow): Promise<void> {
    await this.#query('insertLedger', l.agreementId, l.instanceId, l.kind, l.amountCents, l.at, l.label, JSON.stringify(l.breakdown));
  }
  async listLedger(agreementId: string, kind?: LedgerKind): Promise<LedgerRecord[]> {
    const result = kind === undefined ? await this.#query('listLedger', agreementId) : await this.#query('listLedgerOfKind', agreementId, kind);
    return result.rows.map((row) => toLedger(row, asParsed));
  }
  async ledgerPage(agreementId: string, page: PageRequest): Promise<Page<LedgerRecord>> {
    const compiled = ledgerPageQuery(this.#db, agreementId, page);
    return ledgerPage((await this.#client.query(compiled.sql, [...compiled.parameters])).rows, page.limit, asParsed);
  }

  async putSealKey(subjectId: string, key: string, createdAt: string): Promise<void> {
    await this.#query('putSealKey', subjectId, key, createdAt);
  }
  async sealKey(subjectId: string): Promise<string | undefined> {
    return (await this.#query<{ key: string }>('sealKey', subjectId)).rows[0]?.key;
  }

  async insertNotification(n: NotificationRecord): Promise<void> {
    await this.#query('insertNotification', n.id, n.instanceId, n.callId, n.kind, JSON.stringify(n.roles), n.operatorId, n.territory, n.subject, n.dueDate, n.sendOn, n.createdAt);
  }
  async cancelNotifications(instanceId: string): Promise<number> {
    return (await this.#query('cancelNotifications', instanceId)).rowCount ?? 0;
  }
}

/** `pg` parses JSON and JSONB columns itself. */
function asParsed(value: unknown): unknown {
  return value;
}
