import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { organisationRegister } from '../../../engine/organisations/index.ts';
import { createEngine } from '../../../engine/runtime/index.ts';
import { openSqliteStore } from '../../../engine/store/index.ts';
import { manualClock, parisInstant } from '../../../engine/time/index.ts';

function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], {
    encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '', DISPOSITIFS_DEPARTEMENT_SIRET: '22620000000009' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs payments, opendata and convention', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-finance-'));
  const db = join(dir, 'base.sqlite');
  let agreementId = '';
  beforeAll(async () => {
    const store = await openSqliteStore({ file: db });
    const clock = manualClock(parisInstant('2024-01-15', '12:00'));
    const engine = createEngine({ store, repository: await loadRepository('definitions'), clock });
    await organisationRegister(store.db).put({ id: 'adil-62', name: 'ADIL du Pas-de-Calais', siret: '35600000000048', iban: 'FR7630006000011234567890189' }, { id: 'agent', role: 'departement' });
    const agent = { id: 'agent', role: 'departement' } as const;
    const { instanceId } = await engine.createApplication({ callId: 'information-juridique-2024', operatorId: 'adil-62', territory: 'arrageois-hors-cua', applicant: { 'agrement-l366-1': true }, actor: { id: 'u', role: 'operator', operatorId: 'adil-62' } });
    clock.set(parisInstant('2024-02-05', '12:00'));
    await engine.send(instanceId, { type: 'retenir', actor: agent });
    await engine.send(instanceId, { type: 'signer', actor: agent, payload: { montant: 10_000_000, deliberation: 'CP-2024-17' } });
    agreementId = instanceId;
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the year’s open data, prints the convention, exports the orders and imports the return once', () => {
    const opendata = dispositifs(['opendata', '--year', '2024', '--db', db]);
    expect(opendata.code).toBe(0);
    expect(opendata.stdout).toContain(',2024-02-05,CP-2024-17,ADIL du Pas-de-Calais,35600000000048,');
    expect(opendata.stdout).toContain(',100000.00,aide en numéraire,unique,2024-02-05,');
    const pdf = join(dir, 'convention.pdf');
    expect(dispositifs(['convention', agreementId, '--out', pdf, '--db', db]).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const out = join(dir, 'ordres.csv');
    const exported = dispositifs(['payments', 'export', '--year', '2024', '--out', out, '--db', db]);
    expect(exported.stderr).toContain('1 ordre(s) émis');
    const order = readFileSync(out, 'utf8').split('\r\n')[1]?.split(';')[0] ?? '';
    const back = join(dir, 'retour.csv');
    writeFileSync(back, `reference_ordre;statut;date;mandat;motif\n${order};paye;12/02/2024;M-17;\n`);
    expect(dispositifs(['payments', 'import', back, '--db', db]).stderr).toContain('1 payé(s)');
    expect(dispositifs(['payments', 'import', back, '--db', db]).stderr).toContain('0 payé(s), 0 rejeté(s) (remis « à émettre »), 1 déjà appliqué(s)');
    expect(JSON.parse(dispositifs(['payments', 'list', '--year', '2024', '--db', db]).stdout)[0]).toMatchObject({ status: 'paye', mandate: 'M-17' });
  }, 180_000);
});
