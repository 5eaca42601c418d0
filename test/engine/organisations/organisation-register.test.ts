import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../engine/errors.ts';
import { importOrganisationsCsv, organisationRegister, readOrganisationsCsv, type RegisterActor } from '../../../engine/organisations/index.ts';
import { openTestStore } from '../../support/test-store.ts';

const agent: RegisterActor = { id: 'agent', role: 'departement' };
const finance: RegisterActor = { id: 'comptable', role: 'departement', finance: true };
const adil: RegisterActor = { id: 'adil-user', role: 'operator', operatorId: 'adil-62' };
const other: RegisterActor = { id: 'other-user', role: 'operator', operatorId: 'autre' };
const IBAN = 'FR7630006000011234567890189';

const CSV = [
  'Identifiant;Raison sociale;SIRET;RNA;Adresse;Courriel;IBAN',
  `adil-62;ADIL du Pas-de-Calais;35600000000048;W623001234;"2 rue de l'Église; 62000 Arras";contact@adil62.org;FR76 3000 6000 0112 3456 7890 189`,
  'asso-a;Association A;77580130000002;;;;',
].join('\r\n');

describe('the register of organisations', () => {
  it('creates, changes and keeps every change in an append-only history; the same values again change nothing', async () => {
    const register = organisationRegister((await openTestStore()).db);
    const created = await register.put({ id: 'adil-62', name: 'ADIL 62', siret: '35600000000048', iban: IBAN }, agent);
    expect(created.outcome).toBe('creation');
    expect(created.organisation).not.toHaveProperty('iban');
    const changed = await register.put({ id: 'adil-62', name: 'ADIL du Pas-de-Calais', siret: '35600000000048', iban: IBAN, email: 'contact@adil62.org' }, agent);
    expect(changed.outcome).toBe('modification');
    expect(changed.organisation.version).toBe(2);
    expect((await register.put({ id: 'adil-62', name: 'ADIL du Pas-de-Calais', siret: '35600000000048', iban: IBAN, email: 'contact@adil62.org' }, agent)).outcome).toBe('inchange');
    const history = await register.history('adil-62', finance);
    expect(history.map((h) => [h.version, h.kind, Object.keys(h.changes).sort()])).toEqual([
      [1, 'creation', ['iban', 'name', 'siret']],
      [2, 'modification', ['email', 'name']],
    ]);
    expect(history[0]?.changes.iban?.to).toBe(IBAN);
    expect((await register.history('adil-62', agent))[0]?.changes.iban?.to).toBe(`${'•'.repeat(23)}0189`);
  });

  it('shows the bank details to the finance service only, and an operator only its own organisation', async () => {
    const register = organisationRegister((await openTestStore()).db);
    await register.put({ id: 'adil-62', name: 'ADIL 62', siret: '35600000000048', iban: IBAN }, agent);
    expect((await register.get('adil-62', finance)).iban).toBe(IBAN);
    expect(await register.get('adil-62', agent)).toMatchObject({ ibanMasked: `${'•'.repeat(23)}0189` });
    expect(await register.get('adil-62', adil)).not.toHaveProperty('iban');
    await expect(register.get('adil-62', other)).rejects.toMatchObject({ code: 'instance-inconnue' });
    expect(await register.list(other)).toEqual([]);
    await expect(register.put({ id: 'adil-62', name: 'X', siret: '35600000000048' }, adil)).rejects.toMatchObject({ code: 'role-non-autorise' });
  });

  it('refuses a wrong organisation with every field named, and writes nothing', async () => {
    const register = organisationRegister((await openTestStore()).db);
    const error = await register.put({ id: 'Adil 62', name: '', siret: '12345678901234', rna: 'W12', iban: 'FR7630006000011234567890188', email: 'x' }, agent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    const paths = ((error as EngineError).details.findings as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['/email', '/iban', '/id', '/name', '/rna', '/siret']);
    expect((error as EngineError).message).not.toContain('3000600001');
    expect(await register.count()).toBe(0);
  });

  it('imports a French spreadsheet CSV (semicolons, BOM, quoted cells) and importing it again changes nothing', async () => {
    const register = organisationRegister((await openTestStore()).db);
    const first = await importOrganisationsCsv(register, `\uFEFF${CSV}`, agent);
    expect(first).toMatchObject({ findings: [], created: 2, changed: 0, unchanged: 0 });
    expect(await register.get('adil-62', finance)).toMatchObject({ address: "2 rue de l'Église; 62000 Arras", iban: IBAN, rna: 'W623001234' });
    expect(await importOrganisationsCsv(register, CSV, agent)).toMatchObject({ created: 0, changed: 0, unchanged: 2 });
    expect((await register.history('asso-a', agent)).map((h) => h.kind)).toEqual(['import']);
  });

  it('refuses a whole file for one wrong cell, naming its line and column, and writes nothing', async () => {
    const register = organisationRegister((await openTestStore()).db);
    const bad = `${CSV}\r\nasso-b;Association B;77580130000003;;;;\r\nasso-a;Doublon;77580130000002;;;;`;
    const result = await importOrganisationsCsv(register, bad, agent);
    expect(result.findings.map((f) => [f.code, f.line, f.column])).toEqual([
      ['siret-invalide', 4, 3],
      ['identifiant-en-double', 5, 1],
    ]);
    expect(await register.count()).toBe(0);
    expect(readOrganisationsCsv('nom;ville\nX;Arras').findings.map((f) => f.message)).toEqual([
      expect.stringContaining('colonne « ville » inconnue'),
      expect.stringContaining('« identifiant » manquante'),
      expect.stringContaining('« siret » manquante'),
    ]);
  });
});
