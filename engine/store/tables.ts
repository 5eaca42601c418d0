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

/** The whole schema, for `Kysely<Database>`. */
export interface Database {
  definitions: DefinitionsTable;
  instances: InstancesTable;
  events: EventsTable;
  timers: TimersTable;
  ledger: LedgerTable;
  notifications: NotificationsTable;
  people: PeopleTable;
  deliveries: DeliveriesTable;
}

/** A reminder written by a step (the outbox): what falls due, for whom (roles in a scope), from which day. */
export interface NotificationsTable {
  id: string;
  instance_id: string;
  call_id: string;
  /** echeance-proche | echeance-depassee | declaration-tardive */
  kind: string;
  /** The roles reminded, JSON list. */
  roles: string;
  operator_id: string | null;
  territory: string | null;
  /** The French subject (never a household's data). */
  subject: string;
  due_date: string | null;
  send_on: string;
  /** pending | expanded | cancelled */
  status: string;
  created_at: string;
}

/** A person reminded by e-mail: scope (role, organisation, territories) and mode (each | daily | none). */
export interface PeopleTable {
  id: string;
  name: string;
  email: string | null;
  role: string;
  operator_id: string | null;
  /** JSON list. */
  territories: string;
  mode: string;
  digest_sent_on: string | null;
  updated_at: string;
}

/** A notification's delivery to one person: pending, sent once, retried with backoff on failure. */
export interface DeliveriesTable {
  notification_id: string;
  person_id: string;
  /** pending | sent | failed */
  status: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  last_error: string | null;
}
