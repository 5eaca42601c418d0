import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../../engine/impact/index.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear } from '../../engine/impact/mobile-teams-activity.ts';

function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs impact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-impact-'));
  const db = join(dir, 'base.sqlite');
  let callFile = '';

  beforeAll(async () => {
    const year = await recordMobileTeamsYear({ file: db, households: 2 });
    callFile = year.repository.calls.get(MOBILE_TEAMS)!.file;
    await year.store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says in French that the call as published changes nothing, and writes JSON or HTML on request', () => {
    const run = dispositifs(['impact', MOBILE_TEAMS, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Sous la définition candidate de « equipes-mobiles-2025 » \(version \d+\), l'activité enregistrée coûterait/);
    expect(run.stdout).toContain('Aucun dossier ne change.');
    const json = JSON.parse(dispositifs(['impact', MOBILE_TEAMS, '--db', db, '--format', 'json']).stdout) as ImpactReport;
    expect(json.changes).toEqual([]);
    expect(json.counts.identique).toBe(json.instances);
    const out = join(dir, 'impact.html');
    const html = dispositifs(['impact', MOBILE_TEAMS, '--db', db, '--format', 'html', '--out', out]);
    expect(html.stderr).toBe(`Impact (html) écrit dans ${out}.\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  }, 120_000);

  it('replays a candidate file that replaces the call of the same id', () => {
    const candidate = join(dir, 'variante.yaml');
    const doc = parseDocument(readFileSync(callFile, 'utf8'));
    const [windowId] = Object.keys((doc.toJS() as { windows: Record<string, unknown> }).windows);
    doc.setIn(['windows', windowId, 'application', 'start'], '2025-04-15');
    writeFileSync(candidate, doc.toString());
    const json = JSON.parse(dispositifs(['impact', candidate, '--db', db, '--format', 'json']).stdout) as ImpactReport;
    // Every application was filed on 02/04/2025: a window opening on 15/04 refuses them all, and their measures are not created.
    const refused = json.changes.filter((c) => c.kind === 'application');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((c) => c.outcome === 'refuse' && c.refusal?.code === 'hors-fenetre' && c.refusal.version === 1)).toBe(true);
    expect(json.changes.filter((c) => c.kind === 'measure').every((c) => c.outcome === 'non-couvert')).toBe(true);
    expect(json.call.costAfter).toBe(0);
  }, 120_000);

  it('refuses an invalid candidate with its findings (1), a wrong usage (2)', () => {
    const broken = join(dir, 'cassee.yaml');
    writeFileSync(broken, `${readFileSync(callFile, 'utf8')}\nyear: deux-mille\n`);
    const run = dispositifs(['impact', broken, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${broken}:`);
    expect(run.stdout).toBe('');
    expect(dispositifs(['impact', 'inconnu-2030', '--db', db]).code).toBe(2);
    expect(dispositifs(['impact', MOBILE_TEAMS, '--db', db, '--format', 'pdf']).code).toBe(2);
    const none = dispositifs(['impact', 'numero-vert-2025', '--db', db]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('aucune activité enregistrée');
  }, 120_000);
});
