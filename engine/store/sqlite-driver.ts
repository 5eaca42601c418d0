/**
 * A kysely dialect over the store's single better-sqlite3 connection: its queries run on cached prepared
 * statements and take the store's lock, so a report never reads another transaction's uncommitted rows.
 */
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { Mutex } from './mutex.ts';
import { bindable, type StatementCache } from './statement-cache.ts';

class CachedConnection implements DatabaseConnection {
  readonly #statements: StatementCache;
  constructor(statements: StatementCache) {
    this.#statements = statements;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#statements.get(query.sql);
    const parameters = bindable(query.parameters);
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('Seules les requêtes select peuvent être lues en flux.');
    for (const row of this.#statements.get(query.sql).iterate(bindable(query.parameters))) yield { rows: [row as R] };
  }
}

class SerializedDriver implements Driver {
  readonly #connection: CachedConnection;
  readonly #mutex: Mutex;
  constructor(statements: StatementCache, mutex: Mutex) {
    this.#connection = new CachedConnection(statements);
    this.#mutex = mutex;
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }
  async destroy(): Promise<void> {}
}

/** The kysely dialect of the SQLite store (the store owns and closes the connection). */
export function serializedSqliteDialect(statements: StatementCache, mutex: Mutex): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new SerializedDriver(statements, mutex),
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
