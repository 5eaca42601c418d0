/**
 * A call's maximum cost from its definition alone, before any activity: the quotas × the capped tariffs
 * × the longest durations and counts of acts the measure's lifecycle allows (per measure kind), or the capped grant × the agreements a quota allows. « Non borné » where nothing
 * caps a factor, with the reason: an honest bound, never a guess.
 */
import type { Call, Quota } from '../definition/index.ts';
import { assertNever } from '../errors.ts';
import type { Tariff } from './funding-types.ts';
import { lifecycleLimits, type Limit, type LifecycleLimits } from './lifecycle-limits.ts';
import { formatMoney, requireMoney, type Cents } from './money.ts';

/** A factor of the bound: its value, or why nothing caps it. */
export type Bounded = { cents: Cents; text: string } | { cents: null; text: string };

/** The bound of one measure kind: what one measure can earn at most, how many there can be. */
export interface MeasureBound {
  measure: string;
  label: string;
  perMeasure: Bounded;
  count: { max: number | null; text: string };
  total: Bounded;
}

/** The bound of a call. */
export interface CostBound {
  /** Agreements the quotas allow at most (null: no quota caps them). */
  agreements: number | null;
  measures: MeasureBound[];
  total: Bounded;
  envelope: Cents | null;
  /** True when the bound is known and above the stated envelope. */
  exceedsEnvelope: boolean;
}

/**
 * The most one measure can earn under `tariff`, within the caps of the tariff and, when given, of the
 * measure's lifecycle (acts it counts a bounded number of times, its longest period); null with the reason
 * when neither caps a count of acts or a duration.
 */
export function tariffMax(tariff: Tariff, limits?: LifecycleLimits): Bounded {
  switch (tariff.kind) {
    case 'perAct': {
      const price = requireMoney(tariff.price, 'le prix');
      const units = tighter(tariff.maxUnits, `${tariff.maxUnits} au plus selon le tarif`, limits?.acts(tariff.act));
      return units.max === null ? { cents: null, text: `${formatMoney(price)} par acte, sans nombre maximal d'actes (${units.text})` } : { cents: price * units.max, text: `${units.max} × ${formatMoney(price)}${units.from === 'lifecycle' ? ` (${units.text})` : ''}` };
    }
    case 'declared': {
      const max = requireMoney(tariff.max, 'le plafond');
      const units = tighter(undefined, '', limits?.acts(tariff.act));
      return units.max === null ? { cents: null, text: `${formatMoney(max)} au plus par acte déclaré, sans nombre maximal d'actes (${units.text})` } : { cents: max * units.max, text: `${units.max} × ${formatMoney(max)} au plus (${units.text})` };
    }
    case 'prorata': {
      const amount = requireMoney(tariff.amount, 'le montant');
      const per = (tariff.per.months ?? 0) + 12 * (tariff.per.years ?? 0);
      const months = tighter(tariff.maxMonths, `${tariff.maxMonths} mois au plus selon le tarif`, limits?.months);
      if (months.max === null || per <= 0) return { cents: null, text: `${formatMoney(amount)} par période, sans nombre maximal de mois (${months.text})` };
      return { cents: Math.floor((2 * amount * months.max + per) / (2 * per)), text: `${months.max} mois au plus de ${formatMoney(amount)} / ${per} mois${months.from === 'lifecycle' || months.text.includes('cycle de vie') ? ` (${months.text})` : ''}` };
    }
    case 'flat': {
      const amount = requireMoney(tariff.amount, 'le forfait');
      return { cents: amount, text: `forfait de ${formatMoney(amount)}` };
    }
    case 'sum': {
      const parts = Object.values(tariff.parts).map((part) => tariffMax(part, limits));
      const open = parts.find((p) => p.cents === null);
      const cents = parts.reduce((sum, p) => sum + (p.cents ?? 0), 0);
      if (tariff.max !== undefined) {
        const max = requireMoney(tariff.max, 'le plafond');
        return open || max <= cents ? { cents: max, text: `plafond de ${formatMoney(max)}` } : { cents, text: parts.map((p) => p.text).join(' + ') };
      }
      if (open) return open;
      return { cents, text: parts.map((p) => p.text).join(' + ') };
    }
    default:
      return assertNever(tariff);
  }
}

/** The tighter of the tariff's cap and the lifecycle's, and where it comes from. */
function tighter(tariff: number | undefined, tariffText: string, lifecycle: Limit | undefined): { max: number | null; text: string; from?: 'tariff' | 'lifecycle' } {
  const life = lifecycle?.max ?? null;
  if (tariff === undefined && life === null) return { max: null, text: lifecycle?.text ?? 'le tarif ne le plafonne pas' };
  if (tariff !== undefined && life !== null && tariff === life) return { max: tariff, text: `plafond du tarif, et du cycle de vie : ${lifecycle?.text}`, from: 'tariff' };
  if (tariff !== undefined && (life === null || tariff < life)) return { max: tariff, text: tariffText, from: 'tariff' };
  return { max: life, text: lifecycle?.text ?? '', from: 'lifecycle' };
}

/** How many instances a set of quotas allows at most (the tightest), given the call's territories and agreements. */
function countOf(quotas: Quota[], territories: number, agreements: number | null): { max: number | null; text: string } {
  let best: { max: number | null; text: string } = { max: null, text: 'aucun quota ne les limite' };
  for (const q of quotas) {
    const max = q.per === 'territory' ? q.max * territories : q.per === 'operator' ? (agreements === null ? null : q.max * agreements) : q.max;
    if (max !== null && (best.max === null || max < best.max)) best = { max, text: `${q.label} (${q.max}${q.per === 'territory' ? ` × ${territories} territoires` : q.per === 'operator' ? ` × ${agreements} conventions` : ''})` };
  }
  return best;
}

/**
 * The bound of a call.
 * @example
 * const bound = costBound(call.definition, (ids) => repository.territories.expand(ids).length);
 * bound.total.cents === null ? bound.total.text : formatMoney(bound.total.cents);
 */
export function costBound(call: Call, territoryCount: (ids: readonly string[]) => number): CostBound {
  const quotas = Object.values(call.funding.quotas ?? {}).filter((q) => (q.enforce ?? 'refuse') === 'refuse');
  const territories = territoryCount(call.territories);
  const agreements = countOf(quotas.filter((q) => q.of === 'agreements'), territories, null).max;
  const measures: MeasureBound[] = Object.entries(call.measures ?? {}).map(([id, m]) => {
    const perMeasure: Bounded = m.tariff ? tariffMax(m.tariff, m.lifecycle && lifecycleLimits(m.lifecycle)) : { cents: 0, text: 'sans tarif' };
    const count = countOf(quotas.filter((q) => q.of === 'measures' && (q.measure === undefined || q.measure === id)), territories, agreements);
    const total: Bounded = perMeasure.cents === null ? perMeasure : count.max === null ? { cents: null, text: `nombre de mesures non borné (${count.text})` } : { cents: perMeasure.cents * count.max, text: `${count.max} × ${formatMoney(perMeasure.cents)}` };
    return { measure: id, label: m.label ?? id, perMeasure, count, total };
  });
  const grant = call.funding.grant;
  let total: Bounded;
  const perAgreement = (cents: Cents, what: string): Bounded =>
    agreements === null ? { cents: null, text: `${what} par convention, nombre de conventions non borné par un quota` } : { cents: cents * agreements, text: `${agreements} convention${agreements > 1 ? 's' : ''} × ${formatMoney(cents)}` };
  if (grant.kind === 'flat') total = perAgreement(requireMoney(grant.amount, 'la participation'), formatMoney(requireMoney(grant.amount, 'la participation')));
  else if (grant.kind === 'upTo' && (grant.per === undefined || grant.per === 'agreement')) total = perAgreement(requireMoney(grant.max, 'le plafond'), `${formatMoney(requireMoney(grant.max, 'le plafond'))} au plus`);
  else if (grant.kind === 'upTo') {
    const count = measures.find((m) => m.measure === grant.per)?.count;
    const max = requireMoney(grant.max, 'le plafond');
    total = count?.max == null ? { cents: null, text: `${formatMoney(max)} par ${grant.per}, nombre non borné` } : { cents: max * count.max, text: `${count.max} × ${formatMoney(max)}` };
  } else {
    const open = measures.find((m) => m.total.cents === null);
    total = open ? { cents: null, text: `non borné : mesure ${open.measure}, ${open.total.text}` } : { cents: measures.reduce((s, m) => s + (m.total.cents ?? 0), 0), text: measures.map((m) => `${m.measure} : ${m.total.text}`).join(' ; ') };
  }
  const amount = call.funding.envelope?.amount;
  const envelope = amount === undefined ? null : requireMoney(amount, "l'enveloppe");
  return { agreements, measures, total, envelope, exceedsEnvelope: envelope !== null && total.cents !== null && total.cents > envelope };
}

/** « 12 345,00 € au plus (…) » or « non borné : … ». */
export function describeBound(bound: CostBound): string {
  return bound.total.cents === null ? bound.total.text.startsWith('non borné') ? bound.total.text : `non borné : ${bound.total.text}` : `${formatMoney(bound.total.cents)} au plus (${bound.total.text})`;
}
