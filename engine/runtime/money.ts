/**
 * Money in the step: what a measure earned under its tariff, what became due at signature and at service
 * fait, what was paid — written to the agreement's ledger in the step's transaction, in integer cents,
 * each row with its French breakdown.
 */
import type { CompiledCall, CompiledMeasure, InstanceContext } from '../compile/index.ts';
import { computeLedger, paymentDueOn, type Activity, type Earning, type Ledger } from '../money/index.ts';
import type { InstanceRecord, LedgerRecord, NewLedgerRow, StoreSession } from '../store/index.ts';
import type { PlainDateString } from '../time/index.ts';
import type { EngineDefinitions } from './definitions.ts';
import { measuresEarned } from './measure-earnings.ts';

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
  // Aggregates over the measures (engine/runtime/measure-earnings.ts), never a read of each snapshot where the tariff allows.
  const { earnedCents, grantUnits } = await measuresEarned(tx, definitions, agreement.id, asOf, grantUnitKind(call));
  // The balance rows alone (a handful): the earned rows, one per paid act, are not read to value the ledger.
  const serviceFait = (await tx.listLedger(agreement.id, 'balance')).find((row) => row.kind === 'balance' && (row.breakdown as { milestone?: string } | null)?.milestone === 'serviceFait')?.at;
  const context = (agreement.snapshot as { context: InstanceContext }).context;
  return { ledger: ledgerOfAgreement(call, context, { earnedCents, grantUnits, serviceFait }, asOf) };
}

/** The measure kind an `upTo` grant is capped per (`per: groupe`), if any. */
export function grantUnitKind(call: CompiledCall): string | undefined {
  const grant = call.definition.funding.grant;
  return grant.kind === 'upTo' && grant.per !== undefined && grant.per !== 'agreement' ? grant.per : undefined;
}

/** What an agreement's ledger reads besides its own context: its measures' earnings and count, its service fait. */
export interface AgreementActivity {
  earnedCents: number;
  /** Measures of the kind the grant is capped per (see {@link grantUnitKind}). */
  grantUnits: number;
  serviceFait: PlainDateString | undefined;
}

/** The ledger of an agreement from its context and its measures' activity: pure, shared by the engine and the replayer. */
export function ledgerOfAgreement(call: CompiledCall, context: InstanceContext, activity: AgreementActivity, asOf: PlainDateString): Ledger {
  const m = context.milestones;
  const perMeasure = grantUnitKind(call);
  return computeLedger({
    grant: call.definition.funding.grant,
    payment: call.definition.funding.payment,
    ...(m.agreedCents !== undefined && { agreedCents: m.agreedCents }),
    earnedCents: activity.earnedCents,
    milestones: {
      ...(m.signature !== undefined && { signature: m.signature }),
      ...(activity.serviceFait !== undefined && { serviceFait: activity.serviceFait }),
      payments: m.payments,
    },
    callYear: call.definition.year,
    asOf,
    ...(perMeasure !== undefined && { grantUnits: activity.grantUnits }),
  });
}

/** One step of an instance, as the money rules read it. */
export interface MoneyStep {
  call: CompiledCall;
  instance: Pick<InstanceRecord, 'id' | 'kind' | 'parentId' | 'measureKind'>;
  before: InstanceContext;
  after: InstanceContext;
  date: PlainDateString;
  /** The French label of the event, for the rows' labels. */
  label: string;
}

/**
 * Which agreement's ledger the step's rows are computed from: the instance's own (an agreement signed), its
 * parent's (a final report accepted: service fait), or none.
 */
export function ledgerNeeded(step: MoneyStep): 'self' | 'parent' | undefined {
  const { instance, before, after } = step;
  if (instance.kind === 'application' && before.milestones.signature === undefined && after.milestones.signature !== undefined) return 'self';
  if (instance.kind === 'report' && instance.parentId !== null && before.milestones.serviceFait === undefined && after.milestones.serviceFait !== undefined) return 'parent';
  return undefined;
}

/** Writes the ledger rows a step makes: earned, agreed, advance, balance, paid. */
export async function recordMoney(tx: StoreSession, definitions: EngineDefinitions, step: MoneyStep & { instance: InstanceRecord }): Promise<void> {
  const need = ledgerNeeded(step);
  let ledger: Ledger | undefined;
  if (need === 'self') ledger = (await agreementLedger(tx, definitions, { ...step.instance, snapshot: { context: step.after } }, step.date)).ledger;
  if (need === 'parent') {
    const agreement = await tx.getInstance(step.instance.parentId ?? '');
    if (!agreement) return;
    ledger = (await agreementLedger(tx, definitions, agreement, step.date)).ledger;
  }
  for (const row of moneyRows(step, ledger)) await tx.insertLedger(row);
}

/**
 * The ledger rows a step makes, pure: a measure's earned delta (its tariff after minus before, on the step's
 * day); at signature the agreed amount and the advance (or the single payment); each payment made; at
 * service fait the balance. `ledger` is the one {@link ledgerNeeded} names, computed after the step.
 */
export function moneyRows(step: MoneyStep, ledger: Ledger | undefined, options: { words?: boolean } = {}): NewLedgerRow[] {
  const { call, instance, before, after, date, label } = step;
  if (instance.kind === 'measure' && instance.parentId !== null) {
    // Only acts and the period make a tariff move: unchanged objects (effects copy what they change) earn
    // the same. Amounts first; the breakdown is built only for the row written, and not at all for a
    // replay that compares amounts (`words: false`).
    if (before.acts === after.acts && before.period === after.period) return [];
    const measure = call.measures.get(instance.measureKind ?? '');
    const was = centsOf(measure, before, date);
    const cents = centsOf(measure, after, date);
    if (cents === was) return [];
    const is = options.words === false ? { cents, lines: [] } : earningOf(measure, after, date);
    return [{
      agreementId: instance.parentId, instanceId: instance.id, kind: 'earned', amountCents: is.cents - was, at: date,
      label: `${measure?.label ?? instance.measureKind} : ${label}`, breakdown: { total: is.cents, lines: is.lines },
    }];
  }
  const rows: NewLedgerRow[] = [];
  const b = before.milestones;
  const a = after.milestones;
  if (instance.kind === 'application') {
    if (ledger && ledgerNeeded(step) === 'self') {
      rows.push({ agreementId: instance.id, instanceId: instance.id, kind: 'agreed', amountCents: ledger.agreed, at: date, label: 'Montant conventionné', breakdown: { milestone: 'signature', lines: ledger.lines } });
      const single = call.definition.funding.payment.kind === 'single' && call.definition.funding.payment.on === 'signature';
      if (ledger.advance > 0 || single) {
        rows.push({
          agreementId: instance.id, instanceId: instance.id, kind: single ? 'balance' : 'advance', amountCents: single ? ledger.balance : ledger.advance,
          at: paymentDueOn(call.definition.funding.payment, date, call.definition.year),
          label: single ? 'Versement unique dû à la signature' : 'Avance due à la signature', breakdown: { milestone: 'signature', lines: ledger.lines },
        });
      }
    }
    for (const payment of a.payments.slice(b.payments.length)) {
      rows.push({ agreementId: instance.id, instanceId: instance.id, kind: 'paid', amountCents: payment.cents, at: payment.date, label, breakdown: { milestone: 'payment' } });
    }
    return rows;
  }
  if (instance.kind === 'report' && instance.parentId !== null && ledger && ledgerNeeded(step) === 'parent') {
    const payment = call.definition.funding.payment;
    if (payment.kind === 'single' && payment.on === 'signature') return rows; // everything was due at signature
    const balance = ledger.balance;
    rows.push({
      agreementId: instance.parentId, instanceId: instance.id, kind: 'balance', amountCents: balance, at: paymentDueOn(payment, date, call.definition.year),
      label: balance < 0 ? 'Reversement demandé sur service fait' : 'Solde dû sur service fait',
      breakdown: { milestone: 'serviceFait', lines: ledger.lines },
    });
  }
  return rows;
}
