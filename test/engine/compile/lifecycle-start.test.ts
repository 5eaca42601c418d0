import { createActor } from 'xstate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCall, compileLifecycle, emptyContext, type CompiledLifecycle } from '../../../engine/compile/index.ts';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';

let repository: Repository;
beforeAll(async () => {
  repository = await loadRepository('definitions');
});

/** Every lifecycle of every call of the repository, named. */
function lifecycles(): Array<[string, CompiledLifecycle]> {
  const out: Array<[string, CompiledLifecycle]> = [];
  for (const call of repository.calls.values()) {
    const compiled = compileCall(call, { territories: repository.territories, defaults: { application: repository.pieces.lifecycle.get('candidature')?.piece.lifecycle, report: repository.pieces.lifecycle.get('rapport')?.piece.lifecycle } });
    out.push([`${call.id} application`, compiled.application], [`${call.id} report`, compiled.report]);
    for (const [kind, measure] of compiled.measures) out.push([`${call.id} ${kind}`, measure.lifecycle]);
  }
  return out;
}

/** XState's own start: a fresh actor's initial snapshot, persisted. */
function xstateStart(lifecycle: CompiledLifecycle, context: ReturnType<typeof emptyContext>) {
  return createActor(lifecycle.machine, { input: context }).getPersistedSnapshot();
}

describe('CompiledLifecycle.start', () => {
  it('gives, for every lifecycle of the repository, the snapshot XState starts with', () => {
    const all = lifecycles();
    expect(all.length).toBeGreaterThan(3);
    for (const [name, lifecycle] of all) {
      const context = emptyContext('lens-henin', { parc: 'prive' });
      const started = lifecycle.start(context);
      expect(started.snapshot, name).toEqual(xstateStart(lifecycle, context));
      expect(JSON.stringify(started.snapshot), name).toBe(JSON.stringify(xstateStart(lifecycle, context)));
      expect(started.state, name).toBe(lifecycle.initial);
      // The context is the snapshot's own copy: the caller's object is never shared with a later step.
      expect((started.snapshot as unknown as { context: unknown }).context, name).toBe(started.context);
      expect(started.context, name).not.toBe(context);
      expect(started.context.data, name).toBe(context.data);
    }
  });

  it('starts instances that step exactly as those XState starts', () => {
    for (const [name, lifecycle] of lifecycles()) {
      const context = emptyContext('lens-henin', {});
      for (const event of lifecycle.states.get(lifecycle.initial)?.events ?? []) {
        const message = { type: event, payload: {}, date: '2024-12-05', facts: { quotas: {} } };
        expect(lifecycle.step(lifecycle.start(context).snapshot, message), `${name} ${event}`).toEqual(lifecycle.step(xstateStart(lifecycle, context), message));
      }
    }
  });

  it('leaves to XState a machine whose first state is already final', () => {
    const env = { eligibility: () => [], applicationWindow: () => undefined, agreementQuotas: [] };
    const lifecycle = compileLifecycle('fin', { initial: 'close', states: { close: { label: 'Close', type: 'final' } } } as never, env);
    const started = lifecycle.start(emptyContext(null, {}));
    expect(started.snapshot).toEqual(xstateStart(lifecycle, emptyContext(null, {})));
    expect((started.snapshot as unknown as { status: string }).status).toBe('done');
  });
});
