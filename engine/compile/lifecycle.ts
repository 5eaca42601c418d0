/**
 * One lifecycle of a definition compiled to an XState v5 machine: `setup()` with named guards (the
 * lifecycle's guards and those its effects imply) and named actions (one per effect kind), and a machine
 * config generated from the YAML states. Calendar timers are listed per state, not compiled to `after`.
 */
import type { ValidateFunction } from 'ajv';
import { and, assign, createActor, setup, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type Snapshot } from 'xstate';
import type { Deadline, Effect, Lifecycle, ReportDuty, Role, Transition } from '../definition/definition-types.ts';
import { EngineError } from '../errors.ts';
import { withAmountBounds } from '../money/bounds.ts';
import { compileSchema } from './ajv.ts';
import type { InstanceContext, StepEvent } from './context.ts';
import { applyEffect, EFFECT_KINDS } from './effects.ts';
import { compileGuard, impliedGuards, type CompiledGuard, type GuardEnvironment } from './guards.ts';

/** A calendar timer armed on entry into a state and cancelled on exit. */
export interface CompiledTimer {
  name: string;
  label: string;
  at: Deadline;
  /** The event sent (as the `system` role) when it falls due. */
  event: string;
}

/** A state: its French label, whether it is final, its timers and the events it accepts. */
export interface CompiledState {
  id: string;
  label: string;
  final: boolean;
  timers: CompiledTimer[];
  events: string[];
}

/** An event: who may send it and the validator of its message. */
export interface CompiledEvent {
  id: string;
  label: string;
  roles: readonly Role[];
  validate?: ValidateFunction;
  /** The message's JSON Schema as the definition writes it (forms are generated from it). */
  payload?: Readonly<Record<string, unknown>>;
  /** A duty to declare the fact within a delay (`reportWithin`): a late declaration is recorded as late. */
  reportWithin?: ReportDuty;
}

/** A transition as the runtime reads it (to explain a refusal, to gather quota facts). */
export interface CompiledTransition {
  target?: string;
  label?: string;
  guards: CompiledGuard[];
  effects: readonly Effect[];
}

/** The persisted form of a snapshot (XState's own, plain JSON). */
export type PersistedSnapshot = Snapshot<unknown>;

/** The result of a pure step. */
export type StepResult =
  | { kind: 'taken'; snapshot: PersistedSnapshot; state: string; context: InstanceContext; done: boolean }
  | { kind: 'refused'; guard?: CompiledGuard; reason?: string };

/** A snapshot held in memory between steps (XState's own object): no persistence round trip. */
export type LiveSnapshot = { readonly live: unique symbol };

/** The result of a step on a live snapshot. */
export type LiveStepResult =
  | { kind: 'taken'; live: LiveSnapshot; state: string; context: InstanceContext; done: boolean }
  | { kind: 'refused'; guard?: CompiledGuard; reason?: string };

/** A compiled lifecycle: a pure value (machine, states, events), cached with its definition. */
export interface CompiledLifecycle {
  /** `application`, `measure:<id>` or `report`. */
  key: string;
  label: string;
  initial: string;
  machine: AnyStateMachine;
  states: ReadonlyMap<string, CompiledState>;
  events: ReadonlyMap<string, CompiledEvent>;
  /** Transitions of `event` in `state`, in the order XState tries them. */
  transitions(state: string, event: string): readonly CompiledTransition[];
  /** The snapshot of a new instance. */
  start(context: InstanceContext): { snapshot: PersistedSnapshot; state: string; context: InstanceContext };
  /** The snapshot of an instance put in `state` with `context` (a migration). */
  at(state: string, context: InstanceContext): PersistedSnapshot;
  /** XState's pure transition from a persisted snapshot (one actor scope per compiled machine). */
  step(snapshot: PersistedSnapshot, event: StepEvent): StepResult;
  /** A persisted snapshot restored for in-memory steps (a replay keeps it live between events). */
  resume(snapshot: PersistedSnapshot): LiveSnapshot;
  /** {@link CompiledLifecycle.step} on a live snapshot, without persisting it. */
  advance(live: LiveSnapshot, event: StepEvent): LiveStepResult;
  /** The persisted form of a live snapshot. */
  persist(live: LiveSnapshot): PersistedSnapshot;
}

/**
 * The start of a new instance. The generated machines enter their initial state with no entry action, no
 * eventless transition and no child: XState's initial snapshot is then a fixed shape around a copy of the
 * context, built here directly (XState builds an initial microstep, a macrostep and two snapshot objects
 * for it, a quarter of a creation's CPU). The shape is checked once against XState's own for a probe
 * context; a machine whose start is anything else is started by XState every time.
 */
function initialSnapshotOf(machine: AnyStateMachine, scope: AnyActorScope, initial: string): CompiledLifecycle['start'] {
  const byXState: CompiledLifecycle['start'] = (context) => {
    const snapshot = machine.getInitialSnapshot(scope, context) as AnyMachineSnapshot;
    return { snapshot: machine.getPersistedSnapshot(snapshot), state: String(snapshot.value), context: snapshot.context as InstanceContext };
  };
  const direct: CompiledLifecycle['start'] = (input) => {
    const context = { ...input };
    const snapshot = { status: 'active', output: undefined, error: undefined, value: initial, historyValue: {}, context, children: {} };
    return { snapshot: snapshot as PersistedSnapshot, state: initial, context };
  };
  const probe: InstanceContext = { territory: 'sonde', data: { champ: 1 }, acts: {}, period: null, milestones: { payments: [] } };
  const [expected, built] = [byXState(probe), direct(probe)];
  const same = JSON.stringify(Object.entries(expected.snapshot)) === JSON.stringify(Object.entries(built.snapshot))
    && expected.state === built.state && expected.context.data === probe.data && expected.context !== probe;
  return same ? direct : byXState;
}

/** Compiles a resolved lifecycle. `key` names it in messages and in the store. */
export function compileLifecycle(key: string, lifecycle: Lifecycle, env: GuardEnvironment): CompiledLifecycle {
  const stateDefs = Object.entries(lifecycle.states ?? {});
  const initial = lifecycle.initial ?? stateDefs[0]?.[0];
  if (initial === undefined || !lifecycle.states?.[initial]) {
    throw new EngineError('donnees-invalides', `Le cycle de vie « ${key} » n'a pas d'état initial connu : ajoutez « initial: <état> » et cet état sous « states ».`, { lifecycle: key });
  }
  const named = new Map<string, CompiledGuard>();
  for (const [id, guard] of Object.entries(lifecycle.guards ?? {})) named.set(id, compileGuard(id, guard, env));

  const guardsOf = (where: string, transition: Transition): CompiledGuard[] => {
    const ids = transition.guard === undefined ? [] : Array.isArray(transition.guard) ? transition.guard : [transition.guard];
    const guards = ids.map((id) => {
      const guard = named.get(id);
      if (!guard) throw new EngineError('donnees-invalides', `La garde « ${id} » (${where}) n'est pas déclarée dans « guards » du cycle de vie « ${key} ».`, { lifecycle: key, guard: id });
      return guard;
    });
    const implied = impliedGuards(where, transition.effects ?? [], env);
    for (const guard of implied) named.set(guard.id, guard);
    return [...guards, ...implied];
  };

  const states = new Map<string, CompiledState>();
  const transitions = new Map<string, CompiledTransition[]>();
  const config: Record<string, unknown> = {};
  for (const [id, state] of stateDefs) {
    const on: Record<string, unknown[]> = {};
    for (const [event, spec] of Object.entries(state.on ?? {})) {
      const list = (Array.isArray(spec) ? spec : [spec]).map((t, i) => ({
        target: t.target, label: t.label, guards: guardsOf(`${id} → ${event}${Array.isArray(spec) ? ` n° ${i + 1}` : ''}`, t), effects: t.effects ?? [],
      }));
      transitions.set(`${id}\u0000${event}`, list);
      on[event] = list.map((t) => ({
        ...(t.target !== undefined && { target: t.target }),
        ...(t.guards.length === 1 && { guard: t.guards[0]?.id }),
        ...(t.guards.length > 1 && { guard: and(t.guards.map((g) => g.id)) }),
        actions: t.effects.map((effect) => ({ type: effect.kind, params: effect })),
      }));
    }
    const timers = Object.entries(state.timers ?? {}).map(([name, t]) => ({ name, label: t.label, at: t.at, event: t.send }));
    states.set(id, { id, label: state.label, final: state.type === 'final', timers, events: Object.keys(state.on ?? {}) });
    config[id] = state.type === 'final' ? { type: 'final' } : { on };
  }

  // The message fields an effect reads as an amount are bounded like every amount (engine/money/bounds.ts).
  const amountFields = new Map<string, Set<string>>();
  for (const [event, list] of [...transitions].map(([key, value]) => [key.split('\u0000')[1] ?? '', value] as const)) {
    for (const effect of list.flatMap((t) => t.effects)) {
      if ('amount' in effect && typeof effect.amount === 'string') amountFields.set(event, (amountFields.get(event) ?? new Set()).add(effect.amount));
    }
  }
  const events = new Map<string, CompiledEvent>();
  for (const [id, event] of Object.entries(lifecycle.events ?? {})) {
    const payload = withAmountBounds(event.payload, [...(amountFields.get(id) ?? [])]);
    events.set(id, {
      id, label: event.label, roles: event.roles ?? ['departement'],
      ...(payload && { validate: compileSchema(payload), payload: event.payload as Readonly<Record<string, unknown>> }), ...(event.reportWithin && { reportWithin: event.reportWithin }),
    });
  }

  const actions = Object.fromEntries(EFFECT_KINDS.map((kind) => [
    kind,
    assign(({ context, event }: { context: InstanceContext; event: StepEvent }, effect: Effect) => applyEffect(context, effect, event)),
  ]));
  const guards = Object.fromEntries([...named.values()].map((g) => [g.id, ({ context, event }: { context: InstanceContext; event: StepEvent }) => g.check(context, event)]));
  const machine = (setup as (impl: unknown) => { createMachine(config: unknown): AnyStateMachine })({ actions, guards }).createMachine({
    id: key,
    initial,
    context: ({ input }: { input: InstanceContext | undefined }) => input ?? { territory: null, data: {}, acts: {}, period: null, milestones: { payments: [] } },
    states: config,
  });

  // One actor scope per compiled machine: xstate's `transition()` builds a throw-away actor on every call.
  const self = createActor(machine);
  const scope = {
    self, id: '', sessionId: '', system: self.system,
    logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: () => {},
  } as unknown as AnyActorScope;

  // The machine snapshot each persisted snapshot this lifecycle returned was made from: the next step of a
  // hot instance starts from the very object the store kept (never mutated), without restoring it again.
  const restored = new WeakMap<object, AnyMachineSnapshot>();

  /** XState's pure transition; a refusal says which guard failed. */
  const advance = (current: AnyMachineSnapshot, event: StepEvent):
    | { kind: 'taken'; next: AnyMachineSnapshot; state: string; context: InstanceContext; done: boolean }
    | { kind: 'refused'; guard?: CompiledGuard; reason?: string } => {
    const next = machine.transition(current, event, scope) as AnyMachineSnapshot;
    // XState answers an event no transition takes with the same snapshot, and so it answers a transition
    // without target nor effect: only then ask which one it was.
    if (next === current && machine.getTransitionData(current, event).length === 0) {
      const candidates = transitions.get(`${String(current.value)}\u0000${event.type}`) ?? [];
      const context = current.context as InstanceContext;
      const failed = candidates[0]?.guards.find((g) => !g.check(context, event));
      if (!failed) return { kind: 'refused' };
      return failed.reason ? { kind: 'refused', guard: failed, reason: failed.reason(context, event) } : { kind: 'refused', guard: failed };
    }
    return { kind: 'taken', next, state: String(next.value), context: next.context as InstanceContext, done: next.status === 'done' };
  };

  return {
    key,
    label: lifecycle.label ?? key,
    initial,
    machine,
    states,
    events,
    transitions: (state, event) => transitions.get(`${state}\u0000${event}`) ?? [],
    start: initialSnapshotOf(machine, scope, initial),
    at(state, context) {
      const final = states.get(state)?.final ?? false;
      return machine.getPersistedSnapshot(machine.resolveState({ value: state, context, status: final ? 'done' : 'active' }));
    },
    step(persisted, event) {
      const result = advance(restored.get(persisted) ?? (machine.restoreSnapshot(persisted, scope) as AnyMachineSnapshot), event);
      if (result.kind === 'refused') return result;
      const snapshot = machine.getPersistedSnapshot(result.next);
      restored.set(snapshot, result.next);
      return { kind: 'taken', snapshot, state: result.state, context: result.context, done: result.done };
    },
    resume: (persisted) => machine.restoreSnapshot(persisted, scope) as unknown as LiveSnapshot,
    advance(live, event) {
      const result = advance(live as unknown as AnyMachineSnapshot, event);
      if (result.kind === 'refused') return result;
      return { kind: 'taken', live: result.next as unknown as LiveSnapshot, state: result.state, context: result.context, done: result.done };
    },
    persist: (live) => machine.getPersistedSnapshot(live as unknown as AnyMachineSnapshot),
  };
}
