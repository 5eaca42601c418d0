/**
 * An agreement's ledger during a replay, from the replayed contexts in memory: the same rule as the
 * engine's (`ledgerOfAgreement`), its measures' earnings valued on the day asked.
 */
import type { Ledger } from '../money/index.ts';
import { centsOf, earningOf, grantUnitKind, ledgerOfAgreement } from '../runtime/money.ts';
import type { PlainDateString } from '../time/index.ts';
import type { ReplayedInstance } from './replay-types.ts';

/** What a replayed measure earned on `asOf` under its call's tariff (0 when it was never created). */
export function measureEarning(measure: ReplayedInstance, asOf: PlainDateString) {
  if (!measure.call || !measure.context) return { cents: 0, lines: [] };
  return earningOf(measure.call.measures.get(measure.instance.measureKind ?? ''), measure.context, asOf);
}

/** What a replayed measure earned on `asOf`, in cents alone (no breakdown built). */
export function measureCents(measure: ReplayedInstance, asOf: PlainDateString): number {
  if (!measure.call || !measure.context) return 0;
  return centsOf(measure.call.measures.get(measure.instance.measureKind ?? ''), measure.context, asOf);
}

/** The ledger of a replayed agreement on `asOf`, or undefined when it was never created. */
export function agreementLedgerIn(
  agreement: ReplayedInstance,
  measures: readonly ReplayedInstance[],
  serviceFait: PlainDateString | undefined,
  asOf: PlainDateString,
  /** Each measure's earning on `asOf`, when the caller knows it already. */
  earned: (measure: ReplayedInstance) => number = (m) => measureCents(m, asOf),
): Ledger | undefined {
  const call = agreement.call;
  if (!call || !agreement.context) return undefined;
  const perMeasure = grantUnitKind(call);
  let earnedCents = 0;
  let grantUnits = 0;
  for (const m of measures) {
    if (!m.context) continue;
    if (m.instance.measureKind === perMeasure) grantUnits += 1;
    earnedCents += earned(m);
  }
  return ledgerOfAgreement(call, agreement.context, { earnedCents, grantUnits, serviceFait }, asOf);
}
