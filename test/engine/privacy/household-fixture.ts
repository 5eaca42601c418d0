/**
 * The real ADSL 2024 call with a retention period added to its YAML, and one household run through it
 * (oriented, contract, support, results, exit) beside another still supported.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buildRepository, type Repository } from '../../../engine/definition/index.ts';
import { createEngine, type Actor, type Engine } from '../../../engine/runtime/index.ts';
import type { Store } from '../../../engine/store/index.ts';
import { manualClock, parisInstant, type ManualClock } from '../../../engine/time/index.ts';

export const RETENTION = `
retention:
  households:
    keep: { years: 5 }
    after: end
    warnBefore: { months: 1 }
`;

/** The definition files, the ADSL call's with {@link RETENTION} appended. */
export function definitionSources(): Array<{ file: string; text: string }> {
  const files = (readdirSync('definitions', { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml') && !f.endsWith('.scenarios.yaml'));
  return files.map((f) => {
    const file = join('definitions', f);
    const text = readFileSync(file, 'utf8');
    return { file, text: f.endsWith('adsl-2024.yaml') ? `${text}\n${RETENTION}` : text };
  });
}

/** The real definitions with the ADSL retention period, validated. */
export function repositoryWithRetention(): Repository {
  const repository = buildRepository(definitionSources());
  expect(repository.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return repository;
}

export const agent: Actor = { id: 'agent-dpd', role: 'departement' };
export const asso: Actor = { id: 'asso-user', role: 'operator', operatorId: 'asso-lda' };
export const coordinateur: Actor = { id: 'coord', role: 'coordinator', territories: ['lens-henin'] };

/** Values entered for household A that no indicator of the call reads: each must vanish at erasure. */
export const ERASED = ['1979-11-23', '2024-05-17', '2024-03-04'];
/** Household B's birthdate: B is still supported, its data stays. */
export const KEPT_B = '1990-02-14';

/** What the fixture made. */
export interface Households {
  engine: Engine;
  clock: ManualClock;
  agreement: string;
  a: string;
  b: string;
}

/** Runs the agreement and both households on `store`; A leaves support on 02/09/2024. */
export async function runHouseholds(store: Store, repository: Repository): Promise<Households> {
  const clock = manualClock(parisInstant('2024-01-10', '12:00'));
  const engine = createEngine({ store, repository, clock });
  const on = async (date: string) => {
    clock.set(parisInstant(date, '12:00'));
    await engine.runDueTimers();
  };
  const agreement = (await engine.createApplication({
    callId: 'adsl-2024', operatorId: 'asso-lda', territory: 'lens-henin', actor: asso,
    applicant: { 'mesures-fsl': true, 'intervient-sur-le-territoire': true, 'equipe-travailleurs-sociaux': true },
  })).instanceId;
  await on('2024-02-15');
  await engine.send(agreement, { type: 'retenir', actor: agent });
  await engine.send(agreement, { type: 'signer', actor: agent, payload: { montant: 2_000_000 } });
  await on('2024-03-01');
  const a = (await engine.createMeasure({
    parentId: agreement, measure: 'adsl', actor: coordinateur,
    beneficiary: { 'date-naissance': '1979-11-23', sexe: 'femme', 'parcours-complexe': true, 'composition-familiale': 'monoparentale' },
  })).instanceId;
  const b = (await engine.createMeasure({
    parentId: agreement, measure: 'adsl', actor: coordinateur,
    beneficiary: { 'date-naissance': KEPT_B, sexe: 'homme', 'parcours-complexe': true },
  })).instanceId;
  await on('2024-03-05');
  await engine.send(a, { type: 'contrat', actor: asso, payload: { 'date-contrat': '2024-03-04' } });
  await engine.send(a, { type: 'activer', actor: coordinateur, payload: { debut: '2024-03-10', 'entree-logement': '2024-05-17' } });
  await on('2024-06-10');
  await engine.send(a, { type: 'resultats', actor: asso, payload: { reloge: true, partenaires: ['sante'], 'suivi-sante': true } });
  await on('2024-09-02');
  await engine.send(a, { type: 'sortie', actor: asso, payload: { date: '2024-09-02', 'motif-sortie': 'positive' } });
  expect((await engine.get(a, agent)).state.id).toBe('terminee');
  return { engine, clock, agreement, a, b };
}
