/**
 * Opening the database a command works on: the flag, then `DATABASE_URL`, then `DISPOSITIFS_DB`, then the
 * server's default file; an SQLite file that does not exist is refused rather than created empty.
 */
import { existsSync } from 'node:fs';
import type { Store } from '../engine/store/index.ts';

/** The store, or a French error already written on the standard error. */
export async function openDatabase(flag: string | undefined): Promise<Store | undefined> {
  let url = flag ?? (process.env.DATABASE_URL || process.env.DISPOSITIFS_DB);
  if (!url) url = (await import('../server/config.ts')).DEFAULT_CONFIG.database;
  const { openStore, storeLocation } = await import('../engine/store/index.ts');
  const location = storeLocation(url);
  if (location.kind === 'sqlite' && location.file !== ':memory:' && !existsSync(location.file)) {
    process.stderr.write(`erreur : base SQLite introuvable : ${location.file}. Indiquez-la avec --db ou DATABASE_URL.\n`);
    return undefined;
  }
  try {
    return await openStore(url, { poolSize: 1 });
  } catch (error) {
    process.stderr.write(`erreur : la base n'a pas pu être ouverte : ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}
