/**
 * The budget of a call per budget year: the envelope of the year (`funding.envelope.byYear`, or the shared
 * envelope's), the commitments of signed agreements split over the years they cover by the call's rule
 * (`funding.commitments.split`: `months`, pro rata of the months of the agreement's period; `schedule`, the
 * default, each amount in the year it falls due), the payment orders issued and the payments made
 * (engine/payments' orders, by their budget year). Amounts are integer cents.
 */
import { sql, type Kysely } from 'kysely';
import type { Call } from '../definition/index.ts';
import { requireMoney } from '../money/index.ts';
import { paymentsDb } from '../payments/payment-tables.ts';
import type { Database } from '../store/index.ts';
import type { ReportScope } from './indicator-query.ts';
import type { BudgetYear } from './report-types.ts';
import { toNumber } from './sql-dialect.ts';

/** The share of `cents` each year gets, pro rata of the calendar months of `[start, end]` in it (the last year takes the rounding). */
export function splitByMonths(cents: number, start: string, end: string): Map<number, number> {
  const months = new Map<number, number>();
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  const endKey = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7));
  let total = 0;
  while (year * 12 + month <= endKey && total < 1200) {
    months.set(year, (months.get(year) ?? 0) + 1);
    total += 1;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  const shares = new Map<number, number>();
  if (total === 0) return shares;
  let given = 0;
  const years = [...months.keys()].sort((a, b) => a - b);
  years.forEach((y, index) => {
    const share = index === years.length - 1 ? cents - given : Math.floor((cents * (months.get(y) ?? 0)) / total);
    shares.set(y, share);
    given += share;
  });
  return shares;
}

/** The window's agreement period of a territory (the first window that names it, or the only window). */
function windowPeriod(call: Call, territory: string | null): { start: string; end: string } | undefined {
  const windows = Object.values(call.windows);
  const window = windows.find((w) => territory !== null && w.territories.includes(territory)) ?? (windows.length === 1 ? windows[0] : undefined);
  const period = window?.agreement as { start?: string; end?: string } | undefined;
  return period?.start !== undefined && period.end !== undefined ? { start: period.start, end: period.end } : undefined;
}

/** What {@link budgetYears} reads. */
export interface BudgetYearsOptions {
  db: Kysely<Database>;
  callId: string;
  call: Call;
  scope?: ReportScope;
  /** The envelope per year when the call draws on a shared envelope that gives one. */
  sharedByYear?: Record<string, string>;
  /** Expands a group of territories to its members (windows name groups). */
  expand?: (ids: readonly string[]) => string[];
}

/**
 * The call's budget year by year, in year order.
 * @example
 * const years = await budgetYears({ db: store.db, callId: 'adsl-2024', call });
 * years.map((y) => y.year); // [2024, 2025]
 */
export async function budgetYears(options: BudgetYearsOptions): Promise<BudgetYear[]> {
  const { call } = options;
  let query = options.db
    .selectFrom('ledger as l')
    .innerJoin('instances as a', 'a.id', 'l.agreement_id')
    .select(['l.agreement_id as agreement', 'l.kind as kind', 'l.amount_cents as cents', 'l.at as at', 'a.territory as territory', 'a.period_start as start', 'a.period_end as end'])
    .where('a.call_id', '=', options.callId).where('a.kind', '=', 'application').where('l.kind', 'in', ['agreed', 'advance', 'balance']);
  const scope = options.scope ?? {};
  if (scope.operatorId !== undefined) query = query.where('a.operator_id', '=', scope.operatorId);
  if (scope.territories !== undefined) query = scope.territories.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('a.territory', 'in', [...scope.territories]);
  const rows = await query.orderBy('l.id').execute();

  const committed = new Map<number, number>();
  const add = (year: number, cents: number) => committed.set(year, (committed.get(year) ?? 0) + cents);
  const byAgreement = new Map<string, typeof rows>();
  for (const row of rows) byAgreement.set(row.agreement, [...(byAgreement.get(row.agreement) ?? []), row]);
  const split = call.funding.commitments?.split ?? 'schedule';
  const payment = call.funding.payment;
  for (const agreementRows of byAgreement.values()) {
    const agreed = agreementRows.find((r) => r.kind === 'agreed');
    if (agreed === undefined) continue;
    const cents = toNumber(agreed.cents) ?? 0;
    const period = agreed.start !== null && agreed.end !== null
      ? { start: String(agreed.start), end: String(agreed.end) }
      : windowPeriodExpanded(call, agreed.territory, options.expand) ?? windowPeriod(call, agreed.territory);
    if (split === 'months' && period !== undefined) {
      for (const [year, share] of splitByMonths(cents, period.start, period.end)) add(year, share);
      continue;
    }
    // As scheduled: each amount in the year it falls due; what is not due yet in the year it is expected.
    let left = cents;
    for (const row of agreementRows) {
      if (row.kind === 'agreed') continue;
      const amount = Math.min(toNumber(row.cents) ?? 0, left);
      if (amount <= 0) continue;
      add(Number(String(row.at).slice(0, 4)), amount);
      left -= amount;
    }
    if (left > 0) {
      const expected = payment.kind === 'single' && payment.yearOffset !== undefined ? call.year + payment.yearOffset : Number((period?.end ?? String(agreed.at)).slice(0, 4));
      add(expected, left);
    }
  }

  const orders = await paymentsDb(options.db)
    .selectFrom('payment_orders as o')
    .innerJoin('instances as a', 'a.id', 'o.agreement_id')
    .select(['o.budget_year as year', 'o.status as status', sql<number>`sum(${sql.ref('o.amount_cents')})`.as('cents')])
    .where('o.call_id', '=', options.callId)
    .$if(scope.operatorId !== undefined, (q) => q.where('a.operator_id', '=', scope.operatorId ?? ''))
    .$if(scope.territories !== undefined, (q) => (scope.territories?.length ?? 0) === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('a.territory', 'in', [...(scope.territories ?? [])]))
    .groupBy(['o.budget_year', 'o.status'])
    .execute();
  const issued = new Map<number, number>();
  const paid = new Map<number, number>();
  for (const row of orders) {
    const year = Number(row.year);
    const cents = toNumber(row.cents) ?? 0;
    if (row.status === 'emis' || row.status === 'paye') issued.set(year, (issued.get(year) ?? 0) + cents);
    if (row.status === 'paye') paid.set(year, (paid.get(year) ?? 0) + cents);
  }

  const envelopeByYear = options.sharedByYear ?? call.funding.envelope?.byYear ?? {};
  const years = new Set<number>([...committed.keys(), ...issued.keys(), ...Object.keys(envelopeByYear).map(Number)]);
  return [...years].sort((a, b) => a - b).map((year) => {
    const text = Object.hasOwn(envelopeByYear, String(year)) ? envelopeByYear[String(year)] : undefined;
    const envelope = text === undefined ? null : requireMoney(text, `l'enveloppe ${year}`);
    const engaged = committed.get(year) ?? 0;
    return { year, envelope, committed: engaged, issued: issued.get(year) ?? 0, paid: paid.get(year) ?? 0, remaining: envelope === null ? null : envelope - engaged };
  });
}

function windowPeriodExpanded(call: Call, territory: string | null, expand: BudgetYearsOptions['expand']): { start: string; end: string } | undefined {
  if (territory === null || expand === undefined) return undefined;
  for (const window of Object.values(call.windows)) {
    if (!expand(window.territories).includes(territory)) continue;
    const period = window.agreement as { start?: string; end?: string } | undefined;
    if (period?.start !== undefined && period.end !== undefined) return { start: period.start, end: period.end };
  }
  return undefined;
}
