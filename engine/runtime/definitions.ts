/**
 * The definitions an engine runs: the newest version of each call (from the repository) for new
 * instances, and the exact version each running instance is pinned to (from the store, by hash).
 */
import { CompiledCallCache, type CallToCompile, type CompiledCall } from '../compile/index.ts';
import { canonicalHash, type Call, type Repository } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import type { StoreSession } from '../store/index.ts';
import { admitCallAction, type CallAction, type StatusPolicy } from './call-status.ts';

/** The part of a repository the engine reads. */
export type EngineRepository = Pick<Repository, 'calls' | 'pieces' | 'territories'>;

/** The shared templates a call without its own application or report lifecycle runs. */
const DEFAULT_LIFECYCLES = { application: 'candidature', report: 'rapport' } as const;

/** Newest calls for new instances, pinned calls for running ones, each compiled once. */
export class EngineDefinitions {
  #repository: EngineRepository;
  #cache: CompiledCallCache;
  readonly #pinned = new Map<string, CallToCompile>();

  /** Whether statuses are enforced (the server) or every call runs as if published (scenarios, simulations). */
  readonly policy: StatusPolicy;

  constructor(repository: EngineRepository, policy: StatusPolicy = 'enforce') {
    this.#repository = repository;
    this.policy = policy;
    this.#cache = new CompiledCallCache({ territories: repository.territories });
  }

  /** Publishes another repository: new instances start under its versions; running ones keep theirs. */
  use(repository: EngineRepository): void {
    this.#repository = repository;
    this.#cache = new CompiledCallCache({ territories: repository.territories });
    this.#pinned.clear();
  }

  /** The ids of the calls of the current repository. */
  callIds(): string[] {
    return [...this.#repository.calls.keys()];
  }

    /** The territory catalog of the current repository. */
  get territories(): EngineRepository['territories'] {
    return this.#repository.territories;
  }

  /**
   * The newest version of a call, self-contained: the default lifecycles it relies on are written into it
   * (and into its hash), so that a later change of a template never changes a running instance.
   */
  current(callId: string): CallToCompile {
    const call = this.#repository.calls.get(callId);
    if (!call) {
      const known = [...this.#repository.calls.keys()].join(', ') || 'aucun';
      throw new EngineError('definition-inconnue', `Appel « ${callId} » inconnu (appels publiés : ${known}). Vérifiez l'identifiant ou validez sa définition (npx dispositifs validate).`, { call: callId });
    }
    const pinned = this.#pinned.get(call.hash);
    if (pinned) return pinned;
    const lifecycles = { ...call.definition.lifecycles };
    for (const [key, template] of Object.entries(DEFAULT_LIFECYCLES) as Array<[keyof typeof DEFAULT_LIFECYCLES, string]>) {
      lifecycles[key] ??= this.#repository.pieces.lifecycle.get(template)?.piece.lifecycle;
    }
    const complete = Object.keys(lifecycles).every((key) => call.definition.lifecycles?.[key as keyof typeof lifecycles] !== undefined);
    const definition: Call = complete ? call.definition : { ...call.definition, lifecycles };
    const result = { id: call.id, version: call.version, hash: complete ? call.hash : canonicalHash(definition), definition };
    this.#pinned.set(call.hash, result);
    return result;
  }

  /**
   * Refuses `action` when the call's current status forbids it (`call-status.ts`); `pinned` is the
   * instance's own definition, read when the repository no longer holds the call.
   */
  admit(callId: string, action: CallAction, pinned?: Call): void {
    const call = this.#repository.calls.get(callId)?.definition ?? pinned;
    if (call) admitCallAction(this.policy, { id: callId, title: call.title, status: call.status }, action);
  }

  /** Records a definition in the store so that instances started under it can always be run again. */
  async pin(tx: StoreSession, call: CallToCompile, at: string): Promise<void> {
    await tx.putDefinition({ hash: call.hash, callId: call.id, version: call.version, json: call.definition, createdAt: at });
  }

  /** The compiled call of a stored definition hash. */
  async compiled(tx: StoreSession, hash: string): Promise<CompiledCall> {
    const known = this.#cache.peek(hash);
    if (known) return known;
    for (const call of this.#pinned.values()) if (call.hash === hash) return this.#cache.get(call);
    const stored = await tx.getDefinition(hash);
    if (!stored) {
      throw new EngineError('definition-inconnue', `Version de définition « ${hash.slice(0, 12)} » introuvable dans la base : la base a-t-elle été restaurée sans sa table definitions ?`, { hash });
    }
    return this.#cache.get({ id: stored.callId, version: stored.version, hash: stored.hash, definition: stored.json as Call });
  }

  /**
   * The compiled call of a hash, whether stored already or one of the repository's current versions
   * (then recorded in the store, so that instances moved to it stay runnable).
   */
  async target(tx: StoreSession, hash: string, at: string): Promise<CompiledCall | undefined> {
    if (await tx.getDefinition(hash)) return this.compiled(tx, hash);
    for (const id of this.#repository.calls.keys()) {
      const call = this.current(id);
      if (call.hash !== hash) continue;
      await this.pin(tx, call, at);
      return this.compile(call);
    }
    return undefined;
  }

  /** Compiles a call (pinned or current) without the store. */
  compile(call: CallToCompile): CompiledCall {
    return this.#cache.get(call);
  }
}
