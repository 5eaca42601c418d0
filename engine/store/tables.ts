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
  /** JSON pointers of the message's personal values (JSON array); null on rows written before the chain. */
  sealed: string | null;
  /** HMAC of those values under the subject's key (see `engine/integrity/event-seal.ts`). */
  personal_digest: string | null;
  /** SHA-256 of the row's content chained to the previous row of its instance; null before the chain. */
  row_hash: string | null;
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

/** A subject's key (a household's, an applicant's): destroyed when its personal data is erased. */
export interface SealKeysTable {
  subject_id: string;
  /** 32 random bytes, hex. */
  key: string;
  created_at: string;
}

/** Acts on personal data (erasure at expiry or before, right of access export): who, why, chained. */
export interface PrivacyLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string;
  actor_role: string;
  /** effacement-echeance | effacement-anticipe | export-acces */
  action: string;
  subject_id: string;
  call_id: string;
  reason: string;
  /** What was done (fields erased, rows rewritten…), JSON, never a personal value. */
  details: string;
  row_hash: string;
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
  seal_keys: SealKeysTable;
  privacy_log: PrivacyLogTable;
  published_calls: PublishedCallsTable;
  notifications: NotificationsTable;
  people: PeopleTable;
  deliveries: DeliveriesTable;
  sessions: SessionsTable;
}

/** A signed-in person's session: the SHA-256 of its cookie's id (never the id), who, and its CSRF token. */
export interface SessionsTable {
  id_hash: string;
  /** The principal, as JSON text. */
  principal: string;
  csrf: string;
  created_at: string | Date;
  seen_at: string | Date;
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
