/**
 * Verification of a store against its own log: every instance's snapshot, state and version, its timers
 * and its agreement's ledger rows must equal what the in-memory replay of the log under the recorded
 * definitions rebuilds. A difference means a lost, doubled or altered write; each one is located.
 */
import { canonicalJson } from '../definition/index.ts';
import { decodeSnapshot, type Store } from '../store/index.ts';
import { expectedTimers } from './expected-timers.ts';
import type { RecordedActivity } from './recorded-activity.ts';
import type { ActivityReplay } from './replay-types.ts';

/** What differs, on which instance, in French. */
export interface VerifyDifference {
  callId: string;
  instanceId: string;
  what: 'journal' | 'etat' | 'version' | 'instantane' | 'minuteries' | 'comptes';
  message: string;
}

/** What the store holds of a call, to compare with its replay. */
export interface StoredCall {
  instances: Map<string, { state: string; version: number; snapshot: unknown }>;
  /** Timers by instance: id, status, due date. */
  timers: Map<string, Array<{ id: string; status: string; dueDate: string }>>;
  /** Ledger rows by instance that made them, as comparable lines. */
  ledger: Map<string, string[]>;
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A ledger row as one comparable line. */
export function ledgerLine(row: { agreementId: string; kind: string; amountCents: number; at: string }): string {
  return `${row.agreementId} ${row.kind} ${row.amountCents} ${row.at}`;
}

/** Reads the instances, timers and ledger rows of a call. */
export async function readStoredCall(store: Pick<Store, 'db'>, callId: string): Promise<StoredCall> {
  const instances = new Map<string, { state: string; version: number; snapshot: unknown }>();
  for (const r of await store.db.selectFrom('instances').select(['id', 'state', 'territory', 'version', 'data', 'snapshot']).where('call_id', '=', callId).execute()) {
    const snapshot = decodeSnapshot(json(r.snapshot), { state: r.state, territory: r.territory, data: json(r.data) as Record<string, unknown> });
    instances.set(r.id, { state: r.state, version: Number(r.version), snapshot });
  }
  const timers = new Map<string, Array<{ id: string; status: string; dueDate: string }>>();
  const timerRows = await store.db.selectFrom('timers as t').innerJoin('instances as i', 'i.id', 't.instance_id')
    .select(['t.id as id', 't.instance_id as instance_id', 't.status as status', 't.due_date as due_date']).where('i.call_id', '=', callId).execute();
  for (const t of timerRows) {
    const list = timers.get(t.instance_id) ?? [];
    list.push({ id: t.id, status: t.status, dueDate: String(t.due_date).slice(0, 10) });
    timers.set(t.instance_id, list);
  }
  const ledger = new Map<string, string[]>();
  const ledgerRows = await store.db.selectFrom('ledger as l').innerJoin('instances as i', 'i.id', 'l.instance_id')
    .select(['l.agreement_id as agreement_id', 'l.instance_id as instance_id', 'l.kind as kind', 'l.amount_cents as amount_cents', 'l.at as at'])
    .where('i.call_id', '=', callId).orderBy('l.id').execute();
  for (const l of ledgerRows) {
    const list = ledger.get(l.instance_id) ?? [];
    list.push(ledgerLine({ agreementId: l.agreement_id, kind: l.kind, amountCents: Number(l.amount_cents), at: String(l.at).slice(0, 10) }));
    ledger.set(l.instance_id, list);
  }
  return { instances, timers, ledger };
}

/** The differences between a call's store and the replay of its log under the recorded definitions, in log order of instances. */
export function compareWithReplay(activity: RecordedActivity, replay: ActivityReplay, stored: StoredCall): VerifyDifference[] {
  const differences: VerifyDifference[] = [];
  const callId = activity.callId;
  const say = (instanceId: string, what: VerifyDifference['what'], message: string) => differences.push({ callId, instanceId, what, message });
  for (const [id, held] of stored.instances) {
    const r = replay.instances.get(id);
    if (!r) {
      say(id, 'journal', `le dossier existe dans la base mais son journal n'a pas d'événement de création.`);
      continue;
    }
    if (r.status !== 'replayed') {
      say(id, 'journal', `le journal ne se rejoue pas : ${r.refusal ? `événement n° ${r.refusal.version} (« ${r.refusal.type} ») refusé au rejeu : ${r.refusal.message}` : r.reason ?? 'dossier non créé'}`);
      continue;
    }
    if (r.state !== held.state) say(id, 'etat', `état « ${held.state} » dans la base, « ${r.state} » au rejeu.`);
    if (r.version !== held.version) say(id, 'version', `version ${held.version} dans la base, ${r.version} au rejeu (dernier événement du journal).`);
    else {
      const snapshot = r.state !== undefined && r.context && r.lifecycle?.at(r.state, r.context);
      if (canonicalJson(snapshot) !== canonicalJson(held.snapshot)) say(id, 'instantane', `l'instantané enregistré diffère de celui que le journal reconstruit${firstDifference(held.snapshot, snapshot)}.`);
    }
    const expected = expectedTimers(r);
    const armed = (stored.timers.get(id) ?? []).filter((t) => expected.some((e) => e.id === t.id) || t.status === 'pending');
    const want = expected.map((t) => `${t.id} ${t.dueDate}`).sort().join(', ');
    const have = armed.map((t) => `${t.id} ${t.dueDate}`).sort().join(', ');
    if (want !== have) say(id, 'minuteries', `minuteries attendues : ${want || 'aucune'} ; dans la base : ${have || 'aucune'}.`);
    const rows = r.rows.map(ledgerLine).sort().join(' | ');
    const written = [...(stored.ledger.get(id) ?? [])].sort().join(' | ');
    if (rows !== written) say(id, 'comptes', `écritures attendues : ${rows || 'aucune'} ; dans la base : ${written || 'aucune'}.`);
  }
  for (const id of replay.instances.keys()) if (!stored.instances.has(id)) say(id, 'journal', `le journal crée ce dossier, absent de la base.`);
  return differences;
}

/** « (contexte.acts : … ≠ …) »: the first path where two JSON values differ. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (canonicalJson(a) === canonicalJson(b)) return '';
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`);
      if (found !== '') return found;
    }
  }
  return ` (${path || 'racine'} : ${canonicalJson(a) ?? 'absent'} dans la base, ${canonicalJson(b) ?? 'absent'} au rejeu)`;
}
