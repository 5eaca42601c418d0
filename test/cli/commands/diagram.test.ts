import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURES = 'test/fixtures/preview';

/** Runs the real command line on the fixture definitions, as a user would. */
function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', 'diagram', ...args, '--definitions', FIXTURES], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts a Node process that loads the definitions: slow on a busy machine.
describe('dispositifs diagram', { timeout: 60_000 }, () => {
  it('prints one machine as Mermaid on the standard output', () => {
    const run = dispositifs(['equipes-mobiles-2025', '--machine', 'report', '--format', 'mermaid']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('stateDiagram-v2');
    expect(run.stdout).toContain('  accepte --> [*]');
  });

  it('writes one SVG file per machine into a folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'diagrammes-'));
    const run = dispositifs(['prevention-expulsions-2024', '--out', out]);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'prevention-expulsions-2024.bilan.svg',
      'prevention-expulsions-2024.candidature.svg',
      'prevention-expulsions-2024.mesure-em.svg',
      'prevention-expulsions-2024.mesure-vej.svg',
    ]);
    expect(readFileSync(join(out, 'prevention-expulsions-2024.mesure-em.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('draws a file given by its path, highlighting an instance path, into one DOT file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'diagrammes-')), 'em.dot');
    const run = dispositifs([`${FIXTURES}/2025/equipes-mobiles-2025.yaml`, '-m', 'measure:em', '-f', 'dot', '-p', 'orientee,diagnostiquee,accompagnee', '-o', out]);
    expect(run.code).toBe(0);
    const dot = readFileSync(out, 'utf8');
    expect(dot).toContain('class="etat courant parcouru"');
    expect(dot).toContain('class="transition emprunte"');
  });

  it('reports the findings of a broken file and exits 1', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'definition-')), 'casse.yaml');
    writeFileSync(broken, readFileSync(`${FIXTURES}/2025/equipes-mobiles-2025.yaml`, 'utf8').replace('id: equipes-mobiles-2025', 'id: casse-2025').replace('status: published', 'status: publie'));
    const run = dispositifs([broken]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${broken}:`);
    expect(run.stderr).toContain('La définition est en erreur');
  });

  it('refuses an unknown call or machine with a usage error and a suggestion', () => {
    const call = dispositifs(['equipes-mobiles-2052']);
    expect(call.code).toBe(2);
    expect(call.stderr).toContain('vouliez-vous dire « equipes-mobiles-2025 »');
    const machine = dispositifs(['equipes-mobiles-2025', '--machine', 'measure:vej']);
    expect(machine.code).toBe(2);
    expect(machine.stderr).toContain('machines : application, measure:em, report');
  });
});
