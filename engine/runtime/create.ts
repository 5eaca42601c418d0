/**
 * Admission of new instances: an application only inside its territory's window (inclusive end date,
 * Europe/Paris) from an eligible applicant; a measure only under a selected agreement, for an eligible
 * beneficiary (checked at referral), within the call's quotas of measures.
 */
import { randomUUID } from 'node:crypto';
import type { CompiledCall, InstanceContext } from '../compile/index.ts';
import { admitApplication, admitMeasure, notSelected, quotaReached } from './admission.ts';
import { canonicalJson } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import type { StoreSession } from '../store/index.ts';
import { authorize, roleLabel, type Actor } from './actor.ts';
import type { EngineDefinitions } from './definitions.ts';
import { scopedKey } from './idempotency.ts';
import { insertNewInstance } from './instances.ts';
import { measureQuotas, quotaFact } from './quotas.ts';
import type { StepClock, StepResponse } from './step.ts';

/** An operator applies to a call for a territory. */
export interface CreateApplicationInput {
  callId: string;
  operatorId: string;
  territory: string;
  /** The applicant's data (the call's `applicants.fields`). */
  applicant?: Record<string, unknown>;
  actor: Actor;
  /** The instance id (default: a new UUID). */
  id?: string;
  idempotencyKey?: string;
}

/** A household (or a person, a group…) is referred to a measure of an agreement. */
export interface CreateMeasureInput {
  /** The agreement: the application instance the measure belongs to. */
  parentId: string;
  /** The measure kind (a key of the call's `measures`). */
  measure: string;
  /** Default: the agreement's territory. */
  territory?: string;
  /** The beneficiary's data (the measure's `beneficiary.fields`). */
  beneficiary?: Record<string, unknown>;
  actor: Actor;
  id?: string;
  idempotencyKey?: string;
}

/** The creation answer stored for a key, or a refusal if the key served another message. */
async function replayCreation(tx: StoreSession, actor: Actor, key: string | undefined, payload: Record<string, unknown>): Promise<StepResponse | undefined> {
  if (key === undefined) return undefined;
  const earlier = await tx.findCreationByKey(scopedKey(actor, key));
  if (!earlier) return undefined;
  if (canonicalJson(earlier.payload) === canonicalJson(payload)) return earlier.response as StepResponse;
  throw new EngineError('cle-idempotence-reutilisee', `La clé d'idempotence « ${key} » a déjà servi pour une autre création : utilisez une nouvelle clé.`, { idempotencyKey: key });
}

function refuseRole(actor: Actor, allowed: string[], what: string): void {
  if (allowed.includes(actor.role)) return;
  throw new EngineError('role-non-autorise', `${what} est réservé à : ${allowed.map(roleLabel).join(', ')} (vous êtes ${roleLabel(actor.role)}).`, { role: actor.role });
}

/**
 * Refuses a measure whose territory is not one the agreement serves: the territories of the window its
 * application was made under (a whole-département window serves every territory, an AMI 1 window only
 * Lens-Hénin and Artois).
 */
function refuseOutsideAgreement(call: CompiledCall, agreementTerritory: string | null, territory: string | null): void {
  const served = agreementTerritory === null ? undefined : call.windowFor(agreementTerritory)?.territories;
  if (territory !== null && served?.has(territory)) return;
  const list = served ? [...served].join(', ') : '(aucun)';
  throw new EngineError('hors-perimetre', `Le territoire « ${territory ?? '(aucun)'} » n'est pas servi par la convention (territoires : ${list}) : orientez vers une convention de ce territoire.`, { territory });
}

/** Creates an application in `tx`. */
export async function createApplicationIn(tx: StoreSession, definitions: EngineDefinitions, input: CreateApplicationInput, clock: StepClock): Promise<StepResponse> {
  const applicant = input.applicant ?? {};
  const payload = { callId: input.callId, operatorId: input.operatorId, territory: input.territory, applicant };
  refuseRole(input.actor, ['operator', 'departement'], 'Le dépôt d\'une candidature');
  const replayed = await replayCreation(tx, input.actor, input.idempotencyKey, payload);
  if (replayed) return replayed;
  authorize(input.actor, { operatorId: input.operatorId, territory: input.territory });

  const current = definitions.current(input.callId);
  definitions.admit(input.callId, 'application');
  const call = definitions.compile(current);
  admitApplication(call, input.territory, applicant, clock.date);
  await definitions.pin(tx, current, clock.at);
  return insertNewInstance(tx, {
    id: input.id ?? randomUUID(), call, lifecycle: call.application, kind: 'application', measureKind: null, reportId: null,
    operatorId: input.operatorId, territory: input.territory, parentId: null, data: applicant, payload, actor: input.actor,
    ...(input.idempotencyKey !== undefined && { idempotencyKey: scopedKey(input.actor, input.idempotencyKey) }),
  }, clock);
}

/** Creates a measure in `tx`, under the agreement's pinned definition. */
export async function createMeasureIn(tx: StoreSession, definitions: EngineDefinitions, input: CreateMeasureInput, clock: StepClock): Promise<StepResponse> {
  const beneficiary = input.beneficiary ?? {};
  const payload = { parentId: input.parentId, measure: input.measure, territory: input.territory ?? null, beneficiary };
  refuseRole(input.actor, ['coordinator', 'operator', 'departement'], "L'orientation vers une mesure");
  const replayed = await replayCreation(tx, input.actor, input.idempotencyKey, payload);
  if (replayed) return replayed;

  const agreement = await tx.getInstance(input.parentId);
  if (!agreement || agreement.kind !== 'application') {
    throw new EngineError('instance-inconnue', `Convention « ${input.parentId} » introuvable : une mesure se rattache à une candidature retenue (son identifiant).`, { parentId: input.parentId });
  }
  // The agreement itself must be the sender's (its organisation, or within the coordinator's territories),
  // then the measure's territory too: naming one's own territory opens no one else's agreement.
  authorize(input.actor, agreement);
  const territory = input.territory ?? agreement.territory;
  authorize(input.actor, { operatorId: agreement.operatorId, territory });
  const call = await definitions.compiled(tx, agreement.definitionHash);
  definitions.admit(call.id, 'referral', call.definition);
  const context = (agreement.snapshot as { context: InstanceContext }).context;
  if (context.milestones.selection === undefined) throw notSelected(agreement.id, agreement.state);
  refuseOutsideAgreement(call, agreement.territory, territory);
  const measure = admitMeasure(call, input.measure, territory, beneficiary, clock.date);
  for (const [id, quota] of measureQuotas(call, input.measure)) {
    const fact = await quotaFact(tx, quota, { callId: call.id, operatorId: agreement.operatorId, territory });
    if (fact.enforce === 'refuse' && fact.count >= fact.max) {
      throw quotaReached(id, quota, fact);
    }
  }
  return insertNewInstance(tx, {
    id: input.id ?? randomUUID(), call, lifecycle: measure.lifecycle, kind: 'measure', measureKind: input.measure, reportId: null,
    operatorId: agreement.operatorId, territory, parentId: agreement.id, data: beneficiary, payload, actor: input.actor,
    ...(input.idempotencyKey !== undefined && { idempotencyKey: scopedKey(input.actor, input.idempotencyKey) }),
  }, clock);
}
