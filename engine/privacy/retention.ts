/**
 * The Département's acts on personal data: the erasure run at expiry (a nightly job), an erasure before
 * term, and the right of access export. Each act is recorded in the register (who, why, what). Only an
 * agent of the Département may act (the scheduled run acts as the engine itself).
 */
import type { Call } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import { jsonDecoder } from '../integrity/verify-log.ts';
import type { RecordedActor, Store } from '../store/index.ts';
import { toEvent, toLedger } from '../store/rows.ts';
import { formatDate, parisDate } from '../time/index.ts';
import { compactStore, eraseSubject, type ErasureOutcome } from './erase.ts';
import { privacyActs, recordPrivacyAct, type RecordedPrivacyAct } from './privacy-log.ts';
import { planRetention, type RetentionPlan } from './retention-plan.ts';

/** Who runs the erasures at expiry. */
export const RETENTION_ACTOR: RecordedActor = { id: 'moteur', role: 'system' };

/** The calls' current versions by id. */
export type CurrentCalls = ReadonlyMap<string, Call>;

function requireDepartement(actor: RecordedActor, what: string): void {
  if (actor.role !== 'departement') {
    throw new EngineError('role-non-autorise', `${what} est réservé aux agents du Département.`, { role: actor.role });
  }
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw new EngineError('donnees-invalides', 'Donnez le motif de l\'acte (il est inscrit au registre des actes sur les données personnelles).', {});
  return trimmed;
}

/** What a run at expiry did. */
export interface RetentionRun {
  plan: RetentionPlan;
  erased: ErasureOutcome[];
}

/**
 * Erases every subject due on `now`'s Paris day, then compacts the database so that the erased bytes are
 * gone from its files (`full`: compacts even when nothing was erased; PostgreSQL rewrites the tables). `onErased`
 * follows progress.
 */
export async function runRetention(store: Store, calls: CurrentCalls, now: Date, options: { full?: boolean; onErased?: (outcome: ErasureOutcome, done: number, total: number) => void } = {}): Promise<RetentionRun> {
  const plan = await planRetention(store, calls.values(), parisDate(now));
  const erased: ErasureOutcome[] = [];
  for (const item of plan.due) {
    const rule = calls.get(item.callId)?.retention?.[item.dataKind];
    const outcome = await eraseSubject(store, {
      instanceId: item.instanceId, action: 'effacement-echeance', actor: RETENTION_ACTOR, at: now.toISOString(),
      reason: `Durée de conservation échue le ${formatDate(item.expiry)} (${item.after === 'end' ? 'fin du dossier' : item.after === 'balance' ? 'solde de la convention' : 'création du dossier'} le ${formatDate(item.from)}).`,
      details: { expiry: item.expiry, from: item.from, after: item.after, ...(rule && { keep: rule.keep }) },
      ...(calls.get(item.callId) && { current: calls.get(item.callId)! }),
    });
    erased.push(outcome);
    options.onErased?.(outcome, erased.length, plan.due.length);
  }
  if (options.full || erased.some((outcome) => !outcome.already)) await compactStore(store, options.full ? { full: true } : {});
  return { plan, erased };
}

/** An erasure before term: a closed file (final state), an agent of the Département, a reason. */
export async function eraseBeforeTerm(store: Store, calls: CurrentCalls, request: { instanceId: string; actor: RecordedActor; reason: string; now: Date; basis?: string }): Promise<ErasureOutcome> {
  requireDepartement(request.actor, 'L\'effacement de données personnelles avant l\'échéance');
  const reason = requireReason(request.reason);
  const instance = await store.getInstance(request.instanceId);
  if (!instance || instance.kind === 'report') {
    throw new EngineError('instance-inconnue', `Dossier « ${request.instanceId} » introuvable (ou sans données personnelles propres) : vérifiez son identifiant.`, { instanceId: request.instanceId });
  }
  const definition = await store.getDefinition(instance.definitionHash);
  const call = definition?.json as Call | undefined;
  const lifecycle = instance.kind === 'measure' ? call?.measures?.[instance.measureKind ?? '']?.lifecycle : call?.lifecycles?.application;
  if (lifecycle?.states?.[instance.state]?.type !== 'final') {
    throw new EngineError('evenement-non-permis', `Le dossier « ${instance.id} » est en cours (état « ${lifecycle?.states?.[instance.state]?.label ?? instance.state} ») : ses données servent encore à le conduire et à le payer. Clôturez-le avant d'effacer ses données.`, { instanceId: instance.id, state: instance.state });
  }
  const current = calls.get(instance.callId);
  const outcome = await eraseSubject(store, {
    instanceId: instance.id, action: 'effacement-anticipe', actor: request.actor, reason, at: request.now.toISOString(),
    ...(request.basis !== undefined && { details: { basis: request.basis } }), ...(current && { current }),
  });
  if (!outcome.already) await compactStore(store);
  return outcome;
}

/** Everything held about one subject (right of access, RGPD art. 15). */
export interface AccessExport {
  generatedAt: string;
  instance: Record<string, unknown>;
  events: Array<Record<string, unknown>>;
  ledger: Array<Record<string, unknown>>;
  timers: Array<Record<string, unknown>>;
  acts: RecordedPrivacyAct[];
}

/** Exports everything held about one subject, and records the act. */
export async function exportSubject(store: Store, request: { instanceId: string; actor: RecordedActor; reason: string; now: Date }): Promise<AccessExport> {
  requireDepartement(request.actor, 'L\'export des données d\'un ménage (droit d\'accès)');
  const reason = requireReason(request.reason);
  const instance = await store.getInstance(request.instanceId);
  if (!instance) throw new EngineError('instance-inconnue', `Dossier « ${request.instanceId} » introuvable : vérifiez son identifiant.`, { instanceId: request.instanceId });
  const json = jsonDecoder(store);
  const events = (await store.db.selectFrom('events').selectAll().where('instance_id', '=', instance.id).orderBy('version').execute()).map((row) => toEvent(row, json));
  const ledger = (await store.db.selectFrom('ledger').selectAll().where('instance_id', '=', instance.id).orderBy('id').execute()).map((row) => toLedger(row, json));
  const timers = await store.listTimers(instance.id);
  const context = (instance.snapshot as { context?: Record<string, unknown> }).context ?? {};
  await store.db.transaction().execute((trx) => recordPrivacyAct(trx, store.dialect, {
    at: request.now.toISOString(), actor: request.actor, action: 'export-acces', subjectId: instance.id, callId: instance.callId, reason,
    details: { kind: instance.kind, events: events.length },
  }));
  return {
    generatedAt: request.now.toISOString(),
    instance: {
      id: instance.id, callId: instance.callId, kind: instance.kind, measureKind: instance.measureKind, operatorId: instance.operatorId,
      territory: instance.territory, parentId: instance.parentId, state: instance.state, data: instance.data, acts: context.acts,
      period: context.period, milestones: context.milestones, createdAt: instance.createdAt, updatedAt: instance.updatedAt,
    },
    events: events.map((e) => ({ version: e.version, type: e.type, at: e.at, actor: e.actor, payload: e.payload, response: e.response })),
    ledger: ledger.map((l) => ({ kind: l.kind, amountCents: l.amountCents, at: l.at, label: l.label })),
    timers: timers.map((t) => ({ name: t.name, event: t.event, dueDate: t.dueDate, status: t.status })),
    acts: await privacyActs(store, instance.id),
  };
}
