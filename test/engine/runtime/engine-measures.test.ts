import { describe, expect, it } from 'vitest';
import { coordinator, departement, FIXTURE, operator, refused, testEngine } from './support.ts';

const CALL = 'accompagnement-jeunes-2024';
const coord = coordinator('boulonnais', 'audomarois');

/** An AMI 2 agreement (window 2024-04-01 to 2024-05-31) selected on 2024-06-10. */
async function selected(t: Awaited<ReturnType<typeof testEngine>>, operatorId = 'asso-a', territory = 'boulonnais') {
  const { instanceId } = await t.engine.createApplication({ callId: CALL, operatorId, territory, applicant: { 'gestionnaire-fsl': true }, actor: operator(operatorId) });
  return instanceId;
}

describe('measures of the test call', () => {
  it('fires reviews on the right calendar dates over a whole year (month-end clamped), and renews by 6 to 12 months', async () => {
    const t = await testEngine(FIXTURE, '2024-04-15');
    const agreementId = await selected(t);
    await t.engine.send(agreementId, { type: 'retenir', actor: departement });
    const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'accompagnement', beneficiary: { 'date-naissance': '2001-03-01' }, actor: coord });
    await t.on('2024-08-31');
    await t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-08-31', entree: '2024-09-15' }, actor: coord });
    const view = await t.engine.get(instanceId, coord);
    expect(view.period).toMatchObject({ start: '2024-08-31', end: '2025-08-30' });
    expect(view.timers).toEqual([{ name: 'bilan-6-mois', label: 'Bilan à 6 mois', event: 'echeance-bilan', dueDate: '2025-02-28' }]);

    // Walk day by day: nothing fires before its day, each timer fires on its day, once.
    const fired: Array<[string, string]> = [];
    for (let day = 0; day < 366; day++) {
      t.clock.advance({ days: 1 });
      for (const run of await t.engine.runDueTimers()) {
        fired.push([run.name, new Date(t.clock.now()).toISOString().slice(0, 10)]);
        if (run.name === 'bilan-6-mois') await t.engine.send(instanceId, { type: 'bilan', actor: operator('asso-a') });
      }
    }
    // Noon in Paris is 10:00 or 11:00 UTC: the ISO date is the Paris date.
    expect(fired).toEqual([['bilan-6-mois', '2025-02-28'], ['fin', '2025-08-31']]);
    expect((await t.engine.get(instanceId, coord)).state.id).toBe('echeance');

    expect((await refused(t.engine.send(instanceId, { type: 'renouveler', payload: { mois: 13 }, actor: coord }))).code).toBe('garde-refusee');
    expect((await refused(t.engine.send(instanceId, { type: 'renouveler', payload: { mois: 5 }, actor: coord }))).code).toBe('garde-refusee');
    await t.engine.send(instanceId, { type: 'renouveler', payload: { mois: 6 }, actor: coord });
    const renewed = await t.engine.get(instanceId, coord);
    expect(renewed.period).toMatchObject({ end: '2026-02-27', extensions: [6] });
    expect(renewed.timers.map((x) => x.dueDate)).toEqual(['2026-02-28']);
  });

  it('refuses a renewal beyond 24 months in all, and checks eligibility again at renewal', async () => {
    const t = await testEngine(FIXTURE, '2024-04-15');
    const agreementId = await selected(t);
    await t.engine.send(agreementId, { type: 'retenir', actor: departement });
    // 24 years old at referral and at the start; 25 on 2025-03-01, before the renewal.
    const young = await t.engine.createMeasure({ parentId: agreementId, measure: 'accompagnement', beneficiary: { 'date-naissance': '2000-03-01' }, actor: coord });
    const other = await t.engine.createMeasure({ parentId: agreementId, measure: 'accompagnement', beneficiary: { 'date-naissance': '2005-01-01' }, actor: coord });
    for (const { instanceId } of [young, other]) {
      await t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-04-15', entree: '2024-05-01' }, actor: coord });
    }
    await t.on('2024-10-15');
    for (const { instanceId } of [young, other]) await t.engine.send(instanceId, { type: 'bilan', actor: operator('asso-a') });
    await t.on('2025-04-15');
    const notEligible = await refused(t.engine.send(young.instanceId, { type: 'renouveler', payload: { mois: 12 }, actor: coord }));
    expect(notEligible.code).toBe('non-eligible');
    expect(notEligible.message).toContain("plus éligible");

    await t.engine.send(other.instanceId, { type: 'renouveler', payload: { mois: 6 }, actor: coord }); // 18 months
    await t.on('2025-10-15');
    expect((await t.engine.get(other.instanceId, coord)).state.id).toBe('echeance');
    const tooLong = await refused(t.engine.send(other.instanceId, { type: 'renouveler', payload: { mois: 7 }, actor: coord }));
    expect(tooLong.code).toBe('garde-refusee');
    expect(tooLong.message).toContain('24 mois');
    await t.engine.send(other.instanceId, { type: 'renouveler', payload: { mois: 6 }, actor: coord }); // exactly 24
    expect((await t.engine.get(other.instanceId, coord)).period).toMatchObject({ start: '2024-04-15', end: '2026-04-14' });
  });

  it('refuses a start more than 3 months before the entry into housing', async () => {
    const t = await testEngine(FIXTURE, '2024-04-15');
    const agreementId = await selected(t);
    await t.engine.send(agreementId, { type: 'retenir', actor: departement });
    const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'accompagnement', beneficiary: { 'date-naissance': '2003-01-01' }, actor: coord });
    expect((await refused(t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-04-30', entree: '2024-08-01' }, actor: coord }))).code).toBe('garde-refusee');
    await expect(t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-05-01', entree: '2024-08-01' }, actor: coord })).resolves.toMatchObject({ state: 'accompagnement' });
  });

  it('enforces quotas: one operator selected per territory, two measures per operator', async () => {
    const t = await testEngine(FIXTURE, '2024-04-15');
    const a = await selected(t, 'asso-a');
    const b = await selected(t, 'asso-b');
    const c = await selected(t, 'asso-c', 'audomarois');
    await t.engine.send(a, { type: 'retenir', actor: departement });
    const second = await refused(t.engine.send(b, { type: 'retenir', actor: departement }));
    expect(second.code).toBe('quota-atteint');
    expect(second.message).toContain('Un seul opérateur retenu par territoire');
    await t.engine.send(c, { type: 'retenir', actor: departement });

    const refer = () => t.engine.createMeasure({ parentId: a, measure: 'accompagnement', beneficiary: { 'date-naissance': '2003-01-01' }, actor: coord });
    await refer();
    await refer();
    const third = await refused(refer());
    expect(third).toMatchObject({ code: 'quota-atteint', details: { quota: 'deux-mesures', count: 2, max: 2 } });
    await expect(t.engine.createMeasure({ parentId: c, measure: 'accompagnement', beneficiary: { 'date-naissance': '2003-01-01' }, actor: coord })).resolves.toMatchObject({ state: 'orientee' });
  });
});
