import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs organisations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-organisations-'));
  const db = join(dir, 'base.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a French CSV, refuses a wrong one with file:line:column, sets and shows an organisation', () => {
    const good = join(dir, 'operateurs.csv');
    writeFileSync(good, '\uFEFFIdentifiant;Raison sociale;SIRET;IBAN\r\nadil-62;ADIL du Pas-de-Calais;35600000000048;FR76 3000 6000 0112 3456 7890 189\r\n');
    const imported = dispositifs(['organisations', 'import', good, '--db', db]);
    expect(imported.stderr).toContain('1 organisme(s) créé(s)');
    expect(imported.code).toBe(0);
    const bad = join(dir, 'faux.csv');
    writeFileSync(bad, 'identifiant;raison sociale;siret\nasso-a;A;77580130000003\n');
    const refused = dispositifs(['organisations', 'import', bad, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}:2:3:`);
    expect(dispositifs(['organisations', 'set', 'adil-62', '--name', 'ADIL 62', '--siret', '35600000000048', '--db', db]).stderr).toContain('modifié (version 2)');
    const shown = JSON.parse(dispositifs(['organisations', 'show', 'adil-62', '--db', db]).stdout) as { organisation: Record<string, unknown>; history: unknown[] };
    expect(shown.organisation).toMatchObject({ name: 'ADIL 62', ibanMasked: expect.stringMatching(/0189$/) });
    expect(shown.history).toHaveLength(2);
    expect(JSON.parse(dispositifs(['organisations', 'show', 'adil-62', '--finance', '--db', db]).stdout).organisation.iban).toBe('FR7630006000011234567890189');
  }, 120_000);
});
