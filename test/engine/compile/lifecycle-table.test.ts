/**
 * The replayer's transition table answers every event as XState's own step does: on the recorded logs of
 * the shipped scenarios, each event and every other event of the lifecycle sent in its place (to reach the
 * refusals) give the same state, context, end and refusing guard through `CompiledLifecycle.advance`
 * (XState) and through the table.
 */
import { describe, expect, it } from 'vitest';
import { CompiledCallCache, emptyContext, type CompiledLifecycle, type InstanceContext, type LiveSnapshot, type StepEvent } from '../../../engine/compile/index.ts';
import { canonicalJson, loadRepository } from '../../../engine/definition/index.ts';
import { loadActivity } from '../../../engine/impact/index.ts';
import { tableOf } from '../../../engine/compile/lifecycle-table.ts';
import { CREATION_EVENT } from '../../../engine/runtime/instances.ts';
import { loadScenarioFile, runScenario } from '../../../engine/scenario/index.ts';

const repository = await loadRepository('definitions');
const files = (await Promise.all(repository.scenarioFiles.map((file) => loadScenarioFile(file)))).flatMap((f) => (f.scenarios && repository.calls.has(f.scenarios.call) ? [f.scenarios] : []));

/** One answer, comparable: what was taken or refused, or what was thrown. */
function answer(step: () => { kind: string; state?: string; context?: InstanceContext; done?: boolean; guard?: { id: string }; reason?: string }): string {
  try {
    const r = step();
    return canonicalJson({ kind: r.kind, state: r.state, context: r.context, done: r.done, guard: r.guard?.id, reason: r.reason }) ?? '';
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

let comparedInAll = 0;

describe('lifecycle tables against XState on the shipped scenarios', () => {
  for (const file of files) {
    it(`${file.call}: every recorded event, and every other event in its place, answers as XState does`, async () => {
      const cache = new CompiledCallCache({ territories: repository.territories });
      const differences: string[] = [];
      let compared = 0;
      for (const scenario of file.scenarios) {
        await runScenario(file, scenario, repository, {
          inspect: async ({ store }) => {
            const loaded = await loadActivity(store, file.call);
            if (loaded.kind !== 'loaded') return;
            const live = new Map<string, { lifecycle: CompiledLifecycle; snapshot: LiveSnapshot; state: string; context: InstanceContext }>();
            for (const event of loaded.activity.events) {
              const instance = loaded.activity.instances.get(event.instanceId)!;
              const call = cache.get(loaded.activity.definitions.get(event.definitionHash)!);
              if (event.type === CREATION_EVENT) {
                const lifecycle = call.lifecycle(instance.lifecycle);
                if (!lifecycle) continue;
                const created = event.payload as { applicant?: Record<string, unknown>; beneficiary?: Record<string, unknown>; data?: Record<string, unknown> };
                const started = lifecycle.start(emptyContext(instance.territory, created.applicant ?? created.beneficiary ?? created.data ?? {}));
                live.set(instance.id, { lifecycle, snapshot: lifecycle.resume(started.snapshot), state: started.state, context: started.context });
                continue;
              }
              const current = live.get(instance.id);
              if (!current || !current.lifecycle.events.has(event.type)) {
                live.delete(instance.id); // a migration: the instance leaves the comparison
                continue;
              }
              const table = tableOf(current.lifecycle);
              for (const type of [event.type, ...[...current.lifecycle.events.keys()].filter((t) => t !== event.type)]) {
                const sent: StepEvent = { type, payload: event.payload, date: event.date, facts: { quotas: {}, measures: {} } };
                const byXState = answer(() => current.lifecycle.advance(current.snapshot, sent));
                const byTable = answer(() => table.step(current.state, current.context, sent));
                compared += 1;
                if (byXState !== byTable) differences.push(`${scenario.id} ${instance.id} « ${type} » dans « ${current.state} » : XState ${byXState} ; table ${byTable}`);
              }
              const taken = current.lifecycle.advance(current.snapshot, { type: event.type, payload: event.payload, date: event.date, facts: { quotas: {}, measures: {} } });
              if (taken.kind === 'taken') Object.assign(current, { snapshot: taken.live, state: taken.state, context: taken.context });
            }
          },
        });
      }
      expect(differences.slice(0, 5)).toEqual([]);
      comparedInAll += compared;
    });
  }

  it('compared answers (a call whose scenarios record no step compares none)', () => {
    expect(comparedInAll).toBeGreaterThan(0);
  });
});
