import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { buildReport, renderCsv, renderHtml, type IndicatorResult } from '../../../engine/report/index.ts';
import { checkCall, loadScenarioFile, runScenario, type ScenarioFile } from '../../../engine/scenario/index.ts';

/** What the scenarios of a call produced, indicator by indicator: its status and its largest total. */
interface Produced {
  scenarios: number;
  passed: number;
  indicators: Map<string, { label: string; errors: string[]; largest: number }>;
}

// Each real call's indicators (those its source text lists), computed from the data its scenarios make the
// engine write: every indicator computes (no definition mistake), and the scenarios give it values.
describe('the indicators of every real call, from its scenarios', () => {
  let repository: Repository;
  const produced = new Map<string, Produced>();

  beforeAll(async () => {
    repository = await loadRepository('definitions');
    const files: ScenarioFile[] = [];
    for (const file of repository.scenarioFiles) {
      const { scenarios } = await loadScenarioFile(file);
      if (scenarios && checkCall(scenarios, repository).every((finding) => finding.severity !== 'error')) files.push(scenarios);
    }
    for (const file of files) {
      const call = repository.calls.get(file.call)!;
      const entry = produced.get(call.id) ?? { scenarios: 0, passed: 0, indicators: new Map() };
      produced.set(call.id, entry);
      for (const scenario of file.scenarios) {
        const result = await runScenario(file, scenario, repository, {
          async inspect(world) {
            const report = await buildReport({ store: world.store, call, viewer: { role: 'departement' }, repository, now: world.clock.now() });
            renderCsv(report);
            renderHtml(report);
            for (const indicator of report.indicators) record(entry, indicator);
          },
        });
        entry.scenarios += 1;
        if (result.passed) entry.passed += 1;
      }
    }
  }, 600_000);

  function record(entry: Produced, indicator: IndicatorResult): void {
    const seen = entry.indicators.get(indicator.id) ?? { label: indicator.label, errors: [], largest: 0 };
    if (indicator.status === 'error' || indicator.status === 'withheld') seen.errors.push(indicator.message);
    else seen.largest = Math.max(seen.largest, indicator.total ?? 0);
    entry.indicators.set(indicator.id, seen);
  }

  it('runs scenarios for every call that lists indicators', () => {
    const withIndicators = [...repository.calls.values()].filter((call) => Object.keys(call.definition.indicators ?? {}).length > 0);
    expect(withIndicators.filter((call) => !produced.has(call.id)).map((call) => call.id)).toEqual([]);
    for (const call of withIndicators) expect(produced.get(call.id)!.scenarios, call.id).toBeGreaterThan(0);
  });

  it('computes every indicator of every call without error', () => {
    const errors = [...produced].flatMap(([callId, entry]) => [...entry.indicators].flatMap(([id, seen]) => seen.errors.map((error) => `${callId}/${id}: ${error}`)));
    expect(errors).toEqual([]);
  });

  // A call whose application windows are all still unknown (the new Logement d'abord territories, « dates
  // connues ultérieurement ») cannot receive an application yet: its indicators compute, on no data.
  const open = (callId: string) => Object.values(repository.calls.get(callId)!.definition.windows).some((window) => window.application.unknown !== true);

  it('gives every indicator a value from the data of at least one scenario', () => {
    const empty = [...produced]
      .filter(([callId]) => open(callId))
      .flatMap(([callId, entry]) => [...entry.indicators].filter(([, seen]) => seen.largest === 0).map(([id, seen]) => `${callId}/${id} (${seen.label})`));
    expect(empty).toEqual([]);
  });

  it('leaves only the calls without a known window without data', () => {
    expect([...produced.keys()].filter((callId) => !open(callId))).toEqual(['logement-d-abord-nouveaux-territoires-2024']);
  });
});
