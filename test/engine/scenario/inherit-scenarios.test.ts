import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { runScenarioFiles, shiftDates } from '../../../engine/scenario/index.ts';

let dir: string;
let repository: Repository;

// The fixture call of 2024, a 2025 child that counts its measures, and a 2025 child with no scenario file.
const CHILD = [
  'kind: call',
  'extends: essai-2024',
  'id: essai-2025',
  'year: 2025',
  'windows:',
  '  premier:',
  '    application: { start: 2025-04-01, end: 2025-05-31 }',
  '    agreement: { start: 2025-12-01, end: 2026-11-30 }',
  'indicators:',
  '  mesures:',
  '    label: Mesures ouvertes',
  '    kind: count',
  '    of: measures',
  '    groupBy: [territory]',
].join('\n');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dispositifs-inherit-'));
  await cp('test/fixtures/scenarios', dir, { recursive: true });
  await writeFile(join(dir, 'essai-2025.yaml'), CHILD);
  await writeFile(join(dir, 'muet-2025.yaml'), CHILD.replace('id: essai-2025', 'id: muet-2025').replace(/indicators:[\s\S]*/, ''));
  repository = await loadRepository(dir);
  expect(repository.findings.filter((f) => f.severity === 'error')).toEqual([]);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function runChild(lines: string[]) {
  const file = join(dir, 'essai-2025.scenarios.yaml');
  await writeFile(file, ['call: essai-2025', ...lines].join('\n'));
  return runScenarioFiles([file], repository, { allCalls: false });
}

describe("a child call's scenarios", () => {
  it("takes the parent's scenarios a year later, and they pass", async () => {
    const run = await runChild(['inherits: { call: essai-2024 }']);
    expect(run.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(run.results.map((r) => [r.id, r.passed, r.inherited?.years])).toEqual([['parcours-complet', true, 1], ['refus', true, 1]]);
  });

  it('rewrites only the overridden step, at its own line, and checks indicators', async () => {
    const run = await runChild([
      'inherits:',
      '  call: essai-2024',
      '  except: [refus]',
      '  override:',
      '    parcours-complet:',
      '      "5": { expect: { state: oriente, indicators: { mesures: { total: 1, groups: { territory: { sud: 1 } } } } } }',
      '      "6": { expect: { indicators: { mesures: 2 } } }',
    ]);
    expect(run.results.map((r) => r.id)).toEqual(['parcours-complet']);
    const failure = run.results[0]?.failure;
    expect(failure?.step).toBe(6);
    expect(failure?.location).toMatchObject({ file: join(dir, 'essai-2025.scenarios.yaml'), line: 8 });
    expect(failure?.problems).toEqual(['indicateur « mesures » (Mesures ouvertes) : total attendu 2, obtenu 1']);
  });

  it('names an unknown inherited scenario or step with a suggestion, and refuses an unknown parent', async () => {
    const typo = await runChild(['inherits:', '  call: essai-2024', '  override:', '    parcours-complt: { "1": { expect: { state: deposee } } }', '    refus: { "99": { expect: { state: deposee } } }']);
    expect(typo.findings.map((f) => [f.code, f.line, f.message])).toEqual([
      ['scenario-herite-inconnu', 5, expect.stringContaining('vouliez-vous dire « parcours-complet »')],
      ['etape-heritee-inconnue', 6, expect.stringContaining("il n'y a pas d'étape 99")],
    ]);
    const orphan = await runChild(['inherits: { call: muet-2025 }']);
    expect(orphan.findings[0]).toMatchObject({ code: 'scenarios-herites-introuvables', line: 2 });
  });

  it('warns, at the indicator, when no scenario gives it a value', async () => {
    const run = await runChild(['inherits: { call: essai-2024, except: [parcours-complet] }']);
    expect(run.findings).toEqual([expect.objectContaining({ code: 'indicateur-sans-donnees', severity: 'warning', file: join(dir, 'essai-2025.yaml'), line: 10, path: '/indicators/mesures' })]);
    expect(run.summary.errors).toBe(0);
  });

  it('credits the parent runs to the lifecycles a child leaves unchanged', async () => {
    const parentFile = join(dir, 'essai-2024.scenarios.yaml');
    const alone = await runScenarioFiles([parentFile], repository, { allCalls: true });
    const muet = alone.coverage?.lifecycles.filter((l) => l.call === 'muet-2025') ?? [];
    const parent = alone.coverage?.lifecycles.filter((l) => l.call === 'essai-2024') ?? [];
    expect(muet.length).toBeGreaterThan(0);
    expect(parent.every((l) => l.transitions.covered > 0)).toBe(true);
    expect(muet.map((l) => [l.lifecycle, l.states.covered, l.transitions.covered])).toEqual(parent.map((l) => [l.lifecycle, l.states.covered, l.transitions.covered]));
  });

  it('moves ISO dates, Paris instants and French dates by whole years', () => {
    expect(shiftDates({ at: '2024-02-29', when: '2025-03-30T12:00:00+02:00', label: 'jusqu’au 09/05/2025 inclus', n: 3 }, 1)).toEqual({
      at: '2025-02-28', when: '2026-03-30T12:00:00+02:00', label: 'jusqu’au 09/05/2026 inclus', n: 3,
    });
  });
});
