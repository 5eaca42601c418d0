import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, summarizeReports, reportDialect, buildBudget } from '../../../engine/report/index.ts';
import { DEPARTEMENT, noon, operator, runReportYear, type ReportFixture } from './report-fixture.ts';

// The report lifecycle end to end, as the engine runs it from the shared `rapport` template: reports are
// created at signature with due dates from the definition, fall late the day after, are returned and
// resubmitted, and the acceptance of the final report (not of an intermediate one) releases the balance.
describe('the operators’ reports, from due to accepted, and the balance they release', () => {
  let f: ReportFixture;
  const summary = () => summarizeReports({ db: f.store.db, dialect: reportDialect(f.store.dialect), callId: f.call.id, call: f.call.definition });
  const budget = () => buildBudget({ db: f.store.db, callId: f.call.id, call: f.call.definition, territories: f.repository.territories, disclosure: { masked: false, threshold: 5 } });
  const report = (agreement: string, id: string) => `${agreement}.${id}`;

  beforeAll(async () => {
    f = await runReportYear();
  });

  it('creates one report per entry of the call at signature, due on the dates the definition computes', async () => {
    const { byState, pending } = await summary();
    expect(byState).toEqual([{ state: 'attendu', label: 'Bilan attendu', count: 6, masked: false }]);
    // agreement.start (2024-12-01) + 6 months; agreement.end (2025-11-30) + 6 months.
    expect(pending.map((p) => [p.operatorId, p.report, p.due])).toEqual([
      ['asso-a', 'bilan-intermediaire', '2025-06-01'],
      ['asso-b', 'bilan-intermediaire', '2025-06-01'],
      ['asso-c', 'bilan-intermediaire', '2025-06-01'],
      ['asso-a', 'bilan-final', '2026-05-30'],
      ['asso-b', 'bilan-final', '2026-05-30'],
      ['asso-c', 'bilan-final', '2026-05-30'],
    ]);
    const view = await f.engine.get(report(f.agreements.a, 'bilan-intermediaire'), DEPARTEMENT);
    expect(view.timers.map((t) => [t.name, t.dueDate])).toEqual([['echeance', '2025-06-02']]);
  });

  it('accepting an intermediate report releases no money', async () => {
    f.clock.set(noon('2025-05-20'));
    const id = report(f.agreements.a, 'bilan-intermediaire');
    await f.engine.send(id, { type: 'deposer', actor: operator('asso-a') });
    const accepted = await f.engine.send(id, { type: 'accepter', actor: DEPARTEMENT });
    expect(accepted.state).toBe('accepte');
    const rows = await f.store.listLedger(f.agreements.a);
    expect(rows.filter((row) => row.kind === 'balance')).toEqual([]);
  });

  it('a report not submitted by its due date falls late the next day', async () => {
    f.clock.set(noon('2025-06-01'));
    await f.engine.runDueTimers();
    expect((await summary()).byState.find((s) => s.state === 'en-retard')).toBeUndefined();
    f.clock.set(noon('2025-06-02'));
    await f.engine.runDueTimers();
    const { byState } = await summary();
    expect(byState.map((s) => [s.state, s.count])).toEqual([
      ['attendu', 3],
      ['en-retard', 2],
      ['accepte', 1],
    ]);
  });

  it('a returned final report is resubmitted, and its acceptance makes the balance due, to the cent', async () => {
    f.clock.set(noon('2025-12-15'));
    const id = report(f.agreements.a, 'bilan-final');
    await f.engine.send(id, { type: 'deposer', actor: operator('asso-a') });
    expect((await f.engine.send(id, { type: 'demander-reprise', payload: { motif: 'Analyse qualitative manquante' }, actor: DEPARTEMENT })).state).toBe('a-reprendre');
    expect((await f.engine.send(id, { type: 'deposer', actor: operator('asso-a') })).state).toBe('depose');
    let before = (await budget()).operators.find((line) => line.key === 'asso-a')!;
    expect(before.due).toBe(120_000);
    f.clock.set(noon('2025-12-18'));
    expect((await f.engine.send(id, { type: 'accepter', actor: DEPARTEMENT })).state).toBe('accepte');

    // asso-a earned 7 flash diagnostics × 150 € + 10 weeks × 55 € + one VEJ 162,38 € + one closed door
    // 39,12 € = 1 801,50 €, under its 2 000 € agreement: the balance is 1 801,50 € − 1 200 € advance.
    const balance = (await f.store.listLedger(f.agreements.a)).filter((row) => row.kind === 'balance');
    expect(balance.map((row) => [row.amountCents, row.at])).toEqual([[60_150, '2025-12-18']]);
    before = (await budget()).operators.find((line) => line.key === 'asso-a')!;
    expect(before).toMatchObject({ committed: 200_000, earned: 180_150, advanced: 120_000, due: 180_150, paid: 120_000, toPay: 60_150 });

    await f.engine.send(f.agreements.a, { type: 'solder', payload: { montant: 60_150 }, actor: DEPARTEMENT });
    const after = (await budget()).operators.find((line) => line.key === 'asso-a')!;
    expect(after).toMatchObject({ due: 180_150, paid: 180_150, toPay: 0 });
    // The other agreements' balances are not due: their final reports are not accepted.
    const others = (await budget()).operators.filter((line) => line.key !== 'asso-a');
    expect(others.map((line) => [line.key, line.due])).toEqual([
      ['asso-b', 60_000],
      ['asso-c', 30_000],
    ]);
  });

  it('the report lists the reports by state and those still expected, by due date', async () => {
    const value = await buildReport({ store: f.store, call: f.call, viewer: { role: 'departement' }, repository: f.repository, now: noon('2025-12-19') });
    expect(value.reports.byState.map((s) => [s.label, s.count])).toEqual([
      ['Bilan attendu', 2],
      ['Bilan en retard', 2],
      ['Bilan accepté', 2],
    ]);
    expect(value.reports.pending.map((p) => [p.operatorId, p.label, p.stateLabel, p.due])).toEqual([
      ['asso-b', 'Bilan intermédiaire à 6 mois', 'Bilan en retard', '2025-06-01'],
      ['asso-c', 'Bilan intermédiaire à 6 mois', 'Bilan en retard', '2025-06-01'],
      ['asso-b', 'Bilan final', 'Bilan attendu', '2026-05-30'],
      ['asso-c', 'Bilan final', 'Bilan attendu', '2026-05-30'],
    ]);
  });
});
