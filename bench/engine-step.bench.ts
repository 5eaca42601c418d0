/**
 * `npm run bench -- engine-step`: the engine's full step against the least a durable step can cost, in the
 * same run, on the same disk.
 *
 * (a) Baseline: raw better-sqlite3 at the engine's durability setting (WAL, the store's `synchronous`),
 *     one transaction per step inserting an event row and upserting a snapshot row, into the engine's
 *     own `events` and `instances` tables (same indexes), with rows the size the engine writes.
 * (b) The engine: `engine.send` on mobile-team measures of `prevention-expulsions-2024` (both diagnostics,
 *     8 weeks, a landlord contact, the end): authorization, payload and guards, XState's pure transition,
 *     then the event, the snapshot, the timers and the money in one transaction.
 *
 * Rounds alternate (a) and (b) so that both see the same machine; the medians are compared. Target:
 * (b)/(a) ≥ 0.6. `BENCH_MEASURES=<n>` changes the measures per round (default 100, 12 steps each),
 * `BENCH_ROUNDS=<n>` the rounds (default 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { loadRepository } from '../engine/definition/index.ts';
import { createEngine, type Actor, type Engine } from '../engine/runtime/index.ts';
import { openSqliteStore, type Store } from '../engine/store/index.ts';
import { manualClock, parisInstant } from '../engine/time/index.ts';

const MEASURES = Number(process.env.BENCH_MEASURES ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 0.6;

const operator: Actor = { id: 'asso-a-user', role: 'operator', operatorId: 'asso-a' };
const departement: Actor = { id: 'agent-1', role: 'departement' };
const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };
const STEPS: Array<{ type: string; payload?: Record<string, unknown> }> = [
  { type: 'diagnostic-flash' },
  { type: 'diagnostic-approfondi' },
  ...Array.from({ length: 8 }, () => ({ type: 'semaine' })),
  { type: 'contact-bailleur' },
  { type: 'terminer', payload: { issue: 'maintien' } },
];

/** The engine on a file store, with a signed agreement of the 2024 eviction-prevention call. */
async function engineUnderTest(file: string): Promise<{ store: Store; engine: Engine; agreement: string }> {
  const store = await openSqliteStore({ file });
  const repository = await loadRepository(['definitions/shared', 'definitions/2024']);
  const clock = manualClock(parisInstant('2024-04-15', '12:00'));
  const engine = createEngine({ store, repository, clock });
  const { instanceId: agreement } = await engine.createApplication({
    callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator,
  });
  clock.set(parisInstant('2024-06-10', '12:00'));
  await engine.send(agreement, { type: 'retenir', actor: departement });
  clock.set(parisInstant('2024-11-15', '12:00'));
  await engine.send(agreement, { type: 'signer', payload: { montant: 100_000_000 }, actor: departement });
  clock.set(parisInstant('2024-12-02', '12:00'));
  return { store, engine, agreement };
}

/** A round's throughput (steps per second of wall time) and its CPU time per step (µs). */
interface Round {
  perSecond: number;
  cpuMicros: number;
}

function timed<T>(steps: number, work: () => T): T extends Promise<unknown> ? Promise<Round> : Round {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const done = (): Round => {
    const used = process.cpuUsage(cpu);
    return { perSecond: steps / ((performance.now() - started) / 1000), cpuMicros: (used.user + used.system) / steps };
  };
  const result = work();
  return (result instanceof Promise ? result.then(done) : done()) as never;
}

/** (b): creates the round's measures (not timed), then times every `send` of their lifecycles. */
async function engineRound(t: { engine: Engine; agreement: string }, round: number): Promise<Round> {
  const ids: string[] = [];
  for (let m = 0; m < MEASURES; m++) {
    const { instanceId } = await t.engine.createMeasure({ id: `r${round}-m${m}`, parentId: t.agreement, measure: 'equipe-mobile', beneficiary: household, actor: operator });
    ids.push(instanceId);
  }
  return timed(ids.length * STEPS.length, async () => {
    for (const id of ids) {
      for (const [i, step] of STEPS.entries()) await t.engine.send(id, { ...step, actor: operator, idempotencyKey: `${id}.${i}` });
    }
  });
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

/** (a): one transaction per step, an event insert and a snapshot upsert, on prepared statements. */
function baselineRound(db: Database.Database, sample: Sample, round: number): Round {
  const insertEvent = db.prepare(
    'insert into events (instance_id, call_id, version, type, payload, actor, at, idempotency_key, definition_hash, response) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertSnapshot = db.prepare(
    `insert into instances (id, call_id, definition_hash, kind, lifecycle, measure_kind, report_id, operator_id, territory, parent_id, state, data, snapshot, version, selected_on, period_start, period_end, created_at, updated_at)
     values (@id, @call_id, @definition_hash, @kind, @lifecycle, @measure_kind, @report_id, @operator_id, @territory, @parent_id, @state, @data, @snapshot, @version, @selected_on, @period_start, @period_end, @created_at, @updated_at)
     on conflict (id) do update set state = excluded.state, data = excluded.data, snapshot = excluded.snapshot, version = excluded.version, updated_at = excluded.updated_at`,
  );
  const { event, instance } = sample;
  const at = new Date().toISOString();
  const step = db.transaction((id: string, version: number) => {
    insertEvent.run(id, event.callId, version, event.type, event.payload, event.actor, at, `${id}.${version}`, event.definitionHash, event.response);
    upsertSnapshot.run({ ...instance, id, version, updated_at: at });
  });
  return timed(MEASURES * STEPS.length, () => {
    for (let m = 0; m < MEASURES; m++) {
      for (let v = 1; v <= STEPS.length; v++) step(`r${round}-m${m}`, v);
    }
  });
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;
const perSecond = (n: number) => `${Math.round(n).toLocaleString('fr-FR')}/s`;

/** Runs the benchmark and prints the ratio. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-bench-'));
  try {
    const t = await engineUnderTest(join(dir, 'engine.sqlite'));
    const pragma = async (name: string) => Object.values((await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(t.store.db)).rows[0] ?? {})[0];
    const journal = String(await pragma('journal_mode'));
    const synchronous = Number(await pragma('synchronous'));

    // The baseline's file: the engine's schema (migrated by the store), then raw better-sqlite3 on it.
    const baselineFile = join(dir, 'baseline.sqlite');
    const schema = await openSqliteStore({ file: baselineFile });
    await schema.putDefinition({ hash: String((await sampleDefinition(t.store)).hash), callId: 'prevention-expulsions-2024', version: 1, json: {}, createdAt: new Date().toISOString() });
    await schema.close();
    const db = new Database(baselineFile);
    db.pragma(`journal_mode = ${journal}`);
    db.pragma(`synchronous = ${synchronous}`);

    // Warm up both (JIT, caches, the statements prepared), then alternate timed rounds.
    await engineRound(t, -1);
    const sample = await sampleRows(t.store);
    baselineRound(db, sample, -1);
    const baseline: Round[] = [];
    const engine: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(baselineRound(db, sample, round));
      engine.push(await engineRound(t, round));
    }
    db.close();
    await t.store.close();

    const a = median(baseline.map((r) => r.perSecond));
    const b = median(engine.map((r) => r.perSecond));
    const ratio = b / a;
    const cpu = (rounds: Round[]) => `${Math.round(median(rounds.map((r) => r.cpuMicros)))} µs de CPU par pas`;
    const syncName = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][synchronous] ?? String(synchronous);
    console.log(`SQLite ${journal.toUpperCase()}, synchronous = ${syncName} ; ${ROUNDS} tours de ${MEASURES * STEPS.length} pas (médianes)`);
    console.log(`  (a) référence better-sqlite3 (1 événement inséré + 1 instantané mis à jour par transaction) : ${perSecond(a)}  [${baseline.map((r) => perSecond(r.perSecond)).join(', ')}] ; ${cpu(baseline)}`);
    console.log(`  (b) engine.send, équipe mobile de prevention-expulsions-2024 :                            ${perSecond(b)}  [${engine.map((r) => perSecond(r.perSecond)).join(', ')}] ; ${cpu(engine)}`);
    console.log(`  (b)/(a) = ${ratio.toFixed(2).replace('.', ',')}  (objectif ≥ ${String(TARGET).replace('.', ',')}) ${ratio >= TARGET ? 'atteint' : 'NON ATTEINT'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sampleDefinition(store: Store) {
  return store.db.selectFrom('definitions').select('hash').where('call_id', '=', 'prevention-expulsions-2024').executeTakeFirstOrThrow();
}
