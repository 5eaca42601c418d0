/**
 * The payment orders' tables, added by the migration `2026-12-03-i15-payment-orders`, read through
 * `store.db.withTables()`.
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/** A payment order, current values. */
export interface PaymentOrdersTable {
  id: string;
  ledger_row_id: number;
  agreement_id: string;
  call_id: string;
  operator_id: string | null;
  kind: string;
  amount_cents: number;
  due_on: string;
  budget_year: number;
  label: string;
  imputation: string | null;
  service_fait: string | null;
  status: string;
  mandate: string | null;
  paid_on: string | null;
  rejection: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The statuses an order went through, append-only. */
export interface PaymentOrderEventsTable {
  seq: Generated<number>;
  order_id: string;
  status: string;
  at: string;
  actor: string;
  detail: string;
  import_key: string | null;
}

/** The payments' tables. */
export type PaymentTables = {
  payment_orders: PaymentOrdersTable;
  payment_order_events: PaymentOrderEventsTable;
};

/** The store's kysely handle with the payments' tables. */
export type PaymentsDb = Kysely<Database & PaymentTables>;

/** The store's kysely handle, seeing the payments' tables too. */
export function paymentsDb(db: Kysely<Database>): PaymentsDb {
  return db.withTables<PaymentTables>();
}
