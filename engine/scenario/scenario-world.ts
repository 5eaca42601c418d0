/**
 * The world a scenario runs in: a fresh engine on an in-memory SQLite store with a manual clock, the
 * instances the scenario named, and what the store holds (to prove that a refusal changed nothing and to
 * read which transitions were taken).
 */
import { canonicalJson } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import { createEngine, CREATION_EVENT, MIGRATION_EVENT, RHYTHM_EVENT, type Actor, type Engine, type EngineRepository } from '../runtime/index.ts';
import { openSqliteStore, type InstanceRecord, type Store } from '../store/index.ts';
import { manualClock, type ManualClock } from '../time/index.ts';
import type { TakenTransition } from './coverage.ts';
import type { ActorRef, ScenarioActor } from './scenario-types.ts';

/** The reader of expectations: an agent of the Département sees every instance. */
export const READER: Actor = { id: 'scenario', role: 'departement' };

/** A fresh engine and what the scenario named in it. */
export interface ScenarioWorld {
  engine: Engine;
  store: Store;
  clock: ManualClock;
  /** Alias (`as:`) → the actor that created the instance (the default sender of its events). */
  creators: Map<string, Actor>;
  /** The definitions the engine runs (indicators are computed from them). */
  repository: EngineRepository;
  close(): Promise<void>;
}

/** Opens a fresh world whose clock starts at `start`. */
export async function openWorld(repository: EngineRepository, start: Date): Promise<ScenarioWorld> {
  const store = await openSqliteStore({ file: ':memory:' });
  const clock = manualClock(start);
  const engine = createEngine({ store, repository, clock, statusPolicy: 'trial' });
  return { engine, store, clock, creators: new Map(), repository, close: () => store.close() };
}

/** An actor of the file (by name) or written in the step, with a default id. */
export function toActor(ref: ActorRef, actors: Record<string, ScenarioActor>): Actor {
  const actor = typeof ref === 'string' ? actors[ref] : ref;
  if (actor === undefined) throw new EngineError('donnees-invalides', `Acteur « ${String(ref)} » inconnu.`);
  const id = actor.id ?? (typeof ref === 'string' ? ref : actor.operatorId ?? actor.role);
  return { id, role: actor.role, ...(actor.operatorId !== undefined && { operatorId: actor.operatorId }), ...(actor.territories !== undefined && { territories: actor.territories }) };
}

/**
 * The instance id behind a reference: an alias is the instance id itself (each scenario has its own
 * store); `<alias>/<report>` is the report the engine created under that agreement.
 */
export async function resolveRef(world: ScenarioWorld, ref: string): Promise<InstanceRecord | undefined> {
  const [alias, report] = ref.split('/');
  const instance = await world.store.getInstance(alias ?? '');
  if (report === undefined || instance === undefined) return instance;
  const page = await world.store.listInstances({ parentId: instance.id, kind: 'report', reportId: report }, { limit: 1 });
  return page.items[0];
}

/** Everything the store holds, as one comparable text (in-memory stores are small). */
export async function fingerprint(store: Store): Promise<string> {
  const [instances, events, timers, ledger] = await Promise.all([
    store.db.selectFrom('instances').select(['id', 'version', 'state', 'data', 'snapshot']).orderBy('id').execute(),
    store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
    store.db.selectFrom('timers').select(['id', 'status', 'due_date']).orderBy('id').execute(),
    store.db.selectFrom('ledger').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
  ]);
  return canonicalJson({ instances, events: Number(events?.count ?? 0), timers, ledger: Number(ledger?.count ?? 0) });
}

/** What the scenario did to the lifecycles: the state each instance started in, and each transition taken. */
export async function takenTransitions(store: Store, callId: string): Promise<{ started: Array<{ lifecycle: string; state: string }>; taken: TakenTransition[] }> {
  const started: Array<{ lifecycle: string; state: string }> = [];
  const taken: TakenTransition[] = [];
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const page = await store.listInstances({ callId }, { limit: 500, ...(cursor !== undefined && { cursor }) });
    for (const instance of page.items) {
      let from: string | undefined;
      for (const event of await store.listEvents(instance.id)) {
        const to = (event.response as { state?: string } | null)?.state;
        if (to === undefined) continue;
        if (event.type === CREATION_EVENT) started.push({ lifecycle: instance.lifecycle, state: to });
        else if (event.type !== MIGRATION_EVENT && event.type !== RHYTHM_EVENT && from !== undefined) taken.push({ lifecycle: instance.lifecycle, from, event: event.type, to });
        from = to;
      }
    }
    cursor = page.nextCursor;
  }
  return { started, taken };
}
