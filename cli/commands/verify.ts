/**
 * `dispositifs verify --db <base> [--call <id>…] [--format text|json]`: every instance's snapshot, timers
 * and ledger rows compared with the in-memory replay of its log; exit 0 when all agree, 1 with the first
 * differences located, 2 on bad usage. Suited to a nightly job (JSON for machines, a bar on a terminal).
 *
 * The checks are a list (`CHECKS`): another verification of the same store (the log's hash chain, say)
 * is one more entry, with its own options registered beside it.
 */
import { Option, type Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { progressBar } from '../progress-bar.ts';
import { openCliStore, usageError } from '../open-database.ts';

/** The options of `verify` (each check reads those it registered). */
export interface VerifyCommandOptions {
  db?: string;
  definitions?: string;
  call?: string[];
  format?: string;
  max?: string;
  /** Also recompute the log's hash chains (issue 17). */
  log?: boolean;
  /** Only the log's hash chains, no replay. */
  logSeulement?: boolean;
}

/** One difference found by a check, located. */
export interface CheckDifference {
  callId: string;
  instanceId: string;
  what: string;
  message: string;
}

/** What a check reports: what it looked at, and what it found wrong. */
export interface CheckResult {
  check: string;
  summary: string;
  differences: CheckDifference[];
}

/** A verification of a store the command runs. */
export interface VerifyCheck {
  name: string;
  /** Adds the check's own options to the command. */
  options?: (command: Command) => void;
  /** Whether the options ask for it (default: always). */
  enabled?: (options: VerifyCommandOptions) => boolean;
  run(context: CheckContext): Promise<CheckResult>;
}

/** What a check runs on. */
export interface CheckContext {
  store: import('../../engine/store/index.ts').Store;
  options: VerifyCommandOptions;
  progress: (label: string, done: number, total: number) => void;
}

/** The replay check: snapshots, timers and ledger equal to the replay of each log. */
const replayCheck: VerifyCheck = {
  name: 'rejeu',
  async run({ store, options, progress }) {
    const { loadRepository } = await import('../../engine/definition/index.ts');
    const { verifyStore } = await import('../../engine/impact/index.ts');
    const repository = await loadRepository(options.definitions ?? 'definitions');
    const verdict = await verifyStore(store, {
      territories: repository.territories,
      ...(options.call !== undefined && { calls: options.call }),
      onProgress: (callId, done, total) => progress(callId, done, total),
    });
    const instances = verdict.calls.reduce((n, c) => n + c.instances, 0);
    const events = verdict.calls.reduce((n, c) => n + c.events, 0);
    return {
      check: 'rejeu',
      summary: `${verdict.calls.length} appel(s), ${instances.toLocaleString('fr-FR')} dossier(s), ${events.toLocaleString('fr-FR')} événement(s) rejoués en mémoire`,
      differences: verdict.calls.flatMap((c) => c.differences),
    };
  },
};

/** The log check: every event row's hash chained to its instance's previous row, and the register of acts on personal data. */
const logCheck: VerifyCheck = {
  name: 'journal',
  options: (command) => command
    .option('--log', 'vérifie aussi les chaînes d’empreintes du journal (chaque événement lié au précédent de son dossier) ; le résumé du jour : dispositifs verify-log --jour')
    .option('--log-seulement', 'vérifie les chaînes du journal seulement, sans rejouer les dossiers'),
  enabled: (options) => options.log === true || options.logSeulement === true,
  async run({ store, progress }) {
    const { verifyLog } = await import('../../engine/integrity/index.ts');
    const v = await verifyLog(store, (n) => progress('journal', n, n));
    return {
      check: 'journal',
      summary: `${v.events.toLocaleString('fr-FR')} événement(s) de ${v.instances.toLocaleString('fr-FR')} dossier(s) et ${v.privacyActs} acte(s) sur des données personnelles vérifiés`
        + `${v.unchained > 0 ? ` (${v.unchained} antérieur(s) au chaînage, non vérifiables)` : ''}`,
      differences: v.broken === undefined ? [] : [{ callId: '—', instanceId: v.broken.instanceId, what: `chaîne (${v.broken.kind})`, message: v.broken.message }],
    };
  },
};

/** The checks `verify` runs, in order. */
export const CHECKS: VerifyCheck[] = [{ ...replayCheck, enabled: (options) => options.logSeulement !== true }, logCheck];

/** The `verify` command. */
export const command: CliCommand = {
  name: 'verify',
  register(program: Command) {
    const verify = program
      .command('verify')
      .description(
        "Vérifie la base : l'instantané, les minuteries et les écritures comptables de chaque dossier doivent être ceux que le rejeu de son journal reconstruit (en mémoire, sans rien écrire). Sort en 0 si tout concorde, 1 avec les premières différences situées, 2 en cas d'usage incorrect.",
      )
      .addOption(new Option('--db <base>', 'fichier SQLite ou URL postgres://… (par défaut : DATABASE_URL, puis DISPOSITIFS_DB, puis ./dispositifs.sqlite)'))
      .addOption(new Option('--definitions <dossier>', 'dossier des définitions, pour le catalogue des territoires (par défaut : definitions)'))
      .addOption(new Option('--call <id...>', 'ne vérifier que ces appels (par défaut : tous ceux de la base)'))
      .addOption(new Option('--format <format>', 'text (par défaut) ou json'))
      .addOption(new Option('--max <n>', 'nombre de différences affichées au plus (par défaut 20)'));
    for (const check of CHECKS) check.options?.(verify);
    verify.action(async (options: VerifyCommandOptions) => {
      process.exitCode = await runVerify(options);
    });
  },
};

async function runVerify(options: VerifyCommandOptions): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format attend text ou json (reçu « ${format} »).`);
  const max = options.max === undefined ? 20 : Number(options.max);
  if (!Number.isInteger(max) || max < 1) return usageError(`--max attend un entier positif (reçu « ${options.max} »).`);
  const store = await openCliStore(options.db, { poolSize: 1 });
  if (!store) return 1;
  try {
    const bar = progressBar();
    const results: CheckResult[] = [];
    for (const check of CHECKS) {
      if (check.enabled && !check.enabled(options)) continue;
      results.push(await check.run({ store, options, progress: bar.update }));
    }
    bar.done();
    const ok = results.every((r) => r.differences.length === 0);
    if (format === 'json') process.stdout.write(`${JSON.stringify({ ok, checks: results }, null, 2)}\n`);
    else process.stdout.write(renderText(results, max));
    return ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

function renderText(results: CheckResult[], max: number): string {
  const lines: string[] = [];
  for (const r of results) {
    const n = r.differences.length;
    lines.push(`${n === 0 ? '✓' : '✗'} ${r.check} : ${r.summary}${n === 0 ? ', tout concorde.' : `, ${n} différence(s).`}`);
    for (const d of r.differences.slice(0, max)) lines.push(`  ${d.callId} / ${d.instanceId} — ${d.what} : ${d.message}`);
    if (n > max) lines.push(`  … et ${n - max} autre(s) (--max ou --format json pour tout voir).`);
  }
  return `${lines.join('\n')}\n`;
}
