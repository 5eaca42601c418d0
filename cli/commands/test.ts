/**
 * `dispositifs test [chemins…]`: runs the scenario files (`*.scenarios.yaml`) against a fresh engine each
 * (in-memory SQLite, manual clock), reports each failing step at file:line, and the coverage of the
 * lifecycles with `--coverage`.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { EXIT_USAGE } from '../main.ts';

const FORMATS = ['human', 'json'] as const;
const DEFAULT_ROOT = 'definitions';

interface TestOptions {
  format?: string;
  coverage?: boolean;
  definitions?: string;
}

/** The `test` command. */
export const command: CliCommand = {
  name: 'test',
  register(program: Command) {
    program
      .command('test')
      .description(
        "Exécute les scénarios (*.scenarios.yaml) : chacun sur un moteur neuf (base SQLite en mémoire, horloge manuelle), étape par étape ; une étape en échec est signalée à sa ligne. Sort en 0 si tout réussit, 1 si un scénario échoue ou si un fichier est invalide, 2 en cas d'usage incorrect.",
      )
      .argument('[chemins...]', `fichiers de scénarios ou dossiers qui en contiennent (par défaut : ${DEFAULT_ROOT}/)`)
      .addOption(new Option('-f, --format <format>', 'format de sortie : human (lisible, par défaut) ou json'))
      .option('-c, --coverage', "affiche la couverture : les états et transitions qu'aucun scénario n'atteint, avec les raisons données sous « coverage: »")
      .option('-d, --definitions <dossier>', `dossier des définitions testées (par défaut : ${DEFAULT_ROOT}/, ou les dossiers des scénarios s'ils sont ailleurs)`)
      .action(async (paths: string[], options: TestOptions) => {
        process.exitCode = await runTest(paths, options);
      });
  },
};

async function runTest(paths: string[], options: TestOptions): Promise<number> {
  const format = options.format ?? 'human';
  if (!(FORMATS as readonly string[]).includes(format)) {
    process.stderr.write(`erreur : format « ${format} » inconnu ; formats permis : ${FORMATS.join(', ')}\n`);
    return EXIT_USAGE;
  }
  const targets = paths.length > 0 ? paths : [DEFAULT_ROOT];
  const missing = [...targets, ...(options.definitions !== undefined ? [options.definitions] : [])].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    process.stderr.write(`erreur : chemin introuvable : ${missing.join(', ')}\n`);
    return EXIT_USAGE;
  }
  const { loadRepository } = await import('../../engine/definition/index.ts');
  const { renderJson, renderText, runScenarioFiles } = await import('../../engine/scenario/index.ts');
  const repository = await loadRepository(definitionRoots(targets, options.definitions));
  const files = repository.scenarioFiles.filter((file) => targets.some((target) => isWithin(file, target)));
  if (files.length === 0) {
    process.stderr.write(`erreur : aucun fichier *.scenarios.yaml dans ${targets.join(', ')}\n`);
    return paths.length > 0 ? EXIT_USAGE : 1;
  }
  const run = await runScenarioFiles(files, repository, { coverage: true, allCalls: paths.length === 0 });
  process.stdout.write(format === 'json' ? renderJson(run) : renderText(run, { coverage: options.coverage === true }));
  return run.summary.failed + run.summary.errors > 0 ? 1 : 0;
}

/** Where the tested definitions are: `--definitions`, else `definitions/` for scenarios in it, else the scenarios' folders. */
function definitionRoots(targets: string[], explicit: string | undefined): string[] {
  if (explicit !== undefined) return [explicit, ...targets];
  const folders = targets.map((target) => (statSync(target).isDirectory() ? target : dirname(target)));
  const inside = existsSync(DEFAULT_ROOT) && targets.some((target) => isWithin(target, DEFAULT_ROOT));
  return inside ? [DEFAULT_ROOT, ...folders.filter((folder) => !isWithin(folder, DEFAULT_ROOT))] : folders;
}

function isWithin(file: string, target: string): boolean {
  const absoluteFile = resolve(file);
  const absoluteTarget = resolve(target);
  return absoluteFile === absoluteTarget || absoluteFile.startsWith(absoluteTarget + sep);
}

