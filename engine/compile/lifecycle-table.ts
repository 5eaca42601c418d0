/**
 * A compiled lifecycle read as its transition table, for the replayer's hot path. Every compiled machine is
 * flat (top-level states, each either final or a map `on` of guarded transitions; no entry, exit, `always`
 * nor `after`), so XState's step reduces to: the first transition of (state, event) whose guards all pass,
 * its effects applied in order (each an `assign` on the context the previous one left), its target entered.
 * The table runs that with the machine's own guards and effects, without building an XState snapshot per
 * event (XState's own transition, measured in `bench/replay.bench.ts`, runs slower than the replay's target
 * by itself). It answers exactly as `CompiledLifecycle.advance` does, refusals included; every scenario of
 * every shipped call proves it (`test/engine/impact/verify-store.test.ts`, `test/engine/compile/lifecycle-table.test.ts`).
 */
import type { InstanceContext, StepEvent } from './context.ts';
import { applyEffect } from './effects.ts';
import type { CompiledGuard } from './guards.ts';
import type { CompiledLifecycle, CompiledTransition } from './lifecycle.ts';

/** What a step of the table gives. */
export type TableStep =
  | { kind: 'taken'; state: string; context: InstanceContext; done: boolean }
  | { kind: 'refused'; guard?: CompiledGuard; reason?: string };

/** The guards of (state, event) that read facts the runtime counts: quotas, measures under the instance. */
export interface FactNeeds {
  quotas: readonly string[];
  counts: readonly string[];
}

/** One row of the table: the transitions of an event in a state, and the facts their guards read. */
interface Row {
  transitions: readonly CompiledTransition[];
  needs: FactNeeds | undefined;
}

/** A lifecycle's transition table. */
export interface LifecycleTable {
  lifecycle: CompiledLifecycle;
  /** Whether `state` is final (the machine is done there). */
  final(state: string): boolean;
  /** The facts (state, event) needs, or undefined when its guards read none. */
  needs(state: string, event: string): FactNeeds | undefined;
  /** XState's step of `event` from (state, context), on the machine's own guards and effects. */
  step(state: string, context: InstanceContext, event: StepEvent): TableStep;
}

const tables = new WeakMap<CompiledLifecycle, LifecycleTable>();

/** The table of a compiled lifecycle, built once per compiled lifecycle. */
export function tableOf(lifecycle: CompiledLifecycle): LifecycleTable {
  let table = tables.get(lifecycle);
  if (!table) tables.set(lifecycle, (table = buildTable(lifecycle)));
  return table;
}

function buildTable(lifecycle: CompiledLifecycle): LifecycleTable {
  const rows = new Map<string, Map<string, Row>>();
  const finals = new Set<string>();
  for (const [id, state] of lifecycle.states) {
    if (state.final) finals.add(id);
    const byEvent = new Map<string, Row>();
    for (const event of state.events) {
      const transitions = lifecycle.transitions(id, event);
      const quotas = new Set<string>();
      const counts = new Set<string>();
      for (const t of transitions) {
        for (const g of t.guards) {
          if (g.quota !== undefined) quotas.add(g.quota);
          if (g.counts !== undefined) counts.add(g.counts);
        }
      }
      byEvent.set(event, { transitions, needs: quotas.size + counts.size === 0 ? undefined : { quotas: [...quotas], counts: [...counts] } });
    }
    rows.set(id, byEvent);
  }

  return {
    lifecycle,
    final: (state) => finals.has(state),
    needs: (state, event) => rows.get(state)?.get(event)?.needs,
    step(state, context, event) {
      const transitions = rows.get(state)?.get(event.type)?.transitions ?? [];
      for (const t of transitions) {
        if (!passes(t.guards, context, event)) continue;
        let next = context;
        // XState's `assign` merges what the action returns into a copy of the context: every effect returns
        // a whole context, the old one untouched, so the merge is that context (only its identity differs).
        for (const effect of t.effects) next = applyEffect(next, effect, event);
        const target = t.target ?? state;
        return { kind: 'taken', state: target, context: next, done: finals.has(target) };
      }
      // As `CompiledLifecycle.advance`: the first failing guard of the first transition says why.
      const failed = transitions[0]?.guards.find((g) => !g.check(context, event));
      if (!failed) return { kind: 'refused' };
      return failed.reason ? { kind: 'refused', guard: failed, reason: failed.reason(context, event) } : { kind: 'refused', guard: failed };
    },
  };
}

function passes(guards: readonly CompiledGuard[], context: InstanceContext, event: StepEvent): boolean {
  for (const g of guards) if (!g.check(context, event)) return false;
  return true;
}
