/**
 * The store's schema as kysely migrations kept in code (no migration folder to ship or to lose), written
 * once for both databases. Only the column types differ, named by a {@link ColumnTypes} map: SQLite keeps
 * JSON, instants and calendar dates as TEXT and cents as INTEGER; PostgreSQL uses JSONB, `timestamptz`,
 * `date` and bigint cents. Kysely's migrator takes a lock, so several processes starting at once migrate once.
 */
import { Migrator, sql, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { EngineError } from '../errors.ts';
import { scopedKeysMigration } from './scoped-keys-migration.ts';

/** The column types of one database, by what the column holds. */
interface ColumnTypes {
  /** A JSON document (parsed by the driver on PostgreSQL). */
  json: ColumnDataType;
  /** A JSON text kept exactly as first given (an idempotent answer replayed byte for byte). */
  exactJson: ColumnDataType;
  /** An instant (ISO 8601). */
  instant: ColumnDataType;
  /** A calendar date (`YYYY-MM-DD`). */
  date: ColumnDataType;
  /** An amount in cents. */
  cents: ColumnDataType;
  /** The type of a generated row number. */
  serial: ColumnDataType;
  /** Makes a column the generated row number. */
  generated: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  /** Whether a creation key is unique among first events (PostgreSQL: several processes may create at once). */
  uniqueCreationKey: boolean;
}

const SQLITE: ColumnTypes = {
  json: 'text',
  exactJson: 'text',
  instant: 'text',
  date: 'text',
  cents: 'integer',
  serial: 'integer',
  generated: (c) => c.primaryKey().autoIncrement(),
  uniqueCreationKey: false,
};

const POSTGRES: ColumnTypes = {
  json: 'jsonb',
  // `json`, not `jsonb`: the answer replayed for an idempotency key is the very text first given
  // (JSONB would reorder its keys).
  exactJson: 'json',
  instant: 'timestamptz',
  date: 'date',
  cents: 'bigint',
  serial: 'bigint',
  generated: (c) => c.primaryKey().generatedAlwaysAsIdentity(),
  uniqueCreationKey: true,
};

function migrations(t: ColumnTypes): Record<string, Migration> {
  return {
    '2024-01-01-initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('definitions')
          .addColumn('hash', 'text', (c) => c.primaryKey())
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('json', t.json, (c) => c.notNull())
          .addColumn('created_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('definitions_call').on('definitions').columns(['call_id', 'version']).execute();

        await db.schema
          .createTable('instances')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('definition_hash', 'text', (c) => c.notNull().references('definitions.hash'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('lifecycle', 'text', (c) => c.notNull())
          .addColumn('measure_kind', 'text')
          .addColumn('report_id', 'text')
          .addColumn('operator_id', 'text')
          .addColumn('territory', 'text')
          .addColumn('parent_id', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('data', t.json, (c) => c.notNull())
          .addColumn('snapshot', t.json, (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('selected_on', t.date)
          .addColumn('period_start', t.date)
          .addColumn('period_end', t.date)
          .addColumn('created_at', t.instant, (c) => c.notNull())
          .addColumn('updated_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('instances_call_kind').on('instances').columns(['call_id', 'kind', 'operator_id']).execute();
        await db.schema.createIndex('instances_parent').on('instances').column('parent_id').execute();
        await db.schema.createIndex('instances_created').on('instances').columns(['created_at', 'id']).execute();
        // Reports (engine/report): a call's instances of a kind, counted by state, territory, operator and creation
        // month, and joined to their events in id order; the index covers those queries.
        await db.schema.createIndex('instances_report').on('instances').columns(['call_id', 'kind', 'measure_kind', 'id', 'state', 'territory', 'operator_id', 'created_at']).execute();

        await db.schema
          .createTable('events')
          .addColumn('seq', t.serial, t.generated)
          .addColumn('instance_id', 'text', (c) => c.notNull())
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('payload', t.json, (c) => c.notNull())
          .addColumn('actor', t.json, (c) => c.notNull())
          .addColumn('at', t.instant, (c) => c.notNull())
          .addColumn('idempotency_key', 'text')
          .addColumn('definition_hash', 'text', (c) => c.notNull())
          .addColumn('response', t.exactJson, (c) => c.notNull())
          .execute();
        // One event per version: a second writer of the same version fails even if a check was skipped.
        await db.schema.createIndex('events_instance_version').unique().on('events').columns(['instance_id', 'version']).execute();
        await db.schema.createIndex('events_idempotency').unique().on('events').columns(['instance_id', 'idempotency_key']).execute();
        // A creation key names one instance, whichever process created it first.
        const creationKey = db.schema.createIndex('events_creation_key');
        await (t.uniqueCreationKey ? creationKey.unique() : creationKey).on('events').column('idempotency_key').where(sql.ref('version'), '=', 1).execute();
        // Reports: a call's events of a type, joined to their instances by id (both read in id order), by month.
        await db.schema.createIndex('events_report').on('events').columns(['call_id', 'type', 'instance_id', 'at']).execute();

        await db.schema
          .createTable('timers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('instance_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('due_date', t.date, (c) => c.notNull())
          .addColumn('due_at', t.instant, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('fired_at', t.instant)
          .execute();
        await db.schema.createIndex('timers_due').on('timers').columns(['status', 'due_at']).execute();
        await db.schema.createIndex('timers_instance').on('timers').columns(['instance_id', 'status']).execute();

        await db.schema
          .createTable('ledger')
          .addColumn('id', t.serial, t.generated)
          .addColumn('agreement_id', 'text', (c) => c.notNull())
          .addColumn('instance_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('amount_cents', t.cents, (c) => c.notNull())
          // The calendar day the money counts on (the engine writes plain dates here).
          .addColumn('at', t.date, (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('breakdown', t.json, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('ledger_agreement').on('ledger').columns(['agreement_id', 'id']).execute();
      },
    },
    '2026-12-03-i13-scoped-idempotency-keys': scopedKeysMigration,
    // Keyset pages (issue 14): a page of an agreement's measures, or of a call's instances of a kind, in
    // creation order, read straight off an index from the previous page's (created_at, id) — no sort of
    // every row under the parent at each page. The parent's index replaces `instances_parent`, its prefix.
    '2026-12-03-i14-keyset-indexes': {
      async up(db: Kysely<any>) {
        // Indexes only, each written so that running it again changes nothing.
        await db.schema.createIndex('instances_parent_page').ifNotExists().on('instances').columns(['parent_id', 'kind', 'created_at', 'id']).execute();
        await db.schema.createIndex('instances_call_page').ifNotExists().on('instances').columns(['call_id', 'kind', 'created_at', 'id']).execute();
        await db.schema.dropIndex('instances_parent').ifExists().execute();
        // An agreement's rows of one kind (the balance on service fait) without reading all its earned rows.
        await db.schema.createIndex('ledger_agreement_kind').ifNotExists().on('ledger').columns(['agreement_id', 'kind', 'id']).execute();
      },
    },
    // An agreement's ledger values its measures group by group (definition, kind): counted off this index
    // alone, and each group's sum read as one range of it (engine/store/measure-sums.ts).
    '2026-12-04-i14-measure-groups': {
      async up(db: Kysely<any>) {
        await db.schema.createIndex('instances_parent_groups').ifNotExists().on('instances').columns(['parent_id', 'kind', 'definition_hash', 'measure_kind']).execute();
      },
    },
    '2026-12-03-i11-published-calls': {
      // The content of each published call version, frozen: a later load with other content under the same
      // id and version is refused (engine/runtime/published-content.ts).
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('published_calls')
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('recorded_at', t.instant, (c) => c.notNull())
          .addPrimaryKeyConstraint('published_calls_pk', ['call_id', 'version'])
          .execute();
      },
    },
    // The register of organisations (engine/organisations) and its append-only history.
    '2026-12-03-i15-organisations': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('organisations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('siret', 'text', (c) => c.notNull())
          .addColumn('rna', 'text')
          .addColumn('address', 'text')
          .addColumn('email', 'text')
          .addColumn('iban', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('created_at', t.instant, (c) => c.notNull())
          .addColumn('updated_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('organisation_history')
          .addColumn('seq', t.serial, t.generated)
          .addColumn('organisation_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('at', t.instant, (c) => c.notNull())
          .addColumn('actor', t.json, (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('changes', t.json, (c) => c.notNull())
          .execute();
        // One history entry per version: a second writer of the same version fails.
        await db.schema.createIndex('organisation_history_version').unique().on('organisation_history').columns(['organisation_id', 'version']).execute();
      },
    },
    // Payment orders (engine/payments): one per amount due in the ledger, and the append-only log of their statuses.
    '2026-12-03-i15-payment-orders': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('payment_orders')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('ledger_row_id', t.serial, (c) => c.notNull().unique())
          .addColumn('agreement_id', 'text', (c) => c.notNull())
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('operator_id', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('amount_cents', t.cents, (c) => c.notNull())
          .addColumn('due_on', t.date, (c) => c.notNull())
          .addColumn('budget_year', 'integer', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('imputation', t.json)
          .addColumn('service_fait', t.json)
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('mandate', 'text')
          .addColumn('paid_on', t.date)
          .addColumn('rejection', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('created_at', t.instant, (c) => c.notNull())
          .addColumn('updated_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('payment_orders_year').on('payment_orders').columns(['budget_year', 'status', 'id']).execute();
        await db.schema.createIndex('payment_orders_call').on('payment_orders').columns(['call_id', 'budget_year']).execute();
        await db.schema
          .createTable('payment_order_events')
          .addColumn('seq', t.serial, t.generated)
          .addColumn('order_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('at', t.instant, (c) => c.notNull())
          .addColumn('actor', t.json, (c) => c.notNull())
          .addColumn('detail', t.json, (c) => c.notNull())
          // A line of the finance software's return, applied once however often the file is imported.
          .addColumn('import_key', 'text', (c) => c.unique())
          .execute();
        await db.schema.createIndex('payment_order_events_order').on('payment_order_events').columns(['order_id', 'seq']).execute();
      },
    },
    // Issue 17: a tamper-evident log and personal data that lives only as long as it must. Each event row
    // carries where its personal values sit (`sealed`), their HMAC under the subject's key and its hash
    // chained to the previous row of its instance; subjects' keys live apart (destroyed at erasure); acts on
    // personal data (erasures, access exports) are logged, chained too.
    '2026-12-03-i17-retention': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('events').addColumn('sealed', t.json).execute();
        await db.schema.alterTable('events').addColumn('personal_digest', 'text').execute();
        await db.schema.alterTable('events').addColumn('row_hash', 'text').execute();
        await db.schema
          .createTable('seal_keys')
          .addColumn('subject_id', 'text', (c) => c.primaryKey())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('created_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('privacy_log')
          .addColumn('id', t.serial, t.generated)
          .addColumn('at', t.instant, (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_role', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'text', (c) => c.notNull())
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('details', t.json, (c) => c.notNull())
          .addColumn('row_hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('privacy_log_subject').on('privacy_log').columns(['subject_id', 'action']).execute();
      },
    },
    // Reminders (issue 16): the outbox a step writes in its own transaction, the people reminded and how, and
    // each notification's delivery to each person (sent once).
    '2026-12-03-i16-outbox': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('notifications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('instance_id', 'text', (c) => c.notNull())
          .addColumn('call_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('roles', t.json, (c) => c.notNull())
          .addColumn('operator_id', 'text')
          .addColumn('territory', 'text')
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('due_date', t.date)
          .addColumn('send_on', t.date, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('notifications_due').on('notifications').columns(['status', 'send_on']).execute();
        await db.schema.createIndex('notifications_instance').on('notifications').columns(['instance_id', 'status']).execute();
        await db.schema
          .createTable('people')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('email', 'text')
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('operator_id', 'text')
          .addColumn('territories', t.json, (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('digest_sent_on', t.date)
          .addColumn('updated_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('deliveries')
          .addColumn('notification_id', 'text', (c) => c.notNull())
          .addColumn('person_id', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', t.instant, (c) => c.notNull())
          .addColumn('sent_at', t.instant)
          .addColumn('last_error', 'text')
          .addPrimaryKeyConstraint('deliveries_pk', ['notification_id', 'person_id'])
          .execute();
        await db.schema.createIndex('deliveries_due').on('deliveries').columns(['status', 'next_attempt_at']).execute();
      },
    },
    // Sessions of signed-in people (issue 16), kept across restarts: only a hash of the cookie's id is stored.
    '2026-12-04-i16-sessions': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('principal', 'text', (c) => c.notNull())
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', t.instant, (c) => c.notNull())
          .addColumn('seen_at', t.instant, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_seen').on('sessions').columns(['seen_at']).execute();
      },
    },
  };
}

/** The migrations of each database, in the order kysely runs them (by name). */
export const storeMigrations = { sqlite: migrations(SQLITE), postgres: migrations(POSTGRES) } as const;

async function migrate(db: Kysely<any>, all: Record<string, Migration>, refusal: (failed: string, error: unknown) => string): Promise<MigrationResultSet['results']> {
  const provider: MigrationProvider = { getMigrations: async () => all };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'inconnue';
    throw new EngineError('donnees-invalides', refusal(failed, error), { migration: failed });
  }
  return results;
}

/** Brings an SQLite database to the latest schema; refuses with the failing migration's name. */
export async function migrateSqlite(db: Kysely<any>): Promise<void> {
  await migrate(db, storeMigrations.sqlite, (failed, error) =>
    `La migration du schéma de la base « ${failed} » a échoué : ${String(error)}. Vérifiez que le fichier de base n'est pas d'une version plus récente du moteur.`);
}

/** Brings a PostgreSQL database to the latest schema and returns what ran; refuses with the failing migration's name. */
export async function migratePostgres(db: Kysely<any>): Promise<MigrationResultSet['results']> {
  return migrate(db, storeMigrations.postgres, (failed, error) =>
    `La migration du schéma PostgreSQL « ${failed} » a échoué : ${String(error)}. Vérifiez que la base n'a pas été migrée par une version plus récente du moteur.`);
}
