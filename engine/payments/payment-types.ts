/**
 * Payment orders: each amount the ledger says is due (an advance at signature, a balance or a single payment
 * at signature or on service fait) becomes one order to the finance software, with its budget year, the
 * imputation the call gives, the beneficiary and the convention's reference, and a status.
 */

/** à émettre, émis (exported to the finance software), payé (its return says so), rejeté (its return refused it). */
export type OrderStatus = 'a-emettre' | 'emis' | 'paye' | 'rejete';

/** French labels of the statuses. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = { 'a-emettre': 'à émettre', emis: 'émis', paye: 'payé', rejete: 'rejeté' };

/** The imputation of an order (the call's `funding.imputation`). */
export interface Imputation {
  chapter: string;
  article: string;
  programme?: string;
}

/** Who certified the service fait a balance rests on, when, and on what. */
export interface ServiceFait {
  /** The agent who accepted the final report. */
  by: string;
  /** The day the service fait was certified. */
  on: string;
  /** The report accepted (its instance id and label). */
  reportId: string;
  report: string;
  /** The period the service was done over (the agreement's period). */
  period?: { start: string; end: string };
}

/** A payment order. */
export interface PaymentOrder {
  id: string;
  agreementId: string;
  callId: string;
  operatorId: string | null;
  /** advance (at signature) or balance (the single payment or the balance). */
  kind: 'advance' | 'balance';
  amountCents: number;
  /** The day the amount became due. */
  dueOn: string;
  budgetYear: number;
  label: string;
  imputation: Imputation | null;
  serviceFait: ServiceFait | null;
  conventionReference: string;
  status: OrderStatus;
  mandate: string | null;
  paidOn: string | null;
  /** The reason of the last rejection, while the order waits to be emitted again. */
  rejection: string | null;
  version: number;
}

/** One change of an order's status. */
export interface OrderEvent {
  orderId: string;
  status: OrderStatus;
  at: string;
  by: { id: string; role: string };
  detail: Record<string, unknown>;
}
