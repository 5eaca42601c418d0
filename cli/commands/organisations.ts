/**
 * `dispositifs organisations …`: the register of organisations from the command line (the Département's
 * agent): list, show, set one, import a French CSV, read a history. Bank details are shown with `--finance`.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { openCliStore } from '../open-database.ts';
import type { OrganisationRegister, RegisterActor } from '../../engine/organisations/index.ts';

interface Common {
  db?: string;
  finance?: boolean;
}

const dbOption = () => new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)');
const financeOption = () => new Option('--finance', 'montre les IBAN (service financier du Département)');

async function withRegister(options: Common, work: (register: OrganisationRegister, actor: RegisterActor) => Promise<number>): Promise<number> {
  const store = await openCliStore(options.db, { create: true });
  if (!store) return 1;
  try {
    const { organisationRegister } = await import('../../engine/organisations/index.ts');
    const actor: RegisterActor = { id: process.env.USER ?? 'cli', role: 'departement', ...(options.finance === true && { finance: true }) };
    return await work(organisationRegister(store.db), actor);
  } catch (error) {
    const { EngineError } = await import('../../engine/errors.ts');
    if (!(error instanceof EngineError)) throw error;
    process.stderr.write(`erreur : ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** The `organisations` command and its subcommands. */
export const command: CliCommand = {
  name: 'organisations',
  register(program: Command) {
    const group = program.command('organisations').description('Registre des organismes (opérateurs) : raison sociale, SIRET, RNA, adresse, courriel, IBAN ; chaque modification est historisée.');
    group.command('list').description('Liste les organismes du registre (JSON).').addOption(dbOption()).addOption(financeOption())
      .action(async (options: Common) => {
        process.exitCode = await withRegister(options, async (register, actor) => (print(await register.list(actor)), 0));
      });
    group.command('show').description("Affiche un organisme et l'historique de ses modifications (JSON).").argument('<id>', "identifiant de l'organisme").addOption(dbOption()).addOption(financeOption())
      .action(async (id: string, options: Common) => {
        process.exitCode = await withRegister(options, async (register, actor) => (print({ organisation: await register.get(id, actor), history: await register.history(id, actor) }), 0));
      });
    group.command('set').description('Crée un organisme ou modifie les champs donnés ; refuse un SIRET, un RNA, un IBAN ou un courriel invalide.').argument('<id>', "identifiant de l'organisme (celui des candidatures et des jetons)")
      .option('--name <raison sociale>', 'raison sociale (requise à la création)').option('--siret <siret>', 'SIRET, 14 chiffres (requis à la création)')
      .option('--rna <rna>', 'numéro RNA (W + 9 chiffres)').option('--address <adresse>', 'adresse postale').option('--email <courriel>', 'courriel de contact').option('--iban <iban>', 'IBAN (lu par le service financier seulement)')
      .addOption(dbOption())
      .action(async (id: string, options: Common & Record<string, string | undefined>) => {
        process.exitCode = await withRegister(options, async (register, actor) => {
          // Only the fields given change: the others keep their registered values.
          const { version: _v, createdAt: _c, updatedAt: _u, ...current } = (await register.find(id)) ?? { version: 0, createdAt: '', updatedAt: '' };
          const raw: Record<string, unknown> = { ...current, id };
          for (const key of ['name', 'siret', 'rna', 'address', 'email', 'iban'] as const) if (options[key] !== undefined) raw[key] = options[key];
          const { outcome, organisation } = await register.put(raw, actor);
          process.stderr.write(`Organisme « ${organisation.name} » : ${outcome === 'creation' ? 'créé' : outcome === 'modification' ? `modifié (version ${organisation.version})` : 'inchangé'}.\n`);
          return 0;
        });
      });
    group.command('import').description("Importe un tableur CSV (« ; », UTF-8 avec ou sans BOM ; colonnes identifiant;raison sociale;siret;rna;adresse;courriel;iban) : tout ou rien, chaque erreur avec sa ligne et sa colonne.").argument('<fichier>', 'fichier CSV')
      .addOption(dbOption())
      .action(async (file: string, options: Common) => {
        process.exitCode = await withRegister(options, async (register, actor) => {
          const { importOrganisationsCsv } = await import('../../engine/organisations/index.ts');
          let text: string;
          try {
            text = await readFile(file, 'utf8');
          } catch {
            process.stderr.write(`erreur : fichier illisible : ${file}.\n`);
            return 1;
          }
          const result = await importOrganisationsCsv(register, text, actor);
          if (result.findings.length > 0) {
            for (const finding of result.findings) process.stderr.write(`${file}:${finding.line}:${finding.column}: ${finding.message}\n`);
            process.stderr.write(`Aucun organisme importé : corrigez ${result.findings.length === 1 ? "l'erreur" : `les ${result.findings.length} erreurs`} puis recommencez.\n`);
            return 1;
          }
          process.stderr.write(`${result.created} organisme(s) créé(s), ${result.changed} modifié(s), ${result.unchanged} inchangé(s).\n`);
          return 0;
        });
      });
  },
};
