/**
 * The one driver of the scenario files beside the definitions: one test per scenario, generated from the
 * files (their `inherits:` applied), each on a fresh engine (in-memory SQLite, manual clock). The rules a call
 * must meet beyond its scenarios (every indicator computes) are `dispositifs test` findings, checked last.
 * `npx dispositifs test` runs the same.
 */
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../engine/definition/index.ts';
import { checkCall, IndicatorTally, loadScenarioSuite, renderFailure, runScenario, scenarioIndicators } from '../../engine/scenario/index.ts';

const repository = await loadRepository('definitions');
const suite = await loadScenarioSuite(repository.scenarioFiles, repository.scenarioFiles, repository);
const tally = new IndicatorTally();

describe('scénarios des définitions', () => {
  it('chaque fichier de scénarios est valide et teste un appel valide', () => {
    const problems = [...suite.findings, ...suite.files.flatMap((file) => checkCall(file, repository))];
    expect(problems.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`)).toEqual([]);
  });

  for (const scenarios of suite.files) {
    if (!repository.calls.has(scenarios.call)) continue;
    describe(scenarios.file, () => {
      for (const scenario of scenarios.scenarios) {
        it(`${scenario.id} : ${scenario.label}`, async () => {
          const result = await runScenario(scenarios, scenario, repository, {
            inspect: async (world) => tally.record(scenarios.call, await scenarioIndicators(world.store, repository, scenarios.call, world.clock.now())),
          });
          if (!result.passed) expect.fail(renderFailure(result));
        });
      }
    });
  }

  it('chaque indicateur se calcule sur les données des scénarios (les erreurs de dispositifs test)', () => {
    const errors = tally.findings(repository).filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`)).toEqual([]);
  });
});
