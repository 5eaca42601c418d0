/**
 * Every scenario of every shipped call, once run on the engine, replays in memory to exactly what the store
 * holds (snapshots, timers, ledger rows); and a store altered behind the engine's back is caught, located.
 */
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { verifyStore } from '../../../engine/impact/index.ts';
import { loadScenarioFile, runScenario } from '../../../engine/scenario/index.ts';

const repository = await loadRepository('definitions');
const files = (await Promise.all(repository.scenarioFiles.map((file) => loadScenarioFile(file)))).flatMap((f) => (f.scenarios && repository.calls.has(f.scenarios.call) ? [f.scenarios] : []));

describe('verifyStore on the recorded activity of the shipped scenarios', () => {
  for (const file of files) {
    it(`${file.call}: every scenario's store equals the replay of its log`, async () => {
      const problems: string[] = [];
      for (const scenario of file.scenarios) {
        await runScenario(file, scenario, repository, {
          inspect: async ({ store }) => {
            const verdict = await verifyStore(store, { territories: repository.territories });
            for (const call of verdict.calls) for (const d of call.differences) problems.push(`${scenario.id} ${d.instanceId} ${d.what}: ${d.message}`);
          },
        });
      }
      expect(problems).toEqual([]);
    });
  }

  it('locates a snapshot, a ledger row and a timer changed behind the engine', async () => {
    const file = files.find((f) => f.call === 'equipes-mobiles-2025') ?? files[0]!;
    let verdicts: Array<Awaited<ReturnType<typeof verifyStore>>> = [];
    await runScenario(file, file.scenarios[0]!, repository, {
      inspect: async ({ store }) => {
        const measure = await store.db.selectFrom('instances').select(['id', 'snapshot']).where('kind', '=', 'measure').executeTakeFirstOrThrow();
        const snapshot = JSON.parse(measure.snapshot) as { context: { acts: Record<string, { quantity: number }> } };
        const act = Object.keys(snapshot.context.acts)[0]!;
        snapshot.context.acts[act]!.quantity += 1;
        await store.db.updateTable('instances').set({ snapshot: JSON.stringify(snapshot) }).where('id', '=', measure.id).execute();
        await store.db.updateTable('ledger').set({ amount_cents: 1 }).where('kind', '=', 'earned').execute();
        await store.db.deleteFrom('timers').execute();
        verdicts = [await verifyStore(store, { territories: repository.territories })];
      },
    });
    const verdict = verdicts[0]!;
    expect(verdict.ok).toBe(false);
    const whats = new Set(verdict.calls.flatMap((c) => c.differences.map((d) => d.what)));
    expect(whats).toContain('instantane');
    expect(whats).toContain('comptes');
    const snapshotDiff = verdict.calls.flatMap((c) => c.differences).find((d) => d.what === 'instantane');
    expect(snapshotDiff?.message).toMatch(/context\.acts\./);
  });
});
