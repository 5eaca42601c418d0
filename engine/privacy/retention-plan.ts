/**
 * When each subject's personal data falls due for erasure, from the call's `retention` rules: the
 * milestone (`end`: the instance in a final state, on the later of its period's end and its last step;
 * `balance`: its agreement's balance; `created`), plus `keep`. Lists what is due now and what will be
 * within `warnBefore` (the Département's warning), and the calls that declare no period at all.
 */
import type { Call, RetentionRule } from '../definition/index.ts';
import type { InstanceKind, Store } from '../store/index.ts';
import { addDuration, compareDates, parisDate, subtractDuration, type PlainDateString } from '../time/index.ts';
import { jsonDecoder } from '../integrity/verify-log.ts';
import { erasedSubjects } from './privacy-log.ts';
import { subjectFields, type DataKind } from './subject-fields.ts';

/** The warning given when a rule names none. */
export const DEFAULT_WARNING = { days: 15 } as const;

/** One subject whose data falls due. */
export interface RetentionItem {
  instanceId: string;
  callId: string;
  kind: InstanceKind;
  measureKind: string | null;
  dataKind: DataKind;
  territory: string | null;
  operatorId: string | null;
  after: RetentionRule['after'];
  /** The milestone's day. */
  from: PlainDateString;
  /** The day the data is erased (`from` + `keep`). */
  expiry: PlainDateString;
}

/** What the retention rules make of the store on a day. */
export interface RetentionPlan {
  date: PlainDateString;
  /** Due now (expiry on or before the day), oldest expiry first. */
  due: RetentionItem[];
  /** Due within the warning delay, soonest first. */
  upcoming: RetentionItem[];
  /** Calls holding personal fields with no retention period for them: kept until a period is declared. */
  undeclared: Array<{ callId: string; dataKind: DataKind }>;
}

const KINDS: ReadonlyArray<[DataKind, InstanceKind]> = [['households', 'measure'], ['operators', 'application']];
const PAGE = 1000;

function finalStates(call: Call, kind: InstanceKind, measureKind: string | null): Set<string> {
  const lifecycle = kind === 'measure' ? call.measures?.[measureKind ?? '']?.lifecycle : call.lifecycles?.application;
  return new Set(Object.entries(lifecycle?.states ?? {}).filter(([, state]) => state.type === 'final').map(([id]) => id));
}

/** Plans erasures on `date` for the calls given (the repository's current versions). */
export async function planRetention(store: Store, calls: Iterable<Call>, date: PlainDateString): Promise<RetentionPlan> {
  const plan: RetentionPlan = { date, due: [], upcoming: [], undeclared: [] };
  const json = jsonDecoder(store);
  const pinned = new Map<string, Call>();
  const pinnedCall = async (hash: string): Promise<Call> => {
    let call = pinned.get(hash);
    if (!call) {
      const row = await store.db.selectFrom('definitions').select('json').where('hash', '=', hash).executeTakeFirstOrThrow();
      pinned.set(hash, (call = json(row.json) as Call));
    }
    return call;
  };
  const balances = new Map<string, PlainDateString | undefined>();
  const balanceOf = async (agreementId: string): Promise<PlainDateString | undefined> => {
    if (!balances.has(agreementId)) {
      const row = await store.db.selectFrom('ledger').select('at').where('agreement_id', '=', agreementId).where('kind', '=', 'balance')
        .orderBy('at', 'desc').limit(1).executeTakeFirst();
      balances.set(agreementId, row?.at);
    }
    return balances.get(agreementId);
  };

  for (const call of calls) {
    const erased = await erasedSubjects(store, call.id);
    for (const [dataKind, kind] of KINDS) {
      const rule = call.retention?.[dataKind];
      if (!rule) {
        const holds = kind === 'measure' ? Object.values(call.measures ?? {}).some((m) => Object.keys(m.beneficiary?.fields ?? {}).length > 0)
          : Object.keys(call.applicants.fields ?? {}).length > 0;
        if (holds) plan.undeclared.push({ callId: call.id, dataKind });
        continue;
      }
      for (let after = ''; ;) {
        const rows = await store.db.selectFrom('instances')
          .select(['id', 'kind', 'measure_kind', 'state', 'definition_hash', 'created_at', 'updated_at', 'period_end', 'parent_id', 'territory', 'operator_id'])
          .where('call_id', '=', call.id).where('kind', '=', kind).where('id', '>', after).orderBy('id').limit(PAGE).execute();
        for (const row of rows) {
          if (erased.has(row.id)) continue;
          const definition = await pinnedCall(row.definition_hash);
          if (subjectFields(definition, { kind, measureKind: row.measure_kind }).size === 0) continue;
          let from: PlainDateString | undefined;
          if (rule.after === 'created') from = parisDate(new Date(row.created_at));
          else if (rule.after === 'balance') from = await balanceOf(kind === 'measure' ? row.parent_id ?? '' : row.id);
          else if (finalStates(definition, kind, row.measure_kind).has(row.state)) {
            const last = parisDate(new Date(row.updated_at));
            from = row.period_end !== null && compareDates(row.period_end, last) > 0 ? row.period_end : last;
          }
          if (from === undefined) continue;
          const expiry = addDuration(from, rule.keep);
          const item: RetentionItem = {
            instanceId: row.id, callId: call.id, kind, measureKind: row.measure_kind, dataKind, territory: row.territory,
            operatorId: row.operator_id, after: rule.after, from, expiry,
          };
          if (compareDates(expiry, date) <= 0) plan.due.push(item);
          else if (compareDates(subtractDuration(expiry, rule.warnBefore ?? DEFAULT_WARNING), date) <= 0) plan.upcoming.push(item);
        }
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
    }
  }
  const byExpiry = (a: RetentionItem, b: RetentionItem) => compareDates(a.expiry, b.expiry) || a.instanceId.localeCompare(b.instanceId);
  plan.due.sort(byExpiry);
  plan.upcoming.sort(byExpiry);
  return plan;
}
