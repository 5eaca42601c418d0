/**
 * The payments service: orders kept in step with the ledger, listed, exported for a budget year and updated
 * from the finance software's return. Only the Département's finance service exports and imports.
 */
import { EngineError } from '../errors.ts';
import type { OrganisationRegister, RegisterActor } from '../organisations/index.ts';
import type { Engine } from '../runtime/index.ts';
import type { Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { exportOrders, type ExportResult } from './payment-export.ts';
import { listOrders, orderHistory, type OrderQuery } from './payment-orders.ts';
import { importReturn, type ReturnResult } from './payment-return.ts';
import { paymentsDb } from './payment-tables.ts';
import type { OrderEvent, PaymentOrder } from './payment-types.ts';
import { syncOrders } from './order-sync.ts';

/** What the payments service runs on. */
export interface PaymentsOptions {
  store: Store;
  engine: Engine;
  clock: Clock;
  register: OrganisationRegister;
  /** A call's year from its id (the repository's calls). */
  yearOf: (callId: string) => number;
}

/** The payments service. */
export interface Payments {
  /** The orders (created first for any amount newly due), for the Département. */
  list(query: OrderQuery, actor: RegisterActor): Promise<PaymentOrder[]>;
  /** An order's statuses, oldest first. */
  history(orderId: string, actor: RegisterActor): Promise<OrderEvent[]>;
  /** The CSV of the orders to emit in `year`; they become « émis ». Finance service only. */
  export(year: number, actor: RegisterActor): Promise<ExportResult>;
  /** Applies the finance software's return. Finance service only. */
  importReturn(text: string, actor: RegisterActor): Promise<ReturnResult>;
}

/** Whether `actor` is the Département's finance service (or the system), who emits the orders and imports their return. */
export function mayIssueOrders(actor: RegisterActor): boolean {
  return actor.role === 'system' || (actor.role === 'departement' && actor.finance === true);
}

function requireDepartement(actor: RegisterActor, finance: boolean): void {
  if (actor.role !== 'departement' && actor.role !== 'system') {
    throw new EngineError('role-non-autorise', 'Les ordres de paiement sont tenus par le Département.', { role: actor.role });
  }
  if (finance && !mayIssueOrders(actor)) {
    throw new EngineError('role-non-autorise', "L'émission des ordres de paiement et l'import du retour du logiciel financier sont réservés au service financier du Département.", { role: actor.role });
  }
}

/**
 * Creates the payments service.
 * @example
 * const payments = createPayments({ store, engine, clock, register, yearOf: (id) => repository.calls.get(id)?.definition.year ?? 0 });
 * const { csv } = await payments.export(2025, { id: 'comptable', role: 'departement', finance: true });
 */
export function createPayments(options: PaymentsOptions): Payments {
  const db = paymentsDb(options.store.db);
  const now = () => options.clock.now();
  const sync = (callId?: string) => syncOrders(options.store, { now: now(), ...(callId !== undefined && { callId }) });
  const by = (actor: RegisterActor) => ({ id: actor.id, role: 'departement' as const });
  return {
    async list(query, actor) {
      requireDepartement(actor, false);
      await sync(query.callId);
      return listOrders(db, query, options.yearOf);
    },
    async history(orderId, actor) {
      requireDepartement(actor, false);
      return orderHistory(db, orderId);
    },
    async export(year, actor) {
      requireDepartement(actor, true);
      await sync();
      return exportOrders(db, options.register, { year, by: by(actor), at: now().toISOString(), yearOf: options.yearOf });
    },
    async importReturn(text, actor) {
      requireDepartement(actor, true);
      return importReturn({ db, store: options.store, engine: options.engine, yearOf: options.yearOf }, text, by(actor), now().toISOString());
    },
  };
}
