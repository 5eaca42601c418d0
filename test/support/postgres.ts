/**
 * PostgreSQL for a test file: the URL of the run's private cluster (see `global-setup.ts`) and a fresh
 * database per test file (or per test), dropped at the end.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { describe, inject } from 'vitest';
import pg from 'pg';

const provided = inject('postgres');

/** The cluster's admin URL, or undefined when the binaries are absent (outside CI only). */
export const postgresAdminUrl: string | undefined = provided.kind === 'url' ? provided.url : undefined;

/** A database created for a test: its URL and how to drop it. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Replaces the database name in a postgres:// URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!postgresAdminUrl) throw new Error(provided.kind === 'absent' ? provided.why : 'PostgreSQL absent');
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database named after `label` (lowercase letters, digits, `_`) plus a random suffix.
 * @example
 * const db = await createTestDatabase('store');
 * afterAll(() => db.drop());
 */
export async function createTestDatabase(label: string, options: { template?: string } = {}): Promise<TestDatabase> {
  const name = `${label.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  const template = options.template ? ` TEMPLATE "${options.template}"` : '';
  await admin((client) => client.query(`CREATE DATABASE "${name}"${template}`));
  return {
    url: withDatabase(postgresAdminUrl!, name),
    name,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

let template: Promise<TestDatabase> | undefined;
const created: TestDatabase[] = [];

/**
 * A fresh database already migrated to the store's schema: cloned (fast) from a template migrated once
 * per test file. Dropped by {@link dropTestDatabases}.
 * @example
 * afterAll(dropTestDatabases);
 * const store = await openPostgresStore({ url: (await createMigratedDatabase('engine')).url });
 */
export async function createMigratedDatabase(label: string): Promise<TestDatabase> {
  template ??= (async () => {
    const db = await createTestDatabase('template');
    const { openPostgresStore } = await import('../../engine/store/postgres-store.ts');
    await (await openPostgresStore({ url: db.url })).close();
    return db;
  })();
  const db = await createTestDatabase(label, { template: (await template).name });
  created.push(db);
  return db;
}

/**
 * Empties every table of a database except kysely's migration bookkeeping (and restarts identities):
 * much cheaper than a new database when each test of a file wants a clean store.
 */
export async function emptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely\\_%'",
    );
    if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}

/** Drops the databases {@link createMigratedDatabase} made, and its template. */
export async function dropTestDatabases(): Promise<void> {
  for (const db of created.splice(0)) await db.drop();
  if (template) await (await template).drop();
  template = undefined;
}

/**
 * `describe` for a PostgreSQL suite: runs it when a server is available; otherwise declares it skipped
 * (the global setup said once why, and refuses to go on without PostgreSQL under CI).
 */
export function describePostgres(name: string, body: () => void): void {
  describe.skipIf(provided.kind === 'absent')(name, body);
}
