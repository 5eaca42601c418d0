/**
 * The PostgreSQL schema as kysely migrations kept in code: the same tables as SQLite
 * (`sqlite-migrations.ts`), with PostgreSQL's types: JSONB, bigint cents, `date` for calendar dates,
 * `timestamptz` for instants (the ledger's `at` is a calendar day). Kysely's migrator takes a lock, so several processes starting at once
 * migrate once.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { EngineError } from '../errors.ts';

const migrations: Record<string, Migration> = {
  '2024-01-01-initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('definitions')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('call_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('json', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
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
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('snapshot', 'jsonb', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('selected_on', 'date')
        .addColumn('period_start', 'date')
        .addColumn('period_end', 'date')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('instances_call_kind').on('instances').columns(['call_id', 'kind', 'operator_id']).execute();
      await db.schema.createIndex('instances_parent').on('instances').column('parent_id').execute();
      await db.schema.createIndex('instances_created').on('instances').columns(['created_at', 'id']).execute();
      // Reports (engine/report): a call's instances of a kind, counted by state, territory, operator and creation
      // month, and joined to their events in id order; the index covers those queries.
      await db.schema.createIndex('instances_report').on('instances').columns(['call_id', 'kind', 'measure_kind', 'id', 'state', 'territory', 'operator_id', 'created_at']).execute();

      await db.schema
        .createTable('events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('instance_id', 'text', (c) => c.notNull())
        .addColumn('call_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('actor', 'jsonb', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('definition_hash', 'text', (c) => c.notNull())
        // `json`, not `jsonb`: the answer replayed for an idempotency key is the very text first given
        // (JSONB would reorder its keys).
        .addColumn('response', 'json', (c) => c.notNull())
        .execute();
      // One event per version: a second writer of the same version fails even if a check was skipped.
      await db.schema.createIndex('events_instance_version').unique().on('events').columns(['instance_id', 'version']).execute();
      await db.schema.createIndex('events_idempotency').unique().on('events').columns(['instance_id', 'idempotency_key']).execute();
      // A creation key names one instance, whichever process created it first.
      await db.schema.createIndex('events_creation_key').unique().on('events').column('idempotency_key').where(sql.ref('version'), '=', 1).execute();
      // Reports: a call's events of a type, joined to their instances by id (both read in id order), by month.
      await db.schema.createIndex('events_report').on('events').columns(['call_id', 'type', 'instance_id', 'at']).execute();

      await db.schema
        .createTable('timers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('instance_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('due_date', 'date', (c) => c.notNull())
        .addColumn('due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fired_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('timers_due').on('timers').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('timers_instance').on('timers').columns(['instance_id', 'status']).execute();

      await db.schema
        .createTable('ledger')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('agreement_id', 'text', (c) => c.notNull())
        .addColumn('instance_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        // The calendar day the money counts on (the engine writes plain dates here).
        .addColumn('at', 'date', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('breakdown', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ledger_agreement').on('ledger').columns(['agreement_id', 'id']).execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings a PostgreSQL database to the latest schema and returns what ran; refuses with the failing migration's name. */
export async function migratePostgres(db: Kysely<any>): Promise<MigrationResultSet['results']> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'inconnue';
    throw new EngineError(
      'donnees-invalides',
      `La migration du schéma PostgreSQL « ${failed} » a échoué : ${String(error)}. Vérifiez que la base n'a pas été migrée par une version plus récente du moteur.`,
      { migration: failed },
    );
  }
  return results;
}
