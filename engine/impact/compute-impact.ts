/**
 * The impact of a candidate call on recorded activity: the log replayed twice in memory, under the
 * definitions it was recorded under and under the candidate (dates moved by whole years for next year's
 * call), then compared instance by instance and summed in cents.
 */
import { CompiledCallCache, type CallToCompile, type CompiledCall } from '../compile/index.ts';
import type { Call, TerritoryCatalog } from '../definition/index.ts';
import { costBound, describeBound, requireMoney } from '../money/index.ts';
import type { ImpactOutcome, ImpactReport, ImpactSide, InstanceImpact, RefusedHousehold } from './impact-types.ts';
import { impactTotals, quotaImpacts } from './impact-totals.ts';
import type { RecordedActivity } from './recorded-activity.ts';
import { replayActivity } from './replay-activity.ts';
import { agreementLedgerIn, measureCents, measureEarning } from './replay-money.ts';
import type { ActivityReplay, ReplayedInstance } from './replay-types.ts';
import { replayRecorded } from './verify-store.ts';

/** What {@link computeImpact} reads. */
export interface ImpactInput {
  activity: RecordedActivity;
  candidate: CallToCompile;
  territories: TerritoryCatalog;
  /** Whole years added to the activity's dates (default: the candidate's year minus the recorded call's). */
  shiftYears?: number;
  onProgress?: (phase: 'avant' | 'apres', done: number, total: number) => void;
}

/** Money of one replayed instance on `asOf`: a measure's earning, an agreement's retained participation. */
export function sideOf(
  r: ReplayedInstance | undefined,
  replay: ActivityReplay,
  measuresOf: Map<string, ReplayedInstance[]>,
  serviceFait: Map<string, string>,
  earned?: (measure: ReplayedInstance) => number,
  /** Build the French breakdown (only for what is shown); else the amount alone. */
  words = true,
): ImpactSide {
  if (!r || !r.context) return { cents: 0, lines: [] };
  const state = r.state === undefined ? {} : { state: r.state };
  if (r.instance.kind === 'measure') {
    if (!words) return { ...state, cents: measureCents(r, replay.asOf), lines: [] };
    const earning = measureEarning(r, replay.asOf);
    return { ...state, cents: earning.cents, lines: earning.lines };
  }
  if (r.instance.kind === 'application') {
    const ledger = agreementLedgerIn(r, measuresOf.get(r.instance.id) ?? [], serviceFait.get(r.instance.id), replay.asOf, earned);
    return { ...state, cents: ledger?.retained ?? 0, lines: ledger?.lines.filter((l) => !/^(Dû|Reste|Rien|À reverser|Versé)/.test(l.text)) ?? [] };
  }
  return { ...state, cents: 0, lines: [] };
}

/** Measures by agreement and service fait dates of a replay, for its money. */
export function moneyIndex(replay: ActivityReplay): { measuresOf: Map<string, ReplayedInstance[]>; serviceFait: Map<string, string> } {
  const measuresOf = new Map<string, ReplayedInstance[]>();
  const serviceFait = new Map<string, string>();
  for (const r of replay.instances.values()) {
    if (r.instance.kind === 'measure' && r.instance.parentId !== null && r.context) {
      const list = measuresOf.get(r.instance.parentId) ?? [];
      list.push(r);
      measuresOf.set(r.instance.parentId, list);
    }
    for (const row of r.rows) if (row.kind === 'balance' && (row.breakdown as { milestone?: string }).milestone === 'serviceFait') serviceFait.set(row.agreementId, row.at);
  }
  return { measuresOf, serviceFait };
}

/**
 * Computes the impact of `candidate` on `activity`.
 * @example
 * const loaded = await loadActivity(store, 'equipes-mobiles-2025');
 * const impact = computeImpact({ activity: loaded.activity, candidate: repository.calls.get('equipes-mobiles-2026')!, territories });
 * impact.call.costAfter - impact.call.costBefore; // what the year would cost more, in cents
 */
export function computeImpact(input: ImpactInput): ImpactReport {
  const { activity, candidate, territories } = input;
  const cache = new CompiledCallCache({ territories });
  const recordedCalls = [...activity.definitions.values()].filter((d) => d.id === activity.callId);
  const latest: CallToCompile | undefined = recordedCalls.sort((a, b) => a.version - b.version)[recordedCalls.length - 1];
  const recordedYear = latest?.definition.year ?? candidate.definition.year;
  const shiftYears = input.shiftYears ?? candidate.definition.year - recordedYear;

  const progress = (phase: 'avant' | 'apres') => (input.onProgress ? { onProgress: (d: number, t: number) => input.onProgress?.(phase, d, t) } : {});
  const before = replayRecorded(activity, cache, { earnedRows: false, entered: false, ...progress('avant') });
  const compiled: CompiledCall = cache.get(candidate);
  const after = replayActivity(activity, { kind: 'candidate', call: compiled, shiftYears }, { earnedRows: false, entered: false, ...progress('apres') });
  const moneyBefore = moneyIndex(before);
  const moneyAfter = moneyIndex(after);

  const counts: Record<ImpactOutcome, number> = { identique: 0, refuse: 0, 'non-couvert': 0, 'etat-different': 0, 'chemin-different': 0, 'montant-different': 0 };
  const changes: InstanceImpact[] = [];
  const refusedHouseholds: RefusedHousehold[] = [];
  // Each instance's money, computed once and in cents alone: measures first (agreements sum them).
  const sides = new Map<string, { before: ImpactSide; after: ImpactSide }>();
  const sidesOf = (id: string, was: ReplayedInstance, words: boolean) => ({
    before: sideOf(was, before, moneyBefore.measuresOf, moneyBefore.serviceFait, (m) => sides.get(m.instance.id)?.before.cents ?? 0, words),
    after: sideOf(after.instances.get(id), after, moneyAfter.measuresOf, moneyAfter.serviceFait, (m) => sides.get(m.instance.id)?.after.cents ?? 0, words),
  });
  for (const pass of ['measure', 'other'] as const) {
    for (const [id, was] of before.instances) {
      if ((was.instance.kind === 'measure') !== (pass === 'measure')) continue;
      sides.set(id, sidesOf(id, was, false));
    }
  }
  for (const [id, was] of before.instances) {
    const is = after.instances.get(id);
    const instance = was.instance;
    const { before: b, after: a } = sides.get(id)!;
    const outcome: ImpactOutcome = !is || is.status === 'not-covered' ? 'non-couvert'
      : is.status === 'refused' ? 'refuse'
      : is.state !== was.state ? 'etat-different'
      : !samePath(is.path, was.path) ? 'chemin-different'
      : a.cents !== b.cents ? 'montant-different' : 'identique';
    counts[outcome] += 1;
    if (outcome === 'identique') continue;
    // The words of the breakdowns, only for the instances shown.
    const shown = sidesOf(id, was, true);
    const agreementId = instance.kind === 'application' ? instance.id : instance.parentId;
    const change: InstanceImpact = {
      instanceId: id, kind: instance.kind, measureKind: instance.measureKind, agreementId, operatorId: instance.operatorId, territory: instance.territory,
      outcome, before: shown.before, after: shown.after, ...(is?.refusal && { refusal: is.refusal }), ...(is?.reason !== undefined && { reason: is.reason }),
    };
    changes.push(change);
    if (instance.kind === 'measure' && is?.refusal) {
      refusedHouseholds.push({ instanceId: id, agreementId, operatorId: instance.operatorId, territory: instance.territory, measureKind: instance.measureKind, refusal: is.refusal });
    }
  }

  const titleOf = (call: Call | undefined) => call?.title ?? activity.callId;
  const envelopeOf = (call: Call | undefined) => {
    const amount = call?.funding.envelope?.amount;
    return amount === undefined ? null : requireMoney(amount, "l'enveloppe de l'appel");
  };
  const note = candidate.definition.funding.envelope?.note;
  const totals = impactTotals({ before, after, moneyBefore, moneyAfter, sides, groups: candidate.definition.territories, territories });
  return {
    activity: { callId: activity.callId, title: titleOf(latest?.definition), year: recordedYear },
    candidate: { callId: candidate.id, title: candidate.definition.title, year: candidate.definition.year, version: candidate.version },
    shiftYears,
    asOf: { before: before.asOf, after: after.asOf },
    events: activity.events.length,
    instances: activity.instances.size,
    counts,
    changes,
    refusedHouseholds,
    ...totals,
    envelope: { before: envelopeOf(latest?.definition), after: envelopeOf(candidate.definition), ...(note !== undefined && { noteAfter: note }) },
    quotas: quotaImpacts(latest ? cache.get(latest) : undefined, compiled, before, after),
    bound: boundOf(candidate, territories),
  };
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The candidate's cost bound from its definition alone, or « non calculable » when an amount cannot be read. */
function boundOf(candidate: CallToCompile, territories: TerritoryCatalog): { cents: number | null; text: string } {
  try {
    const bound = costBound(candidate.definition, (ids) => territories.expand(ids).length);
    return { cents: bound.total.cents, text: describeBound(bound) };
  } catch {
    return { cents: null, text: 'non calculable (un montant de la définition ne se lit pas)' };
  }
}
