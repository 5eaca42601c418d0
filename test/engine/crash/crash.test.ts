/**
 * The crash test: a child process applies events (`crash-child.ts`) and is killed with SIGKILL at random
 * points, several rounds, then runs to the end. Every event it acknowledged must be in the log exactly
 * once, and every snapshot must equal the replay of its log through the compiled machine. Runs on the
 * store of the vitest project (SQLite file, or PostgreSQL). `CRASH_SEED=<n>` replays a failing run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { createEngine } from '../../../engine/runtime/index.ts';
import { openStore } from '../../../engine/store/index.ts';
import { manualClock, parisInstant } from '../../../engine/time/index.ts';
import { testStoreKind } from '../../support/test-store.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const MEASURES = 6;
const EVENTS_PER_MEASURE = 13; // the creation and 12 events (see crash-child.ts)
const KILLS = 4;
const dir = mkdtempSync(join(tmpdir(), 'dispositifs-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildRun {
  acks: string[];
  killed: boolean;
  done: boolean;
  stderr: string;
  code: number | null;
}

/** Runs the child; kills it `killAfter` acknowledgements after `ready`, `delayMs` later (never if Infinity). */
function runChild(url: string, resume: number, killAfter: number, delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, String(MEASURES), String(resume)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { acks: [], killed: false, done: false, stderr: '', code: null };
    let ready = false;
    let afterReady = 0;
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') ready = true;
      else if (line === 'done') run.done = true;
      else if (line.startsWith('ack ')) {
        run.acks.push(line.slice(4));
        if (ready && ++afterReady === killAfter) setTimeout(() => (run.killed = child.kill('SIGKILL')), delayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ...run, code }));
  });
}

describe(`crash test (${testStoreKind})`, () => {
  it('keeps every acknowledged event exactly once, and every snapshot equal to the replay of its log, across SIGKILLs', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seededRandom(seed);
    const context = `graine CRASH_SEED=${seed}`;
    const url = testStoreKind === 'postgres'
      ? (await (await import('../../support/postgres.ts')).createMigratedDatabase('crash')).url
      : join(dir, 'crash.sqlite');

    const acknowledged = new Set<string>();
    let resume = 0;
    let kills = 0;
    for (let round = 0; round <= KILLS; round++) {
      const last = round === KILLS;
      const run = await runChild(url, resume, last ? Infinity : 1 + Math.floor(random() * 2 * EVENTS_PER_MEASURE), random() * 4);
      for (const key of run.acks) acknowledged.add(key);
      if (run.killed) kills++;
      else expect(run, `${context} : l'enfant a échoué\n${run.stderr}`).toMatchObject({ code: 0, done: true });
      // Resume at the measure of the last acknowledgement: its acknowledged events are sent again.
      const measure = [...run.acks].reverse().map((key) => /^m(\d+)/.exec(key)?.[1]).find((m) => m !== undefined);
      if (measure !== undefined) resume = Number(measure);
    }
    expect(kills, `${context} : au moins un arrêt brutal`).toBeGreaterThan(0);

    const store = await openStore(url, { poolSize: 2 });
    try {
      // Every acknowledged event is present exactly once (and no key was applied twice).
      const keyed = await store.db.selectFrom('events').select(['idempotency_key as key', sql<number>`count(*)`.as('n')])
        .where('idempotency_key', 'is not', null).groupBy('idempotency_key').execute();
      // Keys are stored scoped to their sender (`[...scope, key]`): the child's keys are the last item.
      const counts = new Map(keyed.map((row) => [(JSON.parse(row.key!) as string[]).at(-1), Number(row.n)]));
      expect([...counts].filter(([, n]) => n !== 1), `${context} : clés appliquées plusieurs fois`).toEqual([]);
      expect([...acknowledged].filter((key) => counts.get(key) !== 1), `${context} : événements acquittés perdus`).toEqual([]);
      expect(counts.size, `${context} : tout le plan appliqué`).toBe(3 + MEASURES * EVENTS_PER_MEASURE);

      // Every snapshot equals the replay of its log, and the log has no gap.
      const repository = await loadRepository(['definitions/shared', 'definitions/2024']);
      const engine = createEngine({ store, repository, clock: manualClock(parisInstant('2024-12-02', '12:00')) });
      const { items } = await store.listInstances({}, { limit: 1000 });
      expect(items.filter((i) => i.kind === 'measure')).toHaveLength(MEASURES);
      for (const instance of items) {
        const versions = (await store.listEvents(instance.id)).map((e) => e.version);
        expect(versions, `${context} : journal de ${instance.id}`).toEqual(Array.from({ length: instance.version }, (_, i) => i + 1));
        const replayed = await engine.replay(instance.id);
        expect({ state: replayed.state, version: replayed.version, snapshot: replayed.snapshot }, `${context} : rejeu de ${instance.id}`)
          .toEqual({ state: instance.state, version: instance.version, snapshot: instance.snapshot });
      }
      // Money was written once per act: each measure earned 150 € + 370 € + 8 × 55 €.
      const earned = (await store.listLedger('crash-agreement')).filter((row) => row.kind === 'earned').reduce((sum, row) => sum + row.amountCents, 0);
      expect(earned, context).toBe(MEASURES * 96_000);
      if (store.dialect === 'sqlite') {
        expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)).rows).toEqual([{ integrity_check: 'ok' }]);
      }
    } finally {
      await store.close();
    }
  }, 180_000);
});
