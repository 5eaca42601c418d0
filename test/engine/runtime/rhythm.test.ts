/**
 * The microcredit follow-up as the call states it (appels-a-projets-2024.md, lines 135-137): a contact a
 * month the first 3 months of repayment, then one every 3 months the first year, then 3 a year; each
 * period planned, the missed ones flagged. Expectations are read from the call's own rhythm entries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Measure } from '../../../engine/definition/index.ts';
import { followRhythms, type RhythmLogEntry } from '../../../engine/runtime/index.ts';
import { departement, operator, REAL, repositoryOf, testEngine } from './support.ts';

let measure: Measure;
beforeAll(async () => {
  const repository = await repositoryOf(REAL);
  measure = repository.calls.get('microcredit-2024')!.definition.measures!['microcredit']!;
});

/** A measure's log: accepted on 2024-02-06, in the first-year follow-up from 2024-06-05, then the following years from 2025-03-05. */
function log(contacts: string[]): RhythmLogEntry[] {
  const entries: RhythmLogEntry[] = [
    { type: '@creation', date: '2024-02-01', state: 'recue' },
    { type: 'accord', date: '2024-02-06', state: 'suivi-3-premiers-mois' },
    { type: 'fin-3-premiers-mois', date: '2024-06-05', state: 'suivi-premiere-annee' },
    { type: 'fin-premiere-annee', date: '2025-03-05', state: 'suivi-annees-suivantes' },
  ];
  const stateOn = (date: string) => [...entries].reverse().find((e) => e.date <= date)!.state;
  return [...entries, ...contacts.map((date) => ({ type: 'contact', date, state: stateOn(date) }))].sort((a, b) => a.date.localeCompare(b.date));
}

describe('rhythm follow-up', () => {
  it('plans every period each rhythm entry names, with the contacts it expects', () => {
    const follow = followRhythms(measure, log([]), '2026-03-05');
    expect(follow.map((f) => f.label)).toEqual(measure.rhythm!.map((r) => r.label));
    for (const [i, rhythm] of measure.rhythm!.entries()) {
      expect(follow[i]!.periods.length, rhythm.label).toBeGreaterThan(0);
      expect(follow[i]!.periods.every((p) => p.expected === rhythm.min), rhythm.label).toBe(true);
    }
    // 3 monthly periods, 3 quarters (the first year's last one cut at 2025-03-04), then yearly periods
    expect(follow[0]!.periods.map((p) => [p.start, p.end])).toEqual([['2024-02-06', '2024-03-05'], ['2024-03-06', '2024-04-05'], ['2024-04-06', '2024-05-05'], ['2024-05-06', '2024-06-04']]);
    expect(follow[2]!.periods.map((p) => [p.start, p.status])).toEqual([['2025-03-05', 'manquee'], ['2026-03-05', 'en-cours']]);
  });

  it('flags the periods over without their contacts, and only those', () => {
    const follow = followRhythms(measure, log(['2024-02-20', '2024-04-01', '2024-07-01', '2025-04-01', '2025-06-01', '2025-09-01']), '2026-01-10');
    const [monthly, quarterly, yearly] = follow;
    // the 4th month is cut short by the move to the first-year follow-up: not counted as missed
    expect(monthly!.periods.map((p) => p.status)).toEqual(['respectee', 'respectee', 'manquee', 'interrompue']);
    expect(monthly!.missed).toBe(1);
    expect(monthly!.warnings).toEqual([`« ${measure.rhythm![0]!.label} » : 0 contact sur 1 attendu du 06/04/2024 au 05/05/2024.`]);
    expect(quarterly!.periods.map((p) => [p.start, p.end, p.status])).toEqual([
      ['2024-06-05', '2024-09-04', 'respectee'], ['2024-09-05', '2024-12-04', 'manquee'], ['2024-12-05', '2025-03-04', 'manquee'],
    ]);
    expect(yearly!.periods).toEqual([{ start: '2025-03-05', end: '2026-01-10', expected: 3, done: 3, status: 'en-cours' }]);
  });

  it('shows the follow-up in the view of a running measure', async () => {
    const t = await testEngine(REAL, '2024-01-15');
    const asso = operator('asso-1');
    const agreement = await t.engine.createApplication({ callId: 'microcredit-2024', operatorId: 'asso-1', territory: 'boulonnais', actor: asso, applicant: { 'agrement-microcredit': true, 'conventions-bancaires': true, 'travailleur-social': true, 'point-conseil-budget': true } });
    await t.on('2024-02-05');
    await t.engine.send(agreement.instanceId, { type: 'retenir', actor: departement });
    await t.engine.send(agreement.instanceId, { type: 'signer', actor: departement, payload: { montant: 1_500_000 } });
    const m = await t.engine.createMeasure({ parentId: agreement.instanceId, measure: 'microcredit', actor: asso, beneficiary: { commune: 'Outreau', 'date-naissance': '1986-04-02', 'situation-familiale': 'monoparentale', 'exclu-systeme-bancaire': true, 'faibles-ressources': true } });
    await t.engine.send(m.instanceId, { type: 'diagnostic', actor: asso });
    await t.engine.send(m.instanceId, { type: 'deposer-dossier', actor: asso, payload: { objet: 'mobilite', montant: 300_000 } });
    await t.engine.send(m.instanceId, { type: 'accord', actor: asso, payload: { 'premier-remboursement': '2024-03-05', 'dernier-remboursement': '2026-02-05', 'accepte-accompagnement': true } });
    await t.on('2024-05-10');
    const view = await t.engine.get(m.instanceId, asso);
    expect(view.rhythm?.[0]).toMatchObject({ act: 'contact', missed: 3 });
    expect(view.rhythm![0]!.periods.at(-1)!.status).toBe('en-cours');
    await t.store.close();
  });
});
