/**
 * `dispositifs migrate-instances <appel> --to-version N [--dry-run] [--db <base>]`: applies the migration
 * plan written in the call's YAML (`migration`) to its running instances of earlier versions. The dry run
 * writes nothing and shows the plan and its impact; the migration writes one event per instance, each in
 * its own transaction, and lists the instances the plan does not cover (left unchanged).
 */
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { EXIT_USAGE } from '../main.ts';
import { progressBar } from '../progress-bar.ts';
import { openCliStore, usageError } from '../open-database.ts';

interface MigrateOptions {
  toVersion?: string;
  dryRun?: boolean;
  db?: string;
  definitions?: string;
  format?: string;
  by?: string;
}

/** The `migrate-instances` command. */
export const command: CliCommand = {
  name: 'migrate-instances',
  register(program: Command) {
    program
      .command('migrate-instances')
      .description(
        "Migre les dossiers en cours d'un appel vers sa nouvelle version (une correction publiée), selon le plan « migration » écrit dans son YAML : correspondance des états, valeurs par défaut des données. --dry-run n'écrit rien et montre le plan et son impact. Un événement de migration par dossier, chacun dans sa transaction ; relancer ne refait rien. Sort en 0 si la migration (ou le plan) est complète, 1 si le plan est incomplet (rien n'est écrit) ou si un dossier a été refusé, 2 en cas d'usage incorrect.",
      )
      .argument('<appel>', "identifiant de l'appel, par exemple equipes-mobiles-2025")
      .addOption(new Option('--to-version <n>', 'version cible : celle que portent les définitions').makeOptionMandatory())
      .addOption(new Option('--dry-run', "montrer le plan et son impact sans rien écrire"))
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)'))
      .addOption(new Option('--definitions <dossier>', 'dossier des définitions (par défaut : definitions)'))
      .addOption(new Option('--by <agent>', "identifiant de l'agent du Département inscrit dans l'historique (par défaut : l'utilisateur du système)"))
      .addOption(new Option('--format <format>', 'text (par défaut) ou json'))
      .action(async (callId: string, options: MigrateOptions) => {
        process.exitCode = await runMigrateInstances(callId, options);
      });
  },
};

async function runMigrateInstances(callId: string, options: MigrateOptions): Promise<number> {
  const toVersion = Number(options.toVersion);
  if (!Number.isInteger(toVersion) || toVersion < 1) return usageError(`--to-version attend un entier positif (reçu « ${options.toVersion} »).`);
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format attend text ou json (reçu « ${format} »).`);
  const { loadRepository } = await import('../../engine/definition/index.ts');
  const { migrateInstances, renderImpactText } = await import('../../engine/impact/index.ts');
  const { createEngine } = await import('../../engine/runtime/index.ts');
  const { systemClock } = await import('../../engine/time/index.ts');
  const { EngineError } = await import('../../engine/errors.ts');
  const { userInfo } = await import('node:os');
  const repository = await loadRepository(options.definitions ?? 'definitions');
  const store = await openCliStore(options.db, { poolSize: 1 });
  if (!store) return 1;
  try {
    const engine = createEngine({ store, repository, clock: systemClock });
    const bar = progressBar();
    let outcome;
    try {
      outcome = await migrateInstances({
        store, engine, repository, callId, toVersion, dryRun: options.dryRun === true,
        actor: { id: options.by ?? userInfo().username, role: 'departement' },
        onProgress: (done, total) => bar.update('migration', done, total),
      });
    } catch (error) {
      bar.done();
      if (error instanceof EngineError) {
        process.stderr.write(`erreur : ${error.message}\n`);
        return error.code === 'definition-inconnue' ? EXIT_USAGE : 1;
      }
      throw error;
    }
    bar.done();
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    } else {
      const lines: string[] = [];
      if (outcome.missing.length > 0) {
        lines.push(`Migration refusée, rien n'a été écrit : le plan de la version ${toVersion} ne dit pas où vont ces états en usage.`);
        for (const m of outcome.missing) lines.push(`  ${m.lifecycle} : « ${m.state} » (${m.instances.length} dossier(s), par exemple ${m.instances.slice(0, 3).join(', ')})`);
        lines.push('Complétez « migration.lifecycles.<cycle>.states » dans le YAML de l\'appel, puis relancez.');
      } else {
        lines.push(`${outcome.dryRun ? 'Simulation (rien n\'est écrit)' : 'Migration'} de « ${callId} » vers la version ${toVersion} : ${outcome.moves.length} dossier(s) ${outcome.dryRun ? 'à migrer' : 'prévus'}${outcome.dryRun ? '' : `, ${outcome.migrated.length} migré(s)`}.`);
        const byTransition = new Map<string, number>();
        for (const m of outcome.moves) byTransition.set(`${m.lifecycle} : ${m.from} → ${m.to}`, (byTransition.get(`${m.lifecycle} : ${m.from} → ${m.to}`) ?? 0) + 1);
        for (const [what, n] of byTransition) lines.push(`  ${what} (${n})`);
        for (const f of outcome.failed) lines.push(`  refusé : ${f.instanceId} — ${f.message}`);
      }
      if (outcome.uncovered.length > 0) {
        lines.push(`Dossiers non couverts par le plan, laissés tels quels (${outcome.uncovered.length}) :`);
        for (const u of outcome.uncovered) lines.push(`  ${u.instanceId} (${u.lifecycle}, « ${u.state} », version ${u.fromVersion}) : ${u.reason}`);
      }
      if (outcome.impact) lines.push('', 'Impact de la nouvelle version sur l\'activité enregistrée :', renderImpactText(outcome.impact).trimEnd());
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return outcome.missing.length > 0 || outcome.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
