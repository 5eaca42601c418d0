import { describe, expect, it } from 'vitest';
import { coordinator, departement, operator, REAL, refused, testEngine } from './support.ts';

const coord = coordinator('artois');
const asso = operator('asso-lda');
const person = { 'date-naissance': '1980-05-12', sexe: 'femme', 'parcours-complexe': true };

/** An ADSL agreement on the Artois (AMI 1), signed for 10 000 €, and a measure started on 01/03/2024. */
async function started(t: Awaited<ReturnType<typeof testEngine>>) {
  const { instanceId: agreementId } = await t.engine.createApplication({
    callId: 'adsl-2024', operatorId: 'asso-lda', territory: 'artois', actor: asso,
    applicant: { 'mesures-fsl': true, 'intervient-sur-le-territoire': true, 'equipe-travailleurs-sociaux': true },
  });
  await t.on('2024-02-15');
  await t.engine.send(agreementId, { type: 'retenir', actor: departement });
  await t.engine.send(agreementId, { type: 'signer', payload: { montant: 1_000_000 }, actor: departement });
  await t.on('2024-03-01');
  const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'adsl', beneficiary: person, actor: coord });
  await t.engine.send(instanceId, { type: 'contrat', payload: { 'date-contrat': '2024-03-01' }, actor: asso });
  await t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-03-01', 'entree-logement': '2024-03-01' }, actor: coord });
  return { agreementId, instanceId };
}

describe('an interrupted support measure (ADSL, 5 000 € for 12 months, counted month by month)', () => {
  it('pays no month begun during an interruption, to the cent, and takes back a month an interruption reported late had paid', async () => {
    const t = await testEngine(REAL, '2024-01-10');
    const { agreementId, instanceId } = await started(t);
    const earned = async () => (await t.engine.earnings(instanceId, departement)).cents;

    await t.on('2024-05-03');
    expect(await earned()).toBe(125_000); // 3 months begun: 01/03, 01/04, 01/05
    // reported on 03/05, the interruption happened on 15/04: the month begun on 01/05 is not owed
    await t.engine.send(instanceId, { type: 'interruption', payload: { date: '2024-04-15', 'motif-interruption': 'rupture' }, actor: asso });
    expect(await earned()).toBe(83_333);
    const { rows } = await t.engine.ledger(agreementId, departement);
    expect(rows.filter((r) => r.kind === 'earned').map((r) => [r.at, r.amountCents])).toEqual([['2024-03-01', 41_667], ['2024-05-03', -41_667]]);
    const interrupted = await t.engine.get(instanceId, departement);
    expect(interrupted).toMatchObject({ state: { id: 'interrompue-avant-6-mois' }, period: { end: '2025-02-28', suspensions: [{ from: '2024-04-16' }] }, timers: [] });

    await t.on('2024-12-31');
    expect(await earned()).toBe(83_333);
    // resumed on 06/01/2025 after 265 days: the clock goes on where it stopped
    await t.on('2025-01-06');
    await t.engine.send(instanceId, { type: 'reprendre', actor: coord });
    const resumed = await t.engine.get(instanceId, departement);
    expect(resumed.period).toMatchObject({ end: '2025-11-20', suspensions: [{ from: '2024-04-16', to: '2025-01-05' }] });
    expect(resumed.timers.map((timer) => [timer.name, timer.dueDate])).toEqual([['point-3-mois', '2025-02-21'], ['bilan-6-mois', '2025-05-24']]);
    const third = await t.engine.earnings(instanceId, departement);
    expect(third.cents).toBe(83_333);
    await t.on('2025-01-21');
    expect(await earned()).toBe(125_000); // the 3rd month begins on 01/05/2024 + 265 days
    expect((await t.engine.earnings(instanceId, departement)).lines[0]!.text).toContain('hors interruption du 16/04/2024 au 05/01/2025 (265 jours');
    expect((await t.engine.ledger(agreementId, departement)).ledger.earned).toBe(125_000);
  });

  it('counts the 24 months in active time: a renewal that fits in 24 months of support is allowed however long the interruptions', async () => {
    const t = await testEngine(REAL, '2024-01-10');
    const { instanceId } = await started(t);
    await t.on('2024-04-15');
    await t.engine.send(instanceId, { type: 'interruption', payload: { date: '2024-04-15', 'motif-interruption': 'non-adhesion' }, actor: asso });
    expect((await refused(t.engine.send(instanceId, { type: 'reprendre', payload: { date: '2024-04-14' }, actor: coord }))).code).toBe('garde-refusee');
    await t.on('2024-07-15');
    await t.engine.send(instanceId, { type: 'reprendre', actor: coord }); // 90 days suspended (16/04 to 14/07)
    await t.on('2024-12-01');
    await t.engine.send(instanceId, { type: 'bilan-6-mois', payload: { 'frequence-rencontres': 3 }, actor: asso });
    await t.on('2025-05-31');
    expect((await t.engine.get(instanceId, departement)).state.id).toBe('bilan-12-mois-attendu');
    await t.engine.send(instanceId, { type: 'bilan-12-mois', payload: { 'frequence-rencontres': 3 }, actor: asso });
    await t.engine.send(instanceId, { type: 'renouveler', payload: { mois: 12 }, actor: coord });
    const renewed = await t.engine.get(instanceId, departement);
    // 24 months of support from 01/03/2024 end on 28/02/2026, 90 days later: 29/05/2026
    expect(renewed.period).toMatchObject({ length: { months: 24 }, end: '2026-05-29' });
    await t.on('2026-05-31');
    expect((await t.engine.get(instanceId, departement)).state.id).toBe('echeance');
    expect((await t.engine.earnings(instanceId, departement)).cents).toBe(1_000_000);
    expect((await refused(t.engine.send(instanceId, { type: 'renouveler', payload: { mois: 6 }, actor: coord }))).message).toContain('24 mois');
  });
});
