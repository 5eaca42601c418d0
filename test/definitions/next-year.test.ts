/**
 * The promise of the project, proven on every shipped call: next year's call is one YAML file (and its
 * scenarios one more), nothing else. In a temporary copy of definitions/, each current call gets a child that
 * extends it with its windows moved by a year and one tariff changed; the copy validates, and the children's
 * reused scenarios pass on the engine. Nothing here names a call: adding one to definitions/ adds a case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../engine/definition/index.ts';
import { compileTariff } from '../../engine/money/index.ts';
import { loadScenarioSuite, renderFailure, runScenarioFiles, type ScenarioFile } from '../../engine/scenario/index.ts';
import { copyDefinitions, type DefinitionsCopy } from '../support/definitions-copy.ts';
import { nextYearCall, type NextYearCall } from '../support/next-year-call.ts';

let copy: DefinitionsCopy;
let current: Repository;
let next: Repository;
const generated: Array<NextYearCall & { parent: string; file: string; scenarioFile?: string }> = [];

beforeAll(async () => {
  copy = await copyDefinitions();
  current = await loadRepository(copy.dir);
  const parents = (await loadScenarioSuite(current.scenarioFiles, current.scenarioFiles, current)).files;
  const taken = new Set(current.calls.keys());
  for (const call of current.calls.values()) {
    const scenarios: ScenarioFile | undefined = parents.find((f) => f.call === call.id);
    const child = nextYearCall(call, taken, scenarios);
    taken.add(child.id);
    const file = await copy.write(`${child.year}/${child.id}.yaml`, child.definition);
    const scenarioFile = child.scenarios === undefined ? undefined : await copy.write(`${child.year}/${child.id}.scenarios.yaml`, child.scenarios);
    generated.push({ ...child, parent: call.id, file, ...(scenarioFile && { scenarioFile }) });
  }
  next = await loadRepository(copy.dir);
}, 120_000);
afterAll(async () => copy?.remove());

describe("l'appel de l'année suivante, pour chaque appel livré", () => {
  it('generates one child per current call', () => {
    expect(generated.map((g) => g.parent).sort()).toEqual([...current.calls.keys()].sort());
  });

  it('validates: every child loads without error, extends its parent and runs a year later', () => {
    const errors = next.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}:${f.column}: [${f.code}] ${f.message}`);
    expect(errors).toEqual([]);
    for (const child of generated) {
      const call = next.calls.get(child.id);
      expect(call?.parents[0], child.id).toBe(child.parent);
      expect(call?.definition.year).toBe(current.calls.get(child.parent)!.definition.year + 1);
    }
  });

  it('changes one tariff: the child earns the new price where the parent earned the old one', () => {
    const changed = generated.filter((g) => g.tariff !== undefined);
    expect(changed.length).toBeGreaterThan(0);
    for (const child of changed) {
      const { measure } = child.tariff!;
      const before = next.calls.get(child.parent)!.definition.measures?.[measure]?.tariff;
      const after = next.calls.get(child.id)!.definition.measures?.[measure]?.tariff;
      expect(JSON.stringify(after), child.id).toContain(child.tariff!.after);
      // One act of each kind over a year of measure: the new price pays more, to the cent.
      const acts = next.calls.get(child.id)!.definition.measures?.[measure]?.acts ?? {};
      const year = next.calls.get(child.id)!.definition.year;
      const activity = { acts: Object.fromEntries(Object.keys(acts).map((act) => [act, { quantity: 1, declaredCents: [100_00] }])), period: { start: `${year}-01-01`, end: `${year}-12-31` }, asOf: `${year}-12-31` };
      const earned = (tariff: typeof before) => compileTariff(tariff!, { acts })(activity).cents;
      expect(earned(after), child.id).toBeGreaterThan(earned(before));
    }
  });

  it("passes the parent's scenarios, moved by a year, on every child", async () => {
    const files = generated.flatMap((g) => (g.scenarioFile === undefined ? [] : [g.scenarioFile]));
    expect(files.length).toBeGreaterThan(0);
    const run = await runScenarioFiles(files, next, { indicators: false });
    const errors = run.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`);
    expect(errors).toEqual([]);
    expect(run.results.filter((r) => !r.passed).map(renderFailure)).toEqual([]);
    expect(run.results.every((r) => r.inherited?.years === 1)).toBe(true);
    // Each child ran as many scenarios as its parent has.
    for (const child of generated.filter((g) => g.scenarioFile !== undefined)) {
      const mine = run.results.filter((r) => r.call === child.id).length;
      expect(mine, child.id).toBeGreaterThan(0);
    }
  }, 600_000);
});
