import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { parseMoney } from '../../../engine/money/index.ts';
import { checkRow, openDataCsv, type TableSchema } from '../../../engine/opendata/index.ts';
import { organisationRegister } from '../../../engine/organisations/index.ts';
import { loadScenarioFile, runScenario } from '../../../engine/scenario/index.ts';
import { AGENT, financeWorld, registerOperator, signFirstAgreement } from '../payments/finance-world.ts';

/** The standard as published (the shared copy when present, else the repository's copy of it). */
const STANDARD = existsSync('/work/shared/standards/scdl-subventions/schema.json') ? '/work/shared/standards/scdl-subventions/schema.json' : 'standards/scdl-subventions/schema.json';
const schema = JSON.parse(readFileSync(STANDARD, 'utf8')) as TableSchema;
const ATTRIBUANT = { name: 'Département du Pas-de-Calais', siret: '22620000000009' };

/** A SIRET with a right Luhn key for the n-th test organisation. */
function testSiret(n: number): string {
  const base = `7758013${String(n).padStart(6, '0')}`;
  for (let key = 0; key <= 9; key++) {
    const digits = `${base}${key}`;
    const sum = [...digits].reverse().reduce((t, c, i) => { const d = Number(c) * (i % 2 ? 2 : 1); return t + (d > 9 ? d - 9 : d); }, 0);
    if (sum % 10 === 0) return digits;
  }
  throw new Error('unreachable');
}

/** Validates a CSV against the standard's Table Schema: header, then every row (every constraint and the SIRET check). */
function validate(csv: string): { rows: Record<string, string>[]; problems: string[] } {
  const records = parse(csv, { columns: true, delimiter: ',' }) as Record<string, string>[];
  const header = csv.split('\n')[0]?.split(',') ?? [];
  const problems = schema.fields.map((f) => f.name).filter((name, i) => header[i] !== name).map((name) => `colonne ${name} absente ou déplacée`);
  records.forEach((row, i) => problems.push(...checkRow(schema, row, i + 1).map((p) => p.message)));
  return { rows: records, problems };
}

describe('open data in the SCDL « Subventions » format', () => {
  it('publishes, for every real call’s scenarios, one valid row per signed convention, and nothing of a household', async () => {
    const repository = await loadRepository('definitions');
    let published = 0;
    for (const file of repository.scenarioFiles) {
      const loaded = await loadScenarioFile(file);
      for (const scenario of loaded.scenarios?.scenarios ?? []) {
        await runScenario(loaded.scenarios!, scenario, repository, {
          async inspect({ store }) {
            const register = organisationRegister(store.db);
            const agreements = (await store.listInstances({ kind: 'application', selected: true }, { limit: 1000 })).items;
            const operators = [...new Set(agreements.map((a) => a.operatorId ?? ''))].sort();
            for (const [n, id] of operators.entries()) await register.put({ id, name: `Organisme ${id}`, siret: testSiret(n) }, AGENT);
            const signed = agreements.filter((a) => (a.snapshot as { context: { milestones: { signature?: string } } }).context.milestones.signature !== undefined);
            const years = new Set(signed.map((a) => Number((a.data['date-convention'] as string | undefined ?? (a.snapshot as { context: { milestones: { signature: string } } }).context.milestones.signature).slice(0, 4))));
            let rows = 0;
            for (const year of years) {
              const result = await openDataCsv({ store, register, attribuant: ATTRIBUANT, year, all: true });
              expect(result.skipped, `${file} ${scenario.id}`).toEqual([]);
              const { rows: read, problems } = validate(result.csv);
              expect(problems, `${file} ${scenario.id}`).toEqual([]);
              rows += read.length;
              // Only the standard's columns (and the 2.1 ones about the beneficiary organisation): no household datum.
              expect(result.csv.split('\n')[0]).toBe([...schema.fields.map((f) => f.name), 'rnaBeneficiaire', 'dispositifAide'].join(','));
            }
            expect(rows, `${file} ${scenario.id}`).toBe(signed.length);
            published += rows;
          },
        });
      }
    }
    expect(published).toBeGreaterThan(0);
  }, 600_000);

  it('gives the 2024 legal-information convention (paid once at signature) one row « unique » dated the signature, above the threshold', async () => {
    const world = await financeWorld();
    const call = world.repository.calls.get('information-juridique-2024')!.definition;
    expect(call.funding.payment).toMatchObject({ kind: 'single', on: 'signature' });
    const agreement = await signFirstAgreement(world, call.id, { on: '2024-02-05', deliberation: 'CP-2024-02-05-17' });
    await registerOperator(world, agreement.operatorId);
    const result = await openDataCsv({ store: world.store, register: world.register, attribuant: ATTRIBUANT, year: 2024 });
    const { rows, problems } = validate(result.csv);
    expect(problems).toEqual([]);
    expect(rows).toEqual([expect.objectContaining({
      dateConvention: '2024-02-05', referenceDecision: 'CP-2024-02-05-17', conditionsVersement: 'unique', datesPeriodeVersement: '2024-02-05',
      montant: (parseMoney(call.funding.grant.kind === 'flat' ? call.funding.grant.amount : '0 €')! / 100).toFixed(2), idBeneficiaire: '77580130000002',
      nomAttribuant: ATTRIBUANT.name, pourcentageSubvention: '1.00', notificationUE: 'non', rnaBeneficiaire: 'W623001234',
    })]);
    expect((await openDataCsv({ store: world.store, register: world.register, attribuant: ATTRIBUANT, year: 2025 })).rows).toEqual([]);
  });

  it('leaves a convention of 23 000 € a year or less out by default, and publishes it with all', async () => {
    const world = await financeWorld();
    const hotline = world.repository.calls.get('numero-vert-2024')!.definition;
    const agreement = await signFirstAgreement(world, hotline.id);
    await registerOperator(world, agreement.operatorId);
    expect(agreement.montant).toBeLessThanOrEqual(2_300_000);
    const byDefault = await openDataCsv({ store: world.store, register: world.register, attribuant: ATTRIBUANT, year: hotline.year });
    expect(byDefault.rows).toEqual([]);
    expect(byDefault.skipped[0]?.reason).toContain('23 000 €');
    const all = await openDataCsv({ store: world.store, register: world.register, attribuant: ATTRIBUANT, year: hotline.year, all: true });
    expect(all.rows[0]).toMatchObject({ conditionsVersement: 'unique', datesPeriodeVersement: expect.stringMatching(/^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/) });
  });

  it('refuses an invalid row with the column named, and never publishes it', async () => {
    const valid = validate((await (async () => {
      const world = await financeWorld();
      const agreement = await signFirstAgreement(world, 'information-juridique-2024');
      await registerOperator(world, agreement.operatorId);
      const wrong = await openDataCsv({ store: world.store, register: world.register, attribuant: { name: ATTRIBUANT.name, siret: '22620000000008' }, year: 2024 });
      expect(wrong.rows).toEqual([]);
      expect(wrong.skipped[0]?.reason).toMatch(/colonne idAttribuant : la clé de contrôle \(Luhn\)/);
      return openDataCsv({ store: world.store, register: world.register, attribuant: ATTRIBUANT, year: 2024 });
    })()).csv);
    const row = { ...valid.rows[0]!, conditionsVersement: 'x'.repeat(257), montant: '100 000,00', datesPeriodeVersement: '05/02/2024', nature: 'prêt' };
    expect(checkRow(schema, row).map((p) => p.column).sort()).toEqual(['conditionsVersement', 'datesPeriodeVersement', 'montant', 'nature']);
    expect(checkRow(schema, { ...valid.rows[0]!, idBeneficiaire: '' })).toEqual([expect.objectContaining({ column: 'idBeneficiaire', message: expect.stringContaining('obligatoire') })]);
  });
});
