/**
 * Missed follow-up made countable, on the real microcredit call: each period of its rhythm that ends without
 * its contacts is recorded once, in the answer of the first event after its end, and an indicator with
 * `missedContacts: true` counts the periods they revealed. Expectations come from the call's rhythm
 * (replayed by `followRhythms` over the measure's own log), never from hard-coded periods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, Measure } from '../../../engine/definition/index.ts';
import { reportDialect, runIndicator } from '../../../engine/report/index.ts';
import { followRhythms, type RhythmLogEntry, type StepResponse } from '../../../engine/runtime/index.ts';
import { missedSince } from '../../../engine/runtime/rhythm-missed.ts';
import { departement, operator, REAL, testEngine } from './support.ts';

const asso = operator('asso-1');
const key = (p: { label: string; start: string }) => `${p.label}|${p.start}`;

describe('missed rhythm periods, recorded and counted', () => {
  let t: Awaited<ReturnType<typeof testEngine>>;
  let measure: Measure;
  let id: string;
  let log: Array<RhythmLogEntry & { response: StepResponse }>;

  beforeAll(async () => {
    t = await testEngine(REAL, '2024-01-15');
    measure = t.repository.calls.get('microcredit-2024')!.definition.measures!['microcredit']!;
    const agreement = await t.engine.createApplication({ callId: 'microcredit-2024', operatorId: 'asso-1', territory: 'boulonnais', actor: asso, applicant: { 'agrement-microcredit': true, 'conventions-bancaires': true, 'travailleur-social': true, 'point-conseil-budget': true } });
    await t.on('2024-02-05');
    await t.engine.send(agreement.instanceId, { type: 'retenir', actor: departement });
    await t.engine.send(agreement.instanceId, { type: 'signer', actor: departement, payload: { montant: 1_500_000 } });
    const m = await t.engine.createMeasure({ parentId: agreement.instanceId, measure: 'microcredit', actor: asso, beneficiary: { commune: 'Outreau', 'date-naissance': '1986-04-02', 'situation-familiale': 'monoparentale', 'exclu-systeme-bancaire': true, 'faibles-ressources': true } });
    id = m.instanceId;
    await t.engine.send(id, { type: 'diagnostic', actor: asso });
    await t.engine.send(id, { type: 'deposer-dossier', actor: asso, payload: { objet: 'mobilite', montant: 300_000 } });
    await t.engine.send(id, { type: 'accord', actor: asso, payload: { 'premier-remboursement': '2024-03-05', 'dernier-remboursement': '2026-02-05', 'accepte-accompagnement': true } });
    await t.on('2024-02-20');
    await t.engine.send(id, { type: 'contact', actor: asso, payload: { date: '2024-02-20' } });
    await t.on('2024-05-20');
    await t.engine.send(id, { type: 'contact', actor: asso, payload: { date: '2024-05-20' } });
    await t.on('2025-01-10');
    const events = await t.store.transaction((tx) => tx.listEvents(id));
    log = events.map((e) => { const response = e.response as StepResponse; return { type: e.type, date: response.date, state: response.state, response }; });
  });
  afterAll(() => t.store.close());

  it('records every period missed so far exactly once, on the first event after its end', () => {
    const today = log.at(-1)!.date;
    const missed = followRhythms(measure, log, today).flatMap((f) => f.periods.filter((p) => p.status === 'manquee').map((p) => ({ ...p, label: f.label })));
    expect(missed.length).toBeGreaterThan(0);
    const recorded = log.flatMap((entry) => (entry.response.missedContacts?.list ?? []).map((p) => ({ ...p, on: entry.date })));
    expect(recorded.map(key).sort()).toEqual(missed.map(key).sort());
    for (const period of recorded) {
      expect(period.end < period.on, key(period)).toBe(true);
      const before = log.filter((entry) => entry.date <= period.end).at(-1);
      expect(before?.response.missedContacts?.list.some((p) => key(p) === key(period)) ?? false).toBe(false);
    }
    for (const entry of log) {
      const answer = entry.response.missedContacts;
      if (answer) expect(answer.contacts).toBe(answer.list.reduce((sum, p) => sum + p.expected - p.done, 0));
    }
  });

  it('tells whoever sends the revealing event which periods were missed, in French', () => {
    const revealing = log.filter((e) => e.response.missedContacts !== undefined);
    expect(revealing.length).toBeGreaterThan(0);
    for (const entry of revealing) expect(entry.response.warnings).toEqual(expect.arrayContaining(entry.response.missedContacts!.warnings));
  });

  it('reveals on a contact the periods missed since the event before it, and nothing twice', () => {
    const entries: RhythmLogEntry[] = [
      { type: '@creation', date: '2024-02-01', state: 'recue' },
      { type: 'accord', date: '2024-02-06', state: 'suivi-3-premiers-mois' },
      { type: 'contact', date: '2024-04-20', state: 'suivi-3-premiers-mois' },
    ];
    const expected = followRhythms(measure, entries, '2024-04-20').flatMap((f) => f.periods.filter((p) => p.status === 'manquee').map((p) => ({ label: f.label, start: p.start })));
    expect(expected.length).toBeGreaterThan(0);
    const revealed = missedSince(measure, entries)!;
    expect(revealed.list.map(key)).toEqual(expected.map(key));
    expect(revealed.warnings).toHaveLength(expected.length);
    expect(revealed.warnings[0]).toContain(measure.rhythm![0]!.label);
    expect(missedSince(measure, [...entries, { type: 'contact', date: '2024-04-25', state: 'suivi-3-premiers-mois' }])).toBeUndefined();
  });

  it('is counted, period by period, by an indicator with missedContacts; the other events by missedContacts: false', async () => {
    const call = t.repository.calls.get('microcredit-2024')!.definition;
    const count = async (indicator: Indicator) => {
      const result = await runIndicator({ db: t.store.db, dialect: reportDialect(t.store.dialect), callId: 'microcredit-2024', call, viewer: { role: 'departement' }, disclosure: { masked: false, threshold: 5 } }, 'suivis-manques', indicator);
      if (result.status !== 'ok') throw new Error(JSON.stringify(result));
      return result.total;
    };
    const periods = (entries: typeof log) => entries.reduce((sum, e) => sum + (e.response.missedContacts?.periods ?? 0), 0);
    expect(await count({ label: 'Suivis manqués relevés', kind: 'count', of: 'events', measure: 'microcredit', missedContacts: true })).toBe(periods(log));
    expect(await count({ label: 'Suivis manqués relevés par un contact', kind: 'count', of: 'events', measure: 'microcredit', event: 'contact', missedContacts: true }))
      .toBe(periods(log.filter((e) => e.type === 'contact')));
    expect(await count({ label: 'x', kind: 'count', of: 'events', measure: 'microcredit', event: 'contact', missedContacts: false }))
      .toBe(log.filter((e) => e.type === 'contact' && e.response.missedContacts === undefined).length);
  });
});
