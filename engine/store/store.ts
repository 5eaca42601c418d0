/**
 * The narrow storage interface the engine runs on. SQLite implements it (`sqlite-store.ts`); a
 * PostgreSQL store implements the same interface and passes the same suite.
 */
import type { Kysely } from 'kysely';
import type { Database } from './tables.ts';

/** What an instance is. */
export type InstanceKind = 'application' | 'measure' | 'report';

/** Who did something, as recorded in the log. */
export interface RecordedActor {
  id: string;
  role: string;
}

/** A resolved definition, stored once per hash. */
export interface DefinitionRecord {
  hash: string;
  callId: string;
  version: number;
  /** The resolved call (plain JSON). */
  json: unknown;
  createdAt: string;
}

/** A durable instance as stored. JSON columns come back parsed. */
export interface InstanceRecord {
  id: string;
  callId: string;
  definitionHash: string;
  kind: InstanceKind;
  /** `application`, `measure:<measure id>` or `report`. */
  lifecycle: string;
  measureKind: string | null;
  reportId: string | null;
  operatorId: string | null;
  territory: string | null;
  parentId: string | null;
  state: string;
  data: Record<string, unknown>;
  snapshot: unknown;
  version: number;
  selectedOn: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The new values of an instance after a step, written only if its version is still `expectedVersion`. */
export interface InstanceUpdate {
  id: string;
  expectedVersion: number;
  version: number;
  definitionHash: string;
  state: string;
  /**
   * The instance's territory as stored (a step never changes it): the row is written only if it still is,
   * so that the snapshot can be stored without it (`snapshot-codec.ts`).
   */
  territory: string | null;
  data: Record<string, unknown>;
  snapshot: unknown;
  selectedOn: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  updatedAt: string;
}

/** An event of the log. */
export interface EventRecord {
  seq: number;
  instanceId: string;
  callId: string;
  version: number;
  type: string;
  payload: unknown;
  actor: RecordedActor;
  at: string;
  idempotencyKey: string | null;
  definitionHash: string;
  response: unknown;
  /** JSON pointers of the message's personal values (none: `[]`; null on a row written before the chain). */
  sealed?: string[] | null;
  /** HMAC of the personal values under the subject's key (`engine/integrity/event-seal.ts`). */
  personalDigest?: string | null;
  /** The row's hash, chained to the previous row of its instance (computed by the store on append). */
  rowHash?: string | null;
}

/** An event to append (its `seq` and its chained `rowHash` are given by the store). */
export type NewEvent = Omit<EventRecord, 'seq' | 'rowHash'>;

/** Status of a calendar timer. */
export type TimerStatus = 'pending' | 'fired' | 'cancelled';

/** A calendar timer: at `dueAt` (an instant; `dueDate` is its calendar date) the engine sends `event`. */
export interface TimerRecord {
  id: string;
  instanceId: string;
  name: string;
  event: string;
  dueDate: string;
  dueAt: string;
  status: TimerStatus;
  firedAt: string | null;
}

/** What a ledger row records: amounts earned by activity, agreed at signature, due, paid. */
export type LedgerKind = 'agreed' | 'earned' | 'advance' | 'balance' | 'paid';

/** A ledger row of an agreement, in integer cents, with its French breakdown. */
export interface LedgerRecord {
  id: number;
  agreementId: string;
  instanceId: string;
  kind: LedgerKind;
  amountCents: number;
  at: string;
  label: string;
  breakdown: unknown;
}

/** A reminder a step writes in its own transaction (the outbox); a worker sends it from `sendOn`. */
export interface NotificationRecord {
  /** Deterministic (instance, version, what): the same step never writes it twice. */
  id: string;
  instanceId: string;
  callId: string;
  kind: 'echeance-proche' | 'echeance-depassee' | 'declaration-tardive';
  /** The roles reminded (who may act on it), within the instance's organisation and territory. */
  roles: string[];
  operatorId: string | null;
  territory: string | null;
  /** French, with no household data. */
  subject: string;
  dueDate: string | null;
  sendOn: string;
  createdAt: string;
}

/** A ledger row to insert. */
export type NewLedgerRow = Omit<LedgerRecord, 'id'>;

/** Filters of {@link StoreSession.listInstances} and {@link StoreSession.countInstances}; all optional, all ANDed. */
export interface InstanceFilter {
  callId?: string;
  kind?: InstanceKind;
  lifecycle?: string;
  measureKind?: string;
  reportId?: string;
  operatorId?: string;
  /** Any of these territories. */
  territories?: string[];
  parentId?: string;
  /** Any of these states. */
  states?: string[];
  /** Only instances with a selection date. */
  selected?: boolean;
}

/** A page request: at most `limit` rows after the opaque `cursor` (creation order). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** A page of rows and the cursor of the next page (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** What a tariff reads of a measure under an agreement: its kind, its definition and its snapshot. */
export interface MeasureState {
  id: string;
  measureKind: string | null;
  definitionHash: string;
  snapshot: unknown;
  createdAt: string;
}

/** An agreement's measures of one kind under one definition: the unit its ledger values them by. */
export interface MeasureGroup {
  definitionHash: string;
  measureKind: string | null;
  /** How many measures of the agreement are in the group. */
  count: number;
}

/**
 * What a measure's tariff pays, in terms SQL sums over an agreement's measures without reading them one by
 * one: the counted acts of the measure's snapshot (`context.acts`), priced and capped, in integer cents. A
 * tariff that reads the calendar (prorata) has no such form: its measures are valued one by one.
 */
export type MeasureAmount =
  | { kind: 'constant'; cents: number }
  /** `min(quantity of act, maxUnits) × priceCents`. */
  | { kind: 'perAct'; act: string; priceCents: number; maxUnits?: number }
  /** The amounts declared for the act, each capped at `maxCents`, summed. */
  | { kind: 'declared'; act: string; maxCents: number }
  /** The parts' sum, capped at `maxCents`. */
  | { kind: 'sum'; parts: MeasureAmount[]; maxCents?: number };

/** Operations available inside and outside a transaction. */
export interface StoreSession {
  /** Records a resolved definition (does nothing if its hash is known). */
  putDefinition(definition: DefinitionRecord): Promise<void>;
  getDefinition(hash: string): Promise<DefinitionRecord | undefined>;
  getInstance(id: string): Promise<InstanceRecord | undefined>;
  insertInstance(instance: InstanceRecord): Promise<void>;
  /** Writes the new values; false (and nothing written) if the stored version is not `expectedVersion` (or the territory not `territory`). */
  updateInstance(update: InstanceUpdate): Promise<boolean>;
  listInstances(filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>>;
  countInstances(filter: InstanceFilter): Promise<number>;
  /**
   * A page of an agreement's measures, in creation order, with only what their tariffs read: an agreement's
   * ledger values every measure, and a whole row costs several times these columns.
   */
  listMeasureStates(agreementId: string, page: PageRequest, group?: Omit<MeasureGroup, 'count'>): Promise<Page<MeasureState>>;
  /** An agreement's measures counted by definition and kind (one aggregate read off an index). */
  measureGroups(agreementId: string): Promise<MeasureGroup[]>;
  /** `amount` summed over the agreement's measures of a group, in one aggregate query; 0 when there is none. */
  sumMeasureAmounts(agreementId: string, group: Omit<MeasureGroup, 'count'>, amount: MeasureAmount): Promise<number>;
  /** Appends to the log and returns the event's sequence number. */
  appendEvent(event: NewEvent): Promise<number>;
  /** The event of an instance recorded with this idempotency key. */
  findEventByKey(instanceId: string, idempotencyKey: string): Promise<EventRecord | undefined>;
  /** The creation event (version 1) recorded with this idempotency key, whatever the instance. */
  findCreationByKey(idempotencyKey: string): Promise<EventRecord | undefined>;
  listEvents(instanceId: string): Promise<EventRecord[]>;
  insertTimer(timer: TimerRecord): Promise<void>;
  /** Cancels the pending timers of an instance (all, or those named); returns how many. */
  cancelTimers(instanceId: string, names?: readonly string[]): Promise<number>;
  /** Marks a pending timer fired; false if it was not pending any more (fired or cancelled). */
  markTimerFired(id: string, firedAt: string): Promise<boolean>;
  /** Pending timers due at or before `now` (an ISO instant), earliest first. */
  dueTimers(now: string, limit: number): Promise<TimerRecord[]>;
  listTimers(instanceId: string, status?: TimerStatus): Promise<TimerRecord[]>;
  insertLedger(row: NewLedgerRow): Promise<void>;
  /** An agreement's ledger rows in the order written; only those of one kind when `kind` is given. */
  listLedger(agreementId: string, kind?: LedgerKind): Promise<LedgerRecord[]>;
  /** A page of an agreement's ledger rows in the order written, after the cursor of the previous page (keyset on the row id). */
  ledgerPage(agreementId: string, page: PageRequest): Promise<Page<LedgerRecord>>;
  /** Records a subject's key (a household's, an applicant's), read to seal its personal values. */
  putSealKey(subjectId: string, key: string, createdAt: string): Promise<void>;
  /** A subject's key; undefined once its personal data was erased. */
  sealKey(subjectId: string): Promise<string | undefined>;
  /** Writes a reminder to the outbox (nothing if its id is known). */
  insertNotification(notification: NotificationRecord): Promise<void>;
  /** Cancels an instance's reminders of deadlines not yet sent (its state changed); returns how many. */
  cancelNotifications(instanceId: string): Promise<number>;
}

/**
 * The engine's storage: sessions of reads and writes, transactions that apply all or nothing, and a kysely
 * handle on the same database for reports.
 *
 * Transactions are serializable: their outcome is that of running them one at a time (SQLite runs them
 * so; PostgreSQL runs them at once, across processes, and runs again one it cannot fit in such an order),
 * and reads outside a transaction never see another transaction's uncommitted writes.
 *
 * @example
 * const store = await openSqliteStore({ file: ':memory:' });
 * await store.transaction(async (tx) => {
 *   const instance = await tx.getInstance('app-1');
 *   if (!instance) return;
 *   await tx.appendEvent({ ...event, version: instance.version + 1 });
 *   if (!(await tx.updateInstance({ ...update, expectedVersion: instance.version }))) throw conflict;
 * });
 * const rows = await store.db.selectFrom('instances').select(['state']).execute();
 * await store.close();
 */
export interface Store extends StoreSession {
  /** `sqlite` or `postgres`, for the few SQL expressions reports must spell per dialect. */
  readonly dialect: 'sqlite' | 'postgres';
  /** Kysely over the same database (reports, tools). Do not use it inside {@link Store.transaction}. */
  readonly db: Kysely<Database>;
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws. `work` may run more
   * than once (PostgreSQL retries a serialization failure), so it must have no effect outside `tx`.
   */
  transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
