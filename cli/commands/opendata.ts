/**
 * `dispositifs opendata --year 2024 [--all]`: the essential data of the conventions signed that year, in the
 * SCDL « Subventions » format (by default those above 23 000 € a year).
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { withFinance } from '../finance-context.ts';
import type { CliCommand } from '../main.ts';
import { usageError } from '../open-database.ts';

/** The `opendata` command. */
export const command: CliCommand = {
  name: 'opendata',
  register(program: Command) {
    program.command('opendata').description('Données essentielles des conventions de l’année au format SCDL « Subventions » (CSV UTF-8, virgule), chaque ligne vérifiée contre le schéma du standard.')
      .requiredOption('--year <année>', 'année de la convention, par exemple 2024')
      .addOption(new Option('--all', 'toutes les conventions, pas seulement celles de plus de 23 000 € par an'))
      .addOption(new Option('--out <fichier>', 'fichier CSV (par défaut : la sortie standard)'))
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://…'))
      .addOption(new Option('--definitions <dossier>', 'dossier des définitions (par défaut : definitions)'))
      .action(async (options: { year: string; all?: boolean; out?: string; db?: string; definitions?: string }) => {
        if (!/^\d{4}$/.test(options.year)) return void (process.exitCode = usageError(`--year attend une année sur 4 chiffres (reçu « ${options.year} »).`));
        process.exitCode = await withFinance(options, async ({ store, register, departement, expand }) => {
          const { openDataCsv } = await import('../../engine/opendata/index.ts');
          const result = await openDataCsv({ store, register, attribuant: departement, year: Number(options.year), all: options.all === true, expand });
          if (options.out === undefined) process.stdout.write(result.csv);
          else await writeFile(options.out, result.csv);
          for (const skipped of result.skipped) process.stderr.write(`convention ${skipped.agreementId} non publiée : ${skipped.reason}\n`);
          process.stderr.write(`${result.rows.length} convention(s) publiée(s)${options.out === undefined ? '' : ` dans ${options.out}`}.\n`);
          return 0;
        });
      });
  },
};
