/**
 * `npm run bench -- peers`: the engine against peers, in one process, the sides taking turns round by round.
 *
 * 1. A lifecycle, creation to final state through 5 events: a mobile-team measure of
 *    `prevention-expulsions-2024` (created, then diagnostic flash, diagnostic approfondi, a week of support,
 *    a landlord contact, the end with its outcome) — on the engine with an in-memory SQLite store, on a
 *    durable file (WAL, synchronous = FULL) one instance after the other and 10 at a time (group commit);
 *    against bpmn-engine running a process of 5 user tasks (start, 5 tasks, end), in memory without
 *    persistence, each task signalled. bpmn-engine runs as its documentation advises for speed and size: its
 *    process parsed once (the serialized `sourceContext` given to each instance, as the engine compiles a
 *    definition once), a logger that does nothing (its default logger builds a `debug` logger per element of
 *    every instance), and `settings.disableTrackState` (idle elements left out of its state). The same with
 *    the XML read for every instance and its default options is printed beside it. In-memory sides are timed
 *    in CPU time (the machine is shared), the durable ones on the wall clock (they wait on fsync). Where the
 *    engine's CPU goes is printed too: per creation and per event, measured apart (all the creations of a
 *    batch, then all their events).
 * 2. The state each keeps per instance midway (after 2 events): the engine's stored row (its JSON columns
 *    and the rest, as SQLite stores them) against bpmn-engine's `getState()` as JSON, with
 *    `disableTrackState` (its smallest state; the default one is printed beside it).
 * 3. A real capped tariff: the same mobile team's (150 € a flash diagnostic, 370 € an in-depth one, 55 € a
 *    week, each capped: 1, 1 and 8), compiled by the engine (`tariff.cents`), against publicodes evaluating
 *    the same rules written in its language (units, `plafond`), and a hand-written function as the floor.
 *    Every activity's amount is checked equal on the three sides before any timing.
 *
 * Targets: ≥ 100× bpmn-engine in memory, ≥ 20× durable with 10 instances at a time, ≥ 500× publicodes,
 * stored state ≤ 1/20 of bpmn-engine's. `BENCH_ROUNDS=<n>` (default 5), `BENCH_INSTANCES=<n>` per round and
 * side (default 40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine as BpmnEngine } from 'bpmn-engine';
import Publicodes from 'publicodes';
import { loadRepository } from '../engine/definition/index.ts';
import type { Activity, TariffFunction } from '../engine/money/index.ts';
import { createEngine, type Engine } from '../engine/runtime/index.ts';
import { openSqliteStore, type Store } from '../engine/store/index.ts';
import { manualClock, parisInstant } from '../engine/time/index.ts';
import { BENCH_CALL, benchHousehold, benchOperator, signAgreements } from './signed-agreements.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 40);
const LANES = 10;
const CALL = BENCH_CALL;
const operator = benchOperator;
const household = benchHousehold;
const EVENTS = [
  { type: 'diagnostic-flash' },
  { type: 'diagnostic-approfondi' },
  { type: 'semaine' },
  { type: 'contact-bailleur' },
  { type: 'terminer', payload: { issue: 'maintien' } },
];

// ── the lifecycle ────────────────────────────────────────────────────────────────────────────────────────

interface EngineSide {
  store: Store;
  engine: Engine;
  agreement: string;
  next: number;
}

async function engineSide(file: string): Promise<EngineSide> {
  const store = await openSqliteStore({ file });
  const repository = await loadRepository(['definitions/shared', 'definitions/2024']);
  const clock = manualClock(parisInstant('2024-04-15', '12:00'));
  const engine = createEngine({ store, repository, clock });
  const [agreement] = await signAgreements(engine, clock, 1);
  return { store, engine, agreement: agreement!, next: 0 };
}

/** A new mobile-team measure on the engine (the household referred); returns its id. */
async function engineCreation(side: EngineSide): Promise<string> {
  const { instanceId } = await side.engine.createMeasure({ id: `m${side.next++}`, parentId: side.agreement, measure: 'equipe-mobile', beneficiary: household, actor: operator });
  return instanceId;
}

/** The events of a measure's lifecycle, the first `stopAfter` of them (all: to its final state). */
async function engineEvents(side: EngineSide, instanceId: string, stopAfter = EVENTS.length): Promise<void> {
  for (const event of EVENTS.slice(0, stopAfter)) {
    const answer = await side.engine.send(instanceId, { ...event, actor: operator });
    if (event.type === 'terminer' && !answer.final) throw new Error('Le cycle de vie n’a pas atteint un état final.');
  }
}

/** One instance, creation to final state, on the engine. */
async function engineLifecycle(side: EngineSide, stopAfter = EVENTS.length): Promise<string> {
  const instanceId = await engineCreation(side);
  await engineEvents(side, instanceId, stopAfter);
  return instanceId;
}

const TASKS = ['diagnostic-flash', 'diagnostic-approfondi', 'semaine', 'contact-bailleur', 'terminer'];
const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="mesure" targetNamespace="http://dispositifs/bench">
  <process id="equipe-mobile" isExecutable="true">
    <startEvent id="creation" />
    ${TASKS.map((t) => `<userTask id="${t}" />`).join('\n    ')}
    <endEvent id="terminee" />
    ${['creation', ...TASKS].map((from, i) => `<sequenceFlow id="f${i}" sourceRef="${from}" targetRef="${[...TASKS, 'terminee'][i]}" />`).join('\n    ')}
  </process>
</definitions>`;

/** bpmn-engine's logger interface, doing nothing (what bpmn-elements itself defaults to). */
const quietLogger = () => ({ debug() {}, warn() {}, error() {} });

/**
 * bpmn-engine as its documentation advises for speed and size: the process parsed once (the serialized
 * source context `new Engine({ source })` builds from the XML every time, given to each instance as
 * `sourceContext`), no logging, idle elements left out of its state.
 */
interface TunedBpmn {
  sourceContext: unknown;
  Logger: typeof quietLogger;
  settings: { disableTrackState: true };
}

/**
 * The process parsed once, as the engine compiles a definition once: bpmn-engine's serialized source context
 * (what `new Engine({ source })` builds from the XML every time), given to each instance as `sourceContext`.
 */
async function tunedBpmn(): Promise<TunedBpmn> {
  const [definition] = await new BpmnEngine({ source: BPMN }).getDefinitions();
  const sourceContext = (definition as unknown as { context: { definitionContext: unknown } }).context.definitionContext;
  return { sourceContext, Logger: quietLogger, settings: { disableTrackState: true } };
}

/**
 * One instance, start to end, on bpmn-engine (from the XML with its default options, or tuned); returns its
 * state (JSON) after `stateAfter` tasks.
 */
async function bpmnLifecycle(n: number, stateAfter?: number, tuned?: TunedBpmn): Promise<string | undefined> {
  const engine = new BpmnEngine(tuned === undefined ? { name: `m${n}`, source: BPMN } : { name: `m${n}`, ...tuned } as never);
  const execution = await engine.execute();
  const ended = engine.waitFor('end');
  let state: string | undefined;
  for (const [i, task] of TASKS.entries()) {
    if (i === stateAfter) state = JSON.stringify(execution.getState());
    execution.signal({ id: task });
  }
  await ended;
  return state;
}

/** Time spent and instances run by one side. */
class Tally {
  instances = 0;
  millis = 0;
  constructor(readonly clock: 'cpu' | 'wall') {}
  async add(instances: number, work: () => Promise<unknown>): Promise<void> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work();
    const used = process.cpuUsage(cpu);
    this.millis += this.clock === 'cpu' ? (used.user + used.system) / 1000 : performance.now() - started;
    this.instances += instances;
  }
  get perSecond(): number {
    return this.instances / (this.millis / 1000);
  }
}

// ── the tariff ───────────────────────────────────────────────────────────────────────────────────────────

const PUBLICODES_RULES = {
  actes: null,
  'actes . diagnostic flash': { valeur: '0 diagnostic' },
  'actes . diagnostic approfondi': { valeur: '0 diagnostic' },
  'actes . semaines': { valeur: '0 semaine' },
  tarif: { somme: ['diagnostic flash', 'diagnostic approfondi', 'accompagnement'], unité: '€' },
  'tarif . diagnostic flash': { produit: [{ valeur: 'actes . diagnostic flash', plafond: '1 diagnostic' }, '150 €/diagnostic'] },
  'tarif . diagnostic approfondi': { produit: [{ valeur: 'actes . diagnostic approfondi', plafond: '1 diagnostic' }, '370 €/diagnostic'] },
  'tarif . accompagnement': { produit: [{ valeur: 'actes . semaines', plafond: '8 semaine' }, '55 €/semaine'] },
};

/** The floor: the same tariff written by hand. */
function handWritten(a: Activity): number {
  return Math.min(a.acts['diagnostic-flash']?.quantity ?? 0, 1) * 15_000
    + Math.min(a.acts['diagnostic-approfondi']?.quantity ?? 0, 1) * 37_000
    + Math.min(a.acts.semaine?.quantity ?? 0, 8) * 5_500;
}

function activities(): Activity[] {
  const out: Activity[] = [];
  for (let flash = 0; flash <= 2; flash++) {
    for (let deep = 0; deep <= 2; deep++) {
      for (let weeks = 0; weeks <= 12; weeks++) {
        out.push({ acts: { 'diagnostic-flash': { quantity: flash }, 'diagnostic-approfondi': { quantity: deep }, semaine: { quantity: weeks } }, asOf: '2024-12-02' });
      }
    }
  }
  return out;
}

/** CPU microseconds per call of `evaluate` over `inputs`, repeated until at least `minMillis` of CPU. */
function cpuPerCall<T>(inputs: T[], evaluate: (input: T) => number, minMillis: number): number {
  let calls = 0;
  let sink = 0;
  const cpu = process.cpuUsage();
  let used = 0;
  do {
    for (const input of inputs) sink += evaluate(input);
    calls += inputs.length;
    const u = process.cpuUsage(cpu);
    used = (u.user + u.system) / 1000;
  } while (used < minMillis);
  if (sink < 0) console.log(sink);
  return (used * 1000) / calls;
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────────────────

const x = (n: number) => `${n >= 100 ? Math.round(n).toLocaleString('fr-FR') : n.toFixed(1).replace('.', ',')}×`;
const verdict = (value: number, target: number) => (value >= target ? 'atteint' : 'NON ATTEINT');

/** Runs the benchmark and prints the ratios. */
export async function run(): Promise<void> {
  console.log(`Charge moyenne au départ : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-peers-'));
  try {
    const memory = await engineSide(':memory:');
    const durable = await engineSide(join(dir, 'durable.sqlite'));
    const lanes = await engineSide(join(dir, 'lanes.sqlite'));
    const tuned = await tunedBpmn();
    // Warm-up: JIT, compiled definitions, prepared statements.
    for (let i = 0; i < 20; i++) {
      await engineLifecycle(memory);
      await engineLifecycle(durable);
      await bpmnLifecycle(i);
      await bpmnLifecycle(i, undefined, tuned);
    }
    const sides = { memory: new Tally('cpu'), durable: new Tally('wall'), lanes: new Tally('wall'), bpmn: new Tally('cpu'), bpmnXml: new Tally('cpu') };
    const split = { creations: new Tally('cpu'), events: new Tally('cpu') };
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await sides.bpmnXml.add(INSTANCES, async () => { for (let i = 0; i < INSTANCES; i++) await bpmnLifecycle(n++); });
      await sides.bpmn.add(INSTANCES, async () => { for (let i = 0; i < INSTANCES; i++) await bpmnLifecycle(n++, undefined, tuned); });
      await sides.memory.add(INSTANCES, async () => { for (let i = 0; i < INSTANCES; i++) await engineLifecycle(memory); });
      await sides.durable.add(INSTANCES, async () => { for (let i = 0; i < INSTANCES; i++) await engineLifecycle(durable); });
      await sides.lanes.add(INSTANCES, () => Promise.all(Array.from({ length: LANES }, async () => {
        for (let i = 0; i < INSTANCES / LANES; i++) await engineLifecycle(lanes);
      })));
      // Where the engine's CPU goes: the same lifecycles, creations and events timed apart.
      const created: string[] = [];
      await split.creations.add(INSTANCES, async () => { for (let i = 0; i < INSTANCES; i++) created.push(await engineCreation(memory)); });
      await split.events.add(INSTANCES * EVENTS.length, async () => { for (const id of created) await engineEvents(memory, id); });
    }

    // Stored state midway (after 2 events).
    const midway = await engineLifecycle(memory, 2);
    const row = (await memory.store.db.selectFrom('instances').selectAll().where('id', '=', midway).executeTakeFirstOrThrow()) as Record<string, unknown>;
    const engineBytes = Object.values(row).reduce<number>((sum, v) => sum + (v === null ? 0 : Buffer.byteLength(String(v))), 0);
    const bpmnBytes = Buffer.byteLength((await bpmnLifecycle(n++, 2, tuned)) ?? '');
    const bpmnDefaultBytes = Buffer.byteLength((await bpmnLifecycle(n++, 2)) ?? '');

    for (const side of [memory, durable, lanes]) await side.store.close();

    // The tariff: every amount equal first, then timed.
    const tariff = memory.engine.compiled(CALL).measures.get('equipe-mobile')?.tariff as TariffFunction;
    const publicodes = new Publicodes(PUBLICODES_RULES as never);
    const viaPublicodes = (a: Activity) => {
      publicodes.setSituation({
        'actes . diagnostic flash': `${a.acts['diagnostic-flash']?.quantity ?? 0} diagnostic`,
        'actes . diagnostic approfondi': `${a.acts['diagnostic-approfondi']?.quantity ?? 0} diagnostic`,
        'actes . semaines': `${a.acts.semaine?.quantity ?? 0} semaine`,
      } as never);
      return Math.round(Number(publicodes.evaluate('tarif').nodeValue) * 100);
    };
    const inputs = activities();
    for (const a of inputs) {
      const [ours, theirs, floor] = [tariff.cents(a), viaPublicodes(a), handWritten(a)];
      if (ours !== theirs || ours !== floor || ours !== tariff(a).cents) throw new Error(`Montants différents pour ${JSON.stringify(a.acts)} : moteur ${ours}, publicodes ${theirs}, à la main ${floor}`);
    }
    const tariffTimes = { ours: 0, publicodes: 0, floor: 0, words: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      tariffTimes.publicodes += cpuPerCall(inputs, viaPublicodes, 100) / ROUNDS;
      tariffTimes.ours += cpuPerCall(inputs, (a) => tariff.cents(a), 100) / ROUNDS;
      tariffTimes.words += cpuPerCall(inputs, (a) => tariff(a).lines.length, 100) / ROUNDS;
      tariffTimes.floor += cpuPerCall(inputs, handWritten, 100) / ROUNDS;
    }

    const perSecond = (t: Tally) => `${Math.round(t.perSecond).toLocaleString('fr-FR')} dossiers/s`;
    const memoryRatio = sides.memory.perSecond / sides.bpmn.perSecond;
    const lanesRatio = sides.lanes.perSecond / sides.bpmn.perSecond;
    const stateRatio = bpmnBytes / engineBytes;
    const tariffRatio = tariffTimes.publicodes / tariffTimes.ours;
    const µs = (v: number) => `${v < 1 ? v.toFixed(3) : v.toFixed(1)} µs`.replace('.', ',');
    console.log(`\n1. Cycle de vie (création + 5 événements jusqu'à l'état final), ${sides.memory.instances} dossiers par côté, ${ROUNDS} tours alternés`);
    console.log(`  bpmn-engine (5 tâches utilisateur, en mémoire, sans persistance), XML lu à chaque dossier, options par défaut : ${perSecond(sides.bpmnXml)} (CPU) ; moteur en mémoire → ${x(sides.memory.perSecond / sides.bpmnXml.perSecond)}`);
    console.log(`  bpmn-engine réglé (processus lu une fois, sans journal, disableTrackState), la référence des ratios : ${perSecond(sides.bpmn)} (CPU)`);
    console.log(`  moteur, SQLite en mémoire :                                     ${perSecond(sides.memory)} (CPU) → ${x(memoryRatio)} bpmn-engine (objectif ≥ 100×) ${verdict(memoryRatio, 100)}`);
    const perCreation = split.creations.millis * 1000 / split.creations.instances;
    const perEvent = split.events.millis * 1000 / split.events.instances;
    const perInstance = perCreation + EVENTS.length * perEvent;
    const bpmnPerInstance = 1e6 / sides.bpmn.perSecond;
    console.log(`    dont, par dossier (CPU, mesurés à part) : création ${µs(perCreation)} + ${EVENTS.length} événements × ${µs(perEvent)} = ${µs(perInstance)} (création ${Math.round((100 * perCreation) / perInstance)} %) ; pour 100× il faudrait ${µs(bpmnPerInstance / 100)} par dossier`);
    console.log(`  moteur, fichier durable, un dossier après l'autre :              ${perSecond(sides.durable)} (horloge) → ${x(sides.durable.perSecond / sides.bpmn.perSecond)} bpmn-engine`);
    console.log(`  moteur, fichier durable, ${LANES} dossiers à la fois (commit groupé) : ${perSecond(sides.lanes)} (horloge) → ${x(lanesRatio)} bpmn-engine (objectif ≥ 20×) ${verdict(lanesRatio, 20)}`);
    console.log(`\n2. État gardé par dossier à mi-parcours (après 2 événements)`);
    console.log(`  bpmn-engine getState() avec disableTrackState : ${bpmnBytes} octets (options par défaut : ${bpmnDefaultBytes}) ; moteur (ligne instances) : ${engineBytes} octets → 1/${(stateRatio).toFixed(1).replace('.', ',')} (objectif ≤ 1/20) ${verdict(stateRatio, 20)}`);
    console.log(`\n3. Tarif plafonné de l'équipe mobile, ${inputs.length} activités (montants identiques vérifiés des trois côtés)`);
    console.log(`  publicodes (mêmes règles, unités et plafonds) : ${µs(tariffTimes.publicodes)} par évaluation`);
    console.log(`  moteur, montant seul (tariff.cents) :          ${µs(tariffTimes.ours)} → ${x(tariffRatio)} publicodes (objectif ≥ 500×) ${verdict(tariffRatio, 500)} ; objectif ≤ 1 µs ${tariffTimes.ours <= 1 ? 'atteint' : 'NON ATTEINT'}`);
    console.log(`  moteur, montant et détail en français :        ${µs(tariffTimes.words)}`);
    console.log(`  plancher écrit à la main :                      ${µs(tariffTimes.floor)} → le moteur à ${x(tariffTimes.ours / tariffTimes.floor)} du plancher`);
    console.log(`\nCharge moyenne à la fin : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
