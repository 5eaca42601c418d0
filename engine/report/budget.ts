/**
 * The budget of a call from its agreements' ledger, summed in the database per agreement operator and
 * territory and ledger kind, then added up per call, per group of territories and per operator.
 */
import { sumCents } from '../money/bounds.ts';
import { sql, type Kysely } from 'kysely';
import type { Call, TerritoryCatalog } from '../definition/index.ts';
import { requireMoney } from '../money/index.ts';
import type { Database } from '../store/index.ts';
import type { ReportScope } from './indicator-query.ts';
import { budgetYears } from './budget-years.ts';
import type { Budget, BudgetLine } from './report-types.ts';
import { sharedEnvelopeUse, type EnvelopeCatalog } from './shared-envelope.ts';
import { toNumber } from './sql-dialect.ts';

/** The ledger summed by agreement operator, agreement territory and kind. */
interface LedgerGroup {
  operatorId: string | null;
  territory: string | null;
  kind: string;
  cents: number;
  agreements: number;
}

/** What {@link computeBudget} reads. */
export interface BudgetOptions {
  db: Kysely<Database>;
  callId: string;
  call: Call;
  scope?: ReportScope;
  territories?: TerritoryCatalog;
  operators?: ReadonlyMap<string, string>;
  /** The day of the budget: advances and balances count as due from their due day on (default: all). */
  asOf?: string;
  /** The shared envelopes and the calls drawing on them (the repository). */
  envelopes?: EnvelopeCatalog;
}

/**
 * The budget of a call: envelope, committed (signed agreements), earned (activity × tariffs), advanced,
 * due, paid, still to pay and left to commit — for the call, each territory or group it covers, and each
 * operator. Amounts are integer cents.
 * @example
 * const budget = await computeBudget({ db: store.db, callId: call.id, call: call.definition, territories });
 * budget.call.committed; // 1000000
 */
export async function computeBudget(options: BudgetOptions): Promise<Omit<Budget, 'quotas'>> {
  const groups = await ledgerGroups(options);
  const shared = await sharedEnvelopeUse(options.db, options.call, options.envelopes, options.scope);
  const envelopeText = options.call.funding.envelope?.amount;
  const envelope = shared !== undefined ? shared.amount : envelopeText === undefined ? null : requireMoney(envelopeText, "l'enveloppe de l'appel");

  const callLine = line('call', 'Appel', envelope, groups);
  // A shared envelope is counted once: what is left is what all the calls drawing on it left.
  if (shared !== undefined) callLine.remaining = shared.remaining;

  const catalog = options.territories;
  const covered = options.call.territories.map((id) => ({
    id,
    label: catalog?.groups.get(id)?.label ?? catalog?.territories.get(id)?.label ?? id,
    members: new Set(catalog ? catalog.expand([id]) : [id]),
  }));
  const groupOf = (territory: string | null) => covered.find((group) => territory !== null && group.members.has(territory))?.id ?? 'autres';
  const groupLines = covered.map((group) => line(group.id, group.label, null, groups.filter((g) => groupOf(g.territory) === group.id)));
  const others = groups.filter((g) => groupOf(g.territory) === 'autres');
  if (others.length > 0) groupLines.push(line('autres', 'Autres territoires', null, others));

  const operatorIds = [...new Set(groups.map((g) => g.operatorId ?? ''))].sort();
  const operatorLines = operatorIds.map((id) =>
    line(id, options.operators?.get(id) ?? (id === '' ? 'Opérateur non renseigné' : id), null, groups.filter((g) => (g.operatorId ?? '') === id)),
  );

  const sharedByYear = shared === undefined ? undefined : options.envelopes?.envelopes.get(shared.id)?.byYear;
  const years = await budgetYears({
    db: options.db, callId: options.callId, call: options.call,
    ...(options.scope !== undefined && { scope: options.scope }),
    ...(sharedByYear !== undefined && { sharedByYear }),
    ...(catalog !== undefined && { expand: (ids: readonly string[]) => catalog.expand([...ids]) }),
  });
  const budget: Omit<Budget, 'quotas'> = { envelopeKnown: envelope !== null, ...(shared !== undefined && { shared }), years, call: callLine, groups: groupLines, operators: operatorLines };
  const note = options.call.funding.envelope?.note;
  if (note !== undefined) budget.envelopeNote = note;
  return budget;
}

async function ledgerGroups(options: BudgetOptions): Promise<LedgerGroup[]> {
  let query = options.db
    .selectFrom('ledger as l')
    .innerJoin('instances as a', 'a.id', 'l.agreement_id')
    .select([
      'a.operator_id as operator_id',
      'a.territory as territory',
      'l.kind as kind',
      sql<number>`sum(${sql.ref('l.amount_cents')})`.as('cents'),
      sql<number>`count(distinct ${sql.ref('l.agreement_id')})`.as('agreements'),
    ])
    .where('a.call_id', '=', options.callId)
    .where('a.kind', '=', 'application');
  const asOf = options.asOf;
  // A payment dated later (« en n + 1 ») is in the schedule but not yet due.
  if (asOf !== undefined) query = query.where((eb) => eb.or([eb('l.kind', 'not in', ['advance', 'balance']), eb('l.at', '<=', asOf)]));
  const scope = options.scope ?? {};
  if (scope.operatorId !== undefined) query = query.where('a.operator_id', '=', scope.operatorId);
  if (scope.territories !== undefined) query = scope.territories.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('a.territory', 'in', [...scope.territories]);
  const rows = await query.groupBy(['a.operator_id', 'a.territory', 'l.kind']).execute();
  return rows.map((row) => ({
    operatorId: row.operator_id,
    territory: row.territory,
    kind: row.kind,
    cents: toNumber(row.cents) ?? 0,
    agreements: toNumber(row.agreements) ?? 0,
  }));
}

function line(key: string, label: string, envelope: number | null, groups: LedgerGroup[]): BudgetLine {
  const sum = (...kinds: string[]) => sumCents(groups.filter((g) => kinds.includes(g.kind)).map((g) => g.cents));
  const committed = sum('agreed');
  const due = sum('advance', 'balance');
  const paid = sum('paid');
  return {
    key,
    label,
    envelope,
    committed,
    earned: sum('earned'),
    advanced: sum('advance'),
    due,
    paid,
    toPay: due - paid,
    remaining: envelope === null ? null : envelope - committed,
    agreements: groups.filter((g) => g.kind === 'agreed').reduce((total, g) => total + g.agreements, 0),
  };
}
