import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, type Catalog, type CatalogRow } from '../../../engine/catalog/index.ts';
import { buildRepository, loadRepository, type Repository } from '../../../engine/definition/index.ts';

const NBSP = '\u00a0';
const euros = (text: string) => text.replace(/ /g, NBSP);

describe('buildCatalog on the definitions of the sources', () => {
  let catalog: Catalog;
  let repository: Repository;
  const row = (id: string): CatalogRow => {
    const found = catalog.rows.find((r) => r.id === id);
    if (!found) throw new Error(`appel ${id} absent du catalogue`);
    return found;
  };
  beforeAll(async () => {
    repository = await loadRepository('definitions');
    catalog = buildCatalog(repository);
  });

  // The catalog is data: what it lists comes from the files, whatever calls they hold.
  it('lists every valid call of definitions/ under its year, newest year first, and no invalid file', () => {
    expect(catalog.invalid).toBe(0);
    expect(catalog.rows.map((r) => r.id).sort()).toEqual([...repository.calls.keys()].sort());
    for (const r of catalog.rows) expect(r.year, r.id).toBe(repository.calls.get(r.id)?.definition.year);
    expect(catalog.rows.map((r) => r.year)).toEqual([...catalog.rows.map((r) => r.year)].sort((a, b) => b - a));
  });

  it('shows the 2025 mobile teams as an extension of 2024, with their own dates and without the VEJ', () => {
    const teams = row('equipes-mobiles-2025');
    expect(teams.extends).toBe('prevention-expulsions-2024');
    expect(teams.windows).toHaveLength(1);
    expect(teams.windows[0]?.application).toEqual({ kind: 'known', start: '2025-04-01', end: '2025-05-09', text: 'du 01/04/2025 au 09/05/2025' });
    expect(teams.windows[0]?.agreement.text).toBe('du 01/01/2025 au 31/12/2025');
    expect(teams.measures.map((m) => m.id)).toEqual(['equipe-mobile']);
    expect(teams.funding.conditions).toContain('Adoption du budget 2025 du Département (mars 2025)');
    expect(teams.plan).toMatchObject({ axis: 2, sheet: '2.10', axisLabel: 'Accompagner les parcours' });
  });

  it('gives the 2019 calls their deadline alone and no payment schedule, nothing invented', () => {
    const asrl = row('asrl-2019');
    expect(asrl.windows[0]?.application).toEqual({ kind: 'deadline', end: '2019-09-06', text: "jusqu'au 06/09/2019 (ouverture non précisée)" });
    expect(asrl.funding.payment).toBe('Non précisé (La page ne dit rien du versement : ni avance, ni solde, ni bilan)');
  });

  it('gives the eviction-prevention tariffs to the cent', () => {
    const tariffs = row('prevention-expulsions-2024').measures.flatMap((m) => m.tariff);
    expect(tariffs).toEqual([
      `Diagnostic flash : ${euros('150,00 €')} par diagnostic, 1 par mesure`,
      `Diagnostic approfondi : ${euros('370,00 €')} par diagnostic, 1 par mesure`,
      `Semaine d'accompagnement : ${euros('55,00 €')} par semaine, 8 au plus (${euros('440,00 €')} au plus)`,
      `Visite explicative de jugement réalisée : ${euros('162,38 €')} par visite, 1 par mesure`,
      `Porte close : ${euros('39,12 €')} par visite, 1 par mesure`,
    ]);
    expect(row('prevention-expulsions-2024').funding.payment).toBe('Avance de 60 % à la signature, solde sur service fait');
  });

  it('expands groups of territories and keeps one window per group', () => {
    const adsl = row('adsl-2024');
    expect(adsl.windows.map((w) => [w.id, w.application.text, w.agreement.text])).toEqual([
      ['ami-1', 'du 14/12/2023 au 31/01/2024', 'du 01/01/2024 au 31/12/2024'],
      ['ami-2', 'du 01/04/2024 au 31/05/2024', 'du 01/11/2024 au 31/10/2025'],
    ]);
    expect(adsl.windows[0]?.territories[0]?.covers.sort()).toEqual(['Artois', 'Lens-Hénin']);
    expect(row('information-juridique-2024').territories[0]?.covers).toHaveLength(10);
  });

  it('says when dates and envelopes are not known yet', () => {
    const newTerritories = row('logement-d-abord-nouveaux-territoires-2024');
    expect(newTerritories.windows[0]?.application.kind).toBe('unknown');
    expect(newTerritories.funding.envelope).toMatchObject({ text: 'Non connue' });
    expect(newTerritories.measures.map((m) => m.id)).toEqual(['adsl', 'vial', 'envaul']);
  });

  it('states envelopes, single payments, upTo grants and quotas in words', () => {
    expect(row('microcredit-2024').funding.envelope.cents).toBe(6_000_000);
    expect(row('microcredit-2024').funding.quotas).toEqual([
      '4 opérateurs retenus (4 au plus)',
      'Objectif annuel de 100 personnes reçues par opérateur (objectif : 100 par opérateur)',
    ]);
    expect(row('numero-vert-2024').funding.payment).toBe('Versement unique sur service fait (bilan accepté), en 2025');
    expect(row('numero-vert-2025').funding.payment).toBe('Versement unique à la signature de la convention');
    expect(row('groupes-sante-mentale-2024').funding.grant).toBe(`Jusqu'à ${euros('20 000,00 €')} par groupe d'échange de pratiques santé mentale / logement`);
    expect(row('astre-2024').funding.payment).toBe('Avance dans la limite de 60 % à la signature, solde sur service fait');
    expect(row('envaul-2024').measures[0]?.tariff).toEqual([
      `Loyer, charges et subsides : ${euros('5 000,00 €')} pour 12 mois, compté au mois le mois, 24 mois au plus`,
      `Accompagnement global : ${euros('5 000,00 €')} pour 12 mois, compté au mois le mois, 24 mois au plus`,
    ]);
  });
});

describe('buildCatalog on a small repository', () => {
  it('counts the files in error and leaves their calls out', () => {
    const repository = buildRepository([{ file: 'casse.yaml', text: 'kind: call\nid: casse\n' }]);
    const catalog = buildCatalog(repository);
    expect(catalog.rows).toEqual([]);
    expect(catalog.invalid).toBe(1);
  });
});
