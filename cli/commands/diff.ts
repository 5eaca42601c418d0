/**
 * `dispositifs diff <appel> [<autre>]`: what a call changes in the call it extends (or in another call), in
 * the same French sentences as the preview's diff page.
 */
import type { Command } from 'commander';
import { findCalls } from '../call-argument.ts';
import type { CliCommand } from '../main.ts';

const DEFAULT_DEFINITIONS = 'definitions';

/** The `diff` command. */
export const command: CliCommand = {
  name: 'diff',
  register(program: Command) {
    program
      .command('diff')
      .description("Dit en français ce qu'un appel change par rapport à l'appel qu'il reprend (extends), ou par rapport à un autre appel : fenêtres, financement, tarifs, mesures, cycles de vie, indicateurs… Chaque changement est nommé. Sort en 0, 1 si une définition est en erreur, 2 en cas d'usage incorrect.")
      .argument('<appel>', `identifiant d'un appel de ${DEFAULT_DEFINITIONS}/ ou chemin de son fichier YAML`)
      .argument('[autre]', "appel de référence (par défaut : celui que l'appel reprend)")
      .option('-i, --inchanges', 'liste aussi ce qui ne change pas')
      .option('-d, --definitions <dossier>', `dossier des définitions (par défaut : ${DEFAULT_DEFINITIONS}/)`)
      .action(async (target: string, other: string | undefined, options: { definitions?: string; inchanges?: boolean }) => {
        process.exitCode = await runDiff(target, other, options);
      });
  },
};

async function runDiff(target: string, other: string | undefined, options: { definitions?: string; inchanges?: boolean }): Promise<number> {
  const found = await findCalls(other === undefined ? [target] : [target, other], options.definitions ?? DEFAULT_DEFINITIONS);
  if ('error' in found) {
    process.stderr.write(`erreur : ${found.error}\n`);
    return found.code;
  }
  const [call, reference] = found.calls;
  const parentId = reference?.id ?? call!.parents[0];
  const parent = parentId === undefined ? undefined : found.repository.calls.get(parentId);
  if (parent === undefined) {
    process.stderr.write(`erreur : l'appel ${call!.id} ne reprend aucun appel (pas d'extends) : donnez l'appel à comparer, par exemple « npx dispositifs diff ${call!.id} <autre appel> ».\n`);
    return 2;
  }
  const { diffCalls, renderDiffText } = await import('../../engine/diff/index.ts');
  const { territories } = found.repository;
  const territoryLabel = (id: string) => territories.groups.get(id)?.label ?? territories.territories.get(id)?.label ?? id;
  process.stdout.write(renderDiffText(diffCalls(parent.definition, call!.definition, { territoryLabel }), { unchanged: options.inchanges === true }));
  return 0;
}
