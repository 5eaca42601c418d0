/**
 * The engine: applications, measures and reports as durable instances of compiled definitions. Every write
 * is one store transaction; every refusal is an `EngineError` with a French message and changes nothing.
 */
import type { CompiledCall, InstanceContext } from '../compile/index.ts';
import { EngineError } from '../errors.ts';
import type { Earning, Ledger } from '../money/index.ts';
import type { InstanceFilter, InstanceKind, LedgerRecord, Page, PageRequest, Store, StoreSession } from '../store/index.ts';
import { parisDate, type Clock } from '../time/index.ts';
import { authorize, authorizeReader, type Actor } from './actor.ts';
import type { StatusPolicy } from './call-status.ts';
import { createApplicationIn, createMeasureIn, type CreateApplicationInput, type CreateMeasureInput } from './create.ts';
import { EngineDefinitions, type EngineRepository } from './definitions.ts';
import { migrateIn, type MigratedInstance, type MigrationInput } from './migrate.ts';
import { agreementLedger, earningOf } from './money.ts';
import { replayInstance, type Replayed } from './replay.ts';
import { followRhythms, rhythmLogOf } from './rhythm.ts';
import { runDueTimers, type TimerRun } from './scheduler.ts';
import { sweepMissedRhythms, type RhythmSweepRun } from './rhythm-sweep.ts';
import { applyStep, type SendInput, type StepClock, type StepResponse } from './step.ts';
import { historyEntry, instanceSummary, instanceView, type HistoryEntry, type InstanceSummary, type InstanceView } from './views.ts';

/** What an engine runs on. */
export interface EngineOptions {
  store: Store;
  /** The definitions (newest version of each call, shared lifecycle templates, territory catalog). */
  repository: EngineRepository;
  clock: Clock;
  /**
   * `enforce` (default): a draft call refuses applications, referrals and events, a closed one new
   * applications and referrals; `trial`: every call runs as if published (scenarios, simulations).
   */
  statusPolicy?: StatusPolicy;
  /**
   * The register of organisations (engine/organisations): when given, an application must name an
   * organisation it admits (a registered one, once the register holds any).
   */
  organisations?: { admits(operatorId: string): Promise<boolean> };
}

/** Filters of {@link Engine.list}. */
export interface ListQuery {
  callId?: string;
  kind?: InstanceKind;
  measureKind?: string;
  parentId?: string;
  states?: string[];
  territories?: string[];
  operatorId?: string;
  /** Only applications that were selected (agreements). */
  selected?: boolean;
  limit?: number;
  cursor?: string;
}

/** The kinds of ledger rows that make the payment schedule: what falls due, what is paid (a handful per agreement). */
export const SCHEDULE_KINDS = ['advance', 'balance', 'paid'] as const satisfies readonly LedgerRecord['kind'][];

/**
 * An agreement's money: the ledger computed today, its payment schedule (every row due or paid), and one
 * page of the rows written step by step (one per paid act: as many as its measures' acts), in the order
 * written; `nextCursor` asks for the next page.
 */
export interface AgreementLedger {
  agreementId: string;
  ledger: Ledger;
  schedule: LedgerRecord[];
  rows: LedgerRecord[];
  nextCursor?: string;
}

/** Which page of an agreement's ledger rows to read: at most `limit` (default 50, at most 500) after `cursor`. */
export interface LedgerQuery {
  limit?: number;
  cursor?: string;
}

/** A page of ledger rows as the store reads it: 50 by default, between 1 and 500. */
function ledgerPageOf(query: LedgerQuery): PageRequest {
  return { limit: Math.min(Math.max(query.limit ?? 50, 1), 500), ...(query.cursor !== undefined && { cursor: query.cursor }) };
}

/** The engine's API. */
export interface Engine {
  /** An operator applies to a call (refused outside the territory's window or when not eligible). */
  createApplication(input: CreateApplicationInput): Promise<StepResponse>;
  /** A beneficiary is referred to a measure of a selected agreement (eligibility and quotas checked). */
  createMeasure(input: CreateMeasureInput): Promise<StepResponse>;
  /** Sends an event to an instance: validated, authorized, guarded, then applied in one transaction. */
  send(instanceId: string, input: SendInput): Promise<StepResponse>;
  /** An instance: state and French label, data, the events the reader may send now, pending timers. */
  get(instanceId: string, actor: Actor): Promise<InstanceView>;
  /** The log of an instance, oldest first, with French labels. */
  history(instanceId: string, actor: Actor): Promise<HistoryEntry[]>;
  /** Instances the actor may see, in creation order, a page at a time. */
  list(query: ListQuery, actor: Actor): Promise<Page<InstanceSummary>>;
  /** What a measure earned under its tariff, today, with its French breakdown. */
  earnings(instanceId: string, actor: Actor): Promise<Earning>;
  /** An agreement's ledger: agreed, earned, advance, balance, due, paid, in cents, explained in French. */
  ledger(agreementId: string, actor: Actor, rows?: LedgerQuery): Promise<AgreementLedger>;
  /** A page of an agreement's ledger rows alone, in the order written: its cost does not grow with the agreement. */
  ledgerRows(agreementId: string, actor: Actor, rows?: LedgerQuery): Promise<Page<LedgerRecord>>;
  /** Fires the timers due at `now` (default: the clock), catching up after downtime. */
  runDueTimers(now?: Date): Promise<TimerRun[]>;
  /** Records the rhythm periods missed by running measures that have had no event since (once a day). */
  sweepMissedRhythms(now?: Date): Promise<RhythmSweepRun[]>;
  /** Moves instances to another version of their call; refused unless every state in use is mapped. */
  migrate(input: MigrationInput): Promise<MigratedInstance[]>;
  /** Refuses a role that reads no instance at all, before anything is looked up (nothing revealed). */
  authorizeReader(actor: Actor): void;
  /** Refuses when `actor` may not read or act on the instance (own organisation, own territories). */
  authorize(actor: Actor, instance: { operatorId: string | null; territory: string | null }): void;
  /** The compiled newest version of a call (machines for diagrams and coverage). */
  compiled(callId: string): CompiledCall;
  /** Publishes new definitions: new instances start under them, running ones stay pinned. */
  publish(repository: EngineRepository): void;
  /** Rebuilds an instance's snapshot from its log alone (durability checks). */
  replay(instanceId: string): Promise<Replayed>;
}

/**
 * Creates an engine.
 * @example
 * const store = await openSqliteStore({ file: ':memory:' });
 * const repository = await loadRepository('definitions');
 * const clock = manualClock(new Date('2024-04-15T10:00:00Z'));
 * const engine = createEngine({ store, repository, clock });
 * const operator = { id: 'u1', role: 'operator', operatorId: 'asso-a' } as const;
 * const application = await engine.createApplication({
 *   callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin',
 *   applicant: { 'agrement-isft': true }, actor: operator,
 * });
 * await engine.send(application.instanceId, { type: 'retenir', actor: { id: 'agent', role: 'departement' } });
 * clock.advance({ months: 6 });
 * await engine.runDueTimers();
 */
export function createEngine(options: EngineOptions): Engine {
  const { store, clock } = options;
  const definitions = new EngineDefinitions(options.repository, options.statusPolicy);
  // The Paris day of an instant changes only on a minute boundary: remember the last minute's day.
  let day = { minute: NaN, date: '' };
  const stepClock = (): StepClock => {
    const now = clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== day.minute) day = { minute, date: parisDate(now) };
    return { date: day.date, at: now.toISOString() };
  };
  const readable = async (tx: StoreSession, instanceId: string, actor: Actor) => {
    authorizeReader(actor);
    const instance = await tx.getInstance(instanceId);
    if (!instance) throw new EngineError('instance-inconnue', `Dossier « ${instanceId} » introuvable : vérifiez son identifiant.`, { instanceId });
    authorize(actor, instance);
    const call = await definitions.compiled(tx, instance.definitionHash);
    return { instance, call, lifecycle: call.lifecycle(instance.lifecycle) };
  };
  const readableAgreement = async (tx: StoreSession, agreementId: string, actor: Actor) => {
    const { instance } = await readable(tx, agreementId, actor);
    if (instance.kind !== 'application') {
      throw new EngineError('donnees-invalides', `« ${agreementId} » n'est pas une convention : le suivi financier se lit sur la candidature retenue.`, { instanceId: agreementId });
    }
    return instance;
  };

  return {
    createApplication: async (input) => {
      if (options.organisations !== undefined && !(await options.organisations.admits(input.operatorId))) {
        throw new EngineError('donnees-invalides', `L'organisme « ${input.operatorId} » n'est pas au registre des organismes : le Département l'enregistre (raison sociale, SIRET) avant sa candidature.`, { operatorId: input.operatorId });
      }
      return store.transaction((tx) => createApplicationIn(tx, definitions, input, stepClock()));
    },
    createMeasure: (input) => store.transaction((tx) => createMeasureIn(tx, definitions, input, stepClock())),
    send: (instanceId, input) => store.transaction((tx) => applyStep(tx, definitions, instanceId, input, stepClock())),

    get: (instanceId, actor) => store.transaction(async (tx) => {
      const { instance, call, lifecycle } = await readable(tx, instanceId, actor);
      if (!lifecycle) throw new EngineError('definition-inconnue', `Cycle de vie « ${instance.lifecycle} » absent de la version du dossier.`, { instanceId });
      const view = instanceView(instance, lifecycle, call.version, await tx.listTimers(instanceId, 'pending'), actor);
      const measure = instance.kind === 'measure' ? call.definition.measures?.[instance.measureKind ?? ''] : undefined;
      if (!measure?.rhythm?.some((r) => r.act !== undefined)) return view;
      return { ...view, rhythm: followRhythms(measure, rhythmLogOf(await tx.listEvents(instanceId)), parisDate(clock.now())) };
    }),

    history: (instanceId, actor) => store.transaction(async (tx) => {
      const { lifecycle } = await readable(tx, instanceId, actor);
      return (await tx.listEvents(instanceId)).map((event) => historyEntry(event, lifecycle));
    }),

    list: (query, actor) => store.transaction(async (tx) => {
      authorizeReader(actor);
      const filter: InstanceFilter = {};
      for (const key of ['callId', 'kind', 'measureKind', 'parentId', 'states', 'territories', 'operatorId', 'selected'] as const) {
        if (query[key] !== undefined) Object.assign(filter, { [key]: query[key] });
      }
      if (actor.role === 'operator') {
        if (query.operatorId !== undefined && query.operatorId !== actor.operatorId) return { items: [] };
        filter.operatorId = actor.operatorId ?? '';
      }
      if (actor.role === 'coordinator') {
        const mine = actor.territories ?? [];
        filter.territories = query.territories ? query.territories.filter((t) => mine.includes(t)) : mine;
      }
      const page = await tx.listInstances(filter, { limit: Math.min(query.limit ?? 50, 500), ...(query.cursor !== undefined && { cursor: query.cursor }) });
      const items = [];
      for (const instance of page.items) items.push(instanceSummary(instance, (await definitions.compiled(tx, instance.definitionHash)).lifecycle(instance.lifecycle)));
      return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
    }),

    earnings: (instanceId, actor) => store.transaction(async (tx) => {
      const { instance, call } = await readable(tx, instanceId, actor);
      const context = (instance.snapshot as { context: InstanceContext }).context;
      return earningOf(call.measures.get(instance.measureKind ?? ''), context, parisDate(clock.now()));
    }),

    ledger: (agreementId, actor, query = {}) => store.transaction(async (tx) => {
      const instance = await readableAgreement(tx, agreementId, actor);
      const { ledger } = await agreementLedger(tx, definitions, instance, parisDate(clock.now()));
      const schedule: LedgerRecord[] = [];
      for (const kind of SCHEDULE_KINDS) schedule.push(...(await tx.listLedger(agreementId, kind)));
      schedule.sort((a, b) => a.id - b.id);
      const page = await tx.ledgerPage(agreementId, ledgerPageOf(query));
      return { agreementId, ledger, schedule, rows: page.items, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) };
    }),

    ledgerRows: (agreementId, actor, query = {}) => store.transaction(async (tx) => {
      await readableAgreement(tx, agreementId, actor);
      return tx.ledgerPage(agreementId, ledgerPageOf(query));
    }),

    runDueTimers: (now) => runDueTimers(store, definitions, now ?? clock.now()),
    sweepMissedRhythms: (now) => {
      const at = now ?? clock.now();
      return sweepMissedRhythms(store, definitions, parisDate(at), at.toISOString());
    },
    migrate: (input) => store.transaction((tx) => migrateIn(tx, definitions, input, stepClock())),
    authorize,
    authorizeReader,
    compiled: (callId) => definitions.compile(definitions.current(callId)),
    publish: (repository) => definitions.use(repository),
    replay: (instanceId) => store.transaction((tx) => replayInstance(tx, definitions, instanceId)),
  };
}
