/**
 * Orders from the ledger: every `advance` or `balance` row with a positive amount (what the ledger says is
 * due) becomes one payment order « à émettre », once (the row's id is the order's key). A balance due on
 * service fait carries the certification it rests on: who accepted the final report, when, for what period.
 * A negative balance is a recovery (titre de recette), not a payment: it makes no order.
 */
import { conventionReference } from '../convention/convention-reference.ts';
import type { Call } from '../definition/index.ts';
import type { InstanceRecord, LedgerRecord, Store } from '../store/index.ts';
import { parisDate } from '../time/index.ts';
import { paymentsDb } from './payment-tables.ts';
import type { Imputation, ServiceFait } from './payment-types.ts';

/** The resolved call an instance runs under (pinned by its definition hash). */
export async function definitionOf(store: Pick<Store, 'getDefinition'>, instance: InstanceRecord): Promise<Call> {
  const record = await store.getDefinition(instance.definitionHash);
  if (record === undefined) throw new Error(`Définition ${instance.definitionHash} absente de la base.`);
  return record.json as Call;
}

/** Every selected application (agreement) of a call, or of all calls, page by page. */
export async function* agreementsOf(store: Pick<Store, 'listInstances'>, callId?: string): AsyncGenerator<InstanceRecord> {
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const page = await store.listInstances({ kind: 'application', selected: true, ...(callId !== undefined && { callId }) }, { limit: 200, ...(cursor !== undefined && { cursor }) });
    yield* page.items;
    cursor = page.nextCursor;
  }
}

/**
 * The agreement's period: the instance's own, else the agreement period of its territory's window (`expand`
 * turns a window's groups of territories into their members; without it, only a window naming the territory
 * itself, or the call's only window, is found).
 */
export function agreementPeriod(call: Call, agreement: InstanceRecord, expand?: (ids: string[]) => string[]): { start: string; end: string } | undefined {
  if (agreement.periodStart !== null && agreement.periodEnd !== null) return { start: agreement.periodStart, end: agreement.periodEnd };
  for (const window of Object.values(call.windows)) {
    const members = expand === undefined ? window.territories : expand([...window.territories]);
    if (agreement.territory !== null && !members.includes(agreement.territory) && Object.keys(call.windows).length > 1) continue;
    const period = window.agreement as { start?: string; end?: string } | undefined;
    if (period?.start !== undefined && period.end !== undefined) return { start: period.start, end: period.end };
  }
  return undefined;
}

async function serviceFaitOf(store: Pick<Store, 'getInstance' | 'listEvents'>, row: LedgerRecord, call: Call, agreement: InstanceRecord): Promise<ServiceFait | null> {
  if ((row.breakdown as { milestone?: string } | null)?.milestone !== 'serviceFait') return null;
  const report = await store.getInstance(row.instanceId);
  const events = await store.listEvents(row.instanceId);
  // The event that certified it: the Département's, on the day the balance became due, the latest.
  const certifying = events.filter((e) => e.actor.role === 'departement' && parisDate(new Date(e.at)) === row.at).at(-1);
  const reportLabel = report?.reportId === null || report === undefined ? 'bilan' : call.reports?.[report.reportId]?.label ?? report.reportId;
  const period = agreementPeriod(call, agreement);
  return { by: certifying?.actor.id ?? 'inconnu', on: row.at, reportId: row.instanceId, report: reportLabel, ...(period !== undefined && { period }) };
}

/**
 * Creates the orders the ledger calls for and that do not exist yet; returns how many were created.
 * @example
 * await syncOrders(store, { callId: 'numero-vert-2024', now: new Date() });
 */
export async function syncOrders(store: Store, options: { callId?: string; now: Date }): Promise<number> {
  const db = paymentsDb(store.db);
  const at = options.now.toISOString();
  let created = 0;
  for await (const agreement of agreementsOf(store, options.callId)) {
    // The rows due alone (by kind, off `ledger_agreement_kind`), never the earned rows, one per paid act.
    const due = [...(await store.listLedger(agreement.id, 'advance')), ...(await store.listLedger(agreement.id, 'balance'))]
      .filter((row) => row.amountCents > 0).sort((a, b) => a.id - b.id);
    if (due.length === 0) continue;
    const known = new Set((await db.selectFrom('payment_orders').select('ledger_row_id').where('agreement_id', '=', agreement.id).execute()).map((r) => Number(r.ledger_row_id)));
    const missing = due.filter((row) => !known.has(row.id));
    if (missing.length === 0) continue;
    const call = await definitionOf(store, agreement);
    const imputation: Imputation | undefined = call.funding.imputation === undefined ? undefined : {
      chapter: call.funding.imputation.chapter, article: call.funding.imputation.article,
      ...(call.funding.imputation.programme !== undefined && { programme: call.funding.imputation.programme }),
    };
    for (const row of missing) {
      const id = `op-${row.id}`;
      const serviceFait = await serviceFaitOf(store, row, call, agreement);
      const inserted = await db.insertInto('payment_orders').values({
        id, ledger_row_id: row.id, agreement_id: agreement.id, call_id: agreement.callId, operator_id: agreement.operatorId,
        kind: row.kind, amount_cents: row.amountCents, due_on: row.at, budget_year: Number(row.at.slice(0, 4)), label: row.label,
        imputation: imputation === undefined ? null : JSON.stringify(imputation), service_fait: serviceFait === null ? null : JSON.stringify(serviceFait),
        status: 'a-emettre', mandate: null, paid_on: null, rejection: null, version: 1, created_at: at, updated_at: at,
      }).onConflict((oc) => oc.column('ledger_row_id').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue; // another process created it first
      await db.insertInto('payment_order_events').values({
        order_id: id, status: 'a-emettre', at, actor: JSON.stringify({ id: 'moteur', role: 'system' }),
        detail: JSON.stringify({ reference: conventionReference(call, agreement.id), ...(serviceFait !== null && { serviceFait }) }), import_key: null,
      }).execute();
      created += 1;
    }
  }
  return created;
}
