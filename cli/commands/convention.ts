/**
 * `dispositifs convention <id> [--format pdf|html|json] --out <fichier>`: the convention of a signed agreement.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { withFinance } from '../finance-context.ts';
import type { CliCommand } from '../main.ts';
import { usageError } from '../open-database.ts';

/** The `convention` command. */
export const command: CliCommand = {
  name: 'convention',
  register(program: Command) {
    program.command('convention').description('Imprime la convention d’une candidature signée : parties, objet, durée, montant et calcul, calendrier de versement, bilans, indicateurs, sources, référence.')
      .argument('<id>', 'identifiant de la candidature signée')
      .addOption(new Option('--format <format>', 'pdf (par défaut), html ou json'))
      .requiredOption('--out <fichier>', 'fichier à écrire')
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://…'))
      .addOption(new Option('--definitions <dossier>', 'dossier des définitions (par défaut : definitions)'))
      .action(async (id: string, options: { format?: string; out: string; db?: string; definitions?: string }) => {
        const format = options.format ?? 'pdf';
        if (!['pdf', 'html', 'json'].includes(format)) return void (process.exitCode = usageError(`--format attend pdf, html ou json (reçu « ${format} »).`));
        process.exitCode = await withFinance(options, async ({ store, register, departement, expand }) => {
          const { loadConvention, renderConventionHtml, renderConventionPdf } = await import('../../engine/convention/index.ts');
          const doc = await loadConvention({ store, register, departement, expand }, id);
          await writeFile(options.out, format === 'pdf' ? await renderConventionPdf(doc) : format === 'html' ? renderConventionHtml(doc) : `${JSON.stringify(doc, null, 2)}\n`);
          process.stderr.write(`Convention ${doc.reference} écrite dans ${options.out}.\n`);
          return 0;
        });
      });
  },
};
