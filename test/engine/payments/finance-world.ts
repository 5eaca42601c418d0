/**
 * A world for the finance tests on the real calls: the repository's definitions, an engine on a fresh
 * store with a manual clock, the register and the payments service. An agreement is made the way the call's
 * own scenarios make it: the first application they create (its date, operator, territory and applicant) and
 * the amount their signature gives; nothing about a call is written here.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { organisationRegister, type OrganisationRegister, type RegisterActor } from '../../../engine/organisations/index.ts';
import { createPayments, type Payments } from '../../../engine/payments/index.ts';
import { createEngine, type Engine } from '../../../engine/runtime/index.ts';
import type { Store } from '../../../engine/store/index.ts';
import { manualClock, parisInstant, type ManualClock } from '../../../engine/time/index.ts';
import { openTestStore } from '../../support/test-store.ts';

/** The Département's agent and its finance service. */
export const AGENT = { id: 'agent', role: 'departement' } as const;
export const FINANCE: RegisterActor = { id: 'comptable', role: 'departement', finance: true };

/** A finance world on a fresh store. */
export interface FinanceWorld {
  repository: Repository;
  store: Store;
  engine: Engine;
  clock: ManualClock;
  register: OrganisationRegister;
  payments: Payments;
}

let repository: Repository | undefined;

/** Opens a world (the definitions are loaded once per file). */
export async function financeWorld(start = '2023-12-01', own?: Repository): Promise<FinanceWorld> {
  repository ??= await loadRepository('definitions');
  const store = await openTestStore();
  const clock = manualClock(parisInstant(start, '12:00'));
  const engine = createEngine({ store, repository: own ?? repository, clock });
  const register = organisationRegister(store.db, () => clock.now());
  const repo = own ?? repository;
  const payments = createPayments({ store, engine, clock, register, yearOf: (id) => repo.calls.get(id)?.definition.year ?? 0 });
  return { repository: repo, store, engine, clock, register, payments };
}

interface ScenarioStep {
  at?: string;
  create?: string;
  send?: { type: string; payload?: Record<string, unknown> };
  with?: { operatorId: string; territory: string; applicant?: Record<string, unknown> };
}

/** What a call's own scenarios say about its first agreement: when and by whom it was applied for, and the amount signed. */
export function firstAgreementOf(repositoryFiles: Repository, callId: string, accept: (territory: string) => boolean = () => true, montant?: number): { at: string; operatorId: string; territory: string; applicant: Record<string, unknown>; montant: number } {
  const file = repositoryFiles.scenarioFiles.find((f) => (parse(readFileSync(f, 'utf8')) as { call: string }).call === callId);
  if (file === undefined) throw new Error(`pas de scénarios pour ${callId}`);
  const scenarios = (parse(readFileSync(file, 'utf8')) as { scenarios: Record<string, { steps: ScenarioStep[] }> }).scenarios;
  for (const { steps } of Object.values(scenarios)) {
    const index = steps.findIndex((s) => s.create === 'application' && s.with !== undefined && s.at !== undefined && !JSON.stringify(s).includes('refused') && accept(s.with.territory));
    const signer = montant ?? steps.find((s) => s.send?.type === 'signer' && !JSON.stringify(s).includes('refused'))?.send?.payload?.['montant'];
    const create = steps[index];
    if (create?.with === undefined || create.at === undefined || typeof signer !== 'number') continue;
    return { at: create.at, operatorId: create.with.operatorId, territory: create.with.territory, applicant: create.with.applicant ?? {}, montant: signer };
  }
  throw new Error(`aucun scénario de ${callId} ne signe de convention`);
}

/** Applies, selects and signs the call's first agreement; returns its id. */
export async function signFirstAgreement(world: FinanceWorld, callId: string, signature: { on?: string; deliberation?: string; territory?: (territory: string) => boolean; scenariosOf?: string; montant?: number } = {}): Promise<{ id: string; operatorId: string; montant: number }> {
  const first = firstAgreementOf(world.repository, signature.scenariosOf ?? callId, signature.territory, signature.montant);
  world.clock.set(new Date(first.at), { allowBackwards: true });
  const operator = { id: `${first.operatorId}-user`, role: 'operator', operatorId: first.operatorId } as const;
  const { instanceId } = await world.engine.createApplication({ callId, operatorId: first.operatorId, territory: first.territory, applicant: first.applicant, actor: operator });
  if (signature.on !== undefined) world.clock.set(parisInstant(signature.on, '12:00'));
  await world.engine.send(instanceId, { type: 'retenir', actor: AGENT });
  await world.engine.send(instanceId, { type: 'signer', actor: AGENT, payload: { montant: first.montant, ...(signature.deliberation !== undefined && { deliberation: signature.deliberation }) } });
  return { id: instanceId, operatorId: first.operatorId, montant: first.montant };
}

/** The operator's final report deposited and accepted on `day` (the service fait). */
export async function certifyServiceFait(world: FinanceWorld, agreementId: string, operatorId: string, day: string): Promise<void> {
  const call = world.repository.calls.get((await world.store.getInstance(agreementId))?.callId ?? '');
  const finalReport = Object.entries(call?.definition.reports ?? {}).find(([, report]) => report.kind === 'final')?.[0];
  if (finalReport === undefined) throw new Error('pas de bilan final');
  world.clock.set(parisInstant(day, '12:00'), { allowBackwards: true });
  await world.engine.send(`${agreementId}.${finalReport}`, { type: 'deposer', actor: { id: `${operatorId}-user`, role: 'operator', operatorId } });
  await world.engine.send(`${agreementId}.${finalReport}`, { type: 'accepter', actor: AGENT });
}

/** Registers an operator with a valid SIRET and IBAN (test values, checked by the register's own rules). */
export async function registerOperator(world: FinanceWorld, id: string, siret = '77580130000002'): Promise<void> {
  await world.register.put({ id, name: `Organisme ${id}`, siret, iban: 'FR7630006000011234567890189', rna: 'W623001234' }, AGENT);
}
