/**
 * `dispositifs retention` and `dispositifs verify-log` as a user runs them, on an SQLite file where a
 * household of the real ADSL call (with a retention period) left support on 02/09/2024.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../engine/store/index.ts';
import { definitionSources, KEPT_B, repositoryWithRetention, runHouseholds } from '../../engine/privacy/household-fixture.ts';

function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs retention and verify-log', { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-retention-cli-'));
  const db = join(dir, 'base.sqlite');
  const definitions = join(dir, 'definitions');
  let a = '';
  let b = '';

  beforeAll(async () => {
    for (const { file, text } of definitionSources()) {
      const target = join(dir, file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const store = await openSqliteStore({ file: db });
    ({ a, b } = await runHouseholds(store, repositoryWithRetention()));
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the coming erasure a month ahead without changing anything, then erases it on the day', () => {
    const early = dispositifs(['retention', '--dry-run', '--date', '2029-08-02', '--db', db, '--definitions', definitions]);
    expect(early.stderr).toBe('');
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('À effacer maintenant : 0');
    expect(early.stdout).toContain(`Effacements à venir (avertissement au Département) : 1\n  ${a}  adsl-2024  mesure adsl  lens-henin  fin du dossier le 02/09/2024 → échéance le 02/09/2029`);
    expect(early.stdout).toMatch(/Appels sans durée de conservation déclarée .*adsl-2025|Appels sans durée de conservation déclarée .*vial-2024/);

    const run = dispositifs(['retention', '--date', '2029-09-02', '--db', db, '--definitions', definitions]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 dossier(s) effacé(s), base compactée');
    expect(readFileSync(db).toString('latin1')).not.toContain('1979-11-23');
  });

  it('verifies the chains, gives the day’s digest, and names an altered row', () => {
    const ok = dispositifs(['verify-log', '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Journal intact : \d+ événement\(s\) de 4 dossier\(s\) et 1 acte\(s\)/);
    const digest = dispositifs(['verify-log', '--db', db, '--jour', '2024-03-01', '--format', 'json']);
    expect(JSON.parse(digest.stdout)).toMatchObject({ date: '2024-03-01', algorithm: 'sha256', events: 2, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const raw = new Database(db);
    raw.prepare("update events set actor = '{\"id\":\"quelqu-un\",\"role\":\"departement\"}' where instance_id = ? and version = 2").run(a);
    raw.close();
    const broken = dispositifs(['verify-log', '--db', db]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`Journal altéré : Chaîne du dossier « ${a} » rompue à l'événement n° 2`);
  });

  it('exports one household for the right of access, with who and why, and refuses an early erasure of a running file', () => {
    const usage = dispositifs(['retention', '--acces', b, '--db', db, '--definitions', definitions]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--agent');
    const exported = dispositifs(['retention', '--acces', b, '--agent', 'agent-dpd', '--motif', 'Demande écrite du ménage', '--date', '2029-09-03', '--db', db, '--definitions', definitions]);
    expect(exported.code).toBe(0);
    const body = JSON.parse(exported.stdout) as { instance: { data: Record<string, unknown> }; acts: Array<{ action: string; reason: string }> };
    expect(body.instance.data['date-naissance']).toBe(KEPT_B);
    expect(body.acts.map((act) => [act.action, act.reason])).toEqual([['export-acces', 'Demande écrite du ménage']]);
    const refused = dispositifs(['retention', '--effacer', b, '--agent', 'agent-dpd', '--motif', 'opposition', '--db', db, '--definitions', definitions]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('est en cours');
  });
});
