/**
 * A call's maximum cost in words, for the catalog and the call sheet: the bound `costBound` derives from
 * the definition alone, set beside the envelope (« non borné » with the reason where nothing caps it).
 */
import type { Call } from '../definition/index.ts';
import { costBound, describeBound, formatMoney } from '../money/index.ts';
import type { CatalogBound } from './catalog-types.ts';

/**
 * Describes a call's cost bound beside its envelope.
 * `territoryCount` expands territory and group ids (a quota `per: territory` counts once per territory).
 * @example
 * describeCostBound(call, (ids) => repository.territories.expand(ids).length).text
 * // '240 000,00 € au plus (12 conventions × 20 000,00 €)'
 */
export function describeCostBound(call: Call, territoryCount: (ids: readonly string[]) => number): CatalogBound {
  const bound = costBound(call, territoryCount);
  const groups = perWindowGroup(call, territoryCount);
  const envelope =
    bound.envelope === null || bound.total.cents === null
      ? undefined
      : bound.exceedsEnvelope
        ? `au-dessus de l'enveloppe de ${formatMoney(bound.envelope)} (de ${formatMoney(bound.total.cents - bound.envelope)})`
        : `dans l'enveloppe de ${formatMoney(bound.envelope)}`;
  return {
    cents: bound.total.cents,
    text: describeBound(bound),
    exceedsEnvelope: bound.exceedsEnvelope,
    ...(envelope !== undefined && { envelope }),
    ...(groups.length > 0 && { groups }),
    measures: bound.measures.map((m) => ({ id: m.measure, label: m.label, cents: m.total.cents, text: m.total.cents === null ? `non borné : ${m.total.text}` : `${formatMoney(m.total.cents)} au plus (${m.total.text})` })),
  };
}

/**
 * Where a quota counts per territory, the bound of each window's group of territories (the call restricted
 * to that group). Quotas per call or per operator are not split by territory, so without a quota per
 * territory there is nothing honest to give per group.
 */
function perWindowGroup(call: Call, territoryCount: (ids: readonly string[]) => number): NonNullable<CatalogBound['groups']> {
  const perTerritory = Object.values(call.funding.quotas ?? {}).some((q) => q.per === 'territory' && (q.enforce ?? 'refuse') === 'refuse');
  const windows = Object.entries(call.windows);
  if (!perTerritory || windows.length < 2) return [];
  return windows.map(([id, window]) => {
    const total = costBound({ ...call, territories: window.territories }, territoryCount).total;
    return { id, label: window.label ?? id, cents: total.cents, text: total.cents === null ? `non borné : ${total.text}` : `${formatMoney(total.cents)} au plus (${total.text})` };
  });
}
