/**
 * A recorded year of the real equipes-mobiles-2025 call, driven through the real engine: three operators
 * on territories of the call, each agreement signed with its households diagnosed and accompanied for 0 to
 * 11 weeks (some beyond the 8 paid), ended, and its final report accepted. Deterministic.
 */
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { createEngine, type Actor } from '../../../engine/runtime/index.ts';
import { openSqliteStore, type Store } from '../../../engine/store/index.ts';
import { manualClock } from '../../../engine/time/index.ts';

/** The call the activity is recorded under. */
export const MOBILE_TEAMS = 'equipes-mobiles-2025';

/** What was recorded, to derive expectations from: each household's weeks and whether it was only « sans réponse ». */
export interface MobileTeamsYear {
  store: Store;
  repository: Repository;
  households: Array<{ id: string; agreement: string; weeks: number; onlyWithoutAnswer: boolean }>;
  agreements: Array<{ id: string; operatorId: string; territory: string; agreedCents: number }>;
}

const OPERATORS = [
  { operatorId: 'asso-artois', territory: 'artois', agreedCents: 800_000 },
  { operatorId: 'asso-littoral', territory: 'boulonnais', agreedCents: 600_000 },
  { operatorId: 'asso-montreuil', territory: 'montreuillois', agreedCents: 700_000 },
] as const;

/** Records the year in a store (`file`: a SQLite file, default in memory). */
export async function recordMobileTeamsYear(options: { file?: string; households?: number } = {}): Promise<MobileTeamsYear> {
  const repository = await loadRepository('definitions');
  const store = await openSqliteStore({ file: options.file ?? ':memory:' });
  const clock = manualClock(new Date('2025-04-02T09:00:00Z'));
  const engine = createEngine({ store, repository, clock });
  const agent: Actor = { id: 'agent', role: 'departement' };
  const perAgreement = options.households ?? 6;
  const year: MobileTeamsYear = { store, repository, households: [], agreements: [] };

  for (const o of OPERATORS) {
    const actor: Actor = { id: o.operatorId, role: 'operator', operatorId: o.operatorId };
    const id = `convention-${o.operatorId}`;
    await engine.createApplication({ id, callId: MOBILE_TEAMS, operatorId: o.operatorId, territory: o.territory, applicant: { 'agrement-isft': true }, actor });
    year.agreements.push({ id, operatorId: o.operatorId, territory: o.territory, agreedCents: o.agreedCents });
  }
  clock.set(new Date('2025-06-02T09:00:00Z'));
  for (const a of year.agreements) {
    await engine.send(a.id, { type: 'retenir', actor: agent });
    await engine.send(a.id, { type: 'signer', actor: agent, payload: { montant: a.agreedCents } });
  }
  // Each household's steps are dated, then all are played in date order (the clock only moves forward).
  const actions: Array<{ at: number; order: number; run: () => Promise<unknown> }> = [];
  let n = 0;
  for (const a of year.agreements) {
    const actor: Actor = { id: a.operatorId, role: 'operator', operatorId: a.operatorId };
    for (let h = 0; h < perAgreement; h++, n++) {
      const start = Date.UTC(2025, 5, 3 + (n % 20), 9);
      const weeks = (n * 7) % 12; // 0 … 11: some beyond the 8 paid weeks
      const onlyWithoutAnswer = n % 3 === 0;
      const id = `menage-${n}`;
      const beneficiary = {
        parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'impayes-loyer': true,
        ...(onlyWithoutAnswer ? { 'sans-reponse-sollicitations': true } : { 'inconnu-services-sociaux': true }),
      };
      const day = 86_400_000;
      const at = (offset: number) => ({ at: start + offset, order: actions.length });
      actions.push({ ...at(0), run: () => engine.createMeasure({ id, parentId: a.id, measure: 'equipe-mobile', beneficiary, actor }) });
      actions.push({ ...at(1), run: () => engine.send(id, { type: n % 2 === 0 ? 'diagnostic-flash' : 'diagnostic-approfondi', actor }) });
      for (let w = 1; w <= weeks; w++) actions.push({ ...at(w * 7 * day), run: () => engine.send(id, { type: 'semaine', actor }) });
      actions.push({ ...at((weeks * 7 + 1) * day), run: () => engine.send(id, { type: 'terminer', actor, payload: { issue: 'maintien' } }) });
      year.households.push({ id, agreement: a.id, weeks, onlyWithoutAnswer });
    }
  }
  actions.sort((x, y) => x.at - y.at || x.order - y.order);
  for (const action of actions) {
    if (action.at > clock.now().getTime()) clock.set(new Date(action.at));
    await action.run();
  }
  clock.set(new Date('2026-02-02T09:00:00Z'));
  await engine.runDueTimers();
  for (const a of year.agreements) {
    const report = `${a.id}.bilan-final`;
    await engine.send(report, { type: 'deposer', actor: { id: a.operatorId, role: 'operator', operatorId: a.operatorId } });
    await engine.send(report, { type: 'accepter', actor: agent });
  }
  return year;
}
