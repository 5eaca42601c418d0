/**
 * What an agreement's measures earned, in cents, without reading them one by one where their tariff allows:
 * the measures are counted by definition and kind (one aggregate), and a group whose tariff reads only
 * counted acts (per act, declared, flat, and sums of those) is summed by the store in one SQL query; a
 * group whose tariff reads the calendar (prorata) is valued measure by measure, in keyset pages. The cost
 * grows with the measures at most linearly, and with no JSON parsed in JavaScript for the first kind.
 */
import type { CompiledMeasure, InstanceContext } from '../compile/index.ts';
import { assertNever } from '../errors.ts';
import { requireMoney, type Tariff } from '../money/index.ts';
import type { MeasureAmount, MeasureGroup, StoreSession } from '../store/index.ts';
import type { PlainDateString } from '../time/index.ts';
import type { EngineDefinitions } from './definitions.ts';
import { centsOf } from './money.ts';

/** The measures of an agreement as its ledger reads them. */
export interface MeasuresEarned {
  earnedCents: number;
  /** Measures of the kind `perMeasure` names (the grant's cap counts them). */
  grantUnits: number;
}

/**
 * Sums what the agreement's measures earned on `asOf` under their own tariffs (each measure its pinned
 * definition's), equal to adding `centsOf` measure by measure.
 * @example
 * const { earnedCents, grantUnits } = await measuresEarned(tx, definitions, 'app-1', '2024-12-02', 'equipe-mobile');
 */
export async function measuresEarned(
  tx: StoreSession,
  definitions: EngineDefinitions,
  agreementId: string,
  asOf: PlainDateString,
  perMeasure: string | undefined,
): Promise<MeasuresEarned> {
  let earnedCents = 0;
  let grantUnits = 0;
  for (const group of await tx.measureGroups(agreementId)) {
    if (perMeasure !== undefined && group.measureKind === perMeasure) grantUnits += group.count;
    const measure = (await definitions.compiled(tx, group.definitionHash)).measures.get(group.measureKind ?? '');
    earnedCents += await groupEarned(tx, definitions, agreementId, group, measure, asOf);
  }
  return { earnedCents, grantUnits };
}

async function groupEarned(
  tx: StoreSession,
  definitions: EngineDefinitions,
  agreementId: string,
  group: MeasureGroup,
  measure: CompiledMeasure | undefined,
  asOf: PlainDateString,
): Promise<number> {
  const tariff = measure?.definition.tariff;
  if (!measure?.tariff || tariff === undefined) return 0;
  const key = { definitionHash: group.definitionHash, measureKind: group.measureKind };
  const amount = summableAmount(tariff);
  if (amount !== undefined) return tx.sumMeasureAmounts(agreementId, key, amount);
  let cents = 0;
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const page = await tx.listMeasureStates(agreementId, { limit: 1000, ...(cursor !== undefined && { cursor }) }, key);
    for (const state of page.items) cents += centsOf(measure, (state.snapshot as { context: InstanceContext }).context, asOf);
    cursor = page.nextCursor;
  }
  return cents;
}

const summable = new WeakMap<Tariff, MeasureAmount | null>();

/**
 * A tariff as the store sums it (see {@link MeasureAmount}), the same arithmetic as `compileTariff`'s
 * `cents`; undefined when some part reads the calendar (prorata).
 */
export function summableAmount(tariff: Tariff): MeasureAmount | undefined {
  let amount = summable.get(tariff);
  if (amount === undefined) {
    amount = amountOf(tariff) ?? null;
    summable.set(tariff, amount);
  }
  return amount ?? undefined;
}

function amountOf(tariff: Tariff): MeasureAmount | undefined {
  switch (tariff.kind) {
    case 'perAct': {
      const priceCents = requireMoney(tariff.price, `le prix de l'acte « ${tariff.act} »`);
      return tariff.maxUnits === undefined ? { kind: 'perAct', act: tariff.act, priceCents } : { kind: 'perAct', act: tariff.act, priceCents, maxUnits: tariff.maxUnits };
    }
    case 'declared':
      return { kind: 'declared', act: tariff.act, maxCents: requireMoney(tariff.max, `le plafond de l'acte « ${tariff.act} »`) };
    case 'flat':
      return { kind: 'constant', cents: requireMoney(tariff.amount, 'le forfait') };
    case 'prorata':
      return undefined;
    case 'sum': {
      const parts: MeasureAmount[] = [];
      for (const sub of Object.values(tariff.parts)) {
        const part = amountOf(sub);
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return tariff.max === undefined ? { kind: 'sum', parts } : { kind: 'sum', parts, maxCents: requireMoney(tariff.max, 'le plafond de la somme') };
    }
    default:
      return assertNever(tariff);
  }
}
