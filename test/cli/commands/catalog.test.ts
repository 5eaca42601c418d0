import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

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
    expect(run.stdout).toContain('Appels à projets 2024 (11 appels)');
    expect(run.stdout).toContain('prevention-expulsions-2024');
  });

  it('prints JSON for programs, filtered by year', () => {
    const run = dispositifs(['catalog', '--format', 'json', '--annee', '2025']);
    expect(run.code).toBe(0);
    const catalog = JSON.parse(run.stdout) as { rows: Array<{ id: string }> };
    expect(catalog.rows.map((row) => row.id).sort()).toEqual(['equipes-mobiles-2025', 'numero-vert-2025']);
  });

  it('refuses an unknown format with a usage error', () => {
    const run = dispositifs(['catalog', '--format', 'pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('format « pdf » inconnu');
  });
});
