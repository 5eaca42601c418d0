/**
 * The register of acts on personal data: every erasure (at expiry or before term) and every right of
 * access export, with who did it, why and what, each row chained to the previous one (`verifyLog`
 * recomputes the chain). It never holds a personal value: fields are named, not copied.
 */
import { sql, type Transaction } from 'kysely';
import { GENESIS } from '../integrity/event-seal.ts';
import { privacyActHash, jsonDecoder } from '../integrity/verify-log.ts';
import type { Database, RecordedActor, Store } from '../store/index.ts';

/** What can be done to a subject's personal data. */
export type PrivacyAction = 'effacement-echeance' | 'effacement-anticipe' | 'export-acces';

/** The French name of an act. */
export const ACTION_LABELS: Record<PrivacyAction, string> = {
  'effacement-echeance': 'Effacement à l\'échéance de la durée de conservation',
  'effacement-anticipe': 'Effacement avant l\'échéance',
  'export-acces': 'Export au titre du droit d\'accès',
};

/** An act to record. */
export interface PrivacyAct {
  at: string;
  actor: RecordedActor;
  action: PrivacyAction;
  subjectId: string;
  callId: string;
  reason: string;
  details: Record<string, unknown>;
}

/** An act as recorded. */
export interface RecordedPrivacyAct extends PrivacyAct {
  id: number;
}

/** Appends an act in the caller's transaction (PostgreSQL: the register is locked so that the chain never forks). */
export async function recordPrivacyAct(trx: Transaction<Database>, dialect: Store['dialect'], act: PrivacyAct): Promise<void> {
  if (dialect === 'postgres') await sql`lock table privacy_log in exclusive mode`.execute(trx);
  const last = await trx.selectFrom('privacy_log').select('row_hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const rowHash = privacyActHash(last?.row_hash ?? GENESIS, {
    at: act.at, actorId: act.actor.id, actorRole: act.actor.role, action: act.action, subjectId: act.subjectId, callId: act.callId,
    reason: act.reason, details: act.details,
  });
  await trx.insertInto('privacy_log').values({
    at: act.at, actor_id: act.actor.id, actor_role: act.actor.role, action: act.action, subject_id: act.subjectId, call_id: act.callId,
    reason: act.reason, details: JSON.stringify(act.details), row_hash: rowHash,
  }).execute();
}

/** The acts recorded about a subject, oldest first. */
export async function privacyActs(store: Store, subjectId: string): Promise<RecordedPrivacyAct[]> {
  const json = jsonDecoder(store);
  const rows = await store.db.selectFrom('privacy_log').selectAll().where('subject_id', '=', subjectId).orderBy('id').execute();
  return rows.map((row) => ({
    id: Number(row.id), at: row.at, actor: { id: row.actor_id, role: row.actor_role }, action: row.action as PrivacyAction,
    subjectId: row.subject_id, callId: row.call_id, reason: row.reason, details: json(row.details) as Record<string, unknown>,
  }));
}

/** The subjects of a call whose personal data was erased. */
export async function erasedSubjects(store: Store, callId: string): Promise<Set<string>> {
  const rows = await store.db.selectFrom('privacy_log').select('subject_id')
    .where('call_id', '=', callId).where('action', 'in', ['effacement-echeance', 'effacement-anticipe']).execute();
  return new Set(rows.map((row) => row.subject_id));
}
