/**
 * `dispositifs retention`: the Département's acts on personal data, from the calls' `retention` rules.
 * `--dry-run` lists what would be erased today and what falls due within each rule's warning (the
 * Département's warning report); without it, erases what is due and compacts the database (a nightly job).
 * `--acces <dossier>` exports everything held about one household (right of access); `--effacer <dossier>`
 * erases a closed file before term. Both need `--agent` and `--motif`, recorded in the register.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { usageError } from '../open-database.ts';

interface RetentionOptions {
  db?: string;
  definitions?: string;
  dryRun?: boolean;
  date?: string;
  format?: string;
  compacter?: boolean;
  acces?: string;
  effacer?: string;
  agent?: string;
  motif?: string;
  fondement?: string;
  out?: string;
}

/** The `retention` command. */
export const command: CliCommand = {
  name: 'retention',
  register(program: Command) {
    program
      .command('retention')
      .description(
        "Conservation des données personnelles selon les durées déclarées par chaque appel (retention). Sans option, efface les données arrivées à échéance puis compacte la base (tâche de nuit) ; --dry-run liste ce qui serait effacé et les effacements à venir (avertissement au Département) sans rien changer. --acces exporte tout ce qui est détenu sur un dossier (droit d'accès) ; --effacer efface un dossier clos avant l'échéance. Chaque acte est inscrit au registre avec son auteur et son motif. Sort en 0 si tout s'est bien passé, 1 en cas de refus ou de base illisible, 2 en cas d'usage incorrect.",
      )
      .addOption(new Option('--dry-run', "liste sans rien effacer"))
      .addOption(new Option('--date <date>', "jour de référence AAAA-MM-JJ (par défaut : aujourd'hui, heure de Paris)"))
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)'))
      .addOption(new Option('--definitions <dossier>', 'dossier des définitions (par défaut : definitions)'))
      .addOption(new Option('--format <format>', 'text (par défaut) ou json'))
      .addOption(new Option('--compacter', "compacte la base même sans nouvel effacement ; PostgreSQL : réécrit les tables (VACUUM FULL, qui les verrouille pendant ce temps)"))
      .addOption(new Option('--acces <dossier>', "exporte en JSON tout ce qui est détenu sur ce dossier (droit d'accès)"))
      .addOption(new Option('--effacer <dossier>', "efface avant l'échéance les données personnelles de ce dossier clos"))
      .addOption(new Option('--agent <id>', "identifiant de l'agent du Département qui agit (--acces, --effacer)"))
      .addOption(new Option('--motif <texte>', "motif de l'acte, inscrit au registre (--acces, --effacer ; sans donnée personnelle)"))
      .addOption(new Option('--fondement <texte>', "fondement juridique d'un effacement anticipé (par exemple « RGPD art. 17-1-c, opposition »)"))
      .addOption(new Option('--out <fichier>', "fichier où écrire l'export (--acces ; par défaut : la sortie standard)"))
      .action(async (options: RetentionOptions) => {
        process.exitCode = await runRetentionCommand(options);
      });
  },
};

async function runRetentionCommand(options: RetentionOptions): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format attend text ou json (reçu « ${format} »).`);
  const { formatDate, isPlainDate, parisDate, parisInstant } = await import('../../engine/time/index.ts');
  if (options.date !== undefined && !isPlainDate(options.date)) return usageError(`--date attend une date AAAA-MM-JJ (reçu « ${options.date} »).`);
  const act = options.acces ?? options.effacer;
  if (options.acces !== undefined && options.effacer !== undefined) return usageError('--acces et --effacer ne vont pas ensemble : un acte à la fois.');
  if (act !== undefined && (options.agent === undefined || options.motif === undefined)) return usageError('--acces et --effacer demandent --agent <id> et --motif <texte> (inscrits au registre).');
  const now = options.date === undefined ? new Date() : parisInstant(options.date, '12:00');

  const { loadRepository } = await import('../../engine/definition/index.ts');
  const definitions = options.definitions ?? 'definitions';
  const repository = await loadRepository(definitions);
  const calls = new Map([...repository.calls].map(([id, call]) => [id, call.definition]));
  const { openDatabase } = await import('../open-database.ts');
  const store = await openDatabase(options.db);
  if (!store) return 1;
  const privacy = await import('../../engine/privacy/index.ts');
  const { EngineError } = await import('../../engine/errors.ts');
  try {
    const actor = { id: options.agent ?? '', role: 'departement' };
    if (options.acces !== undefined) {
      const exported = await privacy.exportSubject(store, { instanceId: options.acces, actor, reason: options.motif ?? '', now });
      const text = `${JSON.stringify(exported, null, 2)}\n`;
      if (options.out === undefined) process.stdout.write(text);
      else {
        await writeFile(options.out, text, { mode: 0o600 });
        process.stderr.write(`Export du dossier « ${options.acces} » écrit dans ${options.out} ; l'acte est inscrit au registre.\n`);
      }
      return 0;
    }
    if (options.effacer !== undefined) {
      const outcome = await privacy.eraseBeforeTerm(store, calls, { instanceId: options.effacer, actor, reason: options.motif ?? '', now, ...(options.fondement !== undefined && { basis: options.fondement }) });
      process.stdout.write(format === 'json' ? `${JSON.stringify(outcome)}\n` : outcome.already
        ? `Les données du dossier « ${outcome.instanceId} » étaient déjà effacées : rien n'a changé.\n`
        : `Données du dossier « ${outcome.instanceId} » effacées (${outcome.erased.join(', ') || 'aucun champ'}) ; gardées pour les indicateurs : ${outcome.kept.join(', ') || 'aucune'}. Acte inscrit au registre.\n`);
      return 0;
    }
    const today = parisDate(now);
    const labelOf = (item: { callId: string; kind: string; measureKind: string | null; territory: string | null; after: string; from: string; expiry: string; instanceId: string }) =>
      `  ${item.instanceId}  ${item.callId}  ${item.kind === 'measure' ? `mesure ${item.measureKind ?? ''}` : 'candidature'}  ${item.territory ?? ''}  ${item.after === 'end' ? 'fin du dossier' : item.after === 'balance' ? 'solde de la convention' : 'création'} le ${formatDate(item.from)} → échéance le ${formatDate(item.expiry)}\n`;
    const undeclared = (plan: { undeclared: Array<{ callId: string; dataKind: string }> }) => plan.undeclared.length === 0 ? ''
      : `Appels sans durée de conservation déclarée (données gardées sans limite) : ${plan.undeclared.map((u) => `${u.callId} (${u.dataKind === 'households' ? 'ménages' : 'porteurs'})`).join(', ')}.\n`;
    if (options.dryRun) {
      const plan = await privacy.planRetention(store, calls.values(), today);
      if (format === 'json') process.stdout.write(`${JSON.stringify(plan)}\n`);
      else {
        process.stdout.write(`Conservation des données au ${formatDate(today)} (simulation : rien n'est effacé)\n`);
        process.stdout.write(`À effacer maintenant : ${plan.due.length}\n${plan.due.map(labelOf).join('')}`);
        process.stdout.write(`Effacements à venir (avertissement au Département) : ${plan.upcoming.length}\n${plan.upcoming.map(labelOf).join('')}`);
        process.stdout.write(undeclared(plan));
      }
      return 0;
    }
    const run = await privacy.runRetention(store, calls, now, {
      ...(options.compacter && { full: true }),
      onErased: process.stderr.isTTY ? (_o, done, total) => process.stderr.write(`\r${done}/${total} dossier(s) effacé(s)`) : undefined,
    });
    if (process.stderr.isTTY && run.erased.length > 0) process.stderr.write('\n');
    if (format === 'json') process.stdout.write(`${JSON.stringify({ date: today, erased: run.erased, upcoming: run.plan.upcoming, undeclared: run.plan.undeclared })}\n`);
    else {
      process.stdout.write(`Conservation des données au ${formatDate(today)} : ${run.erased.filter((o) => !o.already).length} dossier(s) effacé(s)${options.compacter || run.erased.some((o) => !o.already) ? ', base compactée' : ''}.\n`);
      process.stdout.write(`Effacements à venir (avertissement au Département) : ${run.plan.upcoming.length}\n${run.plan.upcoming.map(labelOf).join('')}`);
      process.stdout.write(undeclared(run.plan));
    }
    return 0;
  } catch (error) {
    process.stderr.write(error instanceof EngineError ? `refusé : ${error.message}\n` : `erreur : ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
