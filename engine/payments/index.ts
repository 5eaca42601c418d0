/**
 * @module payments
 * From the ledger to the Treasury: payment orders (one per amount due, with its budget year, imputation,
 * beneficiary, convention reference and service fait), their export to the finance software and the import
 * of its return (paid with date and mandate, or rejected with the reason), applied once.
 */
export { createPayments, mayIssueOrders, type Payments, type PaymentsOptions } from './payments.ts';
export { csvAmount, EXPORT_COLUMNS, type ExportResult } from './payment-export.ts';
export { readReturnCsv, MAX_RETURN_LINES, type ReturnFinding, type ReturnResult } from './payment-return.ts';
export { agreementPeriod, agreementsOf, definitionOf } from './order-sync.ts';
export { paymentEventOf } from './payment-event.ts';
export { paymentsDb, type PaymentsDb, type PaymentTables } from './payment-tables.ts';
export { ORDER_STATUS_LABELS, type Imputation, type OrderEvent, type OrderStatus, type PaymentOrder, type ServiceFait } from './payment-types.ts';
export type { OrderQuery } from './payment-orders.ts';
