/**
 * A scenario run as French text (for the terminal) or JSON (for tools).
 */
import type { Finding } from '../definition/index.ts';
import type { CoverageReport } from './run-files.ts';
import type { ScenarioRun } from './run-files.ts';
import type { ScenarioResult } from './run-scenario.ts';

/** Options of {@link renderRun}. */
export interface RenderOptions {
  /** Print the coverage of the lifecycles (uncovered items without a stated reason are always warned). */
  coverage?: boolean;
  /** Also list the scenarios that passed (default: true). */
  verbose?: boolean;
}

/**
 * The run as French text: one line per scenario (✓ or ✗), each failure at file:line:column with the
 * step and what went wrong, the findings, the coverage, then a summary.
 */
export function renderText(run: ScenarioRun, options: RenderOptions = {}): string {
  const out: string[] = [];
  for (const finding of run.findings) out.push(findingLine(finding));
  let file = '';
  for (const result of run.results) {
    if (result.file !== file) {
      file = result.file;
      out.push(`${file} (appel ${result.call})`);
    }
    const from = result.inherited === undefined ? '' : `, repris de ${result.inherited.call}${result.inherited.years === 0 ? '' : `, dates décalées de ${result.inherited.years} an${Math.abs(result.inherited.years) > 1 ? 's' : ''}`}`;
    if (result.passed) {
      if (options.verbose !== false) out.push(`  ✓ ${result.id} : ${result.label} (${result.steps} étapes${from})`);
      continue;
    }
    out.push(`  ✗ ${result.id} : ${result.label}${from ? ` (${from.slice(2)})` : ''}`);
    const f = result.failure;
    if (f !== undefined) {
      out.push(`    ${f.location.file}:${f.location.line}:${f.location.column} : étape ${f.step} (${f.action})`);
      for (const problem of f.problems) out.push(`      - ${problem}`);
    }
  }
  if (run.coverage !== undefined) out.push(...renderCoverage(run.coverage, options.coverage === true));
  if (run.coverage !== undefined && options.coverage !== true && run.summary.unexplained > 0) {
    out.push(`avertissement : ${run.summary.unexplained} état(s) ou transition(s) atteints par aucun scénario sans raison donnée ; le détail : npx dispositifs test --coverage`);
  }
  out.push(summary(run));
  return `${out.join('\n')}\n`;
}

/** A failed scenario in a few French lines: where the step is, what it does, what went wrong. */
export function renderFailure(result: ScenarioResult): string {
  const f = result.failure;
  if (f === undefined) return `${result.id} : réussi`;
  return [`${f.location.file}:${f.location.line}:${f.location.column} : scénario « ${result.id} », étape ${f.step} (${f.action})`, ...f.problems.map((p) => `  - ${p}`)].join('\n');
}

/** The run as JSON: files, findings, results (failures with file:line), coverage and summary. */
export function renderJson(run: ScenarioRun): string {
  const results = run.results.map(({ started: _started, taken: _taken, ...rest }) => rest);
  return `${JSON.stringify({ ...run, results }, null, 2)}\n`;
}

function renderCoverage(coverage: CoverageReport, full: boolean): string[] {
  const out: string[] = [];
  if (full) out.push('', 'Couverture des cycles de vie (états et transitions atteints par les scénarios)');
  for (const l of coverage.lifecycles) {
    if (full) out.push(`  ${l.call} › ${l.lifecycle} : états ${l.states.covered}/${l.states.total}, transitions ${l.transitions.covered}/${l.transitions.total}`);
    for (const item of l.uncovered) {
      const what = item.kind === 'state' ? `état « ${item.name} »` : `transition « ${item.name} »`;
      if (!full) continue;
      if (item.reason !== undefined) out.push(`    · ${what} — ${item.reason.text} (${item.reason.location.file}:${item.reason.location.line})`);
      else out.push(`    avertissement : ${l.call} › ${l.lifecycle} : ${item.kind === 'state' ? `aucun scénario n'atteint l'${what}` : `aucun scénario ne prend la ${what}`}, et « coverage: » n'en donne pas la raison`);
    }
  }
  for (const s of coverage.stale) {
    out.push(`${s.location.file}:${s.location.line}:${s.location.column}: avertissement : « coverage: ${s.lifecycle} › ${s.name} » ne nomme aucun état ni aucune transition de ce cycle de vie.`);
  }
  if (full) for (const call of coverage.untested) out.push(`avertissement : l'appel « ${call} » n'a aucun fichier de scénarios (${call}.scenarios.yaml).`);
  return out;
}

function summary(run: ScenarioRun): string {
  const s = run.summary;
  const parts = [`${s.scenarios} scénario${s.scenarios > 1 ? 's' : ''} : ${s.passed} réussi${s.passed > 1 ? 's' : ''}, ${s.failed} en échec`];
  if (s.errors > 0) parts.push(`${s.errors} erreur${s.errors > 1 ? 's' : ''} dans les fichiers`);
  if (run.coverage !== undefined) parts.push(`${s.uncovered} état${s.uncovered > 1 ? 's' : ''} ou transition${s.uncovered > 1 ? 's' : ''} non couvert${s.uncovered > 1 ? 's' : ''} (${s.unexplained} sans raison)`);
  return `${parts.join(' ; ')}.`;
}

function findingLine(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity === 'error' ? 'erreur' : 'avertissement'} [${f.code}] ${f.message}`;
}
