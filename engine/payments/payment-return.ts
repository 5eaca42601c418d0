/**
 * The finance software's return: a CSV (`;`, UTF-8 with or without BOM) with, per order, `paye` with the
 * date and mandate number, or `rejete` with the reason. A paid order is recorded on the agreement as its
 * payment event (the ledger's `paid` comes from there); a rejected one goes back to « à émettre » with the
 * reason. Each line is applied once: importing the same file again changes nothing.
 */
import { parse } from 'csv-parse/sync';
import { EngineError } from '../errors.ts';
import type { Engine } from '../runtime/index.ts';
import type { Store } from '../store/index.ts';
import { formatDate, isPlainDate } from '../time/index.ts';
import { definitionOf } from './order-sync.ts';
import { paymentEventOf } from './payment-event.ts';
import { changeStatus, toOrder } from './payment-orders.ts';
import type { PaymentsDb } from './payment-tables.ts';

/** Lines one return file may hold. */
export const MAX_RETURN_LINES = 20_000;

/** A problem with one line of the return. */
export interface ReturnFinding {
  line: number;
  column: string;
  message: string;
}

/** What an import did. */
export interface ReturnResult {
  paid: number;
  rejected: number;
  /** Lines already applied by an earlier import. */
  unchanged: number;
  findings: ReturnFinding[];
}

interface ReturnLine {
  line: number;
  reference: string;
  outcome: 'paye' | 'rejete';
  date?: string;
  mandate?: string;
  reason?: string;
}

function plainDate(text: string): string | undefined {
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = french === null ? text : `${french[3]}-${french[2]}-${french[1]}`;
  return isPlainDate(iso) ? iso : undefined;
}

/** The lines of a return file, or the problems found in it (nothing is applied when there is one). */
export function readReturnCsv(text: string): { lines: ReturnLine[]; findings: ReturnFinding[] } {
  const findings: ReturnFinding[] = [];
  let records: Record<string, string>[];
  try {
    records = parse(text, { delimiter: ';', bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, to: MAX_RETURN_LINES + 1 }) as Record<string, string>[];
  } catch (error) {
    return { lines: [], findings: [{ line: (error as { lines?: number }).lines ?? 1, column: '', message: `Fichier CSV illisible : ${(error as Error).message}.` }] };
  }
  const lines: ReturnLine[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const cell = (name: string) => (Object.hasOwn(record, name) ? record[name] ?? '' : '');
    const reference = cell('reference_ordre');
    if (reference === '') findings.push({ line, column: 'reference_ordre', message: `ligne ${line} : référence de l'ordre manquante (colonne reference_ordre).` });
    const status = cell('statut').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (status === 'paye') {
      const date = plainDate(cell('date'));
      if (date === undefined) findings.push({ line, column: 'date', message: `ligne ${line} : date de paiement « ${cell('date')} » illisible (JJ/MM/AAAA).` });
      if (cell('mandat') === '') findings.push({ line, column: 'mandat', message: `ligne ${line} : numéro de mandat manquant pour un ordre payé.` });
      if (reference !== '' && date !== undefined && cell('mandat') !== '') lines.push({ line, reference, outcome: 'paye', date, mandate: cell('mandat') });
    } else if (status === 'rejete') {
      if (cell('motif') === '') findings.push({ line, column: 'motif', message: `ligne ${line} : motif du rejet manquant.` });
      else if (reference !== '') lines.push({ line, reference, outcome: 'rejete', reason: cell('motif'), ...(plainDate(cell('date')) !== undefined && { date: plainDate(cell('date')) }) });
    } else {
      findings.push({ line, column: 'statut', message: `ligne ${line} : statut « ${cell('statut')} » inconnu : attendu paye ou rejete.` });
    }
  });
  if (records.length > MAX_RETURN_LINES) findings.push({ line: MAX_RETURN_LINES + 2, column: '', message: `Plus de ${MAX_RETURN_LINES} lignes : découpez le fichier.` });
  return { lines, findings };
}

/** What an import of the return needs. */
export interface ReturnDeps {
  db: PaymentsDb;
  store: Store;
  engine: Engine;
  yearOf: (callId: string) => number;
}

/**
 * Applies a return file. Every line is checked first (a wrong line and nothing is applied); then each line
 * is applied once, in order.
 */
export async function importReturn(deps: ReturnDeps, text: string, by: { id: string; role: 'departement' }, at: string): Promise<ReturnResult> {
  const { lines, findings } = readReturnCsv(text);
  const result: ReturnResult = { paid: 0, rejected: 0, unchanged: 0, findings };
  for (const line of lines) {
    if ((await orderById(deps, line.reference)) === undefined) findings.push({ line: line.line, column: 'reference_ordre', message: `ligne ${line.line} : ordre « ${line.reference} » inconnu.` });
  }
  if (findings.length > 0) return result;

  for (const line of lines) {
    const order = await orderById(deps, line.reference);
    if (order === undefined) continue;
    const key = `${order.id}|${line.outcome}|${line.date ?? ''}|${line.mandate ?? ''}|${line.reason ?? ''}`;
    if (line.outcome === 'rejete') {
      const applied = await changeStatus(deps.db, order, [
        { status: 'rejete', detail: { motif: line.reason, ...(line.date !== undefined && { date: line.date }) }, set: { rejection: line.reason ?? null }, importKey: key },
        { status: 'a-emettre', detail: { motif: `rejeté par le logiciel financier : ${line.reason ?? ''}` } },
      ], by, at);
      result[applied ? 'rejected' : 'unchanged'] += 1;
      continue;
    }
    if (order.status === 'paye') {
      if (order.mandate === line.mandate) result.unchanged += 1;
      else findings.push({ line: line.line, column: 'mandat', message: `ligne ${line.line} : l'ordre ${order.id} est déjà payé par le mandat ${order.mandate ?? '?'} ; un second paiement n'est pas enregistré.` });
      continue;
    }
    // The agreement first (idempotent by its key), then the order: a crash in between is repaired by importing again.
    const agreement = await deps.store.getInstance(order.agreementId);
    if (agreement === undefined) continue;
    const call = await definitionOf(deps.store, agreement);
    const payment = paymentEventOf(call, agreement.state);
    if (payment === undefined) {
      findings.push({ line: line.line, column: 'statut', message: `ligne ${line.line} : la convention ${order.conventionReference} est dans l'état « ${agreement.state} », où aucun versement ne s'enregistre ; le paiement n'est pas reporté.` });
      continue;
    }
    try {
      await deps.engine.send(order.agreementId, {
        type: payment.event, payload: { [payment.amountField]: order.amountCents }, actor: by,
        idempotencyKey: `paiement-${order.id}-${line.mandate ?? ''}`,
      });
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      findings.push({ line: line.line, column: 'statut', message: `ligne ${line.line} : le versement n'a pas pu être enregistré sur la convention : ${error.message}` });
      continue;
    }
    const applied = await changeStatus(deps.db, order, [{
      status: 'paye', detail: { mandat: line.mandate, date: line.date, texte: `payé le ${formatDate(line.date ?? '')}, mandat ${line.mandate ?? ''}` },
      set: { mandate: line.mandate ?? null, paid_on: line.date ?? null, rejection: null }, importKey: key,
    }], by, at);
    result[applied ? 'paid' : 'unchanged'] += 1;
  }
  return result;
}

async function orderById(deps: ReturnDeps, id: string) {
  const row = await deps.db.selectFrom('payment_orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toOrder(row, deps.yearOf(row.call_id));
}
