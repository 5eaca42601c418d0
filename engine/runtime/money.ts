/**
 * Money in the step: what a measure earned under its tariff, what became due at signature and at service
 * fait, what was paid — written to the agreement's ledger in the step's transaction, in integer cents,
 * each row with its French breakdown.
 */
import type { CompiledCall, CompiledMeasure, InstanceContext } from '../compile/index.ts';
import { computeLedger, paymentDueOn, type Activity, type Earning, type Ledger } from '../money/index.ts';
import type { InstanceRecord, LedgerRecord, StoreSession } from '../store/index.ts';
import type { PlainDateString } from '../time/index.ts';
import type { EngineDefinitions } from './definitions.ts';

/** What a measure did, as its tariff reads it, valued on `asOf`. */
export function activityOf(context: InstanceContext, asOf: PlainDateString): Activity {
  const acts: Activity['acts'] = {};
  for (const [act, count] of Object.entries(context.acts)) {
    acts[act] = count.declaredCents ? { quantity: count.quantity, declaredCents: count.declaredCents } : { quantity: count.quantity };
  }
  const period = context.period;
  if (!period) return { acts, asOf };
  const end = period.ended ?? period.end;
  return { acts, period: period.suspensions ? { start: period.start, end, suspensions: period.suspensions } : { start: period.start, end }, asOf };
}

/** What a measure earned on `asOf`, in cents alone (no breakdown built); zero without a tariff. */
export function centsOf(measure: CompiledMeasure | undefined, context: InstanceContext, asOf: PlainDateString): number {
  const tariff = measure?.tariff;
  if (!tariff) return 0;
  // The tariff reads acts by id and the period's bounds: the context's own objects serve as they are.
  const period = context.period;
  if (!period) return tariff.cents({ acts: context.acts, asOf });
  const end = period.ended ?? period.end;
  return tariff.cents({ acts: context.acts, period: period.suspensions ? { start: period.start, end, suspensions: period.suspensions } : { start: period.start, end }, asOf });
}

/** What a measure earned (cents and its French breakdown) on `asOf`; zero without a tariff. */
export function earningOf(measure: CompiledMeasure | undefined, context: InstanceContext, asOf: PlainDateString): Earning {
  return measure?.tariff ? measure.tariff(activityOf(context, asOf)) : { cents: 0, lines: [] };
}

/** The agreement's ledger as of a day: agreed, earned by all its measures, advance, balance, due, paid. */
export async function agreementLedger(
  tx: StoreSession,
  definitions: EngineDefinitions,
  agreement: InstanceRecord,
  asOf: PlainDateString,
): Promise<{ ledger: Ledger }> {
  const call = await definitions.compiled(tx, agreement.definitionHash);
  const context = (agreement.snapshot as { context: InstanceContext }).context;
  const grant = call.definition.funding.grant;
  const perMeasure = grant.kind === 'upTo' && grant.per !== undefined && grant.per !== 'agreement' ? grant.per : undefined;
  let earnedCents = 0;
  let grantUnits = 0;
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const page = await tx.listMeasureStates(agreement.id, { limit: 1000, ...(cursor !== undefined && { cursor }) });
    for (const measure of page.items) {
      if (measure.measureKind === perMeasure) grantUnits += 1;
      const measureCall = await definitions.compiled(tx, measure.definitionHash);
      const measureContext = (measure.snapshot as { context: InstanceContext }).context;
      earnedCents += centsOf(measureCall.measures.get(measure.measureKind ?? ''), measureContext, asOf);
    }
    cursor = page.nextCursor;
  }
  // The balance rows alone (a handful): the earned rows, one per paid act, are not read to value the ledger.
  const serviceFait = (await tx.listLedger(agreement.id, 'balance')).find((row) => row.kind === 'balance' && (row.breakdown as { milestone?: string } | null)?.milestone === 'serviceFait')?.at;
  const m = context.milestones;
  const ledger = computeLedger({
    grant,
    payment: call.definition.funding.payment,
    ...(m.agreedCents !== undefined && { agreedCents: m.agreedCents }),
    earnedCents,
    milestones: {
      ...(m.signature !== undefined && { signature: m.signature }),
      ...(serviceFait !== undefined && { serviceFait }),
      payments: m.payments,
    },
    callYear: call.definition.year,
    asOf,
    ...(perMeasure !== undefined && { grantUnits }),
  });
  return { ledger };
}

/** One step of an instance, as the money rules read it. */
export interface MoneyStep {
  call: CompiledCall;
  instance: InstanceRecord;
  before: InstanceContext;
  after: InstanceContext;
  date: PlainDateString;
  /** The French label of the event, for the rows' labels. */
  label: string;
}

/** Writes the ledger rows a step makes: earned, agreed, advance, balance, paid. */
export async function recordMoney(tx: StoreSession, definitions: EngineDefinitions, step: MoneyStep): Promise<void> {
  const { call, instance, before, after, date, label } = step;
  if (instance.kind === 'measure' && instance.parentId !== null) {
    // Only acts and the period make a tariff move: unchanged objects (effects copy what they change) earn
    // the same. Amounts first; the breakdown is built only for the row written.
    if (before.acts === after.acts && before.period === after.period) return;
    const measure = call.measures.get(instance.measureKind ?? '');
    const was = centsOf(measure, before, date);
    if (centsOf(measure, after, date) !== was) {
      const is = earningOf(measure, after, date);
      await tx.insertLedger({
        agreementId: instance.parentId, instanceId: instance.id, kind: 'earned', amountCents: is.cents - was, at: date,
        label: `${measure?.label ?? instance.measureKind} : ${label}`, breakdown: { total: is.cents, lines: is.lines },
      });
    }
    return;
  }
  const b = before.milestones;
  const a = after.milestones;
  if (instance.kind === 'application') {
    if (b.signature === undefined && a.signature !== undefined) {
      const { ledger } = await agreementLedger(tx, definitions, { ...instance, snapshot: { context: after } }, date);
      await tx.insertLedger({ agreementId: instance.id, instanceId: instance.id, kind: 'agreed', amountCents: ledger.agreed, at: date, label: 'Montant conventionné', breakdown: { milestone: 'signature', lines: ledger.lines } });
      const single = call.definition.funding.payment.kind === 'single' && call.definition.funding.payment.on === 'signature';
      if (ledger.advance > 0 || single) {
        await tx.insertLedger({
          agreementId: instance.id, instanceId: instance.id, kind: single ? 'balance' : 'advance', amountCents: single ? ledger.balance : ledger.advance,
          at: paymentDueOn(call.definition.funding.payment, date, call.definition.year),
          label: single ? 'Versement unique dû à la signature' : 'Avance due à la signature', breakdown: { milestone: 'signature', lines: ledger.lines },
        });
      }
    }
    for (const payment of a.payments.slice(b.payments.length)) {
      await tx.insertLedger({ agreementId: instance.id, instanceId: instance.id, kind: 'paid', amountCents: payment.cents, at: payment.date, label, breakdown: { milestone: 'payment' } });
    }
    return;
  }
  if (instance.kind === 'report' && instance.parentId !== null && b.serviceFait === undefined && a.serviceFait !== undefined) {
    const agreement = await tx.getInstance(instance.parentId);
    if (!agreement) return;
    const { ledger } = await agreementLedger(tx, definitions, agreement, date);
    const payment = call.definition.funding.payment;
    if (payment.kind === 'single' && payment.on === 'signature') return; // everything was due at signature
    const balance = ledger.balance;
    await tx.insertLedger({
      agreementId: agreement.id, instanceId: instance.id, kind: 'balance', amountCents: balance, at: paymentDueOn(payment, date, call.definition.year),
      label: balance < 0 ? 'Reversement demandé sur service fait' : 'Solde dû sur service fait',
      breakdown: { milestone: 'serviceFait', lines: ledger.lines },
    });
  }
}
