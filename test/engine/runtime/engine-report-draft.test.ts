import { describe, expect, it } from 'vitest';
import { departement, operator, REAL, refused, testEngine } from './support.ts';

// The shared `rapport` lifecycle with its draft, run by the engine on the real 2024 eviction-prevention
// call: an agreement signed on 15/11/2024 for 1 000 € (60 % advance at signature) owes its final report
// by 30/05/2026 (6 months after the agreement ends), late from 31/05/2026.
const asso = operator('asso-a');
const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };

async function signedAgreement() {
  const t = await testEngine(REAL, '2024-04-15');
  const { instanceId: agreementId } = await t.engine.createApplication({
    callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: asso,
  });
  await t.on('2024-06-10');
  await t.engine.send(agreementId, { type: 'retenir', actor: departement });
  await t.on('2024-11-15');
  await t.engine.send(agreementId, { type: 'signer', payload: { montant: 100_000 }, actor: departement });
  // One household with a flash diagnostic: 150 € earned.
  await t.on('2024-12-02');
  const { instanceId: measureId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'equipe-mobile', beneficiary: household, actor: asso });
  await t.engine.send(measureId, { type: 'diagnostic-flash', actor: asso });
  const balanceRows = async () => (await t.engine.ledger(agreementId, departement)).rows.filter((row) => row.kind === 'balance');
  return { ...t, agreementId, reportId: `${agreementId}.bilan-final`, balanceRows };
}

describe('a report drafted, submitted, returned, drafted again and accepted', () => {
  it('keeps its content across drafts and releases the balance only when the final report is accepted', async () => {
    const t = await signedAgreement();
    const { reportId } = t;

    await t.on('2026-04-01');
    expect(await t.engine.send(reportId, { type: 'enregistrer', payload: { contenu: 'Premier jet' }, actor: asso })).toMatchObject({ state: 'brouillon', stateLabel: 'Bilan en cours de rédaction' });
    await t.engine.send(reportId, { type: 'enregistrer', payload: { pieces: ['indicateurs.ods'] }, actor: asso });
    const draft = await t.engine.get(reportId, departement);
    expect(draft).toMatchObject({ state: { id: 'brouillon' }, data: { nature: 'final', echeance: '2026-05-30', contenu: 'Premier jet', pieces: ['indicateurs.ods'] } });
    expect(draft.timers).toEqual([{ name: 'echeance', label: 'Échéance du bilan dépassée', event: 'echeance-depassee', dueDate: '2026-05-31' }]);
    expect((await t.engine.get(reportId, asso)).allowedEvents.map((e) => e.type)).toEqual(['enregistrer', 'deposer']);
    expect(await t.balanceRows()).toEqual([]);

    await t.on('2026-04-20');
    expect((await t.engine.send(reportId, { type: 'deposer', actor: asso })).state).toBe('depose');
    expect(await t.balanceRows()).toEqual([]);
    expect((await t.engine.send(reportId, { type: 'demander-reprise', payload: { motif: 'Analyse qualitative manquante' }, actor: departement })).state).toBe('a-reprendre');
    expect(await t.balanceRows()).toEqual([]);

    await t.on('2026-05-04');
    expect((await t.engine.send(reportId, { type: 'enregistrer', payload: { contenu: 'Avec l’analyse qualitative' }, actor: asso })).state).toBe('brouillon');
    expect((await t.engine.get(reportId, departement)).data).toMatchObject({ contenu: 'Avec l’analyse qualitative', pieces: ['indicateurs.ods'], motif: 'Analyse qualitative manquante' });

    // A returned report was submitted once: its due date passing while it is redrafted does not make it late.
    expect(await t.on('2026-05-31', '00:00')).toMatchObject([{ instanceId: reportId, outcome: 'skipped', reason: 'garde-refusee' }]);
    expect((await t.engine.get(reportId, departement)).state.id).toBe('brouillon');

    await t.on('2026-06-02');
    expect((await t.engine.send(reportId, { type: 'deposer', actor: asso })).state).toBe('depose');
    expect(await t.balanceRows()).toEqual([]);
    expect((await t.engine.ledger(t.agreementId, departement)).ledger).toMatchObject({ advance: 60_000, due: 60_000 });

    await t.on('2026-06-05');
    expect((await t.engine.send(reportId, { type: 'accepter', actor: departement })).state).toBe('accepte');
    // 150 € earned against a 600 € advance: the balance is 450 € to recover, due the day of acceptance.
    expect((await t.balanceRows()).map((row) => [row.amountCents, row.at, row.instanceId])).toEqual([[-45_000, '2026-06-05', reportId]]);
    expect((await t.engine.ledger(t.agreementId, departement)).ledger).toMatchObject({ earned: 15_000, balance: -45_000, due: 15_000 });
  });

  it('turns a draft never submitted late the day after its due date, and a late draft stays late until submitted', async () => {
    const t = await signedAgreement();
    const { reportId } = t;

    await t.on('2026-05-20');
    await t.engine.send(reportId, { type: 'enregistrer', payload: { contenu: 'Premier jet' }, actor: asso });
    expect(await t.on('2026-05-30', '23:59')).toEqual([]);
    expect((await t.engine.get(reportId, departement)).state.id).toBe('brouillon');
    expect(await t.on('2026-05-31', '00:00')).toMatchObject([{ instanceId: reportId, outcome: 'applied', state: 'en-retard', dueDate: '2026-05-31' }]);

    await t.on('2026-06-03');
    const saved = await t.engine.send(reportId, { type: 'enregistrer', payload: { contenu: 'Version complète' }, actor: asso });
    expect(saved).toMatchObject({ state: 'en-retard', stateLabel: 'Bilan en retard' });
    expect((await t.engine.get(reportId, departement)).data).toMatchObject({ contenu: 'Version complète' });
    expect(await t.on('2026-06-10')).toEqual([]);

    expect((await t.engine.send(reportId, { type: 'deposer', actor: asso })).state).toBe('depose');
    expect(await t.balanceRows()).toEqual([]);
    await t.engine.send(reportId, { type: 'accepter', actor: departement });
    expect((await t.balanceRows()).map((row) => [row.amountCents, row.at])).toEqual([[-45_000, '2026-06-10']]);
  });

  it('lets only the operator write a draft, with some content, and only the Département accept it', async () => {
    const t = await signedAgreement();
    const { reportId } = t;
    expect((await refused(t.engine.send(reportId, { type: 'enregistrer', payload: { contenu: 'x' }, actor: departement }))).code).toBe('role-non-autorise');
    expect((await refused(t.engine.send(reportId, { type: 'enregistrer', payload: {}, actor: asso }))).code).toBe('message-invalide');
    await t.engine.send(reportId, { type: 'enregistrer', payload: { contenu: 'Premier jet' }, actor: asso });
    expect((await refused(t.engine.send(reportId, { type: 'accepter', actor: departement }))).code).toBe('evenement-non-permis');
    await t.engine.send(reportId, { type: 'deposer', actor: asso });
    expect((await refused(t.engine.send(reportId, { type: 'accepter', actor: asso }))).code).toBe('role-non-autorise');
  });
});
