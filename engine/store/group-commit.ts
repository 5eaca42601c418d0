/**
 * Group commit for the embedded store: transactions that arrive together run one after the other inside
 * ONE SQLite transaction, each in its own savepoint, and are committed (one fsync) together. Each is
 * acknowledged only once the shared commit is durable; one that fails is rolled back to its savepoint
 * alone. With `synchronous = FULL` an fsync costs milliseconds, so ten concurrent steps cost one fsync
 * instead of ten, while each step still sees the writes of the steps before it, as if run alone in turn.
 */
import type { Mutex } from './mutex.ts';

/** The statements a batch needs on the connection. */
export interface BatchConnection {
  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  release(): void;
  rollbackToSavepoint(): void;
  inTransaction(): boolean;
}

interface Pending<S> {
  work: (session: S) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * When a batch is drained after its first request. `turn` (the default): after one turn of the event loop,
 * so that requests read from the network meanwhile join it (a file's commit costs an fsync). `microtask`:
 * as soon as the code that made the request yields — requests made together (`Promise.all`) still share a
 * batch — for a database in memory, whose commit costs no fsync and gains nothing from waiting.
 */
export type Gathering = 'turn' | 'microtask';

/** Runs transactions in batches that share one commit. */
export class GroupCommit<S> {
  readonly #mutex: Mutex;
  readonly #connection: BatchConnection;
  readonly #session: S;
  readonly #queue: Array<Pending<S>> = [];
  #scheduled = false;
  readonly #gather: (drain: () => void) => void;

  constructor(mutex: Mutex, connection: BatchConnection, session: S, gathering: Gathering = 'turn') {
    this.#mutex = mutex;
    this.#connection = connection;
    this.#session = session;
    this.#gather = gathering === 'turn' ? setImmediate : queueMicrotask;
  }

  /** Runs `work` in the next batch; resolves once its batch is committed. */
  run<T>(work: (session: S) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // Requests that arrive together join the batch (see `Gathering`).
        this.#gather(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    await this.#mutex.lock();
    const batch = this.#queue.splice(0);
    this.#scheduled = false;
    const outcomes: Outcome[] = [];
    let failure: { error: unknown } | undefined;
    // A batch of one needs no savepoint: the transaction is its own, so rolling it back undoes exactly it.
    const alone = batch.length === 1;
    let rolledBack = false;
    try {
      this.#connection.begin();
      for (const item of batch) {
        if (!alone) this.#connection.savepoint();
        try {
          const value = await item.work(this.#session);
          if (!alone) this.#connection.release();
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (!this.#connection.inTransaction()) {
            // SQLite gave up the whole transaction (I/O error, disk full): nothing of the batch holds.
            failure = { error };
            break;
          }
          if (alone) {
            this.#connection.rollback();
            rolledBack = true;
          } else {
            this.#connection.rollbackToSavepoint();
            this.#connection.release();
          }
          outcomes.push({ ok: false, error });
        }
      }
      if (failure === undefined && !rolledBack) this.#connection.commit();
    } catch (error) {
      failure = { error };
    } finally {
      if (failure !== undefined && this.#connection.inTransaction()) this.#connection.rollback();
      this.#mutex.unlock();
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (failure !== undefined) item.reject(outcome !== undefined && !outcome.ok ? outcome.error : failure.error);
      else if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  }
}
