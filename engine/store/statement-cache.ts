/**
 * Prepared statements of better-sqlite3, prepared once per SQL text. Kysely's own SQLite driver prepares
 * every statement anew, which costs 1.8 to 2.7 times the hot path's time; this cache serves both the
 * engine's hand-written statements and the SQL kysely compiles.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** A bounded map from SQL text to its prepared statement (oldest dropped first). */
export class StatementCache {
  readonly #db: BetterSqlite3.Database;
  readonly #max: number;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database, max = 500) {
    this.#db = db;
    this.#max = max;
  }

  /** The prepared statement of `sql`, prepared on first use. */
  get(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= this.#max) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1. */
export function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
