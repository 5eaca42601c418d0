/**
 * The store a suite runs on, chosen per vitest project (`vitest.config.ts`): SQLite in memory by default,
 * a fresh PostgreSQL database on the run's private cluster when `TEST_STORE=postgres`. The same engine
 * and API suites thus run on both stores, as the shared store suite does (`test/engine/store/store-suite.ts`).
 * Stores opened here are closed, and their databases dropped, after the test file.
 * @module
 */
import { afterAll } from 'vitest';
import type { Store } from '../../engine/store/index.ts';

/** The store kind of this run of the suites. */
export const testStoreKind: 'sqlite' | 'postgres' = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

const opened: Store[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  if (testStoreKind === 'postgres') await (await import('./postgres.ts')).dropTestDatabases();
});

/**
 * The database URL of an empty store of this run's kind, for code that opens its own store (the server):
 * `:memory:`, or a fresh migrated PostgreSQL database (dropped after the test file).
 */
export async function testDatabaseUrl(): Promise<string> {
  if (testStoreKind === 'sqlite') return ':memory:';
  const { createMigratedDatabase } = await import('./postgres.ts');
  return (await createMigratedDatabase('server')).url;
}

/**
 * An empty, migrated store of this run's kind.
 * @example
 * const store = await openTestStore();
 * const engine = createEngine({ store, repository, clock });
 */
export async function openTestStore(): Promise<Store> {
  let store: Store;
  if (testStoreKind === 'postgres') {
    const { createMigratedDatabase } = await import('./postgres.ts');
    const { openPostgresStore } = await import('../../engine/store/postgres-store.ts');
    store = await openPostgresStore({ url: (await createMigratedDatabase('suite')).url, migrate: false, poolSize: 4 });
  } else {
    const { openSqliteStore } = await import('../../engine/store/sqlite-store.ts');
    store = await openSqliteStore({ file: ':memory:' });
  }
  opened.push(store);
  return store;
}
