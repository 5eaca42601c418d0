/**
 * `dispositifs payments list|export|import`: the payment orders, for the Département's finance service.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { CLI_FINANCE, withFinance } from '../finance-context.ts';
import type { CliCommand } from '../main.ts';
import { usageError } from '../open-database.ts';

interface Options {
  db?: string;
  definitions?: string;
  year?: string;
  out?: string;
  call?: string;
}

const dbOption = () => new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)');
const definitionsOption = () => new Option('--definitions <dossier>', 'dossier des définitions (par défaut : definitions)');

/** The `payments` command. */
export const command: CliCommand = {
  name: 'payments',
  register(program: Command) {
    const group = program.command('payments').description('Ordres de paiement : un par montant dû (avance, solde, versement unique), exportés vers le logiciel financier, dont le retour dit ce qui est payé.');
    group.command('list').description('Liste les ordres de paiement (JSON), créés d’abord pour tout montant devenu dû.')
      .addOption(new Option('--year <année>', 'exercice budgétaire')).addOption(new Option('--call <appel>', 'appel')).addOption(dbOption()).addOption(definitionsOption())
      .action(async (options: Options) => {
        if (options.year !== undefined && !/^\d{4}$/.test(options.year)) return void (process.exitCode = usageError(`--year attend une année sur 4 chiffres (reçu « ${options.year} »).`));
        process.exitCode = await withFinance(options, async ({ payments }) => {
          const orders = await payments.list({ ...(options.year !== undefined && { year: Number(options.year) }), ...(options.call !== undefined && { callId: options.call }) }, CLI_FINANCE);
          process.stdout.write(`${JSON.stringify(orders, null, 2)}\n`);
          return 0;
        });
      });
    group.command('export').description('Écrit en CSV (« ; », UTF-8) les ordres à émettre de l’exercice pour le logiciel financier ; ils passent « émis ». Les ordres bloqués (organisme absent du registre, sans IBAN) sont signalés.')
      .requiredOption('--year <année>', 'exercice budgétaire, par exemple 2025').addOption(new Option('--out <fichier>', 'fichier CSV (par défaut : la sortie standard)')).addOption(dbOption()).addOption(definitionsOption())
      .action(async (options: Options) => {
        if (!/^\d{4}$/.test(options.year ?? '')) return void (process.exitCode = usageError(`--year attend une année sur 4 chiffres (reçu « ${options.year ?? ''} »).`));
        process.exitCode = await withFinance(options, async ({ payments }) => {
          const result = await payments.export(Number(options.year), CLI_FINANCE);
          if (options.out === undefined) process.stdout.write(result.csv);
          else await writeFile(options.out, result.csv);
          for (const { order, reason } of result.blocked) process.stderr.write(`ordre ${order.id} non émis : ${reason}\n`);
          process.stderr.write(`${result.exported.length} ordre(s) émis${options.out === undefined ? '' : ` dans ${options.out}`}, ${result.blocked.length} bloqué(s).\n`);
          return 0;
        });
      });
    group.command('import').description('Lit le retour du logiciel financier (CSV : reference_ordre;statut;date;mandat;motif ; statut paye ou rejete) ; chaque ligne ne s’applique qu’une fois.')
      .argument('<fichier>', 'fichier retour CSV').addOption(dbOption()).addOption(definitionsOption())
      .action(async (file: string, options: Options) => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          process.exitCode = usageError(`fichier illisible : ${file}.`);
          return;
        }
        process.exitCode = await withFinance(options, async ({ payments }) => {
          const result = await payments.importReturn(text, CLI_FINANCE);
          for (const finding of result.findings) process.stderr.write(`${file}:${finding.line}: ${finding.message}\n`);
          process.stderr.write(`${result.paid} payé(s), ${result.rejected} rejeté(s) (remis « à émettre »), ${result.unchanged} déjà appliqué(s).\n`);
          return result.findings.length > 0 ? 1 : 0;
        });
      });
  },
};
