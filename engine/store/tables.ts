/**
 * The database tables as kysely sees them (snake_case columns, JSON as TEXT in SQLite, JSONB or TEXT in
 * PostgreSQL). Reports query these through `store.db`; the engine goes through the {@link Store} methods.
 */
import type { Generated } from 'kysely';

/** A resolved definition, kept so that instances stay pinned to the version they started under. */
export interface DefinitionsTable {
  hash: string;
  call_id: string;
  version: number;
  /** The resolved call, JSON. */
  json: string;
  created_at: string;
}

/** A durable instance: an application, a measure or a report. */
export interface InstancesTable {
  id: string;
  call_id: string;
  definition_hash: string;
  /** application | measure | report */
  kind: string;
  /** `application`, `measure:<measure id>` or `report`. */
  lifecycle: string;
  measure_kind: string | null;
  report_id: string | null;
  operator_id: string | null;
  territory: string | null;
  parent_id: string | null;
  state: string;
  /** Business data (fields), JSON. */
  data: string;
  /** XState persisted snapshot, JSON. */
  snapshot: string;
  version: number;
  /** Plain date the instance was selected (applications: milestone selection). */
  selected_on: string | null;
  /** Plain dates of the measure's period. */
  period_start: string | null;
  period_end: string | null;
  created_at: string;
  updated_at: string;
}

/** The append-only log of what happened to each instance. */
export interface EventsTable {
  seq: Generated<number>;
  instance_id: string;
  call_id: string;
  /** The instance's version after this event. */
  version: number;
  type: string;
  payload: string;
  /** `{ id, role }`, JSON. */
  actor: string;
  at: string;
  idempotency_key: string | null;
  definition_hash: string;
  /** The answer given, JSON, replayed for the same idempotency key. */
  response: string;
}

/** Calendar timers owned by the engine. */
export interface TimersTable {
  id: string;
  instance_id: string;
  name: string;
  event: string;
  due_date: string;
  due_at: string;
  /** pending | fired | cancelled */
  status: string;
  fired_at: string | null;
}

/** Money of an agreement: earned, due, paid… in integer cents. */
export interface LedgerTable {
  id: Generated<number>;
  agreement_id: string;
  instance_id: string;
  kind: string;
  amount_cents: number;
  at: string;
  label: string;
  breakdown: string;
}

/** The content hash of each published call version (its status left out), frozen once recorded. */
export interface PublishedCallsTable {
  call_id: string;
  version: number;
  content_hash: string;
  recorded_at: string;
}

/** The whole schema, for `Kysely<Database>`. */
export interface Database {
  definitions: DefinitionsTable;
  instances: InstancesTable;
  events: EventsTable;
  timers: TimersTable;
  ledger: LedgerTable;
  published_calls: PublishedCallsTable;
}
