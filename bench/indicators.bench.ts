/**
 * `npm run bench -- indicators`: a call's indicators over 100 000 measures and 1 000 000 events, the
 * engine's way (definition → kysely → the store's connection → roll-up and labels) against hand-written
 * SQL GROUP BY queries computing the same groups on a raw better-sqlite3 connection, in the same run.
 *
 * Data: generated with raw better-sqlite3 in one transaction, into a temporary file migrated by the
 * store: 100 000 households of `equipes-mobiles-2025` over 2025 (20 operators, five territories, states
 * and debts spread), ten events each (creation, diagnostics, weeks of support, landlord contacts, end).
 *
 * Two sets of indicators are timed: the call's own four (as the sources list them: households, open and
 * closed interventions, landlords contacted), judged against the targets; and, for information, the
 * same call with the breakdowns a committee asks for (by territory and by Paris month, weeks of support
 * by month, outcomes by territory, average debt) — seven indicators, judged on the ratio only. Rounds
 * alternate the two sides; the medians are compared. Targets: engine / hand-written ≤ 1.5, and the
 * engine under 0.5 s (CPU time, see `compare`). `BENCH_ROUNDS=<n>` (default 7),
 * `BENCH_MEASURES=<n>` (default 100 000; ten events each), `BENCH_KEEP=1` keeps the generated database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildRepository, type ResolvedCall } from '../engine/definition/index.ts';
import { reportDialect, runIndicators, type IndicatorResult } from '../engine/report/index.ts';
import { openSqliteStore, type Store } from '../engine/store/index.ts';

const MEASURES = Number(process.env.BENCH_MEASURES ?? 100_000);
const EVENTS_PER_MEASURE = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TARGET_RATIO = 1.5;
const TARGET_MS = 500;
const CALL = 'equipes-mobiles-2025';

/** The call with the breakdowns a committee asks for (monthly and by territory, as the hotline call lists them). */
const WITH_BREAKDOWNS = `
kind: call
extends: ${CALL}
id: equipes-mobiles-2025-ventile
title: Équipes mobiles 2025, indicateurs ventilés
version: 1
indicators:
  menages-eligibles: { groupBy: [territory, month] }
  bailleurs-contactes: { groupBy: [territory, month] }
  semaines-accompagnement:
    label: Semaines d'accompagnement réalisées
    kind: count
    of: events
    event: semaine
    groupBy: [month]
  issues:
    label: Issue des interventions
    kind: distribution
    of: measures
    measure: equipe-mobile
    field: issue
    groupBy: [territory]
  dette-moyenne:
    label: Dette locative moyenne
    kind: average
    of: measures
    measure: equipe-mobile
    field: montant-dette
    groupBy: [territory]
`;

const TERRITORIES = ['lens-henin', 'artois', 'boulonnais', 'audomarois', 'montreuillois'];
const ISSUES = ['maintien', 'orientation', 'resolution-amiable', 'expulsion', 'autre'];
const OPEN = ['reperee', 'diagnostiquee', 'diagnostic-approfondi-realise', 'accompagnement'];

/** Paris month of an ISO instant stored as text, as a hand-writer would spell it for SQLite. */
const month = (column: string) =>
  `(case when substr(${column}, 9, 2) >= '28' and substr(${column}, 12, 2) >= '22' then strftime('%Y-%m', ${column}, case when substr(${column}, 6, 2) between '03' and '09' then '+2 hours' else '+1 hours' end) else substr(${column}, 1, 7) end)`;

/** The hand-written queries: the same groups as the engine's, per indicator (`@call` is the call id). */
const HAND_WRITTEN: Record<string, string[]> = {
  [CALL]: [
    `select territory, count(*) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' group by territory`,
    `select count(*) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' and state in ('reperee', 'diagnostiquee', 'diagnostic-approfondi-realise', 'accompagnement')`,
    `select count(*) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' and state in ('terminee', 'sans-suite')`,
    `select count(*) from events e join instances i on i.id = e.instance_id where e.call_id = @call and e.type = 'contact-bailleur' and i.call_id = @call and i.kind = 'measure' and i.measure_kind = 'equipe-mobile'`,
  ],
  'equipes-mobiles-2025-ventile': [
    `select territory, ${month('created_at')}, count(*) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' group by 1, 2`,
    `select count(*) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' and state in ('reperee', 'diagnostiquee', 'diagnostic-approfondi-realise', 'accompagnement')`,
    `select count(*) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' and state in ('terminee', 'sans-suite')`,
    `select i.territory, ${month('e.at')}, count(*) from events e join instances i on i.id = e.instance_id where e.call_id = @call and e.type = 'contact-bailleur' and i.call_id = @call and i.kind = 'measure' and i.measure_kind = 'equipe-mobile' group by 1, 2`,
    `select ${month('at')}, count(*) from events where call_id = @call and type = 'semaine' group by 1`,
    `select territory, json_extract(data, '$.issue'), count(*) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' group by 1, 2`,
    `select territory, count(*), sum(json_extract(data, '$."montant-dette"')), count(json_extract(data, '$."montant-dette"')) from instances where call_id = @call and kind = 'measure' and measure_kind = 'equipe-mobile' group by territory`,
  ],
};

/** A small deterministic generator, so that every run measures the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/**
 * Fills the store's tables with raw better-sqlite3, in one transaction. The store's indexes on those tables
 * are dropped first and created again afterwards from their own definitions (faster than maintaining them
 * row by row; the same indexes in the end).
 */
function generate(file: string, call: ResolvedCall): { measures: number; events: number; ms: number } {
  const started = performance.now();
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const indexes = db
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('instances', 'events')`)
    .all() as Array<{ name: string; sql: string }>;
  const next = random(2025);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  // Instance ids are UUIDs, as the engine makes them: their order is not the order of insertion.
  const uuid = () => Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  const at = (day: number, minute: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString();
  const insertInstance = db.prepare(
    `insert into instances (id, call_id, definition_hash, kind, lifecycle, measure_kind, report_id, operator_id, territory, parent_id, state, data, snapshot, version, selected_on, period_start, period_end, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `insert into events (instance_id, call_id, version, type, payload, actor, at, idempotency_key, definition_hash, response) values (?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  let events = 0;
  db.transaction(() => {
    for (const index of indexes) db.exec(`drop index "${index.name}"`);
    db.prepare(`insert into definitions (hash, call_id, version, json, created_at) values (?, ?, ?, '{}', ?)`).run(call.hash, call.id, call.version, at(0, 0));
    const operators = Array.from({ length: 20 }, (_, i) => ({ id: `asso-${String(i + 1).padStart(2, '0')}`, territory: TERRITORIES[i % TERRITORIES.length]! }));
    for (const operator of operators) {
      insertInstance.run(`app-${operator.id}`, call.id, call.hash, 'application', 'application', null, operator.id, operator.territory, null, 'conventionnee', '{"montant":5000000}', '{}', 3, '2025-01-10', at(9, 600), at(9, 600));
    }
    for (let i = 0; i < MEASURES; i += 1) {
      const operator = pick(operators);
      const id = uuid();
      const day = Math.floor(next() * 330);
      const created = at(day, Math.floor(next() * 1440));
      const closed = next() < 0.6;
      const state = closed ? (next() < 0.9 ? 'terminee' : 'sans-suite') : pick(OPEN);
      const data: Record<string, unknown> = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true, 'impayes-loyer': true };
      if (next() < 0.8) data['montant-dette'] = 20_000 + Math.floor(next() * 800_000);
      if (state === 'terminee') data.issue = pick(ISSUES);
      // A snapshot the size of the engine's (state, context with data, acts and milestones).
      const snapshot = JSON.stringify({ status: closed ? 'done' : 'active', value: state, context: { territory: operator.territory, data, acts: { 'diagnostic-flash': { quantity: 1 }, semaine: { quantity: 4 } }, period: null, milestones: { payments: [] } } });
      insertInstance.run(id, call.id, call.hash, 'measure', 'measure:equipe-mobile', 'equipe-mobile', operator.id, operator.territory, `app-${operator.id}`, state, JSON.stringify(data), snapshot, EVENTS_PER_MEASURE, null, created, created);
      const actor = `{"id":"u-${operator.id}","role":"operator"}`;
      const types = ['@creation', 'diagnostic-flash', next() < 0.3 ? 'diagnostic-approfondi' : 'contact-bailleur', 'semaine', 'semaine', 'semaine', 'semaine', 'contact-bailleur', 'contact-bailleur', closed ? 'terminer' : 'semaine'];
      for (const [k, type] of types.entries()) {
        const payload = type === 'terminer' ? JSON.stringify({ issue: data.issue ?? 'autre' }) : type === '@creation' ? JSON.stringify({ beneficiary: data }) : '{}';
        const response = `{"instanceId":"${id}","version":${k + 1},"state":"${state}"}`;
        insertEvent.run(id, call.id, k + 1, type, payload, actor, at(day + k * 3, 600 + k), call.hash, response);
        events += 1;
      }
    }
    for (const index of indexes) db.exec(index.sql);
  })();
  db.exec('analyze');
  db.close();
  return { measures: MEASURES, events, ms: performance.now() - started };
}

/** The two sides of one set of indicators. */
interface Contender {
  engine: () => Promise<IndicatorResult[]>;
  handWritten: () => unknown[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time and CPU time (user + system) of one run, in milliseconds. */
interface Timing {
  wall: number;
  cpu: number;
}

async function time(run: () => unknown): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

/**
 * Times both sides in alternating rounds and prints their medians. The targets are judged on CPU time:
 * the queries run on one thread, so on an idle machine CPU time is the wall time, and on a shared one
 * it is what the queries cost rather than how long they waited for a processor.
 */
async function compare(label: string, contender: Contender, judged: boolean): Promise<boolean> {
  await contender.engine();
  contender.handWritten();
  const engine: Timing[] = [];
  const hand: Timing[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    if (round % 2 === 0) {
      engine.push(await time(contender.engine));
      hand.push(await time(contender.handWritten));
    } else {
      hand.push(await time(contender.handWritten));
      engine.push(await time(contender.engine));
    }
  }
  const e = { wall: median(engine.map((t) => t.wall)), cpu: median(engine.map((t) => t.cpu)) };
  const h = { wall: median(hand.map((t) => t.wall)), cpu: median(hand.map((t) => t.cpu)) };
  const ratio = e.cpu / h.cpu;
  const ok = ratio <= TARGET_RATIO && e.cpu < TARGET_MS;
  console.log(
    `  ${label}\n` +
      `    moteur ${ms(e.cpu)} de CPU (${ms(e.wall)} mesurées), SQL écrit à la main ${ms(h.cpu)} de CPU (${ms(h.wall)} mesurées), médianes de ${ROUNDS} tours\n` +
      (judged
      ? `    rapport moteur / SQL écrit à la main : ${ratio.toFixed(2)} (cible ≤ ${TARGET_RATIO}) ; moteur ${ms(e.cpu)} (cible < ${TARGET_MS} ms) ${ok ? '✓' : '✗'}`
      : `    rapport moteur / SQL écrit à la main : ${ratio.toFixed(2)} (cible ≤ ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? '✓' : '✗'} ; à titre d'information, hors cible de durée`),
  );
  return judged ? ok : ratio <= TARGET_RATIO;
}

/** Checks that both sides count the same rows (the hand-written totals against the engine's). */
function sameTotals(results: IndicatorResult[], hand: unknown[]): void {
  const engineTotals = results.map((r) => (r.status === 'ok' ? r.n : NaN));
  const handTotals = hand.map((rows) => (rows as unknown[][]).reduce((sum, row) => sum + Number(row[row.length - (row.length === 4 ? 3 : 1)]), 0));
  if (engineTotals.join() !== handTotals.join()) throw new Error(`Les deux côtés ne comptent pas pareil : moteur ${engineTotals.join()} ; SQL ${handTotals.join()}`);
}

/** Runs the benchmark and prints its ratios. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-indicateurs-'));
  const file = join(dir, 'indicateurs.sqlite');
  let store: Store | undefined;
  let raw: Database.Database | undefined;
  try {
    const sources = await Promise.all((await yamlFiles('definitions')).map(async (f) => ({ file: f, text: await readFile(f, 'utf8') })));
    const repository = buildRepository([...sources, { file: 'bench/equipes-mobiles-2025-ventile.yaml', text: WITH_BREAKDOWNS }]);
    const calls = [CALL, 'equipes-mobiles-2025-ventile'].map((id) => {
      const call = repository.calls.get(id);
      if (!call) throw new Error(`Appel ${id} invalide : ${repository.findings.filter((f) => f.severity === 'error').map((f) => f.message).join(' ; ')}`);
      return call;
    });

    await (await openSqliteStore({ file })).close(); // the store's schema and indexes
    const generated = generate(file, calls[0]!);
    console.log(`  données : ${generated.measures.toLocaleString('fr-FR')} mesures, ${generated.events.toLocaleString('fr-FR')} événements, générées en ${(generated.ms / 1000).toFixed(1)} s`);

    store = await openSqliteStore({ file });
    raw = new Database(file, { readonly: true });
    const load = loadavg()[0] ?? 0;
    console.log(`  charge de la machine : ${load.toFixed(1)} pour ${availableParallelism()} processeur(s)${load > availableParallelism() ? ' : les durées mesurées attendent le processeur, le temps CPU moins' : ''}`);
    let ok = true;
    for (const call of calls) {
      // Both sides read the data of the call the rows were written under.
      const engine = () =>
        runIndicators({
          db: store!.db, dialect: reportDialect('sqlite'), callId: CALL, call: call.definition, viewer: { role: 'departement' },
          disclosure: { masked: false, threshold: 5 }, labels: { territories: repository.territories },
        });
      const statements = HAND_WRITTEN[call.id]!.map((text) => raw!.prepare(text).raw(true));
      const handWritten = () => statements.map((statement) => statement.all({ call: CALL }));
      sameTotals(await engine(), handWritten());
      const count = Object.keys(call.definition.indicators ?? {}).length;
      const judged = call.id === CALL;
      const label = judged ? `${call.id} : les ${count} indicateurs de l'appel` : `${call.id} : ${count} indicateurs ventilés par territoire et par mois (données de l'appel)`;
      ok = (await compare(label, { engine, handWritten }, judged)) && ok;
    }
    if (!ok) process.exitCode = 1;
  } finally {
    raw?.close();
    await store?.close();
    if (process.env.BENCH_KEEP) console.log(`  base conservée : ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function yamlFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await yamlFiles(path)));
    else if (entry.name.endsWith('.yaml') && !entry.name.endsWith('.scenarios.yaml')) files.push(path);
  }
  return files.sort();
}
