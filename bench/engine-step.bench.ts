/**
 * `npm run bench -- engine-step`: the engine's full step against the least a durable step can cost, in the
 * same run, on the same disk.
 *
 * (a) Baseline: raw better-sqlite3 at the engine's durability setting (WAL, the store's `synchronous`),
 *     one transaction per step inserting an event row and upserting a snapshot row, into the engine's
 *     own `events` and `instances` tables (same indexes), with rows the size the engine writes.
 * (b) The engine: `engine.send` on mobile-team measures of `prevention-expulsions-2024` (both diagnostics,
 *     8 weeks, a landlord contact, the end), one step after the other: authorization, payload and guards,
 *     XState's pure transition, then the event, the snapshot, the timers and the money in one transaction.
 * (c) The same steps, 10 measures at a time, as a server receives them: the store commits steps that
 *     arrive together with one fsync (group commit), each acknowledged once durable.
 *
 * (d) The same steps on an in-memory store (no fsync): the CPU the engine itself spends per step.
 *
 * (a) and (b) take turns measure by measure (12 steps each), so that both meet the same disk and the same
 * neighbours; their total times are compared. Targets: (b)/(a) ≥ 0.8; (d) ≤ 30 µs of CPU per step. `BENCH_MEASURES=<n>` changes the
 * measures per round (default 100), `BENCH_ROUNDS=<n>` the rounds (default 3), `BENCH_LANES=<n>` the
 * measures at a time in (c) (default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { loadRepository } from '../engine/definition/index.ts';
import { createEngine, type Actor, type Engine } from '../engine/runtime/index.ts';
import { openSqliteStore, type Store } from '../engine/store/index.ts';
import { manualClock, parisInstant } from '../engine/time/index.ts';
import { signAgreements } from './signed-agreements.ts';

const MEASURES = Number(process.env.BENCH_MEASURES ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LANES = Number(process.env.BENCH_LANES ?? 10);
const TARGET = 0.8;
/** CPU per step in memory (no fsync): what the engine itself costs. */
const MEMORY_TARGET_MICROS = 30;

const operator: Actor = { id: 'asso-a-user', role: 'operator', operatorId: 'asso-a' };
const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };
const STEPS: Array<{ type: string; payload?: Record<string, unknown> }> = [
  { type: 'diagnostic-flash' },
  { type: 'diagnostic-approfondi' },
  ...Array.from({ length: 8 }, () => ({ type: 'semaine' })),
  { type: 'contact-bailleur' },
  { type: 'terminer', payload: { issue: 'maintien' } },
];

interface UnderTest {
  store: Store;
  engine: Engine;
  agreement: string;
}

/** The engine on a file store, with a signed agreement of the 2024 eviction-prevention call. */
async function engineUnderTest(file: string): Promise<UnderTest> {
  const store = await openSqliteStore({ file });
  const repository = await loadRepository(['definitions/shared', 'definitions/2024']);
  const clock = manualClock(parisInstant('2024-04-15', '12:00'));
  const engine = createEngine({ store, repository, clock });
  const [agreement] = await signAgreements(engine, clock, 1, 100_000_000);
  return { store, engine, agreement: agreement! };
}

/** Creates `count` measures under the agreement (not timed) and returns their ids. */
async function newMeasures(t: UnderTest, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let m = 0; m < count; m++) {
    const { instanceId } = await t.engine.createMeasure({ id: `${prefix}-m${m}`, parentId: t.agreement, measure: 'equipe-mobile', beneficiary: household, actor: operator });
    ids.push(instanceId);
  }
  return ids;
}

/** (b) for one measure: every `send` of its lifecycle, one after the other. */
async function engineMeasure(engine: Engine, id: string): Promise<void> {
  for (const [i, step] of STEPS.entries()) await engine.send(id, { ...step, actor: operator, idempotencyKey: `${id}.${i}` });
}

/** (c): the measures' lifecycles, `lanes` measures at a time. */
async function engineLanes(engine: Engine, ids: string[], lanes: number): Promise<void> {
  await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
    for (const id of ids.filter((_, i) => i % lanes === lane)) await engineMeasure(engine, id);
  }));
}

/** Rows the size the engine writes: a stored event and the measure's stored snapshot after it. */
interface Sample {
  event: { type: string; payload: string; actor: string; response: string; definitionHash: string; callId: string };
  instance: Record<string, unknown>;
}

async function sampleRows(store: Store): Promise<Sample> {
  const event = await store.db.selectFrom('events').selectAll().where('type', '=', 'semaine').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const instance = await store.db.selectFrom('instances').selectAll().where('id', '=', event.instance_id).executeTakeFirstOrThrow();
  return {
    event: { type: event.type, payload: event.payload, actor: event.actor, response: event.response, definitionHash: event.definition_hash, callId: event.call_id },
    instance,
  };
}

/** (a): as many steps as a measure's lifecycle on one instance, one transaction each (prepared statements). */
function baseline(db: Database.Database, sample: Sample): (id: string) => void {
  const insertEvent = db.prepare(
    'insert into events (instance_id, call_id, version, type, payload, actor, at, idempotency_key, definition_hash, response) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertSnapshot = db.prepare(
    `insert into instances (id, call_id, definition_hash, kind, lifecycle, measure_kind, report_id, operator_id, territory, parent_id, state, data, snapshot, version, selected_on, period_start, period_end, created_at, updated_at)
     values (@id, @call_id, @definition_hash, @kind, @lifecycle, @measure_kind, @report_id, @operator_id, @territory, @parent_id, @state, @data, @snapshot, @version, @selected_on, @period_start, @period_end, @created_at, @updated_at)
     on conflict (id) do update set state = excluded.state, data = excluded.data, snapshot = excluded.snapshot, version = excluded.version, updated_at = excluded.updated_at`,
  );
  const { event, instance } = sample;
  const step = db.transaction((id: string, version: number, at: string) => {
    insertEvent.run(id, event.callId, version, event.type, event.payload, event.actor, at, `${id}.${version}`, event.definitionHash, event.response);
    upsertSnapshot.run({ ...instance, id, version, updated_at: at });
  });
  return (id) => {
    for (let version = 1; version <= STEPS.length; version++) step(id, version, new Date().toISOString());
  };
}

/** Wall and CPU time spent by one side of the comparison, summed over the chunks it ran. */
class Tally {
  steps = 0;
  millis = 0;
  cpuMicros = 0;
  /** Runs `work` (`steps` steps) and adds its times. */
  async add(steps: number, work: () => unknown): Promise<void> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work();
    const used = process.cpuUsage(cpu);
    this.millis += performance.now() - started;
    this.cpuMicros += used.user + used.system;
    this.steps += steps;
  }
  get perSecond(): number {
    return this.steps / (this.millis / 1000);
  }
  get cpuPerStep(): number {
    return this.cpuMicros / this.steps;
  }
}

const perSecond = (n: number) => `${Math.round(n).toLocaleString('fr-FR')} pas/s`;
const decimal = (n: number) => n.toFixed(2).replace('.', ',');
const cpu = (tally: Tally) => `${Math.round(tally.cpuPerStep)} µs de CPU par pas`;

/** Runs the benchmark and prints the ratio. */
export async function run(): Promise<void> {
  console.log(`Charge moyenne : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-bench-'));
  try {
    const t = await engineUnderTest(join(dir, 'engine.sqlite'));
    const pragma = async (name: string) => Object.values((await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(t.store.db)).rows[0] ?? {})[0];
    const journal = String(await pragma('journal_mode'));
    const synchronous = Number(await pragma('synchronous'));

    // The baseline's file: the engine's schema (migrated by the store), then raw better-sqlite3 on it.
    const baselineFile = join(dir, 'baseline.sqlite');
    const schema = await openSqliteStore({ file: baselineFile });
    const { hash } = await t.store.db.selectFrom('definitions').select('hash').where('call_id', '=', 'prevention-expulsions-2024').executeTakeFirstOrThrow();
    await schema.putDefinition({ hash, callId: 'prevention-expulsions-2024', version: 1, json: {}, createdAt: new Date().toISOString() });
    await schema.close();
    const db = new Database(baselineFile);
    db.pragma(`journal_mode = ${journal}`);
    db.pragma(`synchronous = ${synchronous}`);

    // Warm up (JIT, caches, statements prepared). Then (a) and (b) take turns measure by measure; (c) runs
    // in rounds of its own.
    await engineLanes(t.engine, await newMeasures(t, 'w', MEASURES), 1);
    await engineLanes(t.engine, await newMeasures(t, 'wp', MEASURES), LANES);
    const raw = baseline(db, await sampleRows(t.store));
    for (let m = 0; m < MEASURES; m++) raw(`w-m${m}`);
    const memory = await engineUnderTest(':memory:');
    await engineLanes(memory.engine, await newMeasures(memory, 'w', MEASURES), 1);
    const a = new Tally();
    const b = new Tally();
    const c = new Tally();
    const d = new Tally();
    for (let round = 0; round < ROUNDS; round++) {
      const ids = await newMeasures(t, `r${round}`, MEASURES);
      for (const [m, id] of ids.entries()) {
        await a.add(STEPS.length, () => raw(`r${round}-m${m}`));
        await b.add(STEPS.length, () => engineMeasure(t.engine, id));
      }
      const inMemory = await newMeasures(memory, `r${round}`, MEASURES);
      await d.add(inMemory.length * STEPS.length, () => engineLanes(memory.engine, inMemory, 1));
      const together = await newMeasures(t, `p${round}`, MEASURES);
      await c.add(together.length * STEPS.length, () => engineLanes(t.engine, together, LANES));
    }
    db.close();
    await t.store.close();
    await memory.store.close();

    const ratio = b.perSecond / a.perSecond;
    const syncName = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][synchronous] ?? String(synchronous);
    console.log(`SQLite ${journal.toUpperCase()}, synchronous = ${syncName} ; ${a.steps} pas de chaque côté`);
    console.log(`  (a) référence better-sqlite3 (1 événement inséré + 1 instantané mis à jour par transaction) : ${perSecond(a.perSecond)} ; ${cpu(a)}`);
    console.log(`  (b) engine.send un pas après l'autre (équipe mobile, prevention-expulsions-2024) :         ${perSecond(b.perSecond)} ; ${cpu(b)}`);
    console.log(`  (c) engine.send, ${LANES} dossiers à la fois (commit groupé, chaque pas acquitté une fois durable) : ${perSecond(c.perSecond)} ; ${cpu(c)}`);
    console.log(`  (d) engine.send en mémoire (sans fsync) : ${cpu(d)} (objectif ≤ ${MEMORY_TARGET_MICROS} µs) ${d.cpuPerStep <= MEMORY_TARGET_MICROS ? 'atteint' : 'NON ATTEINT'}`);
    console.log(`  (b)/(a) = ${decimal(ratio)}  (objectif ≥ ${decimal(TARGET)}) ${ratio >= TARGET ? 'atteint' : 'NON ATTEINT'}`);
    console.log(`  (c)/(a) = ${decimal(c.perSecond / a.perSecond)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
