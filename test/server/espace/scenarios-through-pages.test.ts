/**
 * Every real call's year done through the signed-in pages (issue 16, « done when »): each scenario of each
 * call in `definitions/` is replayed step by step on the generated pages of a real server — the operator
 * applies, the Département selects and signs, the household is referred, its events recorded, the report
 * submitted and accepted, the payments recorded — each by the role the scenario's actor holds, through the
 * form a browser would post (session cookie, CSRF token, one-time key). The final states, amounts,
 * timers and indicators are the scenario's own expectations. Calls and steps come from the files: adding
 * a valid call adds its scenarios here.
 */
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { loadScenarioSuite } from '../../../engine/scenario/index.ts';
import { ActorTokens, replayThroughPages } from '../support/page-replay.ts';

const repository = await loadRepository('definitions');
const suite = await loadScenarioSuite(repository.scenarioFiles, repository.scenarioFiles, repository);
const tokens = new ActorTokens();

describe('chaque scénario des appels réels, fait par les pages', () => {
  it('trouve des scénarios pour chaque appel des définitions', () => {
    const tested = new Set(suite.files.map((file) => file.call));
    expect([...repository.calls.keys()].filter((call) => !tested.has(call))).toEqual([]);
  });

  for (const file of suite.files) {
    if (!repository.calls.has(file.call)) continue;
    describe(file.file, () => {
      for (const scenario of file.scenarios) {
        it(`${scenario.id} : ${scenario.label}`, async () => {
          const replay = await replayThroughPages(file, scenario, repository, tokens);
          if (replay.failure !== undefined) expect.fail(replay.failure);
          expect(replay.requests).toBeGreaterThan(0);
        });
      }
    });
  }
});
