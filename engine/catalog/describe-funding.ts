/**
 * A call's funding in words, for the catalog: envelope, origin of the credits, grant, payment schedule,
 * conditions and quotas (the lines themselves are worded in `engine/wording/`).
 */
import type { Call } from '../definition/index.ts';
import { SOURCE_LABELS, envelopeLine, grantLine, paymentLine, quotaLine } from '../wording/index.ts';
import type { CatalogFunding } from './catalog-types.ts';
import { describeCostBound } from './describe-bound.ts';

/**
 * Describes a call's funding.
 * @example
 * describeFunding(call, label, count).payment // 'Avance de 60 % à la signature, solde sur service fait'
 */
export function describeFunding(call: Call, measureLabel: (id: string) => string | undefined, territoryCount: (ids: readonly string[]) => number): CatalogFunding {
  const funding = call.funding;
  return {
    envelope: envelopeLine(funding.envelope),
    sources: (funding.sources ?? []).map((id) => ({ id, label: SOURCE_LABELS[id] })),
    grant: grantLine(funding.grant, measureLabel),
    payment: paymentLine(funding.payment, call.year),
    conditions: Object.values(funding.conditions ?? {}).map((condition) => condition.label),
    quotas: Object.values(funding.quotas ?? {}).map(quotaLine),
    bound: describeCostBound(call, territoryCount),
  };
}
