/**
 * The call's maximum cost from its definition alone (quotas × capped tariffs, or the capped grant × the
 * agreements a quota allows) against its stated envelope: a warning when the bound is above it.
 */
import { costBound, describeBound, formatMoney } from '../../money/index.ts';
import type { Finding } from '../finding.ts';
import { finding, type LintContext } from './lint-context.ts';

/** Warns when the call's cost bound exceeds its envelope. */
export function lintCostBound(context: LintContext): Finding[] {
  if (context.call.funding.envelope?.amount === undefined) return [];
  let bound;
  try {
    bound = costBound(context.call, (ids) => context.catalog.expand(ids).length);
  } catch {
    return []; // an unreadable amount is reported by the money checks
  }
  if (!bound.exceedsEnvelope || bound.envelope === null) return [];
  return [finding(context, 'plafond-au-dela-enveloppe', 'warning', '/funding/envelope/amount',
    `Le coût maximal que la définition permet (${describeBound(bound)}) dépasse l'enveloppe de ${formatMoney(bound.envelope)} : resserrez un quota ou un plafond, ou vérifiez l'enveloppe.`)];
}
