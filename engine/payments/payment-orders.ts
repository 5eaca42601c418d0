/**
 * Reading and moving payment orders: list them (by year, call, status), read their history, and change a
 * status with its log entry in one transaction (an order's version guards against two writers).
 */
import { EngineError } from '../errors.ts';
import { conventionReference } from '../convention/convention-reference.ts';
import { parseJson } from '../store/rows.ts';
import type { PaymentOrdersTable, PaymentsDb } from './payment-tables.ts';
import type { OrderEvent, OrderStatus, PaymentOrder } from './payment-types.ts';

/** Filters of {@link listOrders}; all optional. */
export interface OrderQuery {
  year?: number;
  callId?: string;
  status?: OrderStatus;
  agreementId?: string;
  /** Most orders returned (the first, by budget year then id). */
  limit?: number;
}

/** The order a row holds. The convention's reference needs the call's year: the order's call id ends with it. */
export function toOrder(row: PaymentOrdersTable, callYear: number): PaymentOrder {
  return {
    id: row.id, agreementId: row.agreement_id, callId: row.call_id, operatorId: row.operator_id,
    kind: row.kind as PaymentOrder['kind'], amountCents: Number(row.amount_cents), dueOn: row.due_on, budgetYear: Number(row.budget_year),
    label: row.label, imputation: row.imputation === null ? null : (parseJson(row.imputation) as PaymentOrder['imputation']),
    serviceFait: row.service_fait === null ? null : (parseJson(row.service_fait) as PaymentOrder['serviceFait']),
    conventionReference: conventionReference({ year: callYear, id: row.call_id }, row.agreement_id),
    status: row.status as OrderStatus, mandate: row.mandate, paidOn: row.paid_on, rejection: row.rejection, version: Number(row.version),
  };
}

/** Orders matching the query, by budget year then id. `yearOf` gives a call's year. */
export async function listOrders(db: PaymentsDb, query: OrderQuery, yearOf: (callId: string) => number): Promise<PaymentOrder[]> {
  let select = db.selectFrom('payment_orders').selectAll();
  if (query.year !== undefined) select = select.where('budget_year', '=', query.year);
  if (query.callId !== undefined) select = select.where('call_id', '=', query.callId);
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  if (query.agreementId !== undefined) select = select.where('agreement_id', '=', query.agreementId);
  let ordered = select.orderBy('budget_year').orderBy('ledger_row_id');
  if (query.limit !== undefined) ordered = ordered.limit(query.limit);
  const rows = await ordered.execute();
  return rows.map((row) => toOrder(row, yearOf(row.call_id)));
}

/** The statuses an order went through, oldest first. */
export async function orderHistory(db: PaymentsDb, orderId: string): Promise<OrderEvent[]> {
  const rows = await db.selectFrom('payment_order_events').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
  return rows.map((row) => ({
    orderId: row.order_id, status: row.status as OrderStatus, at: row.at,
    by: parseJson(row.actor) as OrderEvent['by'], detail: parseJson(row.detail) as Record<string, unknown>,
  }));
}

/** A change of status and what goes with it. */
export interface StatusChange {
  status: OrderStatus;
  detail: Record<string, unknown>;
  set?: { mandate?: string | null; paid_on?: string | null; rejection?: string | null };
  /** The return line it comes from: recorded once, a second time is refused by the database. */
  importKey?: string;
}

/**
 * Moves an order through statuses (each change logged), if its version is still `expectedVersion`; false
 * when the import key was already applied (nothing written).
 */
export async function changeStatus(db: PaymentsDb, order: Pick<PaymentOrder, 'id' | 'version'>, changes: StatusChange[], by: { id: string; role: string }, at: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    for (const change of changes) {
      if (change.importKey !== undefined) {
        const seen = await trx.selectFrom('payment_order_events').select('seq').where('import_key', '=', change.importKey).executeTakeFirst();
        if (seen !== undefined) return false;
      }
    }
    const last = changes.at(-1);
    if (last === undefined) return false;
    const set = Object.assign({}, ...changes.map((c) => c.set ?? {})) as NonNullable<StatusChange['set']>;
    const updated = await trx.updateTable('payment_orders')
      .set({ ...set, status: last.status, version: order.version + 1, updated_at: at })
      .where('id', '=', order.id).where('version', '=', order.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new EngineError('conflit-de-version', `L'ordre de paiement ${order.id} a changé entre-temps : recommencez.`, { orderId: order.id });
    for (const change of changes) {
      await trx.insertInto('payment_order_events').values({
        order_id: order.id, status: change.status, at, actor: JSON.stringify(by), detail: JSON.stringify(change.detail), import_key: change.importKey ?? null,
      }).execute();
    }
    return true;
  });
}
