/**
 * The embedded store: one better-sqlite3 connection in WAL mode, the schema migrated in code, the hot path
 * on cached prepared statements, transactions serialized on the connection.
 */
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { GroupCommit } from './group-commit.ts';
import { Mutex } from './mutex.ts';
import { serializedSqliteDialect } from './sqlite-driver.ts';
import { migrateSqlite } from './migrations.ts';
import { SqliteSession } from './sqlite-session.ts';
import { StatementCache } from './statement-cache.ts';
import type { Store, StoreSession } from './store.ts';
import type { Database as Tables } from './tables.ts';

/** Where the SQLite store keeps its data. */
export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a database that lives as long as the store. */
  file: string;
}

/**
 * Opens (and migrates) an SQLite store.
 *
 * Durability: WAL with `synchronous = FULL`. In WAL mode, `NORMAL` skips the fsync at each commit, so a
 * power cut or an OS crash may lose the last transactions that were already acknowledged to the caller
 * (an operator told "événement enregistré" whose event is gone). `FULL` fsyncs the WAL at every commit:
 * an acknowledged event survives anything short of a disk failure, at the cost of one fsync per step.
 *
 * @example
 * const store = await openSqliteStore({ file: 'data/dispositifs.sqlite' });
 * const engine = createEngine({ store, repository, clock });
 * // …
 * await store.close();
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const connection = new Database(options.file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const store = new SqliteStore(connection);
  await migrateSqlite(store.db);
  // Statistics for the planner (which index serves a filter): analyses the tables whose statistics are
  // missing or stale, bounded in work (SQLite's advice for a connection that lives long).
  connection.pragma('optimize = 0x10002');
  return store;
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly db: Kysely<Tables>;
  readonly #connection: Database.Database;
  readonly #mutex = new Mutex();
  readonly #session: SqliteSession;
  readonly #batches: GroupCommit<StoreSession>;

  constructor(connection: Database.Database) {
    this.#connection = connection;
    const statements = new StatementCache(connection);
    this.db = new Kysely<Tables>({ dialect: serializedSqliteDialect(statements, this.#mutex) });
    this.#session = new SqliteSession(statements, this.db, () => connection.inTransaction);
    // Each end of a transaction or savepoint is told to the chain heads once SQLite has done it.
    const heads = this.#session.heads;
    const statement = (text: string, then: () => void) => {
      const prepared = connection.prepare(text);
      return () => {
        prepared.run();
        then();
      };
    };
    this.#batches = new GroupCommit<StoreSession>(this.#mutex, {
      begin: statement('begin immediate', () => heads.begin()),
      commit: statement('commit', () => heads.commit()),
      rollback: statement('rollback', () => heads.rollback()),
      savepoint: statement('savepoint step', () => heads.savepoint()),
      release: statement('release step', () => heads.release()),
      rollbackToSavepoint: statement('rollback to step', () => heads.rollbackToSavepoint()),
      inTransaction: () => connection.inTransaction,
    }, this.#session, connection.memory ? 'microtask' : 'turn');
  }

  /** Transactions arriving together share one commit (see `group-commit.ts`); each is all or nothing. */
  transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return this.#batches.run(work);
  }

  async close(): Promise<void> {
    await this.#mutex.run(() => {
      // What this connection's queries taught the planner is kept for the next one.
      if (this.#connection.open && !this.#connection.readonly) this.#connection.pragma('optimize');
      this.#connection.close();
    });
  }

  // Reads and writes outside a transaction take the lock, so they never interleave with one.
  putDefinition: Store['putDefinition'] = (d) => this.#locked((s) => s.putDefinition(d));
  getDefinition: Store['getDefinition'] = (hash) => this.#locked((s) => s.getDefinition(hash));
  getInstance: Store['getInstance'] = (id) => this.#locked((s) => s.getInstance(id));
  insertInstance: Store['insertInstance'] = (i) => this.#locked((s) => s.insertInstance(i));
  updateInstance: Store['updateInstance'] = (u) => this.#locked((s) => s.updateInstance(u));
  listInstances: Store['listInstances'] = (f, p) => this.#locked((s) => s.listInstances(f, p));
  countInstances: Store['countInstances'] = (f) => this.#locked((s) => s.countInstances(f));
  listMeasureStates: Store['listMeasureStates'] = (a, p, g) => this.#locked((s) => s.listMeasureStates(a, p, g));
  measureGroups: Store['measureGroups'] = (a) => this.#locked((s) => s.measureGroups(a));
  sumMeasureAmounts: Store['sumMeasureAmounts'] = (a, g, m) => this.#locked((s) => s.sumMeasureAmounts(a, g, m));
  appendEvent: Store['appendEvent'] = (e) => this.#locked((s) => s.appendEvent(e));
  findEventByKey: Store['findEventByKey'] = (i, k) => this.#locked((s) => s.findEventByKey(i, k));
  findCreationByKey: Store['findCreationByKey'] = (k) => this.#locked((s) => s.findCreationByKey(k));
  listEvents: Store['listEvents'] = (i) => this.#locked((s) => s.listEvents(i));
  insertTimer: Store['insertTimer'] = (t) => this.#locked((s) => s.insertTimer(t));
  cancelTimers: Store['cancelTimers'] = (i, n) => this.#locked((s) => s.cancelTimers(i, n));
  markTimerFired: Store['markTimerFired'] = (i, at) => this.#locked((s) => s.markTimerFired(i, at));
  dueTimers: Store['dueTimers'] = (now, limit) => this.#locked((s) => s.dueTimers(now, limit));
  listTimers: Store['listTimers'] = (i, status) => this.#locked((s) => s.listTimers(i, status));
  insertLedger: Store['insertLedger'] = (l) => this.#locked((s) => s.insertLedger(l));
  listLedger: Store['listLedger'] = (a, k) => this.#locked((s) => s.listLedger(a, k));
  ledgerPage: Store['ledgerPage'] = (a, p) => this.#locked((s) => s.ledgerPage(a, p));
  putSealKey: Store['putSealKey'] = (i, k, at) => this.#locked((s) => s.putSealKey(i, k, at));
  sealKey: Store['sealKey'] = (i) => this.#locked((s) => s.sealKey(i));
  insertNotification: Store['insertNotification'] = (n) => this.#locked((s) => s.insertNotification(n));
  cancelNotifications: Store['cancelNotifications'] = (i) => this.#locked((s) => s.cancelNotifications(i));

  #locked<T>(work: (session: StoreSession) => Promise<T>): Promise<T> {
    return this.#mutex.run(() => work(this.#session));
  }
}
