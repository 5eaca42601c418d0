/**
 * The orders to emit for a budget year, as the CSV the finance software reads (`;`, UTF-8 with BOM, amounts
 * `1234,56`, dates JJ/MM/AAAA): one line per order with its imputation, beneficiary (name, SIRET, IBAN) and
 * the convention's reference. Exported orders become « émis ». An order whose beneficiary is not in the
 * register, or has no SIRET or IBAN, is not exported: it is listed as blocked, with what is missing.
 */
import { stringify } from 'csv-stringify/sync';
import type { OrganisationRegister } from '../organisations/index.ts';
import { formatDate } from '../time/index.ts';
import { changeStatus, listOrders } from './payment-orders.ts';
import type { PaymentsDb } from './payment-tables.ts';
import type { PaymentOrder } from './payment-types.ts';

/** The columns of the export, in order. */
export const EXPORT_COLUMNS = [
  'reference_ordre', 'exercice', 'chapitre', 'article', 'programme', 'beneficiaire', 'siret', 'iban', 'montant', 'objet',
  'reference_convention', 'echeance', 'service_fait',
] as const;

/** Amount in cents as the finance software reads it: `1234,56` (no thousands separator). */
export function csvAmount(cents: number): string {
  return `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/** What an export wrote and what it could not. */
export interface ExportResult {
  csv: string;
  exported: PaymentOrder[];
  blocked: { order: PaymentOrder; reason: string }[];
}

/** Writes the orders « à émettre » of `year` and marks them « émis ». */
export async function exportOrders(db: PaymentsDb, register: OrganisationRegister, options: { year: number; by: { id: string; role: string }; at: string; yearOf: (callId: string) => number }): Promise<ExportResult> {
  const orders = await listOrders(db, { year: options.year, status: 'a-emettre' }, options.yearOf);
  const rows: string[][] = [];
  const exported: PaymentOrder[] = [];
  const blocked: ExportResult['blocked'] = [];
  for (const order of orders) {
    const organisation = order.operatorId === null ? undefined : await register.find(order.operatorId);
    if (organisation === undefined) {
      blocked.push({ order, reason: `l'organisme « ${order.operatorId ?? '?'} » n'est pas au registre : enregistrez-le (raison sociale, SIRET, IBAN).` });
      continue;
    }
    if (organisation.iban === undefined) {
      blocked.push({ order, reason: `l'organisme « ${organisation.name} » n'a pas d'IBAN au registre.` });
      continue;
    }
    const serviceFait = order.serviceFait === null ? '' : `${order.serviceFait.report} accepté le ${formatDate(order.serviceFait.on)} par ${order.serviceFait.by}`;
    rows.push([
      order.id, String(order.budgetYear), order.imputation?.chapter ?? '', order.imputation?.article ?? '', order.imputation?.programme ?? '',
      organisation.name, organisation.siret, organisation.iban, csvAmount(order.amountCents), order.label,
      order.conventionReference, formatDate(order.dueOn), serviceFait,
    ]);
    exported.push(order);
  }
  for (const order of exported) {
    await changeStatus(db, order, [{ status: 'emis', detail: { export: options.year } }], options.by, options.at);
  }
  const csv = stringify(rows, { header: true, columns: [...EXPORT_COLUMNS], delimiter: ';', bom: true, record_delimiter: '\r\n' });
  return { csv, exported: exported.map((order) => ({ ...order, status: 'emis', version: order.version + 1 })), blocked };
}
