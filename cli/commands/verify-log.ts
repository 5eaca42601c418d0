/**
 * `dispositifs verify-log [--db <base>] [--jour <AAAA-MM-JJ>] [--format text|json]`: recomputes the hash
 * chains of the log (each instance's events, the register of acts on personal data) and names the first
 * broken link; with `--jour`, prints that day's digest for a third-party timestamp. (To be folded into
 * `dispositifs verify --log`.)
 */
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { usageError } from '../open-database.ts';

interface VerifyLogOptions {
  db?: string;
  jour?: string;
  format?: string;
}

/** The `verify-log` command. */
export const command: CliCommand = {
  name: 'verify-log',
  register(program: Command) {
    program
      .command('verify-log')
      .description(
        "Vérifie que le journal n'a pas été modifié : recalcule la chaîne d'empreintes (SHA-256) de chaque dossier et celle du registre des actes sur les données personnelles, et nomme le premier maillon rompu. Avec --jour, écrit l'empreinte du jour à faire horodater par un tiers. Sort en 0 si tout est intact, 1 si une chaîne est rompue ou la base illisible, 2 en cas d'usage incorrect.",
      )
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)'))
      .addOption(new Option('--jour <date>', "jour (AAAA-MM-JJ, heure de Paris) dont écrire l'empreinte quotidienne"))
      .addOption(new Option('--format <format>', 'text (par défaut) ou json'))
      .action(async (options: VerifyLogOptions) => {
        process.exitCode = await runVerifyLog(options);
      });
  },
};

async function runVerifyLog(options: VerifyLogOptions): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format attend text ou json (reçu « ${format} »).`);
  const { isPlainDate, formatDate } = await import('../../engine/time/index.ts');
  if (options.jour !== undefined && !isPlainDate(options.jour)) return usageError(`--jour attend une date AAAA-MM-JJ (reçu « ${options.jour} »).`);
  const { openDatabase } = await import('../open-database.ts');
  const store = await openDatabase(options.db);
  if (!store) return 1;
  try {
    const { dailyDigest, verifyLog } = await import('../../engine/integrity/index.ts');
    if (options.jour !== undefined) {
      const digest = await dailyDigest(store, options.jour);
      if (format === 'json') process.stdout.write(`${JSON.stringify(digest)}\n`);
      else process.stdout.write(`${digest.digest}  journal du ${formatDate(digest.date)} (${digest.events} événement(s), ${digest.privacyActs} acte(s) sur des données personnelles, SHA-256)\n`);
      return 0;
    }
    const verification = await verifyLog(store, process.stderr.isTTY ? (n) => process.stderr.write(`\r${n} événement(s) vérifié(s)`) : undefined);
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (format === 'json') process.stdout.write(`${JSON.stringify(verification)}\n`);
    else if (verification.broken) process.stdout.write(`Journal altéré : ${verification.broken.message}\n`);
    else {
      const v = verification;
      process.stdout.write(`Journal intact : ${v.events} événement(s) de ${v.instances} dossier(s) et ${v.privacyActs} acte(s) sur des données personnelles vérifiés ; `
        + `${v.personalChecked} message(s) aux données personnelles contrôlées, ${v.personalErased} message(s) aux données effacées (seul ce qui reste est vérifié)`
        + `${v.unchained > 0 ? ` ; ${v.unchained} événement(s) antérieur(s) au chaînage, non vérifiables` : ''}.\n`);
    }
    return verification.broken ? 1 : 0;
  } finally {
    await store.close();
  }
}
