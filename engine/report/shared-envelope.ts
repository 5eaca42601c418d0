/**
 * An envelope shared by several calls, counted once: its amount (written once, in a `kind: envelopes` file)
 * against what all the calls drawing on it committed, so that each call's budget shows what is left for
 * all of them rather than the whole envelope each.
 */
import { sql, type Kysely } from 'kysely';
import type { Call, SharedEnvelope } from '../definition/index.ts';
import { requireMoney } from '../money/index.ts';
import type { Database } from '../store/index.ts';
import type { ReportScope } from './indicator-query.ts';
import type { SharedEnvelopeUse } from './report-types.ts';
import { toNumber } from './sql-dialect.ts';

/** The shared envelopes and the calls, as the repository holds them. */
export interface EnvelopeCatalog {
  envelopes: ReadonlyMap<string, SharedEnvelope>;
  calls: ReadonlyMap<string, { definition: Call }>;
}

/** The use of the shared envelope a call draws on, or undefined when it draws on none. */
export async function sharedEnvelopeUse(db: Kysely<Database>, call: Call, catalog: EnvelopeCatalog | undefined, scope: ReportScope = {}): Promise<SharedEnvelopeUse | undefined> {
  const id = call.funding.envelope?.shared;
  const envelope = id === undefined ? undefined : catalog?.envelopes.get(id);
  if (id === undefined || envelope === undefined || catalog === undefined) return undefined;
  const calls = [...catalog.calls.values()].filter((c) => c.definition.funding.envelope?.shared === id).map((c) => c.definition.id).sort();
  let query = db.selectFrom('ledger as l').innerJoin('instances as a', 'a.id', 'l.agreement_id')
    .select(sql<number>`coalesce(sum(${sql.ref('l.amount_cents')}), 0)`.as('cents'))
    .where('a.call_id', 'in', calls.length > 0 ? calls : [call.id]).where('a.kind', '=', 'application').where('l.kind', '=', 'agreed');
  if (scope.operatorId !== undefined) query = query.where('a.operator_id', '=', scope.operatorId);
  if (scope.territories !== undefined) query = scope.territories.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('a.territory', 'in', [...scope.territories]);
  const committed = toNumber((await query.executeTakeFirst())?.cents) ?? 0;
  const amount = envelope.amount === undefined ? null : requireMoney(envelope.amount, `l'enveloppe commune ${id}`);
  return { id, label: envelope.label, calls, amount, committed, remaining: amount === null ? null : amount - committed };
}
