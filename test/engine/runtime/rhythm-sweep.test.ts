/**
 * Missed follow-up counted as periods, on the real VIAL call (3 meetings a week with the referent, one of
 * them at home): one event revealing several missed weeks counts each of them, and a measure that falls
 * silent gets its missed weeks recorded by the engine's daily sweep, once. Expectations come from the call's
 * rhythm replayed by `followRhythms` over the measure's own log, never from hard-coded periods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, Measure } from '../../../engine/definition/index.ts';
import { reportDialect, runIndicator } from '../../../engine/report/index.ts';
import { followRhythms, rhythmLogOf, RHYTHM_EVENT, type StepResponse } from '../../../engine/runtime/index.ts';
import { coordinator, departement, operator, REAL, testEngine } from './support.ts';

const asso = operator('asso-lda');
const coordinateur = coordinator('lens-henin');
const MISSED: Indicator = { label: 'Semaines de suivi manquées', kind: 'count', of: 'events', measure: 'vial', missedContacts: true };

describe('missed rhythm periods, counted as periods and swept when a measure falls silent', () => {
  let t: Awaited<ReturnType<typeof testEngine>>;
  let measure: Measure;
  let id: string;

  const count = async (indicator: Indicator) => {
    const call = t.repository.calls.get('vial-2024')!.definition;
    const result = await runIndicator({ db: t.store.db, dialect: reportDialect(t.store.dialect), callId: 'vial-2024', call, viewer: { role: 'departement' }, disclosure: { masked: false, threshold: 5 } }, 'suivis-manques', indicator);
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    return result.total;
  };
  const events = () => t.store.transaction((tx) => tx.listEvents(id));
  const missedAsOf = async (today: string) => followRhythms(measure, rhythmLogOf(await events()), today).reduce((sum, follow) => sum + follow.missed, 0);

  beforeAll(async () => {
    t = await testEngine(REAL, '2024-01-10');
    measure = t.repository.calls.get('vial-2024')!.definition.measures!['vial']!;
    const agreement = await t.engine.createApplication({ callId: 'vial-2024', operatorId: 'asso-lda', territory: 'lens-henin', actor: asso, applicant: { 'mesures-fsl': true, 'intervient-sur-le-territoire': true, 'equipe-pluridisciplinaire': true } });
    await t.on('2024-02-15');
    await t.engine.send(agreement.instanceId, { type: 'retenir', actor: departement });
    await t.engine.send(agreement.instanceId, { type: 'signer', actor: departement, payload: { montant: 2_000_000 } });
    await t.on('2024-03-01');
    const m = await t.engine.createMeasure({ parentId: agreement.instanceId, measure: 'vial', actor: coordinateur, beneficiary: { 'date-naissance': '1975-09-30', sexe: 'femme', 'errance-marginalisation': true, 'troubles-psychiques': true } });
    id = m.instanceId;
    await t.engine.send(id, { type: 'contrat', actor: asso, payload: { 'date-contrat': '2024-03-01' } });
    await t.on('2024-03-04');
    await t.engine.send(id, { type: 'activer', actor: coordinateur, payload: { debut: '2024-03-04', 'entree-logement': '2024-05-02' } });
    for (const [day, type] of [['2024-03-05', 'rencontre'], ['2024-03-07', 'visite-domicile'], ['2024-03-08', 'rencontre']] as const) {
      await t.on(day);
      await t.engine.send(id, { type, actor: asso, payload: { date: day } });
    }
  });
  afterAll(() => t.store.close());

  it('counts every period one event reveals, not the event', async () => {
    // Two silent weeks (11-17 and 18-24 March), on both rhythms: one meeting on the 25th reveals them all.
    await t.on('2024-03-25');
    const answer = await t.engine.send(id, { type: 'rencontre', actor: asso, payload: { date: '2024-03-25' } });
    const periods = await missedAsOf('2024-03-25');
    expect(periods).toBeGreaterThanOrEqual(2);
    expect(answer.missedContacts?.periods).toBe(periods);
    expect(await count({ ...MISSED, event: 'rencontre' })).toBe(periods);
    expect(await count(MISSED)).toBe(periods);
    const revealing = (await events()).filter((e) => (e.response as StepResponse).missedContacts !== undefined);
    expect(revealing).toHaveLength(1);
  });

  it('records once a day the periods of a measure silent since, and counts them', async () => {
    const before = (await events()).length;
    await t.on('2024-04-10');
    const runs = await t.engine.sweepMissedRhythms();
    const mine = runs.filter((run) => run.instanceId === id);
    expect(mine).toHaveLength(1);
    const total = await missedAsOf('2024-04-10');
    const revealedBefore = (await events()).slice(0, before).reduce((sum, e) => sum + ((e.response as StepResponse).missedContacts?.periods ?? 0), 0);
    expect(mine[0]!.missedContacts.periods).toBe(total - revealedBefore);
    expect(await count(MISSED)).toBe(total);

    const log = await events();
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)!.type).toBe(RHYTHM_EVENT);
    expect((await t.engine.sweepMissedRhythms()).filter((run) => run.instanceId === id)).toEqual([]);
    const next = await t.engine.send(id, { type: 'rencontre', actor: asso, payload: { date: '2024-04-10' } });
    expect(next.missedContacts).toBeUndefined();
    expect(await count(MISSED)).toBe(total);
  });

  it('leaves the instance as it was: its history names the record, its replay skips it', async () => {
    const history = await t.engine.history(id, departement);
    expect(history.find((entry) => entry.type === RHYTHM_EVENT)?.label).toContain('Suivi manqué');
    const view = await t.engine.get(id, departement);
    const replayed = await t.engine.replay(id);
    expect(replayed.state).toBe(view.state.id);
    expect(replayed.version).toBe(view.version);
  });
});
