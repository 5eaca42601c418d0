/**
 * One step of an instance, inside the caller's transaction: check who sends what, validate the message,
 * gather the facts guards need, take XState's pure transition, then write the event, the snapshot, the
 * timers and the money. A refusal throws before anything is written.
 */
import { canonicalJson, type Measure } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import type { InstanceContext, PersistedSnapshot, StepFacts } from '../compile/index.ts';
import type { InstanceRecord, StoreSession } from '../store/index.ts';
import type { PlainDateString } from '../time/index.ts';
import { authorize, authorizeEvent, authorizeReader, recorded, type Actor } from './actor.ts';
import type { EngineDefinitions } from './definitions.ts';
import { scopedKey, scopedKeyOf } from './idempotency.ts';
import { recordMoney } from './money.ts';
import { measureCounts, quotaFacts } from './quotas.ts';
import { guardRefusal, invalidMessage, notAllowedNow, staleVersion, unknownEvent } from './refusals.ts';
import { lateDeclaration, lateWarning, type LateDeclaration } from './report-duty.ts';
import { followsRhythm, missedSince, type MissedContacts } from './rhythm-missed.ts';
import { createReports } from './reports.ts';
import { sealFor } from './seal.ts';
import { moveTimers } from './timers.ts';
import { recordNotifications } from './notifications.ts';
import { rhythmLogOf, type RhythmLogEntry } from './rhythm.ts';

/** An event to send to an instance. */
export interface SendInput {
  type: string;
  payload?: Record<string, unknown>;
  actor: Actor;
  /** The same key again is applied once and answered the same. */
  idempotencyKey?: string;
  /** Refuse (`conflit-de-version`) unless the instance is still at this version. */
  expectedVersion?: number;
}

/** The answer to an event (replayed as is for the same idempotency key). */
export interface StepResponse {
  instanceId: string;
  version: number;
  state: string;
  stateLabel: string;
  final: boolean;
  /** The calendar day the event counts on (Europe/Paris). */
  date: PlainDateString;
  /** A fact declared later than its reporting duty allows (`reportWithin`): recorded, not refused. */
  late?: LateDeclaration;
  /** Periods of the measure's rhythm that this event reveals as missed (counted by `missedContacts` indicators). */
  missedContacts?: MissedContacts;
  /** What the sender should know, in French (a late declaration, missed contacts). */
  warnings?: string[];
}

/** How a step runs: its day, its instant, and whether it comes from a timer. */
export interface StepClock {
  date: PlainDateString;
  at: string;
  /** A timer's event is sent by the definition itself: no role check. */
  fromTimer?: boolean;
}

/** Applies one event to an instance in `tx`; returns the answer (or the first answer for a repeated key). */
export async function applyStep(
  tx: StoreSession,
  definitions: EngineDefinitions,
  instanceId: string,
  input: SendInput,
  clock: StepClock,
): Promise<StepResponse> {
  if (!clock.fromTimer) authorizeReader(input.actor);
  const instance = await tx.getInstance(instanceId);
  if (!instance) throw new EngineError('instance-inconnue', `Dossier « ${instanceId} » introuvable : vérifiez son identifiant.`, { instanceId });
  const payload = input.payload ?? {};

  if (input.idempotencyKey !== undefined) {
    const earlier = await tx.findEventByKey(instanceId, scopedKey(input.actor, input.idempotencyKey));
    if (earlier) {
      if (earlier.type === input.type && canonicalJson(earlier.payload) === canonicalJson(payload)) return earlier.response as StepResponse;
      throw new EngineError('cle-idempotence-reutilisee', `La clé d'idempotence « ${input.idempotencyKey} » a déjà servi pour un autre message (« ${earlier.type} ») : utilisez une nouvelle clé pour un nouvel événement.`, { idempotencyKey: input.idempotencyKey });
    }
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== instance.version) throw staleVersion(input.expectedVersion, instance.version);

  const call = await definitions.compiled(tx, instance.definitionHash);
  if (!clock.fromTimer) definitions.admit(call.id, 'event', call.definition);
  const lifecycle = call.lifecycle(instance.lifecycle);
  if (!lifecycle) throw new EngineError('definition-inconnue', `Cycle de vie « ${instance.lifecycle} » absent de la version de définition du dossier.`, { lifecycle: instance.lifecycle });
  const event = lifecycle.events.get(input.type);
  if (!event) throw unknownEvent(lifecycle, input.type);
  authorize(input.actor, instance);
  if (!clock.fromTimer) authorizeEvent(input.actor, event);
  if (!lifecycle.states.get(instance.state)?.events.includes(input.type)) throw notAllowedNow(lifecycle, instance.state, input.type);
  if (event.validate && !event.validate(payload)) throw invalidMessage(lifecycle, input.type, event.validate.errors);

  const guards = lifecycle.transitions(instance.state, input.type).flatMap((t) => t.guards);
  const quotaIds = guards.flatMap((g) => (g.quota === undefined ? [] : [g.quota]));
  const quotas = quotaIds.length === 0 ? {} : await quotaFacts(tx, call, quotaIds, instance);
  const counted = guards.flatMap((g) => (g.counts === undefined ? [] : [g.counts]));
  const facts: StepFacts = { quotas };
  if (counted.length > 0) facts.measures = await measureCounts(tx, instanceId, counted);
  const result = lifecycle.step(instance.snapshot as PersistedSnapshot, { type: input.type, payload, date: clock.date, facts });
  if (result.kind === 'refused') throw guardRefusal(lifecycle, instance.state, input.type, result.guard, result.reason);

  const version = instance.version + 1;
  const state = lifecycle.states.get(result.state);
  const duty = event.reportWithin;
  const late = duty && lateDeclaration(duty, payload, (instance.snapshot as { context: InstanceContext }).context, clock.date);
  const missed = await missedContactsOf(tx, call.definition.measures?.[instance.measureKind ?? ''], instance, { type: input.type, date: clock.date, state: result.state, payload });
  const warnings = [...(late ? [lateWarning(event.label, late, clock.date)] : []), ...(missed?.warnings ?? [])];
  const response: StepResponse = {
    instanceId, version, state: result.state, stateLabel: state?.label ?? result.state, final: result.done, date: clock.date,
    ...(late && { late }), ...(missed && { missedContacts: missed }), ...(warnings.length > 0 && { warnings }),
  };
  await tx.appendEvent({
    instanceId, callId: instance.callId, version, type: input.type, payload, actor: recorded(input.actor), at: clock.at,
    idempotencyKey: scopedKeyOf(input.actor, input.idempotencyKey) ?? null, definitionHash: instance.definitionHash, response,
    ...(await sealFor(tx, call.definition, instance, input.type, payload)),
  });
  const before = (instance.snapshot as { context: InstanceContext }).context;
  const written = await tx.updateInstance({
    id: instanceId, expectedVersion: instance.version, version, definitionHash: instance.definitionHash, state: result.state, territory: instance.territory,
    data: result.context.data, snapshot: result.snapshot, selectedOn: result.context.milestones.selection ?? null,
    periodStart: result.context.period?.start ?? null, periodEnd: result.context.period?.ended ?? result.context.period?.end ?? null,
    updatedAt: clock.at,
  });
  if (!written) {
    const current = await tx.getInstance(instanceId);
    throw staleVersion(instance.version, current?.version ?? instance.version);
  }
  const leftArmsTimers = (lifecycle.states.get(instance.state)?.timers.length ?? 1) > 0;
  if (state) await moveTimers(tx, call, { instanceId, version, from: instance.state, to: state, context: result.context, date: clock.date, leftArmsTimers });
  if (state) {
    await recordNotifications(tx, call, {
      instance, version, lifecycle, from: instance.state, to: state, context: result.context, date: clock.date, at: clock.at,
      event: { label: event.label, fromTimer: clock.fromTimer === true, ...(late ? { late } : {}) },
    });
  }
  const after: InstanceRecord = { ...instance, version, state: result.state, data: result.context.data, snapshot: result.snapshot };
  await recordMoney(tx, definitions, { call, instance: after, before, after: result.context, date: clock.date, label: event.label });
  if (instance.kind === 'application' && before.milestones.signature === undefined && result.context.milestones.signature !== undefined) {
    await createReports(tx, call, after, result.context, clock);
  }
  return response;
}

/** The rhythm periods the event being recorded reveals as missed, for a measure whose rhythm counts an act. */
async function missedContactsOf(tx: StoreSession, measure: Measure | undefined, instance: InstanceRecord, entry: RhythmLogEntry): Promise<MissedContacts | undefined> {
  if (instance.kind !== 'measure' || !followsRhythm(measure)) return undefined;
  return missedSince(measure, [...rhythmLogOf(await tx.listEvents(instance.id)), entry]);
}
