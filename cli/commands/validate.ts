/**
 * `dispositifs validate [chemins…]`: validates definitions like a compiler (syntax, schema, coherence) and
 * reports `file:line:col: erreur [code] message`, GitHub Actions annotations or JSON.
 */
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { EXIT_USAGE } from '../main.ts';
import type { Finding, Repository } from '../../engine/definition/index.ts';

const FORMATS = ['human', 'github', 'json'] as const;
type Format = (typeof FORMATS)[number];

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

const DEFAULT_ROOT = 'definitions';

/** The `validate` command. */
export const command: CliCommand = {
  name: 'validate',
  register(program: Command) {
    program
      .command('validate')
      .description(
        "Valide les définitions YAML comme un compilateur : syntaxe, schéma, puis cohérence (états, événements, gardes, minuteries, actes, champs, fenêtres, territoires, extends). Sort en 0 si tout est valide (avertissements permis), 1 s'il y a une erreur, 2 en cas d'usage incorrect.",
      )
      .argument('[chemins...]', `fichiers ou dossiers à valider (par défaut : ${DEFAULT_ROOT}/)`)
      .addOption(
        new Option('-c, --contexte <dossier>', `dossier lu pour résoudre extends, use et le catalogue des territoires, sans que ses fichiers soient rapportés (répétable ; par défaut : ${DEFAULT_ROOT}/)`)
          .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
      )
      .addOption(
        new Option('--db <url>', "base de données (fichier SQLite ou postgres://…) : vérifie aussi qu'aucun appel publié n'a changé de contenu sans changer de version"),
      )
      .addOption(
        new Option('-f, --format <format>', 'format de sortie : human (lisible), github (annotations GitHub Actions, par défaut quand GITHUB_ACTIONS=true) ou json'),
      )
      .action(async (paths: string[], options: { format?: string; contexte?: string[]; db?: string }) => {
        const format = options.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'human');
        if (!isFormat(format)) {
          process.stderr.write(`erreur : format « ${format} » inconnu ; formats permis : ${FORMATS.join(', ')}\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        process.exitCode = await runValidate(paths, format, options.contexte, options.db);
      });
  },
};

/** Validates `paths` (with the context folders for parents, pieces and the catalog); returns the exit code. */
async function runValidate(paths: string[], format: Format, contextFolders: string[] | undefined, database?: string): Promise<number> {
  const targets = paths.length > 0 ? paths : [DEFAULT_ROOT];
  const sqliteFile = database !== undefined && !/^postgres(ql)?:\/\//.test(database) && database !== ':memory:' ? [database] : [];
  const missing = [...targets, ...(contextFolders ?? []), ...sqliteFile].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    process.stderr.write(`erreur : chemin introuvable : ${missing.join(', ')}\n`);
    return EXIT_USAGE;
  }
  const { loadRepository } = await import('../../engine/definition/index.ts');
  const context = contextFolders ?? (existsSync(DEFAULT_ROOT) ? [DEFAULT_ROOT] : []);
  const repository = await loadRepository([...context, ...targets]);
  const selected = (file: string) => targets.some((target) => isWithin(file, target));
  const files = repository.files.filter(selected);
  const findings = repository.findings.filter((finding) => selected(finding.file));
  if (database !== undefined) findings.push(...(await frozenContent(database, repository)).filter((finding) => selected(finding.file)));
  process.stdout.write(render(format, files, findings));
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

/** The published calls whose content differs from what the database recorded for their version. */
async function frozenContent(database: string, repository: Repository): Promise<Finding[]> {
  const { openStore } = await import('../../engine/store/index.ts');
  const { checkPublishedContent } = await import('../../engine/runtime/index.ts');
  const store = await openStore(database);
  try {
    return (await checkPublishedContent(store, repository)).findings;
  } finally {
    await store.close();
  }
}

function isWithin(file: string, target: string): boolean {
  const absoluteFile = resolve(file);
  const absoluteTarget = resolve(target);
  return absoluteFile === absoluteTarget || absoluteFile.startsWith(absoluteTarget + sep);
}

function render(format: Format, files: string[], findings: Finding[]): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  switch (format) {
    case 'json':
      return `${JSON.stringify({ valid: errors === 0, files, errors, warnings, findings }, null, 2)}\n`;
    case 'github':
      return [...findings.map(githubAnnotation), summary(files.length, errors, warnings)].join('\n') + '\n';
    case 'human':
      return [...findings.map(humanLine), summary(files.length, errors, warnings)].join('\n') + '\n';
  }
}

function humanLine(finding: Finding): string {
  const severity = finding.severity === 'error' ? 'erreur' : 'avertissement';
  return `${finding.file}:${finding.line}:${finding.column}: ${severity} [${finding.code}] ${finding.message}`;
}

/** A GitHub Actions workflow command (escaped as the runner expects). */
function githubAnnotation(finding: Finding): string {
  const property = (value: string) => escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
  const command = finding.severity === 'error' ? 'error' : 'warning';
  return `::${command} file=${property(finding.file)},line=${finding.line},col=${finding.column},title=${property(`[${finding.code}]`)}::${escapeData(finding.message)}`;
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function summary(files: number, errors: number, warnings: number): string {
  const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;
  const checked = `${plural(files, 'fichier')} ${files > 1 ? 'validés' : 'validé'}`;
  if (errors === 0 && warnings === 0) return `${checked} : aucune erreur.`;
  return `${checked} : ${plural(errors, 'erreur')}, ${plural(warnings, 'avertissement')}.`;
}
