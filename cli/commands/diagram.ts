/**
 * `dispositifs diagram <définition>`: draws the lifecycles of a call (application, each measure kind,
 * report) as SVG files (Graphviz in process), DOT or Mermaid text.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { usageError } from '../open-database.ts';

const FORMATS = ['svg', 'dot', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSIONS: Record<Format, string> = { svg: '.svg', dot: '.dot', mermaid: '.mmd' };
const DEFAULT_DEFINITIONS = 'definitions';
const DEFAULT_SVG_FOLDER = 'diagrammes';

interface DiagramOptions {
  machine?: string;
  format?: string;
  out?: string;
  definitions?: string;
  parcours?: string;
}

/** The `diagram` command. */
export const command: CliCommand = {
  name: 'diagram',
  register(program: Command) {
    program
      .command('diagram')
      .description(
        `Dessine les cycles de vie d'un appel (candidature, chaque type de mesure, bilan) avec leurs libellés français, gardes, minuteries et états finaux. Par défaut : toutes les machines, en SVG, un fichier par machine dans ${DEFAULT_SVG_FOLDER}/ ; en dot ou mermaid, le texte va sur la sortie standard. Sort en 0 si tout est dessiné, 1 si la définition est en erreur, 2 en cas d'usage incorrect.`,
      )
      .argument('<définition>', `identifiant d'un appel de ${DEFAULT_DEFINITIONS}/ (par exemple equipes-mobiles-2025) ou chemin d'un fichier YAML`)
      .addOption(new Option('-m, --machine <machine>', 'une seule machine : application, report ou measure:<id de la mesure> (par défaut : toutes)'))
      .addOption(new Option('-f, --format <format>', 'format : svg (Graphviz, dessiné sans navigateur, par défaut), dot (texte Graphviz) ou mermaid (stateDiagram-v2)'))
      .addOption(
        new Option(
          '-o, --out <chemin>',
          `fichier (une machine) ou dossier (plusieurs machines) où écrire ; « - » pour la sortie standard (par défaut : ${DEFAULT_SVG_FOLDER}/ en svg, la sortie standard en dot et mermaid)`,
        ),
      )
      .addOption(new Option('-p, --parcours <états>', "met en valeur le parcours d'une instance : ses états séparés par des virgules, le dernier étant l'état courant (demande --machine)"))
      .addOption(new Option('-d, --definitions <dossier>', `dossier des définitions : appels parents, pièces partagées, territoires (par défaut : ${DEFAULT_DEFINITIONS}/)`))
      .action(async (definition: string, options: DiagramOptions) => {
        process.exitCode = await runDiagram(definition, options);
      });
  },
};

async function runDiagram(target: string, options: DiagramOptions): Promise<number> {
  const asked = options.format ?? 'svg';
  if (!(FORMATS as readonly string[]).includes(asked)) return usageError(`format « ${asked} » inconnu ; formats permis : ${FORMATS.join(', ')}`);
  const format = asked as Format;
  const definitions = options.definitions ?? DEFAULT_DEFINITIONS;
  const { loadRepository } = await import('../../engine/definition/index.ts');
  const { callMachines, drawMachine, isMachineKey, machineSlug, pathThrough } = await import('../../engine/diagram/index.ts');

  const isFile = /\.ya?ml$/.test(target) || target.includes('/');
  if (isFile && !existsSync(target)) return usageError(`fichier introuvable : ${target}`);
  const roots = existsSync(definitions) ? [definitions] : [];
  const repository = await loadRepository(isFile ? [...roots, target] : roots);
  const call = isFile
    ? [...repository.calls.values()].find((candidate) => resolve(candidate.file) === resolve(target))
    : repository.calls.get(target);
  if (call === undefined) {
    const findings = repository.findings.filter((finding) => finding.severity === 'error' && (isFile ? resolve(finding.file) === resolve(target) : true));
    if (isFile && findings.length > 0) {
      for (const finding of findings) process.stderr.write(`${finding.file}:${finding.line}:${finding.column}: erreur [${finding.code}] ${finding.message}\n`);
      process.stderr.write(`La définition est en erreur : corrigez-la (dispositifs validate ${target}) avant de la dessiner.\n`);
      return 1;
    }
    if (isFile) return usageError(`${target} ne contient pas d'appel (kind: call)`);
    const { closest } = await import('fastest-levenshtein');
    const ids = [...repository.calls.keys()];
    const hint = ids.length > 0 ? ` ; vouliez-vous dire « ${closest(target, ids)} » ?` : '';
    return usageError(`aucun appel valide ne porte l'identifiant « ${target} » dans ${definitions}/${hint} (dispositifs catalog les liste, dispositifs validate dit lesquels sont en erreur)`);
  }

  const all = callMachines(call.definition);
  if (options.machine !== undefined && !isMachineKey(options.machine)) return usageError(`machine « ${options.machine} » invalide ; écrivez application, report ou measure:<id>`);
  const machines = options.machine === undefined ? all : all.filter((machine) => machine.key === options.machine);
  if (machines.length === 0) {
    return usageError(`l'appel ${call.id} n'a pas de machine « ${options.machine ?? ''} » ; machines : ${all.map((machine) => machine.key).join(', ') || 'aucune'}`);
  }
  if (options.parcours !== undefined && options.machine === undefined) return usageError('--parcours demande --machine (le parcours est celui d’une instance d’une machine)');
  const states = options.parcours?.split(',').map((state) => state.trim()).filter(Boolean) ?? [];
  const unknown = states.filter((state) => machines[0]!.lifecycle.states?.[state] === undefined);
  if (unknown.length > 0) return usageError(`état inconnu dans --parcours : ${unknown.join(', ')} ; états : ${Object.keys(machines[0]!.lifecycle.states ?? {}).join(', ')}`);
  const highlight = states.length > 0 ? pathThrough(machines[0]!.lifecycle, states) : undefined;

  const drawn = await Promise.all(machines.map((machine) => drawMachine(machine, { format, highlight })));
  const out = options.out ?? (format === 'svg' ? DEFAULT_SVG_FOLDER : '-');
  if (out === '-') {
    if (format === 'svg' && drawn.length > 1) return usageError('plusieurs SVG ne tiennent pas sur la sortie standard : choisissez --machine ou un dossier --out');
    const separator = format === 'dot' ? (title: string) => `// ${title}\n` : (title: string) => `%% ${title}\n`;
    process.stdout.write(drawn.map((machine) => (drawn.length > 1 && format !== 'svg' ? separator(machine.title) : '') + machine.text).join('\n'));
    return 0;
  }
  const asFile = drawn.length === 1 && extname(out) !== '' && !(existsSync(out) && statSync(out).isDirectory());
  if (!asFile) mkdirSync(out, { recursive: true });
  for (const machine of drawn) {
    const file = asFile ? out : join(out, `${call.id}.${machineSlug(machine.key)}${EXTENSIONS[format]}`);
    writeFileSync(file, machine.text);
    process.stderr.write(`${file} : ${machine.title}\n`);
  }
  return 0;
}
