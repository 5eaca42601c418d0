/**
 * `dispositifs show <appel>`: the resolved call (extends and pieces applied) as YAML, each value annotated
 * with the file and line it comes from.
 */
import type { Command } from 'commander';
import { findCalls } from '../call-argument.ts';
import type { CliCommand } from '../main.ts';

const DEFAULT_DEFINITIONS = 'definitions';

/** The `show` command. */
export const command: CliCommand = {
  name: 'show',
  register(program: Command) {
    program
      .command('show')
      .description("Affiche l'appel résolu (extends et pièces partagées appliqués), tel que le moteur l'exécute, en YAML : chaque valeur porte en commentaire le fichier et la ligne d'où elle vient. Sort en 0, 1 si la définition est en erreur, 2 en cas d'usage incorrect.")
      .argument('<appel>', `identifiant d'un appel de ${DEFAULT_DEFINITIONS}/ (par exemple equipes-mobiles-2025) ou chemin de son fichier YAML`)
      .option('-d, --definitions <dossier>', `dossier des définitions (par défaut : ${DEFAULT_DEFINITIONS}/)`)
      .action(async (target: string, options: { definitions?: string }) => {
        const found = await findCalls([target], options.definitions ?? DEFAULT_DEFINITIONS);
        if ('error' in found) {
          process.stderr.write(`erreur : ${found.error}\n`);
          process.exitCode = found.code;
          return;
        }
        const { annotatedYaml } = await import('../../engine/definition/index.ts');
        process.stdout.write(annotatedYaml(found.calls[0]!));
      });
  },
};
