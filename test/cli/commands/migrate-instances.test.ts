import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOBILE_TEAMS, recordMobileTeamsYear } from '../../engine/impact/mobile-teams-activity.ts';

function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs migrate-instances', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-migrate-instances-'));
  const db = join(dir, 'base.sqlite');
  const definitions = join(dir, 'definitions');
  let version = 0;

  beforeAll(async () => {
    const year = await recordMobileTeamsYear({ file: db, households: 1 });
    const call = year.repository.calls.get(MOBILE_TEAMS)!;
    await year.store.close();
    cpSync('definitions', definitions, { recursive: true });
    // Version 2: a correction whose plan keeps every state and migrates applications and measures, not reports.
    const doc = parseDocument(readFileSync(call.file, 'utf8'));
    version = call.version + 1;
    doc.set('version', version);
    doc.set('migration', { lifecycles: { application: {}, 'measure:equipe-mobile': {} } });
    writeFileSync(join(definitions, '2025', 'equipes-mobiles-2025.yaml'), doc.toString());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dry-runs, applies once per instance with the reports listed as not covered, then has nothing left to do', () => {
    const dry = dispositifs(['migrate-instances', MOBILE_TEAMS, '--to-version', String(version), '--dry-run', '--db', db, '--definitions', definitions]);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Simulation \(rien n'est écrit\) de « equipes-mobiles-2025 » vers la version \d+ : 6 dossier\(s\) à migrer\./);
    expect(dry.stdout).toContain('Dossiers non couverts par le plan, laissés tels quels (3) :');
    expect(dry.stdout).toContain("Impact de la nouvelle version sur l'activité enregistrée :");
    const applied = dispositifs(['migrate-instances', MOBILE_TEAMS, '--to-version', String(version), '--db', db, '--definitions', definitions, '--by', 'agent-42', '--format', 'json']);
    expect(applied.code).toBe(0);
    const outcome = JSON.parse(applied.stdout) as { migrated: string[]; uncovered: Array<{ lifecycle: string }> };
    expect(outcome.migrated).toHaveLength(6);
    expect(outcome.uncovered.every((u) => u.lifecycle === 'report')).toBe(true);
    const again = dispositifs(['migrate-instances', MOBILE_TEAMS, '--to-version', String(version), '--db', db, '--definitions', definitions, '--format', 'json']);
    expect((JSON.parse(again.stdout) as { migrated: string[] }).migrated).toEqual([]);
    expect(dispositifs(['verify', '--db', db, '--definitions', definitions]).code).toBe(0);
  }, 180_000);

  it('refuses a version the definitions do not hold, and a wrong usage, with 2', () => {
    const wrong = dispositifs(['migrate-instances', MOBILE_TEAMS, '--to-version', '99', '--db', db, '--definitions', definitions]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('pas la version 99');
    expect(dispositifs(['migrate-instances', MOBILE_TEAMS, '--db', db]).code).toBe(2);
  }, 120_000);
});
