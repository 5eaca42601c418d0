/**
 * Opens the store a CLI command works on: `--db`, then `DATABASE_URL`, then `DISPOSITIFS_DB`, then the
 * server's default file; an SQLite file that does not exist is refused rather than created empty.
 */
import { existsSync } from 'node:fs';
import type { Store } from '../engine/store/index.ts';
import { EXIT_USAGE } from './main.ts';

/** The database URL a command uses. */
export async function databaseUrl(flag: string | undefined): Promise<string> {
  if (flag !== undefined) return flag;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.DISPOSITIFS_DB) return process.env.DISPOSITIFS_DB;
  const { DEFAULT_CONFIG } = await import('../server/config.ts');
  return DEFAULT_CONFIG.database;
}

/**
 * Opens the store at `url`, or says in French why not: a missing SQLite file is refused unless `create`.
 */
export async function tryOpenStore(url: string, options: { create?: boolean; poolSize?: number } = {}): Promise<{ store: Store } | { error: string }> {
  const { openStore, storeLocation } = await import('../engine/store/index.ts');
  const location = storeLocation(url);
  if (options.create !== true && location.kind === 'sqlite' && location.file !== ':memory:' && !existsSync(location.file)) {
    return { error: `base SQLite introuvable : ${location.file}. Indiquez-la avec --db ou DATABASE_URL.` };
  }
  try {
    return { store: await openStore(url, { poolSize: options.poolSize ?? 2 }) };
  } catch (error) {
    return { error: `la base n'a pas pu être ouverte : ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Opens the store, or writes the French reason to the standard error and returns undefined.
 * @example
 * const store = await openCliStore(options.db, { create: true });
 * if (!store) return 1;
 */
export async function openCliStore(flag: string | undefined, options: { create?: boolean; poolSize?: number } = {}): Promise<Store | undefined> {
  const opened = await tryOpenStore(await databaseUrl(flag), options);
  if ('error' in opened) {
    process.stderr.write(`erreur : ${opened.error}
`);
    return undefined;
  }
  return opened.store;
}

/** Writes a usage error and returns the usage exit code (2). */
export function usageError(message: string): number {
  process.stderr.write(`erreur : ${message}\n`);
  return EXIT_USAGE;
}

/** {@link openCliStore} without creating a missing SQLite file (the retention and log commands). */
export function openDatabase(flag: string | undefined): Promise<Store | undefined> {
  return openCliStore(flag);
}
