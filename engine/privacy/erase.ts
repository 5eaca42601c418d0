/**
 * Erasure of a subject's personal data, everywhere it lives, in one transaction: the instance's data and
 * its snapshot's context, the creation message and every later message that carried a personal value.
 * What the call's indicators read stays (a birthdate as the age at referral, see `statistics.ts`); amounts,
 * states, dates, territories, acts, periods and the ledger are not touched. The subject's key is destroyed,
 * so the HMAC of the erased values in the log can never be checked against a guess. Row hashes are left as
 * they were: they cover the messages with their personal values masked, so the chains still verify.
 */
import { sql } from 'kysely';
import type { Call } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import { rewriteAt } from '../integrity/event-seal.ts';
import { jsonDecoder } from '../integrity/verify-log.ts';
import type { InstanceKind, RecordedActor, Store } from '../store/index.ts';
import { parisDate } from '../time/index.ts';
import { recordPrivacyAct, type PrivacyAction } from './privacy-log.ts';
import { keptFields, keptValue, type KeptFields } from './statistics.ts';
import { personalPointers, subjectFields, type SubjectOwner } from './subject-fields.ts';

/** What to erase, by whom and why. */
export interface ErasureRequest {
  instanceId: string;
  action: Extract<PrivacyAction, 'effacement-echeance' | 'effacement-anticipe'>;
  actor: RecordedActor;
  reason: string;
  /** The instant of the act (ISO). */
  at: string;
  /** The call's current version, if published: its indicators are kept too. */
  current?: Call;
  /** Extra facts for the register (the expiry, the legal basis…); never a personal value. */
  details?: Record<string, unknown>;
}

/** What an erasure did (names, never values). */
export interface ErasureOutcome {
  instanceId: string;
  callId: string;
  /** Fields removed from the data. */
  erased: string[];
  /** Fields kept for the indicators (a birthdate as the age at referral). */
  kept: string[];
  /** Messages of the log rewritten. */
  messages: number;
  /** Already erased: nothing done. */
  already: boolean;
}

/** The data once erased: a measure keeps only what indicators read; an application loses its applicant's fields. */
function erasedData(data: Record<string, unknown>, owner: SubjectOwner, fields: ReadonlySet<string>, kept: KeptFields, referral: string) {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const keeping = kept.data.get(key);
    if (keeping !== undefined) result[key] = keptValue(value, keeping, referral);
    else if (owner.kind !== 'measure' && !fields.has(key)) result[key] = value;
  }
  return result;
}

/** Erases an instance's personal data (once: a second erasure only says so). */
export async function eraseSubject(store: Store, request: ErasureRequest): Promise<ErasureOutcome> {
  const json = jsonDecoder(store);
  // SQLite overwrites with zeros what this connection frees or rewrites from now on.
  if (store.dialect === 'sqlite') await sql`pragma secure_delete = on`.execute(store.db);
  return store.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('instances').selectAll().where('id', '=', request.instanceId);
    if (store.dialect === 'postgres') query = query.forUpdate();
    const instance = await query.executeTakeFirst();
    if (!instance) throw new EngineError('instance-inconnue', `Dossier « ${request.instanceId} » introuvable : vérifiez son identifiant.`, { instanceId: request.instanceId });
    const base = { instanceId: instance.id, callId: instance.call_id };
    const done = await trx.selectFrom('privacy_log').select('id').where('subject_id', '=', instance.id)
      .where('action', 'in', ['effacement-echeance', 'effacement-anticipe']).executeTakeFirst();
    if (done) return { ...base, erased: [], kept: [], messages: 0, already: true };

    const owner: SubjectOwner = { kind: instance.kind as InstanceKind, measureKind: instance.measure_kind };
    const pinned = await trx.selectFrom('definitions').select('json').where('hash', '=', instance.definition_hash).executeTakeFirstOrThrow();
    const pinnedCall = json(pinned.json) as Call;
    const fields = subjectFields(pinnedCall, owner);
    const kept = keptFields(request.current ? [pinnedCall, request.current] : [pinnedCall], owner);
    const referral = parisDate(new Date(instance.created_at));

    const data = json(instance.data) as Record<string, unknown>;
    const newData = erasedData(data, owner, fields, kept, referral);
    const snapshot = json(instance.snapshot) as { context: { data: Record<string, unknown> } };
    const newSnapshot = { ...snapshot, context: { ...snapshot.context, data: newData } };
    await trx.updateTable('instances').set({ data: JSON.stringify(newData), snapshot: JSON.stringify(newSnapshot) }).where('id', '=', instance.id).execute();

    let messages = 0;
    const events = await trx.selectFrom('events').select(['seq', 'type', 'payload', 'sealed']).where('instance_id', '=', instance.id).orderBy('version').execute();
    for (const event of events) {
      const payload = json(event.payload);
      const pointers = event.sealed === null ? personalPointers(owner, fields, event.type, payload) : json(event.sealed) as string[];
      if (pointers.length === 0) continue;
      const inEvent = kept.events.get(event.type);
      const rewritten = rewriteAt(payload, pointers, (pointer, value) => {
        const name = pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
        const keeping = kept.data.get(name) ?? (inEvent?.has(name) ? 'as-is' : undefined);
        return keeping === undefined || value === undefined ? undefined : keptValue(value, keeping, referral);
      });
      await trx.updateTable('events').set({ payload: JSON.stringify(rewritten) }).where('seq', '=', event.seq).execute();
      messages += 1;
    }
    await trx.deleteFrom('seal_keys').where('subject_id', '=', instance.id).execute();

    const erased = Object.keys(data).filter((key) => !(key in newData)).sort();
    const keptNames = Object.keys(newData).filter((key) => key in data && (owner.kind === 'measure' || fields.has(key))).sort();
    await recordPrivacyAct(trx, store.dialect, {
      at: request.at, actor: request.actor, action: request.action, subjectId: instance.id, callId: instance.call_id, reason: request.reason,
      details: { ...request.details, kind: instance.kind, erased, kept: keptNames, messages },
    });
    return { ...base, erased, kept: keptNames, messages, already: false };
  });
}

/**
 * Makes erased bytes unrecoverable from the database files: SQLite zeroes freed space from now on, rewrites
 * the file (VACUUM) and empties its write-ahead log; PostgreSQL removes the dead row versions (VACUUM, or
 * VACUUM FULL to rewrite the tables, which locks them while it runs).
 */
export async function compactStore(store: Store, options: { full?: boolean } = {}): Promise<void> {
  try {
    if (store.dialect === 'sqlite') {
      await sql`pragma secure_delete = on`.execute(store.db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
      await sql`vacuum`.execute(store.db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
      return;
    }
    const tables = sql.raw('instances, events, seal_keys');
    await (options.full ? sql`vacuum (full) ${tables}` : sql`vacuum ${tables}`).execute(store.db);
  } catch (error) {
    throw new Error(`Les données ont été effacées, mais la base n'a pas pu être compactée (${error instanceof Error ? error.message : String(error)}) : des octets effacés peuvent rester dans l'espace libre du fichier. Relancez dispositifs retention --compacter quand la base n'est plus occupée (par exemple serveur arrêté).`, { cause: error });
  }
}
