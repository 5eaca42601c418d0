/**
 * `npm run bench -- replay [--events N]`: the in-memory replayer and the impact of a candidate on a year of
 * activity, against the bare XState transition rate measured in the same run.
 *
 * The year: the real equipes-mobiles-2025 call recorded through the engine for three operators and 60
 * households (diagnosed, accompanied week by week, ended, final reports accepted), then as many households
 * again under new ids, interleaved day by day, until the log holds `--events` events (default 1 000 000;
 * also `BENCH_EVENTS`). Only the small year goes through the engine: the copies are plain values.
 * (a) Baseline: XState's own transition (`machine.transition` on one actor scope, live snapshots, nothing
 *     persisted) on the mobile-team machine, the same events as the measures' logs, no money, no check.
 * (b) The replayer under the recorded definitions: every event authorised against its state, its message
 *     validated, guards and effects of the compiled machine, ledger rows in cents, quotas counted.
 * (c) The impact of a candidate (the week 3 € dearer): two replays, the comparison, the totals, the words
 *     of every household that changes; and the garbage collector's pauses during it (young and old
 *     generation), since a large year's cost is much of it there.
 * Rates are given per second of this process's CPU (the machine is shared: wall time depends on the
 * neighbours) and per second of wall time. Targets: (b) ≥ 100 000 events/s; (c) ≤ 10 s for 1 000 000
 * events (scaled to the events asked).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { createActor, type AnyActorScope, type AnyMachineSnapshot } from 'xstate';
import { parseDocument } from 'yaml';
import { CompiledCallCache } from '../engine/compile/index.ts';
import { candidateFromText, computeImpact, loadActivity, replayRecorded, type RecordedActivity, type RecordedEvent, type RecordedInstance } from '../engine/impact/index.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear } from '../test/engine/impact/mobile-teams-activity.ts';

/** `--events N`, `--events=N` or `BENCH_EVENTS`. */
function eventsAsked(): number {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--events' || a.startsWith('--events='));
  const text = at < 0 ? process.env.BENCH_EVENTS : args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  const n = Number(text ?? 1_000_000);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--events attend un nombre entier d'événements (reçu « ${text} »).`);
  return n;
}

/**
 * The recorded year with `copies` households for each one (ids `<id>~<k>`), in log order: every event of
 * the year followed by its copies, so that the copies live the same days as the households they copy.
 */
export function growYear(base: RecordedActivity, target: number): RecordedActivity {
  const copies = Math.max(1, Math.ceil(target / base.events.length));
  const instances = new Map<string, RecordedInstance>();
  // Each copy's id is made once and shared by its events, as the store's loader shares them (load-activity.ts).
  const names = new Map<string, string[]>();
  for (const id of base.instances.keys()) names.set(id, Array.from({ length: copies }, (_, k) => (k === 0 ? id : `${id}~${k}`)));
  const renamed = (id: string, k: number) => names.get(id)?.[k] ?? `${id}~${k}`;
  for (const i of base.instances.values()) {
    for (let k = 0; k < copies; k++) instances.set(renamed(i.id, k), { ...i, id: renamed(i.id, k), parentId: i.parentId === null ? null : renamed(i.parentId, k) });
  }
  const events: RecordedEvent[] = [];
  for (const e of base.events) {
    for (let k = 0; k < copies && events.length < target; k++) {
      const payload = k > 0 && typeof e.payload.parentId === 'string' ? { ...e.payload, parentId: renamed(e.payload.parentId, k) } : e.payload;
      events.push({ ...e, seq: events.length + 1, instanceId: renamed(e.instanceId, k), payload });
    }
  }
  return { ...base, instances, events };
}

/** The CPU and wall seconds `work` takes. */
function timed(work: () => void): { cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  work();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1e6, wall: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Runs the benchmark. */
export async function run(): Promise<void> {
  const target = eventsAsked();
  const year = await recordMobileTeamsYear({ households: 20 });
  const loaded = await loadActivity(year.store, MOBILE_TEAMS);
  await year.store.close();
  if (loaded.kind !== 'loaded') throw new Error('activité introuvable');
  let activity!: RecordedActivity;
  const generated = timed(() => {
    activity = growYear(loaded.activity, target);
  });
  const n = activity.events.length;
  const fmt = (x: number) => Math.round(x).toLocaleString('fr-FR');
  console.log(`Charge moyenne : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Activité : ${fmt(n)} événements, ${fmt(activity.instances.size)} dossiers (une année de ${fmt(loaded.activity.events.length)} événements enregistrée par le moteur, copiée jour par jour en ${generated.wall.toFixed(2)} s).`);

  // (a) bare XState: the measures' own events on live snapshots of the compiled machine.
  const cache = new CompiledCallCache({ territories: year.repository.territories });
  const stored = [...activity.definitions.values()][0]!;
  const machine = cache.get(stored).measures.get('equipe-mobile')!.lifecycle.machine;
  const self = createActor(machine);
  const scope = { self, id: '', sessionId: '', system: self.system, logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: () => {} } as unknown as AnyActorScope;
  const measures = new Set([...activity.instances.values()].filter((i) => i.kind === 'measure').map((i) => i.id));
  const measureEvents = activity.events.filter((e) => measures.has(e.instanceId) && e.version > 1);
  const bare = timed(() => {
    const snapshots = new Map<string, AnyMachineSnapshot>();
    const empty = () => machine.getInitialSnapshot(scope, { territory: null, data: {}, acts: {}, period: null, milestones: { payments: [] } }) as AnyMachineSnapshot;
    for (const e of measureEvents) {
      const snapshot = snapshots.get(e.instanceId) ?? empty();
      snapshots.set(e.instanceId, machine.transition(snapshot, { type: e.type, payload: e.payload, date: e.date, facts: { quotas: {} } }, scope) as AnyMachineSnapshot);
    }
  });

  // (b) the replayer under the recorded definitions.
  let replayed = 0;
  const replay = timed(() => {
    replayed = replayRecorded(activity, new CompiledCallCache({ territories: year.repository.territories })).applied;
  });
  if (replayed !== n) throw new Error(`rejeu incomplet : ${replayed} sur ${n}`);

  // (c) the impact of a candidate: the week 3 € dearer.
  const file = year.repository.calls.get(MOBILE_TEAMS)!.file;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['measures', 'equipe-mobile', 'tariff', 'parts', 'accompagnement', 'price'], '58 €');
  const candidate = candidateFromText(doc.toString(), file, year.repository);
  if (candidate.kind !== 'call') throw new Error('candidate invalide');
  let delta = 0;
  let changed = 0;
  // The garbage collector's pauses during the impact, young generation (scavenges) apart: where the time goes.
  const gc = { minor: 0, major: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor += e.duration / 1000;
      else gc.major += e.duration / 1000;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const impact = timed(() => {
    const report = computeImpact({ activity, candidate: candidate.call, territories: year.repository.territories });
    delta = report.call.earnedAfter - report.call.earnedBefore;
    changed = report.changes.length;
  });
  // GC entries are delivered after the synchronous work: let them arrive before reading the sums.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();

  const perSecond = (count: number, t: { cpu: number; wall: number }) => `${fmt(count / t.cpu)} événements/s de CPU (${fmt(count / t.wall)}/s au mur)`;
  const budget = 10 * n / 1_000_000;
  console.log(`(a) XState nu (transition, instantanés vivants)  : ${perSecond(measureEvents.length, bare)} sur ${fmt(measureEvents.length)} événements`);
  console.log(`(b) rejeu en mémoire (définitions enregistrées)   : ${perSecond(n, replay)} — ${((n / replay.cpu) / (measureEvents.length / bare.cpu)).toFixed(2)} × XState nu ; cible ≥ 100 000/s : ${n / replay.cpu >= 100_000 ? 'atteinte' : 'NON atteinte'}`);
  console.log(`(c) impact (2 rejeux, comparaison, ${fmt(changed)} dossiers détaillés), ${fmt(n)} événements : ${impact.cpu.toFixed(2)} s de CPU, ${impact.wall.toFixed(2)} s au mur ; cible ≤ ${budget.toFixed(1)} s : ${impact.cpu <= budget ? 'atteinte' : 'NON atteinte'} (écart d'activité : ${fmt(delta / 100)} €)`);
  console.log(`    dont ramasse-miettes : ${gc.minor.toFixed(2)} s de récupération de la jeune génération, ${gc.major.toFixed(2)} s de l'ancienne (pauses au mur)`);
  console.log(`Mémoire : ${fmt(process.memoryUsage().heapUsed / 1e6)} Mo de tas ; charge moyenne à la fin : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
