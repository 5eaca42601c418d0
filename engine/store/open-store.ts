/**
 * Chooses the store from a database URL (`DATABASE_URL`): `postgres://…` or `postgresql://…` opens the
 * PostgreSQL store, anything else is an SQLite file (`sqlite:` prefix optional, `:memory:` allowed).
 */
import { assertNever } from '../errors.ts';
import type { Store } from './store.ts';

/** Where a store lives, read from a database URL. */
export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Reads a database URL.
 * @example
 * storeLocation('postgres://app@db/dispositifs'); // { kind: 'postgres', url: 'postgres://app@db/dispositifs' }
 * storeLocation('data/dispositifs.sqlite');       // { kind: 'sqlite', file: 'data/dispositifs.sqlite' }
 */
export function storeLocation(url: string): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  const file = url.replace(/^sqlite:(\/\/)?/i, '');
  return { kind: 'sqlite', file };
}

/** What {@link openStore} may be told besides the URL. */
export interface OpenStoreOptions {
  /** PostgreSQL: migrate the schema on open (default true). SQLite always migrates. */
  migrate?: boolean;
  /** PostgreSQL: connections of this process (default 10). */
  poolSize?: number;
}

/**
 * Opens (and migrates) the store a database URL names.
 * @example
 * const store = await openStore(process.env.DATABASE_URL ?? 'data/dispositifs.sqlite');
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const location = storeLocation(url);
  switch (location.kind) {
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite-store.ts');
      return openSqliteStore({ file: location.file });
    }
    case 'postgres': {
      const { openPostgresStore } = await import('./postgres-store.ts');
      return openPostgresStore({ url: location.url, ...options });
    }
    default:
      return assertNever(location);
  }
}
