import { describe, expect, it } from 'vitest';
import { coordinator, departement, evaluator, operator, REAL, refused, testEngine } from './support.ts';

const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };

async function agreement(t: Awaited<ReturnType<typeof testEngine>>, agreedCents = 1_000_000) {
  const { instanceId } = await t.engine.createApplication({
    callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator('asso-a'),
  });
  await t.on('2024-06-10');
  await t.engine.send(instanceId, { type: 'retenir', actor: departement });
  await t.on('2024-11-15');
  await t.engine.send(instanceId, { type: 'signer', payload: { montant: agreedCents }, actor: departement });
  return instanceId;
}

describe('a mobile team under the 2024 call', () => {
  it('earns exactly the tariff: both diagnostics and 10 weeks, the 9th and 10th recorded but not paid beyond the 8-week cap', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const agreementId = await agreement(t, 123_456);
    await t.on('2024-12-02');
    const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'equipe-mobile', beneficiary: household, actor: operator('asso-a') });
    const asso = operator('asso-a');
    await t.engine.send(instanceId, { type: 'diagnostic-flash', actor: asso });
    await t.engine.send(instanceId, { type: 'diagnostic-approfondi', actor: asso });
    for (let week = 1; week <= 10; week++) {
      await t.on(`2024-12-${String(2 + week).padStart(2, '0')}`);
      const step = await t.engine.send(instanceId, { type: 'semaine', actor: asso });
      expect(step).toMatchObject({ state: 'accompagnement', version: 3 + week });
    }

    const earned = await t.engine.earnings(instanceId, departement);
    expect(earned.cents).toBe(150_00 + 370_00 + 8 * 55_00);
    const text = earned.lines.map((l) => l.text).join('\n');
    expect(text).toContain('8 semaines × 55,00');
    expect(text).toContain('plafond de 8 semaines atteint : 2 semaines non payables');

    // advance: 60 % × 1 234,56 € = 740,736 €, rounded down; balance: 960,00 € − 740,73 € = 219,27 €
    const { ledger, rows } = await t.engine.ledger(agreementId, departement);
    expect(ledger).toMatchObject({ agreed: 123_456, earned: 96_000, retained: 96_000, advance: 74_073, balance: 21_927, due: 74_073, paid: 0 });
    const earnedRows = rows.filter((r) => r.kind === 'earned');
    expect(earnedRows.reduce((sum, r) => sum + r.amountCents, 0)).toBe(96_000);
    // the 9th and 10th weeks move nothing: no ledger row of zero
    expect(earnedRows).toHaveLength(10);
    expect(rows.find((r) => r.kind === 'advance')).toMatchObject({ amountCents: 74_073, at: '2024-11-15' });

    const view = await t.engine.get(instanceId, asso);
    expect(view).toMatchObject({ state: { id: 'accompagnement', label: 'Accompagnement (8 semaines payées au plus)' }, acts: { semaine: { quantity: 10 } } });
    expect(view.allowedEvents.map((e) => e.type)).toEqual(['semaine', 'contact-bailleur', 'terminer']);
  });

  it('owes the final report 6 months after the agreement ends: late the next day, then service fait makes the balance due', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const agreementId = await agreement(t, 100_000);
    const reportId = `${agreementId}.bilan-final`;
    const report = await t.engine.get(reportId, departement);
    expect(report).toMatchObject({ state: { id: 'attendu' }, data: { nature: 'final', echeance: '2026-05-30' } });
    expect(report.timers).toEqual([{ name: 'echeance', label: 'Échéance du bilan dépassée', event: 'echeance-depassee', dueDate: '2026-05-31' }]);

    await t.on('2024-12-02');
    const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'equipe-mobile', beneficiary: household, actor: coordinator('lens-henin') });
    await t.engine.send(instanceId, { type: 'diagnostic-flash', actor: operator('asso-a') });

    expect(await t.on('2026-05-30', '23:59')).toEqual([]);
    const fired = await t.on('2026-05-31', '00:00');
    expect(fired).toMatchObject([{ instanceId: reportId, outcome: 'applied', state: 'en-retard', dueDate: '2026-05-31' }]);
    expect(await t.on('2026-06-01')).toEqual([]);

    await t.engine.send(reportId, { type: 'deposer', actor: operator('asso-a') });
    await t.engine.send(reportId, { type: 'accepter', actor: departement });
    const { ledger, rows } = await t.engine.ledger(agreementId, departement);
    // 15 000 cents earned, 60 000 advanced on 100 000 agreed: 45 000 to recover from the operator
    expect(ledger).toMatchObject({ agreed: 100_000, earned: 15_000, retained: 15_000, advance: 60_000, balance: -45_000, due: 15_000 });
    expect(rows.find((r) => r.kind === 'balance')).toMatchObject({ amountCents: -45_000, at: '2026-06-01', instanceId: reportId });

    await t.engine.send(agreementId, { type: 'verser', payload: { montant: 60_000 }, actor: departement });
    expect((await t.engine.ledger(agreementId, departement)).ledger).toMatchObject({ paid: 60_000, remaining: -45_000 });
  });

  it('checks eligibility at referral, and refuses a measure under an application not selected', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const { instanceId: pending } = await t.engine.createApplication({
      callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator('asso-a'),
    });
    expect((await refused(t.engine.createMeasure({ parentId: pending, measure: 'equipe-mobile', beneficiary: household, actor: departement }))).code).toBe('evenement-non-permis');
    await t.engine.send(pending, { type: 'retenir', actor: departement });
    const social = await refused(t.engine.createMeasure({ parentId: pending, measure: 'equipe-mobile', beneficiary: { ...household, parc: 'social' }, actor: departement }));
    expect(social.code).toBe('non-eligible');
    expect(social.message).toContain('locataire du parc privé');
    expect(social.message).not.toContain('social');
    const invalid = await refused(t.engine.createMeasure({ parentId: pending, measure: 'equipe-mobile', beneficiary: { ...household, parc: 'hlm' }, actor: departement }));
    expect(invalid.code).toBe('donnees-invalides');
    expect(await t.store.countInstances({ kind: 'measure' })).toBe(0);
  });

  it('keeps each role to its part: events by role, operators to their organisation, coordinators to their territories, evaluators out', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const agreementId = await agreement(t);
    const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'equipe-mobile', beneficiary: household, actor: departement });
    expect((await refused(t.engine.send(instanceId, { type: 'diagnostic-flash', actor: departement }))).code).toBe('role-non-autorise');
    expect((await refused(t.engine.send(instanceId, { type: 'diagnostic-flash', actor: operator('asso-b') }))).code).toBe('hors-perimetre');
    expect((await refused(t.engine.get(instanceId, coordinator('artois')))).code).toBe('hors-perimetre');
    expect((await refused(t.engine.get(instanceId, evaluator))).code).toBe('role-non-autorise');
    expect((await refused(t.engine.list({}, evaluator))).code).toBe('role-non-autorise');
    expect((await t.engine.list({ kind: 'measure' }, operator('asso-b'))).items).toEqual([]);
    expect((await t.engine.list({ kind: 'measure' }, coordinator('lens-henin'))).items.map((i) => i.id)).toEqual([instanceId]);
    expect((await refused(t.engine.send(instanceId, { type: 'terminer', payload: {}, actor: operator('asso-a') }))).code).toBe('evenement-non-permis');
    await t.engine.send(instanceId, { type: 'diagnostic-flash', actor: operator('asso-a') });
    const invalid = await refused(t.engine.send(instanceId, { type: 'terminer', payload: { issue: 'inconnue' }, actor: operator('asso-a') }));
    expect(invalid.code).toBe('message-invalide');
    expect(invalid.message).toContain('/issue');
    expect((await refused(t.engine.send(instanceId, { type: 'voler', actor: operator('asso-a') }))).code).toBe('evenement-inconnu');
    const history = await t.engine.history(instanceId, departement);
    expect(history.map((h) => [h.version, h.type, h.label])).toEqual([[1, '@creation', 'Création du dossier'], [2, 'diagnostic-flash', 'Diagnostic flash réalisé au domicile']]);
  });
});
