/**
 * The one driver of the scenario files beside the definitions: one test per scenario, generated from the
 * files, each on a fresh engine (in-memory SQLite, manual clock). `npx dispositifs test` runs the same.
 */
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../engine/definition/index.ts';
import { checkCall, loadScenarioFile, renderFailure, runScenario } from '../../engine/scenario/index.ts';

const repository = await loadRepository('definitions');
const files = await Promise.all(repository.scenarioFiles.map((file) => loadScenarioFile(file)));

describe('scénarios des définitions', () => {
  it('chaque fichier de scénarios est valide et teste un appel valide', () => {
    const problems = files.flatMap(({ scenarios, findings }) => [...findings, ...(scenarios ? checkCall(scenarios, repository) : [])]);
    expect(problems.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`)).toEqual([]);
  });

  for (const { file, scenarios } of files) {
    if (scenarios === undefined || !repository.calls.has(scenarios.call)) continue;
    describe(file, () => {
      for (const scenario of scenarios.scenarios) {
        it(`${scenario.id} : ${scenario.label}`, async () => {
          const result = await runScenario(scenarios, scenario, repository);
          if (!result.passed) expect.fail(renderFailure(result));
        });
      }
    });
  }
});
