/**
 * The `dispositifs` command line: a thin door onto `engine/`.
 * Each command lives in `cli/commands/<name>.ts` and exports `command: CliCommand`; heavy modules are
 * imported inside the action so that `dispositifs validate` stays fast.
 * @module
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';

/** A command of the CLI: it adds itself to the program. Its action sets `process.exitCode`. */
export interface CliCommand {
  name: string;
  register(program: Command): void;
}

/** Exit codes: 0 valid/success, 1 findings or failures, 2 usage error. */
export const EXIT_USAGE = 2;

/**
 * Runs the CLI and returns the exit code. `commands` defaults to those found in `cli/commands/`.
 * @example
 * process.exitCode = await main(['validate', 'definitions']);
 */
export async function main(argv: string[], commands?: readonly CliCommand[]): Promise<number> {
  const program = new Command('dispositifs')
    .description("Appels à projets du Département du Pas-de-Calais : valider, tester, dessiner, publier les définitions.")
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version', 'affiche la version')
    .helpOption('-h, --help', "affiche l'aide")
    .helpCommand('help [commande]', "affiche l'aide d'une commande")
    .showSuggestionAfterError(true)
    .configureOutput({
      outputError: (str, write) => write(str.replace(/^error: /, 'erreur : ')),
    })
    .exitOverride();

  for (const command of commands ?? (await discoverCommands())) command.register(program);
  for (const sub of program.commands) {
    sub.helpOption('-h, --help', "affiche l'aide").exitOverride();
    sub.configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'erreur : ')) });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    throw error;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

/** The commands of `cli/commands/*.ts`, in file-name order (the compiled build lists them at build time). */
async function discoverCommands(): Promise<CliCommand[]> {
  const dir = fileURLToPath(new URL('./commands/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  const commands: CliCommand[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { command?: CliCommand };
    if (mod.command !== undefined) commands.push(mod.command);
  }
  return commands;
}
