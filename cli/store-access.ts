/**
 * What the commands that read a database share: where it is (the flag, then `DATABASE_URL`, then
 * `DISPOSITIFS_DB`, then the server's default file), opening it with a French error, and a progress bar
 * on the standard error when it is a terminal.
 */
import { existsSync } from 'node:fs';
import type { Store } from '../engine/store/index.ts';

/** The database a command reads: the flag, then the environment, then the server's default file. */
export async function databaseUrl(flag: string | undefined): Promise<string> {
  if (flag !== undefined) return flag;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.DISPOSITIFS_DB) return process.env.DISPOSITIFS_DB;
  const { DEFAULT_CONFIG } = await import('../server/config.ts');
  return DEFAULT_CONFIG.database;
}

/** Opens the database, or says in French why not (a missing SQLite file is not created). */
export async function openExistingStore(url: string): Promise<{ store: Store } | { error: string }> {
  const { openStore, storeLocation } = await import('../engine/store/index.ts');
  const location = storeLocation(url);
  if (location.kind === 'sqlite' && location.file !== ':memory:' && !existsSync(location.file)) {
    return { error: `base SQLite introuvable : ${location.file}. Indiquez-la avec --db ou DATABASE_URL.` };
  }
  try {
    return { store: await openStore(url, { poolSize: 1 }) };
  } catch (error) {
    return { error: `la base n'a pas pu être ouverte : ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A progress bar on the standard error, redrawn in place at most every 100 ms; silent unless it is a terminal. */
export function progressBar(): { update: (label: string, done: number, total: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
  let last = 0;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const ratio = total === 0 ? 1 : done / total;
      const bar = '█'.repeat(Math.round(ratio * 20)).padEnd(20, '░');
      const line = `${bar} ${Math.floor(ratio * 100)} % ${label} (${done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')} événements)`;
      process.stderr.write(`\r${line.slice(0, width).padEnd(width)}`);
    },
    done() {
      process.stderr.write(`\r${' '.repeat(width)}\r`);
    },
  };
}
