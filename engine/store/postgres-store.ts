/**
 * The shared store: PostgreSQL through a `pg` pool, for several server processes on one database.
 *
 * Transactions run at SERIALIZABLE isolation: whatever the engine reads and writes in one (an instance and
 * its version, a quota count, an idempotency key, a due timer), the outcome is that of some one-at-a-time
 * order, exactly as with SQLite's single writer, even across processes. PostgreSQL refuses a transaction
 * it cannot fit in such an order (a serialization failure, a deadlock); it is then run again from the
 * start, so `work` must have no effect outside its session.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migratePostgres } from './migrations.ts';
import { PostgresSession } from './postgres-session.ts';
import { postgresTypes } from './postgres-types.ts';
import type { Store, StoreSession } from './store.ts';
import type { Database as Tables } from './tables.ts';

/** Where the PostgreSQL store connects. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (the `DATABASE_URL`). */
  url: string;
  /** Connections of this process (default 10). */
  poolSize?: number;
  /** Migrate the schema on open (default true); `dispositifs migrate` does it separately otherwise. */
  migrate?: boolean;
}

/** How often a transaction refused for concurrency is run again before the refusal reaches the caller. */
const MAX_ATTEMPTS = 40;
/** serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);

/** A pg pool whose values come back normalized (see `postgres-types.ts`). */
export function createPostgresPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max,
    types: postgresTypes,
    application_name: 'dispositifs',
    // Instants are compared and printed in UTC whatever the server's default.
    options: '-c TimeZone=UTC',
  });
}

/**
 * Opens a PostgreSQL store (and migrates its schema unless told not to).
 * @example
 * const store = await openPostgresStore({ url: process.env.DATABASE_URL! });
 * const engine = createEngine({ store, repository, clock });
 * // …
 * await store.close();
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = createPostgresPool(options.url, options.poolSize);
  const store = new PostgresStore(pool);
  try {
    await pool.query('select 1').catch((error: unknown) => {
      const cause = error instanceof Error ? error.message : String(error);
      throw new Error(`Connexion à PostgreSQL impossible : ${cause}. Vérifiez DATABASE_URL (hôte, port, utilisateur, mot de passe, base) et que le serveur accepte les connexions.`, { cause: error });
    });
    // New indexes need statistics before the planner prefers them; autovacuum keeps them current after.
    if ((options.migrate ?? true) && (await migratePostgres(store.db))?.some((r) => r.status === 'Success')) await pool.query('analyze instances, ledger');
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly db: Kysely<Tables>;
  readonly #pool: pg.Pool;
  readonly #session: PostgresSession;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    this.#session = new PostgresSession(pool, this.db, false);
  }

  async transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      let broken: unknown;
      try {
        await client.query('begin isolation level serializable');
        const result = await work(new PostgresSession(client, this.db, true));
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch (rollbackError) {
          broken = rollbackError;
        }
        if (!isRetryable(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          // Not an EngineError: nothing was refused, the database was too busy (the timers scheduler must
          // not take it for a refusal and mark a timer done).
          throw new Error(`Trop de modifications simultanées : la transaction n'a pas pu être enregistrée après ${attempt} essais. Réessayez dans un instant.`, { cause: error });
        }
      } finally {
        // A client whose rollback failed is discarded rather than handed to the next transaction.
        client.release(broken instanceof Error ? broken : undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
    // kysely ends the pool only if it ran a query itself; the session's own queries do not count.
    if (!this.#pool.ended) await this.#pool.end();
  }

  putDefinition: Store['putDefinition'] = (d) => this.#session.putDefinition(d);
  getDefinition: Store['getDefinition'] = (hash) => this.#session.getDefinition(hash);
  getInstance: Store['getInstance'] = (id) => this.#session.getInstance(id);
  insertInstance: Store['insertInstance'] = (i) => this.#session.insertInstance(i);
  updateInstance: Store['updateInstance'] = (u) => this.#session.updateInstance(u);
  listInstances: Store['listInstances'] = (f, p) => this.#session.listInstances(f, p);
  countInstances: Store['countInstances'] = (f) => this.#session.countInstances(f);
  listMeasureStates: Store['listMeasureStates'] = (a, p, g) => this.#session.listMeasureStates(a, p, g);
  measureGroups: Store['measureGroups'] = (a) => this.#session.measureGroups(a);
  sumMeasureAmounts: Store['sumMeasureAmounts'] = (a, g, m) => this.#session.sumMeasureAmounts(a, g, m);
  appendEvent: Store['appendEvent'] = (e) => this.#session.appendEvent(e);
  findEventByKey: Store['findEventByKey'] = (i, k) => this.#session.findEventByKey(i, k);
  findCreationByKey: Store['findCreationByKey'] = (k) => this.#session.findCreationByKey(k);
  listEvents: Store['listEvents'] = (i) => this.#session.listEvents(i);
  insertTimer: Store['insertTimer'] = (t) => this.#session.insertTimer(t);
  cancelTimers: Store['cancelTimers'] = (i, n) => this.#session.cancelTimers(i, n);
  markTimerFired: Store['markTimerFired'] = (i, at) => this.#session.markTimerFired(i, at);
  dueTimers: Store['dueTimers'] = (now, limit) => this.#session.dueTimers(now, limit);
  listTimers: Store['listTimers'] = (i, status) => this.#session.listTimers(i, status);
  insertLedger: Store['insertLedger'] = (l) => this.#session.insertLedger(l);
  listLedger: Store['listLedger'] = (a, k) => this.#session.listLedger(a, k);
  ledgerPage: Store['ledgerPage'] = (a, p) => this.#session.ledgerPage(a, p);
  putSealKey: Store['putSealKey'] = (i, k, at) => this.#session.putSealKey(i, k, at);
  sealKey: Store['sealKey'] = (i) => this.#session.sealKey(i);
  insertNotification: Store['insertNotification'] = (n) => this.#session.insertNotification(n);
  cancelNotifications: Store['cancelNotifications'] = (i) => this.#session.cancelNotifications(i);
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}
