/**
 * Quotas counted in the store before a pure step: the facts quota guards read (25 measures, 100
 * situations per operator, a single operator…), and the measures under an agreement that a grant capped
 * per measure reads (20 000 € per group).
 */
import type { CompiledCall, QuotaFact } from '../compile/index.ts';
import type { Quota } from '../definition/index.ts';
import type { InstanceFilter, StoreSession } from '../store/index.ts';

/** Where an instance counts: its call, operator and territory. */
export interface QuotaScope {
  callId: string;
  operatorId: string | null;
  territory: string | null;
}

/**
 * Counts one quota for a scope. A quota of agreements counts the selected applications, less those now in
 * a state that releases their place (`releasedIn`: a withdrawal, a termination…).
 */
export async function quotaFact(tx: StoreSession, quota: Quota, scope: QuotaScope): Promise<QuotaFact> {
  const filter: InstanceFilter = { callId: scope.callId };
  if (quota.of === 'agreements') {
    filter.kind = 'application';
    filter.selected = true;
  } else {
    filter.kind = 'measure';
    if (quota.measure !== undefined) filter.measureKind = quota.measure;
  }
  if (quota.per === 'operator') filter.operatorId = scope.operatorId ?? '';
  if (quota.per === 'territory') filter.territories = scope.territory === null ? [] : [scope.territory];
  let count = await tx.countInstances(filter);
  if (quota.of === 'agreements' && quota.releasedIn !== undefined && count > 0) count -= await tx.countInstances({ ...filter, states: [...quota.releasedIn] });
  return { count, max: quota.max, enforce: quota.enforce ?? 'refuse' };
}

/** Facts for the named quotas of a call (those the call does not declare are left out). */
export async function quotaFacts(tx: StoreSession, call: CompiledCall, ids: Iterable<string>, scope: QuotaScope): Promise<Record<string, QuotaFact>> {
  const facts: Record<string, QuotaFact> = {};
  for (const id of new Set(ids)) {
    const quota = call.definition.funding.quotas?.[id];
    if (quota) facts[id] = await quotaFact(tx, quota, scope);
  }
  return facts;
}

/** The quotas of measures that apply to a new measure of this kind. */
export function measureQuotas(call: CompiledCall, measureKind: string): Array<[string, Quota]> {
  return Object.entries(call.definition.funding.quotas ?? {}).filter(
    ([, quota]) => quota.of === 'measures' && (quota.measure === undefined || quota.measure === measureKind),
  );
}

/** The measures of each kind under an agreement (for a grant capped per measure). */
export async function measureCounts(tx: StoreSession, agreementId: string, kinds: Iterable<string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const kind of new Set(kinds)) counts[kind] = await tx.countInstances({ parentId: agreementId, kind: 'measure', measureKind: kind });
  return counts;
}
