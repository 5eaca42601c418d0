/**
 * The payment orders waiting to be emitted, for the Département's inbox: the orders « à émettre » (including
 * those the finance software rejected, back with their reason), grouped by budget year with their totals.
 * Read through the payments service's public functions, only for who may emit them (the finance service),
 * and bounded: at most `limit` orders are read.
 * @module
 */
import type { RegisterActor } from '../organisations/index.ts';
import { mayIssueOrders, type PaymentOrder, type Payments } from '../payments/index.ts';

/** The orders of one budget year waiting to be emitted. */
export interface OrdersOfYear {
  budgetYear: number;
  orders: PaymentOrder[];
  totalCents: number;
}

/** The orders to emit, by budget year (oldest first), and whether the bound cut the list. */
export interface OrdersToIssue {
  years: OrdersOfYear[];
  count: number;
  truncated: boolean;
}

/** Most orders read for one inbox, by default. */
export const ORDERS_TO_ISSUE_LIMIT = 200;

/**
 * The orders `actor` has to emit, or `undefined` when the actor may not emit payment orders (anyone but the
 * Département's finance service): the section is then not shown at all.
 * @example
 * const due = await ordersToIssue(payments, { id: 'comptable', role: 'departement', finance: true });
 * due?.years[0]; // { budgetYear: 2024, orders: [{ status: 'a-emettre', amountCents: 10_000_000, … }], totalCents: 10_000_000 }
 */
export async function ordersToIssue(payments: Payments, actor: RegisterActor, options: { limit?: number } = {}): Promise<OrdersToIssue | undefined> {
  if (!mayIssueOrders(actor)) return undefined;
  const limit = options.limit ?? ORDERS_TO_ISSUE_LIMIT;
  const read = await payments.list({ status: 'a-emettre', limit: limit + 1 }, actor);
  const orders = read.slice(0, limit);
  const years = new Map<number, OrdersOfYear>();
  for (const order of orders) {
    const year = years.get(order.budgetYear) ?? { budgetYear: order.budgetYear, orders: [], totalCents: 0 };
    year.orders.push(order);
    year.totalCents += order.amountCents;
    years.set(order.budgetYear, year);
  }
  return { years: [...years.values()].sort((a, b) => a.budgetYear - b.budgetYear), count: orders.length, truncated: read.length > limit };
}
