import { beforeAll, describe, expect, it } from 'vitest';
import { runIndicator, reportDialect, type IndicatorResult } from '../../../engine/report/index.ts';
import { parisInstant } from '../../../engine/time/index.ts';
import { departement, operator, REAL, testEngine } from '../runtime/support.ts';

type Ok = Extract<IndicatorResult, { status: 'ok' }>;
const asso = operator('asso-astre');

// The real ASTRE call run through the engine on this run's database (SQLite, or PostgreSQL in the postgres
// project): households referred on chosen days, their works declared, their exits reported on time or
// late, then the call's own indicators.
describe('ASTRE indicators: ages at referral, the rate of change of the works, late declarations', () => {
  let t: Awaited<ReturnType<typeof testEngine>>;
  const indicator = async (id: string): Promise<Ok> => {
    const call = t.repository.calls.get('astre-2024')!.definition;
    const result = await runIndicator({
      db: t.store.db, dialect: reportDialect(t.store.dialect), callId: 'astre-2024', call, viewer: { role: 'departement' },
      disclosure: { masked: false, threshold: 5 }, labels: { territories: t.repository.territories },
    }, id, call.indicators![id]!);
    if (result.status !== 'ok') throw new Error(`${id} : ${JSON.stringify(result)}`);
    return result;
  };

  beforeAll(async () => {
    t = await testEngine(REAL, '2024-04-02');
    const agreement = await t.engine.createApplication({
      callId: 'astre-2024', operatorId: 'asso-astre', territory: 'montreuillois', actor: asso, id: 'convention',
      applicant: { 'agrement-isft': true, 'reseau-departemental': true, 'intervention-departementale': true, 'competences-techniques-habitat': true, 'niveau-travailleur-social': 3, 'experience-annees': 2 },
    });
    await t.on('2024-10-15');
    await t.engine.send(agreement.instanceId, { type: 'retenir', actor: departement });
    await t.engine.send(agreement.instanceId, { type: 'signer', actor: departement, payload: { montant: 5_250_000 } });
    const base = { 'statut-occupation': 'proprietaire-occupant', 'tres-modeste': true, 'precarite-energetique': true, 'public-pdalhpd': true, 'projet-travaux': 'travaux-lourds-entames', 'structure-origine': 'fonds-travaux-fsl' };
    const refer = async (id: string, at: Date, beneficiary: Record<string, unknown>, territory?: string, works?: Record<string, number>) => {
      t.clock.set(at);
      await t.engine.createMeasure({ parentId: 'convention', measure: 'astre', actor: asso, id, beneficiary: { ...base, ...beneficiary }, ...(territory && { territory }) });
      await t.engine.send(id, { type: 'valider', actor: departement });
      await t.engine.send(id, { type: 'mettre-en-place', actor: asso, payload: { debut: at.toISOString().slice(0, 10) } });
      await t.engine.send(id, { type: 'contrat', actor: asso });
      if (works) await t.engine.send(id, { type: 'resultats', actor: asso, payload: works });
    };
    // 72 years old; the works cost more than planned (+6,29 %).
    await refer('aine', parisInstant('2024-11-04', '12:00'), { 'date-naissance': '1952-07-14' }, undefined, { 'montant-travaux-prevus': 3_500_000, 'montant-travaux-realises': 3_720_000 });
    // Referred at 00:30 on 5 November in Paris (23:30 UTC on the 4th), the day of the 35th birthday: 35 to 44.
    await refer('anniversaire', new Date('2024-11-04T23:30:00Z'), { 'date-naissance': '1989-11-05' }, 'boulonnais', { 'montant-travaux-prevus': 2_000_000, 'montant-travaux-realises': 1_500_000 });
    // No birthdate; the works are under way: planned only, so not in the rate.
    await refer('en-cours', parisInstant('2024-11-06', '09:00'), {}, 'boulonnais', { 'montant-travaux-prevus': 1_000_000 });
    // Exits « signalées sans délai »: one on the day, one four days late.
    await t.on('2025-01-15');
    await t.engine.send('aine', { type: 'sortie', actor: asso, payload: { date: '2025-01-15', 'motif-arret': 'positive', 'duree-mois': 2 } });
    await t.engine.send('anniversaire', { type: 'sortie', actor: asso, payload: { date: '2025-01-11', 'motif-arret': 'rupture', 'duree-mois': 2 } });
  });

  it('groups households by age band on the Paris day of their referral, missing birthdates apart', async () => {
    const age = await indicator('profil-age');
    expect(age.breakdowns.map((b) => [b.by, b.label])).toEqual([[['age:date-naissance'], 'Par âge (« Date de naissance »)']]);
    expect(age.breakdowns[0]!.rows.map((row) => [row.keys[0], row.labels[0], row.value])).toEqual([
      ['35-44', '35 à 44 ans', 1],
      ['65+', '65 ans et plus', 1],
      [null, 'Non renseigné', 1],
    ]);
  });

  it('gives the rate of change of the works over the projects whose two amounts are known, by territory', async () => {
    const rate = await indicator('taux-variation-projets');
    expect(rate.unit).toBe('percent');
    // (37 200 € + 15 000 € − 35 000 € − 20 000 €) / 55 000 € = −5,09 %
    expect(rate.total).toBeCloseTo(-5.0909, 3);
    expect(rate.n).toBe(3);
    expect(rate.breakdowns[0]!.rows.map((row) => [row.keys[0], row.value === null ? null : Math.round(row.value * 100) / 100])).toEqual([
      ['boulonnais', -25],
      ['montreuillois', 6.29],
    ]);
    expect((await indicator('travaux-prevus')).total).toBe(6_500_000);
  });

  it('records a late declaration with its event, and counts late declarations (and timely ones) in SQL', async () => {
    const exits = async (id: string) => (await t.store.listEvents(id)).filter((event) => event.type === 'sortie');
    expect((await exits('anniversaire')).map((event) => (event.response as { late?: unknown }).late)).toEqual([{ fact: '2025-01-11', due: '2025-01-11', days: 4 }]);
    expect((await exits('aine')).map((event) => (event.response as { late?: unknown }).late)).toEqual([undefined]);
    const late = await indicator('sorties-signalees-en-retard');
    expect([late.total, late.breakdowns[0]!.rows.map((row) => [row.keys[0], row.value])]).toEqual([1, [['rupture', 1]]]);
    const call = t.repository.calls.get('astre-2024')!.definition;
    const timely = await runIndicator({
      db: t.store.db, dialect: reportDialect(t.store.dialect), callId: 'astre-2024', call, viewer: { role: 'departement' }, disclosure: { masked: false, threshold: 5 },
    }, 'a-temps', { label: 'Sorties signalées le jour même', kind: 'count', of: 'events', measure: 'astre', event: 'sortie', late: false });
    expect(timely.status === 'ok' && timely.total).toBe(1);
  });
});
