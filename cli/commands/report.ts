/**
 * `dispositifs report <appel> [--format json|csv|html] [--db <base>] [--out <fichier>]`: a call's report
 * (indicators, budget and quotas, operators' reports) computed in the database, written to a file or to
 * the standard output; a progress line on the standard error when it is a terminal.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { usageError } from '../open-database.ts';

const FORMATS = ['json', 'csv', 'html'] as const;
const ROLES = ['departement', 'coordinator', 'operator', 'evaluator'] as const;

interface ReportOptions {
  format?: string;
  db?: string;
  out?: string;
  definitions?: string;
  role?: string;
  operator?: string;
  territories?: string;
  threshold?: string;
}

/** The `report` command. */
export const command: CliCommand = {
  name: 'report',
  register(program: Command) {
    program
      .command('report')
      .description(
        "Produit le rapport d'un appel : ses indicateurs (calculés dans la base), son budget et ses quotas, les bilans des opérateurs. Sort en 0 si le rapport est écrit, 1 si la base ou les définitions ne peuvent être lues, 2 en cas d'usage incorrect.",
      )
      .argument('<appel>', "identifiant de l'appel, par exemple equipes-mobiles-2025")
      .addOption(new Option('--format <format>', 'format du rapport : json, csv ou html (par défaut : json)'))
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)'))
      .addOption(new Option('--out <fichier>', 'fichier où écrire le rapport (par défaut : la sortie standard)'))
      .addOption(new Option('--definitions <dossier>', 'dossier des définitions (par défaut : definitions)'))
      .addOption(
        new Option(
          '--role <rôle>',
          'rôle du lecteur : departement (par défaut) voit tout ; coordinator ses territoires ; operator ses dossiers ; evaluator les effectifs faibles masqués et aucun champ sensible',
        ),
      )
      .addOption(new Option('--operator <id>', "pour --role operator : l'opérateur dont le rapport ne montre que les dossiers"))
      .addOption(new Option('--territories <ids>', 'pour --role coordinator : territoires ou groupes séparés par des virgules'))
      .addOption(new Option('--threshold <n>', 'seuil de masquage des effectifs pour un évaluateur (par défaut 5)'))
      .action(async (callId: string, options: ReportOptions) => {
        process.exitCode = await runReport(callId, options);
      });
  },
};

async function databaseUrl(flag: string | undefined): Promise<string> {
  if (flag !== undefined) return flag;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.DISPOSITIFS_DB) return process.env.DISPOSITIFS_DB;
  const { DEFAULT_CONFIG } = await import('../../server/config.ts');
  return DEFAULT_CONFIG.database;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

async function runReport(callId: string, options: ReportOptions): Promise<number> {
  const format = options.format ?? 'json';
  const role = options.role ?? 'departement';
  const definitions = options.definitions ?? 'definitions';
  if (!isOneOf(FORMATS, format)) return usageError(`--format attend json, csv ou html (reçu « ${format} »).`);
  if (!isOneOf(ROLES, role)) return usageError(`--role attend ${ROLES.join(', ')} (reçu « ${role} »).`);
  const threshold = options.threshold === undefined ? undefined : Number(options.threshold);
  if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 1)) return usageError(`--threshold attend un entier positif (reçu « ${options.threshold} »).`);
  if (role === 'operator' && options.operator === undefined) return usageError('--role operator demande --operator <id>.');
  if (role === 'coordinator' && options.territories === undefined) return usageError('--role coordinator demande --territories <ids>.');

  const { loadRepository } = await import('../../engine/definition/index.ts');
  const repository = await loadRepository(definitions);
  const call = repository.calls.get(callId);
  if (!call) {
    const known = [...repository.calls.keys()].sort().join(', ') || 'aucun';
    return usageError(`appel « ${callId} » inconnu dans ${definitions} (appels valides : ${known}).`);
  }

  const url = await databaseUrl(options.db);
  const { openStore, storeLocation } = await import('../../engine/store/index.ts');
  const location = storeLocation(url);
  if (location.kind === 'sqlite' && location.file !== ':memory:' && !existsSync(location.file)) {
    process.stderr.write(`erreur : base SQLite introuvable : ${location.file}. Indiquez-la avec --db ou DATABASE_URL.\n`);
    return 1;
  }
  let store;
  try {
    store = await openStore(url, { poolSize: 1 });
  } catch (error) {
    process.stderr.write(`erreur : la base n'a pas pu être ouverte : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const { buildReport, renderCsv, renderHtml } = await import('../../engine/report/index.ts');
    const progress = progressLine();
    const viewer = {
      role,
      ...(options.operator !== undefined && { operatorId: options.operator }),
      ...(options.territories !== undefined && { territories: options.territories.split(',').map((t) => t.trim()).filter(Boolean) }),
    };
    const report = await buildReport({ store, call, viewer, repository, onProgress: progress.update, ...(threshold !== undefined && { threshold }) });
    progress.done();
    const text = format === 'csv' ? renderCsv(report) : format === 'html' ? renderHtml(report) : `${JSON.stringify(report, null, 2)}\n`;
    if (options.out === undefined) process.stdout.write(text);
    else {
      await writeFile(options.out, text);
      process.stderr.write(`Rapport ${format.toUpperCase()} de « ${call.definition.title} » écrit dans ${options.out}.\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** A progress line on the standard error, redrawn in place; silent unless the standard error is a terminal. */
function progressLine(): { update: (done: number, total: number, label: string) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
  return {
    update(done, total, label) {
      const line = `[${done}/${total}] ${label}`;
      process.stderr.write(`\r${line.slice(0, width).padEnd(width)}`);
    },
    done() {
      process.stderr.write(`\r${' '.repeat(width)}\r`);
    },
  };
}
