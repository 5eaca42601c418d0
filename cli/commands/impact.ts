/**
 * `dispositifs impact <candidat> [--db <base>] [--activite <appel>] [--format text|json|html]`: what a
 * candidate definition (a YAML file, or a call of the repository) would have done to the activity recorded
 * in the database — households refused, other states, other amounts, the year's cost — replayed in memory,
 * without writing anything. With `--activite`, the activity of another call (last year's) under the
 * candidate's rules, dates moved by whole years.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { progressBar } from '../progress-bar.ts';
import { openCliStore, usageError } from '../open-database.ts';

interface ImpactOptions {
  db?: string;
  definitions?: string;
  activite?: string;
  decalage?: string;
  format?: string;
  out?: string;
  max?: string;
}

/** The `impact` command. */
export const command: CliCommand = {
  name: 'impact',
  register(program: Command) {
    program
      .command('impact')
      .description(
        "Montre ce qu'une définition candidate aurait fait de l'activité enregistrée : ménages refusés (règle et message), états et montants différents, coût de l'année par convention, opérateur, territoire et type de mesure, enveloppe et quotas. Rejoue en mémoire, n'écrit rien. Sort en 0 si l'impact est calculé, 1 si la candidate est invalide ou la base illisible, 2 en cas d'usage incorrect.",
      )
      .argument('<candidat>', "fichier YAML de l'appel candidat (une correction, l'appel de l'an prochain), ou identifiant d'un appel des définitions")
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)'))
      .addOption(new Option('--definitions <dossier>', 'dossier des définitions (par défaut : definitions)'))
      .addOption(new Option('--activite <appel>', "rejouer l'activité de cet appel (par exemple equipes-mobiles-2025) sous les règles de la candidate (par défaut : l'appel de la candidate lui-même)"))
      .addOption(new Option('--decalage <années>', "années ajoutées aux dates de l'activité (par défaut : année de la candidate moins année de l'activité)"))
      .addOption(new Option('--format <format>', 'text (par défaut), json ou html'))
      .addOption(new Option('--out <fichier>', 'fichier où écrire le résultat (par défaut : la sortie standard)'))
      .addOption(new Option('--max <n>', 'dossiers listés au plus en texte (par défaut 50)'))
      .action(async (candidate: string, options: ImpactOptions) => {
        process.exitCode = await runImpact(candidate, options);
      });
  },
};

async function runImpact(candidateArg: string, options: ImpactOptions): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'html') return usageError(`--format attend text, json ou html (reçu « ${format} »).`);
  const shift = options.decalage === undefined ? undefined : Number(options.decalage);
  if (shift !== undefined && !Number.isInteger(shift)) return usageError(`--decalage attend un nombre entier d'années (reçu « ${options.decalage} »).`);
  const max = options.max === undefined ? 50 : Number(options.max);
  if (!Number.isInteger(max) || max < 1) return usageError(`--max attend un entier positif (reçu « ${options.max} »).`);

  const definitions = options.definitions ?? 'definitions';
  const { loadRepository } = await import('../../engine/definition/index.ts');
  const { candidateFromRepository, candidateFromText, computeImpact, loadActivity, renderImpactHtml, renderImpactText } = await import('../../engine/impact/index.ts');
  const repository = await loadRepository(definitions);
  let candidate;
  if (existsSync(candidateArg)) {
    const result = candidateFromText(await readFile(candidateArg, 'utf8'), candidateArg, repository);
    if (result.kind === 'invalid') {
      process.stderr.write(`La définition candidate ${candidateArg} n'est pas valide, rien n'a été rejoué :\n${result.findings.map((f) => `  ${f.file}:${f.line}:${f.column}: ${f.severity === 'error' ? 'erreur' : 'avertissement'} [${f.code}] ${f.message}`).join('\n')}\n`);
      return 1;
    }
    candidate = result.call;
  } else {
    candidate = candidateFromRepository(repository, candidateArg);
    if (!candidate) {
      const known = [...repository.calls.keys()].sort().join(', ') || 'aucun';
      return usageError(`« ${candidateArg} » n'est ni un fichier ni un appel valide de ${definitions} (appels : ${known}).`);
    }
  }

  const store = await openCliStore(options.db, { poolSize: 1 });
  if (!store) return 1;
  try {
    const callId = options.activite ?? candidate.id;
    const bar = progressBar();
    const loaded = await loadActivity(store, callId, { onProgress: (done, total) => bar.update(`lecture de ${callId}`, done, total) });
    if (loaded.kind !== 'loaded' || loaded.activity.events.length === 0) {
      bar.done();
      process.stderr.write(`erreur : aucune activité enregistrée pour l'appel « ${callId} » dans cette base${options.activite === undefined ? ' (pour rejouer celle d\'un autre appel, --activite <appel>)' : ''}.\n`);
      return 1;
    }
    const impact = computeImpact({
      activity: loaded.activity, candidate, territories: repository.territories, ...(shift !== undefined && { shiftYears: shift }),
      onProgress: (phase, done, total) => bar.update(phase === 'avant' ? 'rejeu sous les règles enregistrées' : 'rejeu sous la candidate', done, total),
    });
    bar.done();
    const text = format === 'json' ? `${JSON.stringify(impact, null, 2)}\n` : format === 'html' ? renderImpactHtml(impact) : renderImpactText(impact, { maxChanges: max });
    if (options.out === undefined) process.stdout.write(text);
    else {
      await writeFile(options.out, text);
      process.stderr.write(`Impact (${format}) écrit dans ${options.out}.\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
