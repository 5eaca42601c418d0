/**
 * Running scenario files against a repository of definitions, and the coverage of the lifecycles of the
 * calls they test.
 */
import { hasErrors, type Finding, type Repository } from '../definition/index.ts';
import { createEngine } from '../runtime/index.ts';
import { openSqliteStore, type Store } from '../store/index.ts';
import { systemClock, type Clock } from '../time/index.ts';
import { lifecycleCoverage, type LifecycleCoverage, type StaleReason } from './coverage.ts';
import { loadScenarioSuite } from './inherit-scenarios.ts';
import { creditedRuns } from './inherited-coverage.ts';
import { IndicatorTally, scenarioIndicators } from './scenario-indicators.ts';
import { runScenario, type ScenarioResult } from './run-scenario.ts';
import type { ScenarioFile } from './scenario-types.ts';

/** Options of {@link runScenarioFiles}. */
export interface ScenarioRunOptions {
  /** Compute the coverage of the lifecycles (default: true). */
  coverage?: boolean;
  /** Also report, in the coverage, the calls of the repository that no file tests (default: false). */
  allCalls?: boolean;
  /**
   * Compute each call's indicators at the end of every scenario (default: true): an indicator that does not
   * compute is an error, one that no scenario feeds a warning, each at the indicator's line.
   */
  indicators?: boolean;
}

/** The coverage of a run: per lifecycle, and what the files' `coverage:` names that does not exist. */
export interface CoverageReport {
  lifecycles: LifecycleCoverage[];
  stale: StaleReason[];
  /** Calls no scenario file tests (with `allCalls`). */
  untested: string[];
}

/** Everything a run found. */
export interface ScenarioRun {
  files: string[];
  /** Problems of the scenario files and of the definitions they test (errors stop a file). */
  findings: Finding[];
  results: ScenarioResult[];
  coverage?: CoverageReport;
  summary: { scenarios: number; passed: number; failed: number; errors: number; uncovered: number; unexplained: number };
}

/**
 * Loads and runs every scenario of `files` against `repository` (each scenario on a fresh engine).
 * @example
 * const repository = await loadRepository('definitions');
 * const run = await runScenarioFiles(repository.scenarioFiles, repository);
 * process.exitCode = run.summary.failed + run.summary.errors > 0 ? 1 : 0;
 */
export async function runScenarioFiles(files: readonly string[], repository: Repository, options: ScenarioRunOptions = {}): Promise<ScenarioRun> {
  const results: ScenarioResult[] = [];
  const loaded: ScenarioFile[] = [];
  const suite = await loadScenarioSuite(files, [...new Set([...files, ...repository.scenarioFiles])], repository);
  const findings: Finding[] = [...suite.findings];
  const tally = new IndicatorTally();
  const inspect = async (world: { store: Store; clock: Clock }, callId: string) => tally.record(callId, await scenarioIndicators(world.store, repository, callId, world.clock.now()));
  for (const scenarios of suite.files) {
    const callProblems = checkCall(scenarios, repository);
    findings.push(...callProblems);
    if (hasErrors(callProblems)) continue;
    loaded.push(scenarios);
    for (const scenario of scenarios.scenarios) {
      results.push(await runScenario(scenarios, scenario, repository, options.indicators === false ? {} : { inspect: (world) => inspect(world, scenarios.call) }));
    }
  }
  findings.push(...tally.findings(repository));
  const coverage = options.coverage === false ? undefined : await computeCoverage(loaded, results, repository, options.allCalls === true);
  const uncovered = coverage?.lifecycles.reduce((n, l) => n + l.uncovered.length, 0) ?? 0;
  const unexplained = coverage?.lifecycles.reduce((n, l) => n + l.uncovered.filter((item) => item.reason === undefined).length, 0) ?? 0;
  const passed = results.filter((r) => r.passed).length;
  return {
    files: [...files],
    findings,
    results,
    ...(coverage && { coverage }),
    summary: { scenarios: results.length, passed, failed: results.length - passed, errors: findings.filter((f) => f.severity === 'error').length, uncovered, unexplained },
  };
}

/** The call a file tests must exist and be valid: a finding at the file's `call:` otherwise. */
export function checkCall(file: ScenarioFile, repository: Repository): Finding[] {
  if (repository.calls.has(file.call)) return [];
  const where = { ...file.callLocation, path: '/call' };
  const known = [...repository.calls.keys()].sort().join(', ') || 'aucun';
  const message = `Appel « ${file.call} » introuvable parmi les appels valides (${known}) : vérifiez « call: », ou corrigez sa définition (npx dispositifs validate).`;
  return [{ code: 'appel-inconnu', severity: 'error', message, ...where }];
}

async function computeCoverage(files: ScenarioFile[], results: ScenarioResult[], repository: Repository, allCalls: boolean): Promise<CoverageReport> {
  const store = await openSqliteStore({ file: ':memory:' });
  try {
    const engine = createEngine({ store, repository, clock: systemClock, statusPolicy: 'trial' });
    const tested = [...new Set(files.map((f) => f.call))].sort();
    const untested = allCalls ? [...repository.calls.keys()].filter((id) => !tested.includes(id)).sort() : [];
    const lifecycles: LifecycleCoverage[] = [];
    const stale: StaleReason[] = [];
    for (const callId of [...tested, ...untested]) {
      const compiled = engine.compiled(callId);
      const mine = results.filter((r) => r.call === callId);
      const credited = creditedRuns(repository, engine, callId, results);
      const taken = mine.flatMap((r) => r.taken);
      const keys = ['application', ...[...compiled.measures.keys()].map((id) => `measure:${id}`)];
      if (Object.keys(compiled.definition.reports ?? {}).length > 0) keys.push('report');
      const reasonFiles = files.filter((f) => f.call === callId);
      for (const key of keys) {
        const lifecycle = compiled.lifecycle(key);
        if (lifecycle === undefined) continue;
        const runs = [...mine, ...(credited.get(key) ?? [])];
        const startedIn = new Set(runs.flatMap((r) => r.started.filter((s) => s.lifecycle === key).map((s) => s.state)));
        const reasons = Object.assign({}, ...reasonFiles.map((f) => f.coverage[key] ?? {})) as Record<string, string>;
        const locations = Object.assign({}, ...reasonFiles.map((f) => f.coverageLocations[key] ?? {}));
        const result = lifecycleCoverage(callId, key, lifecycle.machine, [...taken, ...(credited.get(key) ?? []).flatMap((r) => r.taken)], startedIn, reasons, locations);
        lifecycles.push(result.coverage);
        stale.push(...result.stale);
      }
      for (const file of reasonFiles) {
        for (const key of Object.keys(file.coverage)) {
          if (keys.includes(key)) continue;
          for (const [name, location] of Object.entries(file.coverageLocations[key] ?? {})) stale.push({ call: callId, lifecycle: key, name, location });
        }
      }
    }
    return { lifecycles, stale, untested };
  } finally {
    await store.close();
  }
}
