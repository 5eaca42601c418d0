/**
 * `npm run bench -- replay`: the in-memory replayer and the impact of a candidate on a year of activity,
 * against the bare XState transition rate measured in the same run.
 *
 * A year of activity of the real equipes-mobiles-2025 call is recorded through the engine (three
 * operators, households diagnosed and accompanied week by week, final reports accepted), then copied with
 * new ids until it holds `BENCH_EVENTS` events (default 1 000 000), in log order.
 * (a) Baseline: XState's own transition on the mobile-team machine (`machine.transition` on one actor
 *     scope, live snapshots, no persistence), the same events as the measures' logs.
 * (b) The replayer under the recorded definitions: every event through the compiled machine (restored
 *     from its persisted snapshot, as the engine does), guards' facts counted in memory, ledger rows.
 * (c) The impact of a candidate (the week 3 € dearer): two replays, the comparison and the totals.
 * Targets: (b) ≥ 100 000 events/s; (c) ≤ 10 s for 1 000 000 events. Prints (b)/(a).
 */
import { readFileSync } from 'node:fs';
import { createActor, type AnyActorScope, type AnyMachineSnapshot } from 'xstate';
import { parseDocument } from 'yaml';
import { CompiledCallCache } from '../engine/compile/index.ts';
import { candidateFromText, computeImpact, loadActivity, replayRecorded, type RecordedActivity, type RecordedEvent, type RecordedInstance } from '../engine/impact/index.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear } from '../test/engine/impact/mobile-teams-activity.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);

/** The activity copied with new ids (`<id>~<k>`) until it holds `target` events, each copy after the last. */
function grow(base: RecordedActivity, target: number): RecordedActivity {
  const copies = Math.max(1, Math.ceil(target / base.events.length));
  const instances = new Map<string, RecordedInstance>();
  const events: RecordedEvent[] = [];
  const rename = (id: string | null, k: number) => (id === null ? null : `${id}~${k}`);
  for (let k = 0; k < copies; k++) {
    for (const i of base.instances.values()) instances.set(`${i.id}~${k}`, { ...i, id: `${i.id}~${k}`, parentId: rename(i.parentId, k) });
    for (const e of base.events) {
      if (events.length >= target) break;
      const payload = typeof e.payload.parentId === 'string' ? { ...e.payload, parentId: `${e.payload.parentId}~${k}` } : e.payload;
      events.push({ ...e, seq: events.length + 1, instanceId: `${e.instanceId}~${k}`, payload });
    }
  }
  return { ...base, instances, events };
}

/** Events per second of `work`, which processes `count` events. */
function rate(count: number, work: () => void): { perSecond: number; seconds: number } {
  const start = process.hrtime.bigint();
  work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: count / seconds, seconds };
}

/** Runs the benchmark. */
export async function run(): Promise<void> {
  const year = await recordMobileTeamsYear({ households: 20 });
  const loaded = await loadActivity(year.store, MOBILE_TEAMS);
  await year.store.close();
  if (loaded.kind !== 'loaded') throw new Error('activité introuvable');
  const activity = grow(loaded.activity, EVENTS);
  console.log(`Activité : ${activity.events.length.toLocaleString('fr-FR')} événements, ${activity.instances.size.toLocaleString('fr-FR')} dossiers (copies d'une année enregistrée par le moteur).`);

  // (a) bare XState: the measures' own events on live snapshots of the compiled machine.
  const cache = new CompiledCallCache({ territories: year.repository.territories });
  const stored = [...activity.definitions.values()][0]!;
  const machine = cache.get(stored).measures.get('equipe-mobile')!.lifecycle.machine;
  const self = createActor(machine);
  const scope = { self, id: '', sessionId: '', system: self.system, logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: () => {} } as unknown as AnyActorScope;
  const measureIds = new Set([...activity.instances.values()].filter((i) => i.kind === 'measure').map((i) => i.id));
  const byMeasure = new Map<string, RecordedEvent[]>();
  for (const e of activity.events) if (measureIds.has(e.instanceId) && e.version > 1) (byMeasure.get(e.instanceId) ?? byMeasure.set(e.instanceId, []).get(e.instanceId)!).push(e);
  const measureEvents = [...byMeasure.values()].reduce((n, list) => n + list.length, 0);
  const bare = rate(measureEvents, () => {
    for (const list of byMeasure.values()) {
      let snapshot = machine.getInitialSnapshot(scope, { territory: null, data: {}, acts: {}, period: null, milestones: { payments: [] } }) as AnyMachineSnapshot;
      for (const e of list) snapshot = machine.transition(snapshot, { type: e.type, payload: e.payload, date: e.date, facts: { quotas: {} } }, scope) as AnyMachineSnapshot;
    }
  });

  // (b) the replayer under the recorded definitions.
  let replayed = 0;
  const replay = rate(activity.events.length, () => {
    replayed = replayRecorded(activity, new CompiledCallCache({ territories: year.repository.territories })).applied;
  });
  if (replayed !== activity.events.length) throw new Error(`rejeu incomplet : ${replayed} sur ${activity.events.length}`);

  // (c) the impact of a candidate: the week 3 € dearer.
  const file = year.repository.calls.get(MOBILE_TEAMS)!.file;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['measures', 'equipe-mobile', 'tariff', 'parts', 'accompagnement', 'price'], '58 €');
  const candidate = candidateFromText(doc.toString(), file, year.repository);
  if (candidate.kind !== 'call') throw new Error('candidate invalide');
  let delta = 0;
  const impact = rate(activity.events.length, () => {
    const report = computeImpact({ activity, candidate: candidate.call, territories: year.repository.territories });
    delta = report.call.earnedAfter - report.call.earnedBefore;
  });

  const fmt = (n: number) => Math.round(n).toLocaleString('fr-FR');
  console.log(`(a) XState nu (transition, instantanés vivants)   : ${fmt(bare.perSecond)} événements/s (${fmt(measureEvents)} événements)`);
  console.log(`(b) rejeu en mémoire (définitions enregistrées)    : ${fmt(replay.perSecond)} événements/s — ${(replay.perSecond / bare.perSecond).toFixed(2)} × XState nu ; cible ≥ 100 000/s : ${replay.perSecond >= 100_000 ? 'atteinte' : 'NON atteinte'}`);
  console.log(`(c) impact (2 rejeux + comparaison), ${fmt(activity.events.length)} événements : ${impact.seconds.toFixed(2)} s ; cible ≤ ${(10 * activity.events.length / 1_000_000).toFixed(1)} s : ${impact.seconds <= 10 * activity.events.length / 1_000_000 ? 'atteinte' : 'NON atteinte'} (écart d'activité : ${fmt(delta / 100)} €)`);
}
