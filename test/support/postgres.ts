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
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `${label.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(postgresAdminUrl!, name),
    name,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * `describe` for a PostgreSQL suite: runs it when a server is available; otherwise declares it skipped
 * and says why (only outside CI, where the global setup refuses to go on without PostgreSQL).
 */
export function describePostgres(name: string, body: () => void): void {
  if (provided.kind === 'absent') {
    console.warn(`[postgres] « ${name} » sautée : ${provided.why}`);
  }
  describe.skipIf(provided.kind === 'absent')(name, body);
}
