import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMobileTeamsYear } from '../../engine/impact/mobile-teams-activity.ts';

/** Runs the real command line, as a user would (standard error is a pipe here, not a terminal). */
function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-verify-'));
  const db = join(dir, 'base.sqlite');

  beforeAll(async () => {
    const year = await recordMobileTeamsYear({ file: db, households: 3 });
    await year.store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every instance equals the replay of its log, and says what it checked', () => {
    const run = dispositifs(['verify', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^✓ rejeu : 1 appel\(s\), 15 dossier\(s\), [\d  ]+ événement\(s\) rejoués en mémoire, tout concorde\.\n$/);
    expect(run.code).toBe(0);
    const json = JSON.parse(dispositifs(['verify', '--db', db, '--format', 'json']).stdout) as { ok: boolean; checks: Array<{ differences: unknown[] }> };
    expect(json.ok).toBe(true);
  }, 120_000);

  it('checks the log’s hash chains with --log, and names the first broken link of a row altered by hand', () => {
    const intact = dispositifs(['verify', '--db', db, '--log-seulement']);
    expect(intact.stdout).toMatch(/^✓ journal : /);
    expect(intact.stdout).not.toContain('rejeu');
    expect(intact.code).toBe(0);
    const file = join(dir, 'alteree.sqlite');
    const source = new Database(db);
    source.exec(`vacuum into '${file}'`);
    source.close();
    const raw = new Database(file);
    raw.prepare("update events set payload = '{\"semaines\":99}' where seq = (select min(seq) from events where instance_id = 'menage-1' and version = 2)").run();
    raw.close();
    const broken = dispositifs(['verify', '--db', file, '--log']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('✗ journal');
    expect(broken.stdout).toContain('menage-1');
  }, 120_000);

  it('exits 1 with the first differences located when the store was changed behind the engine', () => {
    const raw = new Database(db);
    raw.prepare("update ledger set amount_cents = amount_cents + 1 where instance_id = 'menage-1' and kind = 'earned'").run();
    raw.prepare("update instances set state = 'terminee' where id = 'convention-asso-artois'").run();
    raw.close();
    const run = dispositifs(['verify', '--db', db, '--max', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ rejeu');
    expect(run.stdout).toMatch(/… et \d+ autre\(s\)/);
    const json = JSON.parse(dispositifs(['verify', '--db', db, '--format', 'json']).stdout) as { ok: boolean; checks: Array<{ differences: Array<{ instanceId: string; what: string }> }> };
    expect(json.ok).toBe(false);
    const found = json.checks[0]!.differences.map((d) => `${d.instanceId} ${d.what}`);
    expect(found).toContain('menage-1 comptes');
    expect(found).toContain('convention-asso-artois etat');
  }, 120_000);

  it('refuses a wrong usage with 2, a missing database with 1', () => {
    expect(dispositifs(['verify', '--db', db, '--format', 'xml']).code).toBe(2);
    const missing = dispositifs(['verify', '--db', join(dir, 'absente.sqlite')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('base SQLite introuvable');
  }, 120_000);
});
