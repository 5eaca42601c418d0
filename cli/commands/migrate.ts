/**
 * `dispositifs migrate [--database-url <url>]`: brings the database's schema to the engine's version
 * (PostgreSQL or SQLite), so that a deployment can migrate once before starting several servers.
 */
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { EXIT_USAGE } from '../main.ts';

/** The `migrate` command. */
export const command: CliCommand = {
  name: 'migrate',
  register(program: Command) {
    program
      .command('migrate')
      .description(
        "Met le schéma de la base de données à jour (PostgreSQL ou SQLite). Les serveurs le font aussi au démarrage ; cette commande permet de le faire une fois avant d'en démarrer plusieurs. Sort en 0 si la base est à jour, 1 si la migration échoue, 2 en cas d'usage incorrect.",
      )
      .addOption(
        new Option(
          '--database-url <url>',
          "base à migrer : postgres://utilisateur:motdepasse@hôte:port/base, ou un fichier SQLite (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)",
        ),
      )
      .action(async (options: { databaseUrl?: string }) => {
        process.exitCode = await runMigrate(options.databaseUrl);
      });
  },
};

/** Where the command migrates: the flag, then the environment, then the server's default file. */
async function databaseUrl(flag: string | undefined): Promise<string> {
  if (flag !== undefined) return flag;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.DISPOSITIFS_DB) return process.env.DISPOSITIFS_DB;
  const { DEFAULT_CONFIG } = await import('../../server/config.ts');
  return DEFAULT_CONFIG.database;
}

/** A URL fit to print: its password hidden. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.protocol.startsWith('postgres') ? parsed.toString() : url;
  } catch {
    return url;
  }
}

async function runMigrate(flag: string | undefined): Promise<number> {
  const url = await databaseUrl(flag);
  if (url.trim() === '') {
    process.stderr.write('erreur : --database-url est vide ; donnez une URL postgres://… ou un fichier SQLite.\n');
    return EXIT_USAGE;
  }
  const { openStore, storeLocation } = await import('../../engine/store/index.ts');
  const location = storeLocation(url);
  let store;
  try {
    store = await openStore(url, { poolSize: 1 });
  } catch (error) {
    process.stderr.write(`erreur : la base ${shown(url)} n'a pas pu être migrée : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const { sql } = await import('kysely');
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
    const names = applied.rows.map((row) => row.name);
    const what = location.kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
    process.stdout.write(`Base ${what} ${shown(url)} à jour : ${names.length} migration(s) appliquée(s)${names.length ? ` (dernière : ${names[names.length - 1]})` : ''}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
