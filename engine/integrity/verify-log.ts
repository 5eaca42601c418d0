/**
 * Recomputes the log's hash chains from the rows as they are: each instance's events in version order,
 * then the chain of acts on personal data. Names the first broken link: a row whose content changed, a
 * missing or inserted row, a personal value altered while its key still exists, a log cut short of its
 * instance's version. Reads a page at a time, so a large log is verified in bounded memory.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../definition/index.ts';
import { toEvent, parseJson, type JsonDecoder } from '../store/rows.ts';
import type { EventRecord, Store } from '../store/index.ts';
import { GENESIS, chainHash, personalDigest, rowHashOf } from './event-seal.ts';

/** What broke, in the log's words. */
export type BreakKind = 'contenu-modifie' | 'donnee-personnelle-modifiee' | 'maillon-manquant' | 'journal-tronque' | 'acte-modifie';

/** The first broken link of a chain. */
export interface LogBreak {
  kind: BreakKind;
  /** The instance (events) or the subject (acts on personal data). */
  instanceId: string;
  version?: number;
  seq?: number;
  /** French explanation, with where to look. */
  message: string;
}

/** The outcome of a verification. */
export interface LogVerification {
  instances: number;
  events: number;
  /** Rows written before the chain existed (not verifiable). */
  unchained: number;
  /** Rows whose personal values were checked against their key. */
  personalChecked: number;
  /** Rows whose personal values were erased (their key destroyed): only what stays is verified. */
  personalErased: number;
  privacyActs: number;
  broken?: LogBreak;
}

const PAGE = 2000;

/** What the chain of acts on personal data covers of a row. */
export interface PrivacyActContent {
  at: string;
  actorId: string;
  actorRole: string;
  action: string;
  subjectId: string;
  callId: string;
  reason: string;
  details: unknown;
}

/** The hash of an act on personal data, chained to the previous act. */
export function privacyActHash(previous: string, act: PrivacyActContent): string {
  return chainHash(previous, createHash('sha256').update(canonicalJson(act)).digest('hex'));
}

/** The decoder of JSON columns read through kysely on this store. */
export function jsonDecoder(store: Pick<Store, 'dialect'>): JsonDecoder {
  return store.dialect === 'sqlite' ? parseJson : (value: unknown) => value;
}

interface Chain {
  id: string;
  version: number;
  previous: string | null;
}

/** Verifies every chain of the store; stops at the first broken link. */
export async function verifyLog(store: Store, onProgress?: (events: number) => void): Promise<LogVerification> {
  const result: LogVerification = { instances: 0, events: 0, unchained: 0, personalChecked: 0, personalErased: 0, privacyActs: 0 };
  const json = jsonDecoder(store);
  let current: Chain | undefined;
  let after: { id: string; version: number } | undefined;
  for (;;) {
    let query = store.db.selectFrom('events').selectAll();
    if (after) {
      const { id, version } = after;
      query = query.where((eb) => eb.or([eb('instance_id', '>', id), eb.and([eb('instance_id', '=', id), eb('version', '>', version)])]));
    }
    const rows = await query.orderBy('instance_id').orderBy('version').limit(PAGE).execute();
    if (rows.length === 0) break;
    const events = rows.map((row) => toEvent(row, json));
    const keys = await subjectKeys(store, [...new Set(events.map((e) => e.instanceId))]);
    for (const event of events) {
      if (current?.id !== event.instanceId) {
        const broken = current && (await truncated(store, current));
        if (broken) return { ...result, broken };
        current = { id: event.instanceId, version: 0, previous: null };
        result.instances += 1;
      }
      result.events += 1;
      const broken = checkRow(event, current, keys.get(event.instanceId), result);
      if (broken) return { ...result, broken };
      current.version = event.version;
      current.previous = event.rowHash ?? null;
    }
    const last = events[events.length - 1]!;
    after = { id: last.instanceId, version: last.version };
    onProgress?.(result.events);
  }
  const broken = current && (await truncated(store, current));
  if (broken) return { ...result, broken };
  const empty = await store.db.selectFrom('instances').select('id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('events').select('seq').whereRef('events.instance_id', '=', 'instances.id'))))
    .limit(1).executeTakeFirst();
  if (empty) return { ...result, broken: { kind: 'journal-tronque', instanceId: empty.id, message: `Le dossier « ${empty.id} » n'a plus aucun événement dans le journal : ses lignes ont été supprimées.` } };
  const acts = await verifyPrivacyLog(store, result);
  return acts ? { ...result, broken: acts } : result;
}

/** A log that ends before its instance's version: rows were deleted at its end. */
async function truncated(store: Store, chain: Chain): Promise<LogBreak | undefined> {
  const row = await store.db.selectFrom('instances').select('version').where('id', '=', chain.id).executeTakeFirst();
  if (row !== undefined && Number(row.version) === chain.version) return undefined;
  return {
    kind: 'journal-tronque', instanceId: chain.id, version: chain.version,
    message: `Journal du dossier « ${chain.id} » tronqué : son dernier événement est le n° ${chain.version}, alors que le dossier est ${row === undefined ? 'absent de la table instances' : `à la version ${Number(row.version)}`}. Des lignes ont été supprimées, ou le dossier modifié hors du moteur.`,
  };
}

function checkRow(event: EventRecord, chain: Chain, key: string | undefined, result: LogVerification): LogBreak | undefined {
  const where = { instanceId: event.instanceId, version: event.version, seq: event.seq };
  if (event.version !== chain.version + 1) {
    return {
      kind: 'maillon-manquant', ...where,
      message: `Chaîne du dossier « ${event.instanceId} » rompue à l'événement n° ${event.version} (ligne ${event.seq}) : il suit l'événement n° ${chain.version}. Une ligne a été supprimée ou insérée.`,
    };
  }
  if (event.rowHash === null || event.rowHash === undefined) {
    result.unchained += 1;
    return undefined;
  }
  if (rowHashOf(event, chain.previous) !== event.rowHash) {
    return {
      kind: 'contenu-modifie', ...where,
      message: `Chaîne du dossier « ${event.instanceId} » rompue à l'événement n° ${event.version} (ligne ${event.seq}, « ${event.type} ») : son contenu ne correspond plus à son empreinte. La ligne a été modifiée après son écriture.`,
    };
  }
  if (event.personalDigest) {
    if (key === undefined) {
      result.personalErased += 1;
    } else if (personalDigest(key, event.payload, event.sealed ?? []) !== event.personalDigest) {
      return {
        kind: 'donnee-personnelle-modifiee', ...where,
        message: `Événement n° ${event.version} du dossier « ${event.instanceId} » (ligne ${event.seq}) : une donnée personnelle du message a été modifiée après son écriture.`,
      };
    } else {
      result.personalChecked += 1;
    }
  }
  return undefined;
}

async function subjectKeys(store: Store, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await store.db.selectFrom('seal_keys').select(['subject_id', 'key']).where('subject_id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.subject_id, row.key]));
}

async function verifyPrivacyLog(store: Store, result: LogVerification): Promise<LogBreak | undefined> {
  const json = jsonDecoder(store);
  let previous = GENESIS;
  let afterId = 0;
  for (;;) {
    const rows = await store.db.selectFrom('privacy_log').selectAll().where('id', '>', afterId).orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) return undefined;
    for (const row of rows) {
      result.privacyActs += 1;
      const expected = privacyActHash(previous, {
        at: row.at, actorId: row.actor_id, actorRole: row.actor_role, action: row.action, subjectId: row.subject_id,
        callId: row.call_id, reason: row.reason, details: json(row.details),
      });
      if (expected !== row.row_hash) {
        return {
          kind: 'acte-modifie', instanceId: row.subject_id, seq: Number(row.id),
          message: `Registre des actes sur les données personnelles rompu à l'acte n° ${Number(row.id)} (« ${row.action} », dossier « ${row.subject_id} ») : la ligne a été modifiée, supprimée ou insérée.`,
        };
      }
      previous = row.row_hash;
      afterId = Number(row.id);
    }
  }
}
