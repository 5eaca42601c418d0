/**
 * What the step benchmarks start from: signed agreements of `prevention-expulsions-2024` (asso-a, Lens-Hénin),
 * the engine's clock left on 2 December 2024, when their measures run.
 */
import { MAX_AMOUNT_CENTS } from '../engine/money/bounds.ts';
import type { Actor, Engine } from '../engine/runtime/index.ts';
import { parisInstant, type ManualClock } from '../engine/time/index.ts';

/** The call whose mobile-team measures the benchmarks run. */
export const BENCH_CALL = 'prevention-expulsions-2024';
/** The operator that applies and runs the measures. */
export const benchOperator: Actor = { id: 'asso-a-user', role: 'operator', operatorId: 'asso-a' };
/** An eligible household for a mobile-team measure. */
export const benchHousehold = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };

const departement: Actor = { id: 'agent-1', role: 'departement' };

/**
 * Applies, selects and signs `count` agreements (clock from April to November 2024); returns their ids. The
 * amount defaults to the largest the engine accepts, so that no cap of the grant stops a benchmark.
 */
export async function signAgreements(engine: Engine, clock: ManualClock, count: number, montant = MAX_AMOUNT_CENTS): Promise<string[]> {
  clock.set(parisInstant('2024-04-15', '12:00'));
  const ids: string[] = [];
  for (let a = 0; a < count; a++) {
    ids.push((await engine.createApplication({ callId: BENCH_CALL, operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: benchOperator })).instanceId);
  }
  clock.set(parisInstant('2024-06-10', '12:00'));
  for (const id of ids) await engine.send(id, { type: 'retenir', actor: departement });
  clock.set(parisInstant('2024-11-15', '12:00'));
  for (const id of ids) await engine.send(id, { type: 'signer', payload: { montant }, actor: departement });
  clock.set(parisInstant('2024-12-02', '12:00'));
  return ids;
}
