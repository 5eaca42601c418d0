import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';

// The expectations come from the files: any valid call added under definitions/ keeps this green.
const calls = [...(await loadRepository('definitions')).calls.values()];
const ofYear = (year: number) => calls.filter((c) => c.definition.year === year).map((c) => c.id).sort();
const someYear = calls[0]?.definition.year ?? 2024;

/** Runs the real command line, as a user would. */
function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts a Node process that loads every definition: slow on a busy machine.
describe('dispositifs catalog', { timeout: 60_000 }, () => {
  it('prints the wall table of every call', () => {
    const run = dispositifs(['catalog']);
    expect(run.code).toBe(0);
    for (const year of new Set(calls.map((c) => c.definition.year))) {
      const n = ofYear(year).length;
      expect(run.stdout).toContain(`Appels à projets ${year} (${n} appel${n > 1 ? 's' : ''})`);
    }
  });

  it('prints JSON for programs, filtered by year', () => {
    const run = dispositifs(['catalog', '--format', 'json', '--annee', String(someYear)]);
    expect(run.code).toBe(0);
    const catalog = JSON.parse(run.stdout) as { rows: Array<{ id: string }> };
    expect(catalog.rows.map((row) => row.id).sort()).toEqual(ofYear(someYear));
  });

  it('refuses an unknown format with a usage error', () => {
    const run = dispositifs(['catalog', '--format', 'pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('format « pdf » inconnu');
  });
});
