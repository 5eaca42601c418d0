import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReport } from '../../../engine/report/index.ts';
import { runReportYear, TEST_CALL_YAML } from '../../engine/report/report-fixture.ts';

/** Runs the real command line, as a user would (standard error is a pipe here, not a terminal). */
function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-report-'));
  const db = join(dir, 'base.sqlite');
  const definitions = join(dir, 'definitions');

  beforeAll(async () => {
    const fixture = await runReportYear({ file: db });
    await fixture.store.close();
    cpSync('definitions', definitions, { recursive: true });
    writeFileSync(join(definitions, 'rapports-test-2024.yaml'), TEST_CALL_YAML);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report as JSON on the standard output by default, nothing on the standard error', () => {
    const run = dispositifs(['report', 'rapports-test-2024', '--db', db, '--definitions', definitions]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CallReport;
    expect(report.indicators.find((i) => i.id === 'menages-par-mois')).toMatchObject({ status: 'ok', total: 11 });
  });

  it('writes CSV or HTML to a file, and says where', () => {
    const out = join(dir, 'rapport.csv');
    const run = dispositifs(['report', 'rapports-test-2024', '--format', 'csv', '--db', db, '--definitions', definitions, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Rapport CSV de « Appel de test des rapports » écrit dans ${out}.\n`);
    expect(readFileSync(out, 'utf8')).toContain('indicateur;dette-totale;Dette locative totale;Par territoire;Lens-Hénin;9100,00;€');
    const html = dispositifs(['report', 'rapports-test-2024', '--format', 'html', '--db', db, '--definitions', definitions]);
    expect(html.stdout).toMatch(/^<!doctype html>/);
  });

  it('reads as a role: an evaluator gets masked counts', () => {
    const run = dispositifs(['report', 'rapports-test-2024', '--format', 'csv', '--role', 'evaluator', '--threshold', '4', '--db', db, '--definitions', definitions]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rapport;masquage;Effectifs inférieurs à 4 masqués;;;< 4;');
    expect(run.stdout).toContain('indicateur;dette-totale;Dette locative totale;Total;;réservé;');
  });

  it('refuses a wrong usage with exit code 2, a missing database with 1', () => {
    const unknown = dispositifs(['report', 'inconnu-2024', '--db', db, '--definitions', definitions]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^erreur : appel « inconnu-2024 » inconnu dans .* \(appels valides : .*rapports-test-2024/);
    expect(dispositifs(['report', 'rapports-test-2024', '--format', 'pdf', '--db', db, '--definitions', definitions]).code).toBe(2);
    expect(dispositifs(['report', 'rapports-test-2024', '--role', 'operator', '--db', db, '--definitions', definitions]).code).toBe(2);
    expect(dispositifs(['report']).code).toBe(2);
    const missing = dispositifs(['report', 'rapports-test-2024', '--db', join(dir, 'absente.sqlite'), '--definitions', definitions]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('base SQLite introuvable');
  });

  it('explains itself in French', () => {
    const help = dispositifs(['report', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Produit le rapport d'un appel");
    expect(help.stdout).toContain('--format <format>');
  });
});
