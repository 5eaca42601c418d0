/**
 * @module store
 * The narrow storage interface of the engine and its SQLite implementation (kysely + better-sqlite3, WAL,
 * migrations in code, cached prepared statements on the hot path).
 */
export type {
  DefinitionRecord,
  EventRecord,
  InstanceFilter,
  InstanceKind,
  InstanceRecord,
  InstanceUpdate,
  LedgerKind,
  LedgerRecord,
  MeasureAmount,
  MeasureGroup,
  MeasureState,
  NewEvent,
  NewLedgerRow,
  NotificationRecord,
  Page,
  PageRequest,
  RecordedActor,
  Store,
  StoreSession,
  TimerRecord,
  TimerStatus,
} from './store.ts';
export type { Database, DefinitionsTable, DeliveriesTable, EventsTable, InstancesTable, LedgerTable, NotificationsTable, PeopleTable, PublishedCallsTable, SessionsTable, TimersTable } from './tables.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
export { openPostgresStore, createPostgresPool, type PostgresStoreOptions } from './postgres-store.ts';
export { migratePostgres } from './migrations.ts';
export { openStore, storeLocation, type OpenStoreOptions, type StoreLocation } from './open-store.ts';
export { filtered, toInstance, encodeCursor, decodeCursor } from './rows.ts';
export { Mutex } from './mutex.ts';
export { decodeSnapshot, encodeSnapshot, type SnapshotColumns } from './snapshot-codec.ts';
