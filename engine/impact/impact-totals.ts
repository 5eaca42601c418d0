/**
 * The impact's sums: per agreement (its measures' earnings and its retained participation), then per
 * operator and territory group (sums of agreements), per measure kind (sums of measures), and the quotas'
 * use before and after.
 */
import type { CompiledCall } from '../compile/index.ts';
import type { TerritoryCatalog } from '../definition/index.ts';
import type { ImpactLine, ImpactSide, QuotaImpact } from './impact-types.ts';
import type { ActivityReplay, ReplayedInstance } from './replay-types.ts';

type MoneyIndex = { measuresOf: Map<string, ReplayedInstance[]>; serviceFait: Map<string, string> };

/** What {@link impactTotals} reads. */
export interface TotalsInput {
  before: ActivityReplay;
  after: ActivityReplay;
  moneyBefore: MoneyIndex;
  moneyAfter: MoneyIndex;
  /** Each instance's money before and after. */
  sides: ReadonlyMap<string, { before: ImpactSide; after: ImpactSide }>;
  /** The candidate's territories (groups or territories), each a line. */
  groups: readonly string[];
  territories: TerritoryCatalog;
}

function emptyLine(key: string, label: string): ImpactLine {
  return { key, label, earnedBefore: 0, earnedAfter: 0, costBefore: 0, costAfter: 0, countBefore: 0, countAfter: 0 };
}

function add(into: ImpactLine, from: ImpactLine): void {
  into.earnedBefore += from.earnedBefore;
  into.earnedAfter += from.earnedAfter;
  into.costBefore += from.costBefore;
  into.costAfter += from.costAfter;
  into.countBefore += from.countBefore;
  into.countAfter += from.countAfter;
}

const exists = (r: ReplayedInstance | undefined) => r !== undefined && r.context !== undefined;

/** Totals of the call, per agreement, operator, territory group and measure kind. */
export function impactTotals(input: TotalsInput): { call: ImpactLine; byAgreement: ImpactLine[]; byOperator: ImpactLine[]; byGroup: ImpactLine[]; byMeasureKind: ImpactLine[] } {
  const { before, after, moneyBefore, moneyAfter, sides } = input;
  const side = (id: string) => sides.get(id) ?? { before: { cents: 0, lines: [] }, after: { cents: 0, lines: [] } };
  const byAgreement: ImpactLine[] = [];
  const byKind = new Map<string, ImpactLine>();
  const byOperator = new Map<string, ImpactLine>();
  const covered = input.groups.map((id) => ({
    id, label: input.territories.groups.get(id)?.label ?? input.territories.territories.get(id)?.label ?? id, members: new Set(input.territories.expand([id])),
  }));
  const byGroup = new Map<string, ImpactLine>(covered.map((g) => [g.id, emptyLine(g.id, g.label)]));
  const call = emptyLine('call', 'Appel');

  for (const [id, was] of before.instances) {
    const is = after.instances.get(id);
    if (was.instance.kind === 'measure') {
      const kind = was.instance.measureKind ?? '';
      const line = byKind.get(kind) ?? emptyLine(kind, was.call?.measures.get(kind)?.label ?? kind);
      byKind.set(kind, line);
      line.earnedBefore += side(id).before.cents;
      line.earnedAfter += side(id).after.cents;
      line.countBefore += exists(was) ? 1 : 0;
      line.countAfter += exists(is) ? 1 : 0;
      continue;
    }
    if (was.instance.kind !== 'application') continue;
    const line = emptyLine(id, `${id} (${was.instance.operatorId ?? '?'}, ${was.instance.territory ?? '?'})`);
    const earned = (list: ReplayedInstance[] | undefined, which: 'before' | 'after') => (list ?? []).reduce((sum, m) => sum + side(m.instance.id)[which].cents, 0);
    line.earnedBefore = earned(moneyBefore.measuresOf.get(id), 'before');
    line.earnedAfter = earned(moneyAfter.measuresOf.get(id), 'after');
    line.costBefore = side(id).before.cents;
    line.costAfter = side(id).after.cents;
    line.countBefore = exists(was) ? 1 : 0;
    line.countAfter = exists(is) ? 1 : 0;
    byAgreement.push(line);
    add(call, line);
    const operator = was.instance.operatorId ?? '';
    const op = byOperator.get(operator) ?? emptyLine(operator, operator === '' ? 'Opérateur non renseigné' : operator);
    byOperator.set(operator, op);
    add(op, line);
    const group = covered.find((g) => was.instance.territory !== null && g.members.has(was.instance.territory))?.id ?? 'autres';
    if (!byGroup.has(group)) byGroup.set(group, emptyLine('autres', 'Autres territoires'));
    add(byGroup.get(group)!, line);
  }
  return {
    call,
    byAgreement,
    byOperator: [...byOperator.values()].sort((a, b) => a.key.localeCompare(b.key)),
    byGroup: [...byGroup.values()],
    byMeasureKind: [...byKind.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** Each quota's use at the end of both replays (the fullest operator or territory when it counts per scope). */
export function quotaImpacts(recorded: CompiledCall | undefined, candidate: CompiledCall, before: ActivityReplay, after: ActivityReplay): QuotaImpact[] {
  const ids = new Set([...Object.keys(recorded?.definition.funding.quotas ?? {}), ...Object.keys(candidate.definition.funding.quotas ?? {})]);
  const out: QuotaImpact[] = [];
  for (const id of [...ids].sort()) {
    const quota = candidate.definition.funding.quotas?.[id] ?? recorded?.definition.funding.quotas?.[id];
    if (!quota) continue;
    const use = (replay: ActivityReplay) => {
      const scopes = new Map<string, number>();
      const released = new Set(quota.releasedIn ?? []);
      for (const r of replay.instances.values()) {
        if (!r.context) continue;
        const i = r.instance;
        if (quota.of === 'agreements' && (i.kind !== 'application' || r.context.milestones.selection === undefined || released.has(r.state ?? ''))) continue;
        if (quota.of === 'measures' && (i.kind !== 'measure' || (quota.measure !== undefined && i.measureKind !== quota.measure))) continue;
        const scope = quota.per === 'operator' ? i.operatorId ?? '' : quota.per === 'territory' ? i.territory ?? '' : '';
        scopes.set(scope, (scopes.get(scope) ?? 0) + 1);
      }
      return Math.max(0, ...scopes.values());
    };
    out.push({ id, label: quota.label, max: candidate.definition.funding.quotas?.[id]?.max ?? quota.max, before: use(before), after: use(after) });
  }
  return out;
}
