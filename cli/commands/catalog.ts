/**
 * `dispositifs catalog [chemins…]`: every call with its year, territories, windows, funding, measure kinds and
 * tariffs, as a text table (one per year) or as JSON.
 */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { EXIT_USAGE } from '../main.ts';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The `catalog` command. */
export const command: CliCommand = {
  name: 'catalog',
  register(program: Command) {
    program
      .command('catalog')
      .description(
        "Affiche le catalogue des appels à projets : année, territoires, fenêtres de candidature, conventionnement, financement, types de mesures et tarifs (montants au centime). Sort en 1 si une définition est en erreur (elle n'est pas reprise), 2 en cas d'usage incorrect.",
      )
      .argument('[chemins...]', 'fichiers ou dossiers de définitions (par défaut : definitions/)')
      .addOption(new Option('-f, --format <format>', 'format de sortie : text (tableau, par défaut) ou json').default('text'))
      .addOption(new Option('-a, --annee <année>', "ne montrer que les appels de cette année (par exemple 2024)"))
      .action(async (paths: string[], options: { format: string; annee?: string }) => {
        process.exitCode = await runCatalog(paths, options);
      });
  },
};

async function runCatalog(paths: string[], options: { format: string; annee?: string }): Promise<number> {
  const format = options.format;
  if (!(FORMATS as readonly string[]).includes(format)) {
    process.stderr.write(`erreur : format « ${format} » inconnu ; formats permis : ${FORMATS.join(', ')}\n`);
    return EXIT_USAGE;
  }
  const year = options.annee === undefined ? undefined : Number(options.annee);
  if (year !== undefined && !Number.isInteger(year)) {
    process.stderr.write(`erreur : année « ${options.annee} » invalide ; écrivez par exemple --annee 2024\n`);
    return EXIT_USAGE;
  }
  const targets = paths.length > 0 ? paths : ['definitions'];
  const missing = targets.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    process.stderr.write(`erreur : chemin introuvable : ${missing.join(', ')}\n`);
    return EXIT_USAGE;
  }
  const { loadRepository } = await import('../../engine/definition/index.ts');
  const { buildCatalog, renderCatalogText } = await import('../../engine/catalog/index.ts');
  const catalog = buildCatalog(await loadRepository(targets));
  const shown = year === undefined ? catalog : { ...catalog, rows: catalog.rows.filter((row) => row.year === year) };
  process.stdout.write(format === 'json' ? `${JSON.stringify(shown, null, 2)}\n` : renderCatalogText(shown));
  return catalog.invalid > 0 ? 1 : 0;
}
