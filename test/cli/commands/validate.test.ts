/**
 * `dispositifs validate` run as a user runs it (a child process): formats and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function validate(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', 'validate', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BROKEN = 'test/fixtures/broken/cycle-references.yaml';
const CONTEXT = ['--contexte', 'test/fixtures/broken/_context'];

describe('dispositifs validate', { timeout: 60_000 }, () => {
  it('exits 0 on the shipped definitions and says so in French', () => {
    const { code, stdout } = validate([]);
    expect(stdout).toMatch(/fichiers? validés? : aucune erreur\.|fichiers? validés? : 0 erreur, \d+ avertissements?\./);
    expect(code).toBe(0);
  });

  it('prints file:line:col: erreur [code] message and exits 1 on an error', () => {
    const { code, stdout } = validate([BROKEN, ...CONTEXT]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${BROKEN}:16:32: erreur [etat-inconnu] État cible « fermee » inconnu`);
    expect(stdout).toContain(`${BROKEN}:12:5: avertissement [garde-inutilisee]`);
    expect(stdout.trim().split('\n').at(-1)).toBe('1 fichier validé : 4 erreurs, 1 avertissement.');
  });

  it('writes GitHub Actions annotations with --format github, and by default under GITHUB_ACTIONS=true', () => {
    const annotation = `::error file=${BROKEN},line=16,col=32,title=[etat-inconnu]::État cible « fermee » inconnu`;
    expect(validate([BROKEN, ...CONTEXT, '--format', 'github']).stdout).toContain(annotation);
    const onActions = validate([BROKEN, ...CONTEXT], { GITHUB_ACTIONS: 'true' });
    expect(onActions.stdout).toContain(annotation);
    expect(onActions.stdout).toContain('::warning file=');
    expect(onActions.code).toBe(1);
  });

  it('writes JSON with --format json', () => {
    const { code, stdout } = validate([BROKEN, ...CONTEXT, '-f', 'json']);
    const report = JSON.parse(stdout) as { valid: boolean; errors: number; warnings: number; findings: { code: string; line: number; column: number }[] };
    expect(code).toBe(1);
    expect(report).toMatchObject({ valid: false, errors: 4, warnings: 1 });
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'etat-inconnu', line: 16, column: 32 }));
  });

  it('resolves parents and pieces from definitions/ by default, and says when a parent is missing', () => {
    const { code, stdout } = validate([BROKEN]);
    expect(code).toBe(1);
    expect(stdout).toContain('[extends-introuvable]');
  });

  it('exits 2 on a usage error: unknown option, unknown format, missing path', () => {
    expect(validate(['--inconnue']).code).toBe(2);
    const format = validate(['-f', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('format « xml » inconnu');
    const missing = validate(['definitions/nulle-part.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('chemin introuvable : definitions/nulle-part.yaml');
  });

  it('refuses a YAML bomb with a located finding, within its memory (issue 13)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bombe-'));
    const file = join(dir, 'bombe.yaml');
    writeFileSync(file, `kind: call\nl: &l [${'*l, '.repeat(3)}*l]\n${'x: &x [1]\n'}`);
    const { code, stdout } = validate([file, '--contexte', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:2:8: erreur [yaml-alias-recursif]`);
  });
});
