/**
 * The in-memory replayer: a call's recorded log run again through compiled machines and tariff functions,
 * without the store, in the order it was written. Under the recorded rules (each event's own definition
 * version, migrations followed) it must rebuild what the store holds; under a candidate definition it says
 * which event each rule would have refused, where each instance would have ended and what it would have
 * earned. Facts the store counts (quotas, measures under an agreement) are counted in memory.
 */
import type { CompiledCall, CompiledLifecycle, StepFacts } from '../compile/index.ts';
import { emptyContext } from '../compile/index.ts';
import { EngineError } from '../errors.ts';
import { admitApplication, admitMeasure, notSelected, quotaReached } from '../runtime/admission.ts';
import { authorizeEvent, type ActorRole } from '../runtime/actor.ts';
import { CREATION_EVENT } from '../runtime/instances.ts';
import { MIGRATION_EVENT, withDataDefaults } from '../runtime/migrate.ts';
import { RHYTHM_EVENT } from '../runtime/rhythm-sweep.ts';
import { ledgerNeeded, moneyRows } from '../runtime/money.ts';
import { measureQuotas } from '../runtime/quotas.ts';
import { guardRefusal, invalidMessage, notAllowedNow, unknownEvent } from '../runtime/refusals.ts';
import type { RecordedActivity, RecordedEvent } from './recorded-activity.ts';
import { agreementLedgerIn } from './replay-money.ts';
import { ReplayQuotas } from './replay-quotas.ts';
import { tableOf } from '../compile/lifecycle-table.ts';
import type { ActivityReplay, ReplayedInstance } from './replay-types.ts';
import { shiftDate, shiftValue } from './shift-dates.ts';

/** The rules a log is replayed under. */
export type ReplayRules =
  /** Each event under the definition version it was recorded under (a migration moves the instance on). */
  | { kind: 'recorded'; compiled: (hash: string) => CompiledCall | undefined }
  /**
   * Every instance under one candidate call, admissions checked again (windows, eligibility, quotas, roles),
   * migrations ignored (the candidate stands for every version); dates moved by `shiftYears` whole years.
   */
  | { kind: 'candidate'; call: CompiledCall; shiftYears?: number };

/** Options of {@link replayActivity}. */
export interface ReplayOptions {
  /** Called every `every` events (default 10 000) with the events done and the total. */
  onProgress?: (done: number, total: number) => void;
  every?: number;
  /**
   * Keep each measure's `earned` ledger rows (default true: `verify` compares them with the store). The
   * impact reads only the agreements' rows and values measures at the end: it leaves them out.
   */
  earnedRows?: boolean;
  /**
   * Keep when each instance entered its current state, with the context it had then (default true: `verify`
   * derives the expected timers from it). The impact reads none of it: leaving it out keeps one context per
   * instance alive instead of two, which the garbage collector feels on a large year.
   */
  entered?: boolean;
}

/** The facts of a step whose guards read none (shared: nothing writes to it). */
const NO_FACTS: StepFacts = Object.freeze({ quotas: Object.freeze({}) }) as StepFacts;

interface Created {
  applicant?: Record<string, unknown>;
  beneficiary?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/**
 * Replays a call's activity under `rules`.
 * @example
 * const before = replayActivity(activity, { kind: 'recorded', compiled: (hash) => cache.get(activity.definitions.get(hash)!) });
 * const after = replayActivity(activity, { kind: 'candidate', call: compiledCandidate });
 */
export function replayActivity(activity: RecordedActivity, rules: ReplayRules, options: ReplayOptions = {}): ActivityReplay {
  const years = rules.kind === 'candidate' ? rules.shiftYears ?? 0 : 0;
  const candidate = rules.kind === 'candidate';
  const out = new Map<string, ReplayedInstance>();
  const quotas = new ReplayQuotas();
  const measuresOf = new Map<string, ReplayedInstance[]>();
  const serviceFait = new Map<string, string>();
  let applied = 0;
  let skipped = 0;
  let asOf = '';
  const every = options.every ?? 10_000;
  const earnedRows = options.earnedRows ?? true;
  const keepEntered = options.entered ?? true;
  const total = activity.events.length;

  const callOf = (event: RecordedEvent): CompiledCall => {
    if (rules.kind === 'candidate') return rules.call;
    const call = rules.compiled(event.definitionHash);
    if (!call) throw new EngineError('definition-inconnue', `Version de définition « ${event.definitionHash.slice(0, 12)} » absente de la base : le journal ne peut pas être rejoué.`, { hash: event.definitionHash });
    return call;
  };
  const refuse = (r: ReplayedInstance, event: RecordedEvent, date: string, error: unknown): void => {
    if (!(error instanceof EngineError)) throw error;
    const rule = error.details.guard ?? (Array.isArray(error.details.rules) ? error.details.rules.join(', ') : error.details.quota);
    r.status = 'refused';
    r.refusal = { version: event.version, type: event.type, date, code: error.code, message: error.message, ...(typeof rule === 'string' && { rule }) };
  };

  const create = (event: RecordedEvent, date: string): void => {
    const instance = activity.instances.get(event.instanceId);
    if (!instance) {
      skipped += 1;
      return;
    }
    const r: ReplayedInstance = { instance, status: 'replayed', path: [], version: 0, rows: [] };
    out.set(instance.id, r);
    const parent = instance.parentId === null ? undefined : out.get(instance.parentId);
    if (instance.parentId !== null && parent?.context === undefined) {
      r.status = 'not-covered';
      r.reason = `sa convention « ${instance.parentId} » n'existe pas sous ces règles (candidature refusée).`;
      return;
    }
    const call = callOf(event);
    const created = shiftValue(event.payload as Created, years);
    const data = created.applicant ?? created.beneficiary ?? created.data ?? {};
    let lifecycle: CompiledLifecycle | undefined;
    try {
      if (instance.kind === 'application') {
        if (candidate) admitApplication(call, instance.territory ?? '', data, date);
        lifecycle = call.application;
      } else if (instance.kind === 'measure') {
        const kind = instance.measureKind ?? '';
        if (candidate) {
          if (parent?.context?.milestones.selection === undefined) throw notSelected(instance.parentId ?? '', parent?.state ?? '');
          admitMeasure(call, kind, instance.territory, data, date);
          for (const [id, quota] of measureQuotas(call, kind)) {
            const fact = quotas.fact(quota, instance.operatorId, instance.territory);
            if (fact.enforce === 'refuse' && fact.count >= fact.max) throw quotaReached(id, quota, fact);
          }
        }
        lifecycle = call.lifecycle(instance.lifecycle);
      } else {
        if (candidate && parent?.context?.milestones.signature === undefined) {
          r.status = 'not-covered';
          r.reason = `sa convention « ${instance.parentId} » n'est pas signée sous ces règles.`;
          return;
        }
        lifecycle = call.report;
      }
      if (!lifecycle) throw new EngineError('definition-inconnue', `Cycle de vie « ${instance.lifecycle} » absent de la définition.`, { lifecycle: instance.lifecycle });
    } catch (error) {
      refuse(r, event, date, error);
      return;
    }
    // XState's initial snapshot: the initial state, the context given as input (no entry action).
    const context = emptyContext(instance.territory, data);
    r.call = call;
    r.lifecycle = lifecycle;
    r.state = lifecycle.initial;
    r.context = context;
    r.version = event.version;
    if (keepEntered) r.entered = { version: event.version, date, context };
    r.path.push(lifecycle.initial);
    applied += 1;
    if (instance.kind === 'application') {
      quotas.addAgreement({ operatorId: instance.operatorId, territory: instance.territory, selected: () => r.context?.milestones.selection !== undefined, state: () => r.state ?? '' });
    } else if (instance.kind === 'measure' && instance.parentId !== null) {
      quotas.addMeasure(instance.measureKind ?? '', instance.operatorId, instance.territory, instance.parentId);
      const siblings = measuresOf.get(instance.parentId);
      if (siblings) siblings.push(r);
      else measuresOf.set(instance.parentId, [r]);
    }
  };

  const migrate = (r: ReplayedInstance, event: RecordedEvent, date: string): void => {
    if (candidate) return; // the candidate stands for every version
    const call = callOf(event);
    const lifecycle = call.lifecycle(r.instance.lifecycle);
    const { state: moved, data } = event.payload as { state?: { to?: string }; data?: Record<string, unknown> };
    const to = moved?.to;
    if (!lifecycle || to === undefined || !r.context) {
      refuse(r, event, date, new EngineError('migration-incomplete', `La migration n° ${event.version} du dossier « ${r.instance.id} » ne se rejoue pas : état ou cycle de vie absent de la version cible.`, { instanceId: r.instance.id }));
      return;
    }
    r.context = withDataDefaults(r.context, data);
    r.call = call;
    r.lifecycle = lifecycle;
    r.state = to;
    r.version = event.version;
    if (keepEntered) r.entered = { version: event.version, date, context: r.context };
    r.path.push(to);
  };

  const step = (r: ReplayedInstance, event: RecordedEvent, date: string): void => {
    const { call, lifecycle, instance, context, state } = r;
    if (!call || !lifecycle || !context || state === undefined) return;
    const payload = years === 0 ? event.payload : shiftValue(event.payload, years);
    try {
      const compiledEvent = lifecycle.events.get(event.type);
      if (!compiledEvent) throw unknownEvent(lifecycle, event.type);
      if (candidate && event.role !== 'system') authorizeEvent({ id: 'rejeu', role: event.role as ActorRole }, compiledEvent);
      if (!lifecycle.states.get(state)?.events.includes(event.type)) throw notAllowedNow(lifecycle, state, event.type);
      if (compiledEvent.validate && !compiledEvent.validate(payload)) throw invalidMessage(lifecycle, event.type, compiledEvent.validate.errors);
      const table = tableOf(lifecycle);
      const needs = table.needs(state, event.type);
      const facts: StepFacts = needs ? { quotas: {} } : NO_FACTS;
      if (needs) {
        for (const id of needs.quotas) {
          const quota = call.definition.funding.quotas?.[id];
          if (quota) facts.quotas[id] = quotas.fact(quota, instance.operatorId, instance.territory);
        }
        if (needs.counts.length > 0) facts.measures = quotas.measuresUnder(instance.id, needs.counts);
      }
      const result = table.step(state, context, { type: event.type, payload, date, facts });
      if (result.kind === 'refused') throw guardRefusal(lifecycle, state, event.type, result.guard, result.reason);
      // A measure's money moves only with its acts or its period (effects copy what they change).
      const moves = instance.kind !== 'measure' || (earnedRows && (context.acts !== result.context.acts || context.period !== result.context.period));
      const money = { call, instance, before: context, after: result.context, date, label: compiledEvent.label };
      const need = moves ? ledgerNeeded(money) : undefined;
      const agreement = need === 'self' ? { ...r, context: result.context } : need === 'parent' ? out.get(instance.parentId ?? '') : undefined;
      const ledger = agreement ? agreementLedgerIn(agreement, measuresOf.get(agreement.instance.id) ?? [], serviceFait.get(agreement.instance.id), date) : undefined;
      if (moves) for (const row of moneyRows(money, ledger, { words: false })) {
        r.rows.push(row);
        if (row.kind === 'balance' && (row.breakdown as { milestone?: string }).milestone === 'serviceFait') serviceFait.set(row.agreementId, row.at);
      }
      if (keepEntered && result.state !== state) r.entered = { version: event.version, date, context: result.context };
      r.state = result.state;
      r.context = result.context;
      r.version = event.version;
      r.path.push(result.state);
    } catch (error) {
      refuse(r, event, date, error);
    }
  };

  for (let i = 0; i < total; i++) {
    const event = activity.events[i]!;
    const date = shiftDate(event.date, years);
    if (date > asOf) asOf = date;
    if (event.type === CREATION_EVENT) create(event, date);
    else {
      const r = out.get(event.instanceId);
      if (!r || r.status !== 'replayed') skipped += 1;
      else if (event.type === MIGRATION_EVENT) migrate(r, event, date);
      else if (event.type !== RHYTHM_EVENT) step(r, event, date);
      if (r?.status === 'replayed') applied += 1;
    }
    if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, total);
  }
  options.onProgress?.(total, total);
  return { instances: out, applied, skipped, asOf };
}
