/**
 * `npm run bench -- scale [--sizes=1000,10000,…] [--max=<n>] [--conventions=1|100]`: how the engine's
 * operations grow with the number of measures, under one agreement and spread over 100 agreements, at
 * 1 000, 10 000, 100 000 and 1 000 000 measures (`--sizes` chooses them, `--max` bounds them, `--conventions`
 * keeps one layout; `BENCH_SIZES`, `BENCH_MAX` work too; `BENCH_KEEP=1` keeps the generated databases).
 *
 * Data: a signed agreement of `prevention-expulsions-2024` (or 100), one mobile-team measure taken by the
 * engine through both diagnostics and four weeks of support; its stored row, its creation and last events
 * and its last ledger row are then copied in bulk, in the store's own row format, with raw better-sqlite3
 * in transactions of 50 000 (ids, parents and creation instants changed) up to each size, into the engine's
 * own file store (WAL, synchronous = FULL): a million engine steps would take hours, a million copied rows a
 * few minutes. The output says so.
 *
 * Per size it prints the median CPU time (wall time for the durable step) of: a step (`engine.send` on a
 * fresh measure of the first agreement, durable), `engine.get` of a measure, `engine.list` of a page of 50
 * of the first agreement's measures (the first page, and one in the middle through its cursor),
 * `engine.ledger` of the first agreement (its sums by aggregate queries, its schedule, its first page of
 * rows), `engine.ledgerRows` (a page of 50 rows in the middle), the call's indicators (`runIndicators`) and
 * its whole report (`buildReport`) — with the growth factor from the previous size. The sizes grow
 * tenfold: a linear operation grows about ×10, n log n a little more (×10 to ×13 here), a page or a get
 * stays flat. The verdict marks any factor above n log n's (with 30 % of margin for noise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadRepository } from '../engine/definition/index.ts';
import { buildReport, reportDialect, runIndicators } from '../engine/report/index.ts';
import { createEngine, type Actor, type Engine } from '../engine/runtime/index.ts';
import { openSqliteStore, type Store } from '../engine/store/index.ts';
import { encodeCursor, encodeLedgerCursor } from '../engine/store/rows.ts';
import { manualClock, parisInstant } from '../engine/time/index.ts';
import { BENCH_CALL, benchHousehold, benchOperator, signAgreements } from './signed-agreements.ts';

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const CALL = BENCH_CALL;
const operator = benchOperator;
const departement: Actor = { id: 'agent-1', role: 'departement' };
const household = benchHousehold;
const TEMPLATE_STEPS = ['diagnostic-flash', 'diagnostic-approfondi', 'semaine', 'semaine', 'semaine', 'semaine'];

/** The sizes asked for: `--sizes=1000,100000` (or `BENCH_SIZES`), else those up to `--max` (or `BENCH_MAX`), else all four. */
function chosenSizes(): number[] {
  const read = (name: string, env: string | undefined) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? env;
  const listed = read('sizes', process.env.BENCH_SIZES);
  if (listed !== undefined) {
    const sizes = listed.split(',').map((s) => Number(s.trim().replaceAll('_', '')));
    if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 100)) {
      throw new Error(`--sizes attend des entiers d'au moins 100 séparés par des virgules, par exemple --sizes=1000,10000 (reçu « ${listed} »).`);
    }
    return [...new Set(sizes)].sort((a, b) => a - b);
  }
  const flag = read('max', process.env.BENCH_MAX);
  const max = flag === undefined ? 1_000_000 : Number(flag.replaceAll('_', ''));
  if (!Number.isInteger(max) || max < 1_000) throw new Error(`--max doit être un entier d'au moins 1000 (reçu « ${flag} »).`);
  return SIZES.filter((s) => s <= max);
}

/**
 * Median of `runs` timings of `work`, in milliseconds of this process's CPU (user + system): on a machine
 * shared with others, wall time measures the neighbours. A durable step waits on fsync, not on the CPU: it
 * is timed on the wall clock.
 */
async function median(runs: number, work: (i: number) => Promise<unknown>, clock: 'cpu' | 'wall' = 'cpu'): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work(i);
    const used = process.cpuUsage(cpu);
    times.push(clock === 'wall' ? performance.now() - started : (used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

interface World {
  store: Store;
  engine: Engine;
  raw: Database.Database;
  agreements: string[];
  grow: (to: number) => void;
  size: number;
  fresh: number;
}

async function world(file: string, agreementCount: number): Promise<World> {
  const store = await openSqliteStore({ file });
  const repository = await loadRepository(['definitions/shared', 'definitions/2024']);
  const clock = manualClock(parisInstant('2024-04-15', '12:00'));
  const engine = createEngine({ store, repository, clock });
  const agreements = await signAgreements(engine, clock, agreementCount);
  const { instanceId: template } = await engine.createMeasure({ id: 'modele', parentId: agreements[0]!, measure: 'equipe-mobile', beneficiary: household, actor: operator });
  for (const type of TEMPLATE_STEPS) await engine.send(template, { type, actor: operator });

  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const row = raw.prepare('select * from instances where id = ?').get(template) as Record<string, unknown>;
  const events = raw.prepare('select * from events where instance_id = ? and version in (1, ?) order by version').all(template, TEMPLATE_STEPS.length + 1) as Array<Record<string, unknown>>;
  const ledger = raw.prepare("select * from ledger where instance_id = ? and kind = 'earned' order by id desc limit 1").get(template) as Record<string, unknown>;
  const insertInstance = raw.prepare(`insert into instances (${Object.keys(row).join(', ')}) values (${Object.keys(row).map((k) => `@${k}`).join(', ')})`);
  const eventColumns = Object.keys(events[0]!).filter((k) => k !== 'seq');
  const insertEvent = raw.prepare(`insert into events (${eventColumns.join(', ')}) values (${eventColumns.map((k) => `@${k}`).join(', ')})`);
  const ledgerColumns = Object.keys(ledger).filter((k) => k !== 'id');
  const insertLedger = raw.prepare(`insert into ledger (${ledgerColumns.join(', ')}) values (${ledgerColumns.map((k) => `@${k}`).join(', ')})`);
  const start = Date.parse('2024-12-02T11:00:00Z');
  const copy = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `m${i}`;
      const parent = agreements[i % agreements.length]!;
      // Creation instants one millisecond apart, before the template's and the timed steps' own.
      const at = new Date(start - (2_000_000 - i) * 1000).toISOString();
      insertInstance.run({ ...row, id, parent_id: parent, created_at: at, updated_at: at });
      for (const e of events) insertEvent.run({ ...e, instance_id: id, idempotency_key: null, at });
      insertLedger.run({ ...ledger, agreement_id: parent, instance_id: id });
    }
  });
  const w: World = {
    store, engine, raw, agreements, size: 0, fresh: 0,
    grow(to) {
      for (let from = w.size; from < to; from += 50_000) copy(from, Math.min(to, from + 50_000));
      w.size = to;
      raw.pragma('optimize');
    },
  };
  return w;
}

const STEPS = [{ type: 'diagnostic-flash' }, { type: 'diagnostic-approfondi' }, { type: 'semaine' }, { type: 'contact-bailleur' }];

interface Row {
  size: number;
  times: Record<string, number>;
}

async function measure(w: World, repositoryCall: Awaited<ReturnType<typeof loadRepository>>): Promise<Record<string, number>> {
  const { engine, store, agreements } = w;
  const agreement = agreements[0]!;
  const call = repositoryCall.calls.get(CALL)!;
  const times: Record<string, number> = {};
  // A step: fresh measures under the first agreement, each taken through a few events (durable).
  const measures: string[] = [];
  for (let i = 0; i < 5; i++) {
    measures.push((await engine.createMeasure({ id: `f${w.fresh++}`, parentId: agreement, measure: 'equipe-mobile', beneficiary: household, actor: operator })).instanceId);
  }
  times.pas = await median(measures.length * STEPS.length, (i) => engine.send(measures[Math.floor(i / STEPS.length)]!, { ...STEPS[i % STEPS.length]!, actor: operator }), 'wall');
  times.get = await median(21, (i) => engine.get(`m${(i * 7919) % w.size}`, operator));
  times['page 1'] = await median(11, () => engine.list({ parentId: agreement, kind: 'measure', limit: 50 }, operator));
  const middle = Math.floor(w.size / agreements.length / 2) * agreements.length;
  const row = w.raw.prepare('select created_at, id from instances where id = ?').get(`m${middle}`) as { created_at: string; id: string };
  times['page milieu'] = await median(11, () => engine.list({ parentId: agreement, kind: 'measure', limit: 50, cursor: encodeCursor(row.created_at, row.id) }, operator));
  times.ledger = await median(5, () => engine.ledger(agreement, departement));
  const rowId = (w.raw.prepare('select id from ledger where agreement_id = ? order by id limit 1 offset ?').get(agreement, Math.floor(w.size / agreements.length / 2)) as { id: number }).id;
  times['lignes milieu'] = await median(11, () => engine.ledgerRows(agreement, departement, { limit: 50, cursor: encodeLedgerCursor(rowId) }));
  const viewer = { role: 'departement' as const };
  times.indicateurs = await median(5, () => runIndicators({ db: store.db, dialect: reportDialect(store.dialect), callId: CALL, call: call.definition, viewer, disclosure: { masked: false, threshold: 5 } }));
  times.rapport = await median(5, () => buildReport({ store, call, viewer, repository: repositoryCall }));
  return times;
}

const ms = (t: number) => (t < 10 ? t.toFixed(2) : t < 100 ? t.toFixed(1) : Math.round(t).toString()).replace('.', ',');

const NAMES = ['pas', 'get', 'page 1', 'page milieu', 'ledger', 'lignes milieu', 'indicateurs', 'rapport'];

function header(title: string): void {
  console.log(`\n${title} (médianes en ms de CPU, le pas durable en ms d'horloge ; ×k = facteur depuis la taille précédente)`);
  console.log(['mesures'.padStart(10), ...NAMES.map((n) => n.padStart(17))].join(''));
}

/** Prints a size's line as soon as it is measured (a long run shows its progress); false if a factor exceeds n log n's. */
function line(row: Row, previous: Row | undefined): boolean {
  let ok = true;
  const cells = NAMES.map((n) => {
    const t = row.times[n]!;
    if (!previous) return ms(t).padStart(17);
    const factor = t / previous.times[n]!;
    const growth = row.size / previous.size;
    // n log n's factor for this step, with room for noise; anything under 1 ms is below what we can judge.
    const limit = growth * (Math.log(row.size) / Math.log(previous.size)) * 1.3;
    const flag = factor > limit && t > 1 ? ' !' : '';
    if (flag) ok = false;
    return `${ms(t)} ×${factor.toFixed(1).replace('.', ',')}${flag}`.padStart(17);
  });
  console.log([row.size.toLocaleString('fr-FR').padStart(10), ...cells].join(''));
  return ok;
}

/** Runs the benchmark and prints the growth tables. */
export async function run(): Promise<void> {
  const sizes = chosenSizes();
  const repository = await loadRepository(['definitions/shared', 'definitions/2024']);
  console.log('Données : une mesure menée par le moteur (diagnostics, 4 semaines), puis copiée en masse dans le format de lignes du store (better-sqlite3, transactions de 50 000 lignes : instance, 2 événements, 1 ligne du grand livre), pas un pas du moteur chacune ; PRAGMA optimize après chaque croissance.');
  console.log('Colonnes : pas = engine.send durable ; get = engine.get ; page 1 / page milieu = 50 mesures de la convention ; ledger = sommes, échéancier et 1re page de lignes ; lignes milieu = engine.ledgerRows, une page de 50 lignes du grand livre au milieu.');
  console.log(`Charge moyenne au départ : ${loadavg().map((l) => l.toFixed(2)).join(' ')} ; tailles : ${sizes.map((s) => s.toLocaleString('fr-FR')).join(', ')}`);
  let ok = true;
  const only = process.argv.find((a) => a.startsWith('--conventions='))?.slice('--conventions='.length);
  const layouts = ([['Sous une seule convention', 1], ['Réparties sur 100 conventions', 100]] as const).filter(([, n]) => only === undefined || String(n) === only);
  for (const [title, agreements] of layouts) {
    const dir = mkdtempSync(join(tmpdir(), 'dispositifs-scale-'));
    try {
      const w = await world(join(dir, 'scale.sqlite'), agreements);
      header(title);
      let previous: Row | undefined;
      for (const size of sizes) {
        w.grow(size);
        const row = { size, times: await measure(w, repository) };
        ok = line(row, previous) && ok;
        previous = row;
      }
      w.raw.close();
      await w.store.close();
    } finally {
      if (process.env.BENCH_KEEP === '1') console.error(`  base gardée : ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nCroissance au plus n log n : ${ok ? 'atteint' : 'NON ATTEINT (voir « ! »)'} ; charge moyenne à la fin : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
