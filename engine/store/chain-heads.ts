/**
 * The hash of each instance's last event row, kept in memory (issue 14): appending an event chains it to
 * the row before (`engine/integrity/event-seal.ts`), and reading that row's hash back was one statement
 * of every step. A committed row never changes (erasure rewrites a message, never its hash), so a hash
 * remembered for (instance, version) once committed is that row's for good, whichever process reads the
 * file. Hashes written inside a transaction are held apart until it commits, dropped with a savepoint or
 * a transaction rolled back: nothing here ever names a row the database does not hold.
 */

/** A bounded memory of the instances' last row hashes, aware of the connection's transaction. */
export class ChainHeads {
  readonly #committed = new Map<string, { version: number; hash: string }>();
  readonly #pending = new Map<string, string>();
  /** What `#pending` holds, in the order written, and where each open savepoint began. */
  readonly #written: Array<{ key: string; instanceId: string; version: number; hash: string }> = [];
  readonly #marks: number[] = [];
  readonly #max: number;

  constructor(max = 10_000) {
    this.#max = max;
  }

  /** The hash of an instance's row at `version`, if known (written by the open transaction, or committed). */
  get(instanceId: string, version: number, inTransaction: boolean): string | undefined {
    const pending = inTransaction ? this.#pending.get(key(instanceId, version)) : undefined;
    if (pending !== undefined) return pending;
    const committed = this.#committed.get(instanceId);
    return committed?.version === version ? committed.hash : undefined;
  }

  /** Records the hash of a row just written; `inTransaction` false means the write committed on its own. */
  wrote(instanceId: string, version: number, hash: string, inTransaction: boolean): void {
    if (!inTransaction) return this.#commit(instanceId, version, hash);
    const k = key(instanceId, version);
    this.#pending.set(k, hash);
    this.#written.push({ key: k, instanceId, version, hash });
  }

  /** A transaction begins: nothing is pending (a transaction the database gave up left nothing). */
  begin(): void {
    this.#clear();
  }
  savepoint(): void {
    this.#marks.push(this.#written.length);
  }
  release(): void {
    this.#marks.pop();
  }
  /** Forgets what was written since the innermost savepoint. */
  rollbackToSavepoint(): void {
    const mark = this.#marks[this.#marks.length - 1] ?? 0;
    for (const w of this.#written.splice(mark)) this.#pending.delete(w.key);
  }
  commit(): void {
    for (const w of this.#written) this.#commit(w.instanceId, w.version, w.hash);
    this.#clear();
  }
  rollback(): void {
    this.#clear();
  }

  #clear(): void {
    this.#marks.length = 0;
    if (this.#written.length === 0) return;
    this.#pending.clear();
    this.#written.length = 0;
  }

  #commit(instanceId: string, version: number, hash: string): void {
    const known = this.#committed.get(instanceId);
    if (known !== undefined && known.version > version) return;
    this.#committed.delete(instanceId);
    if (this.#committed.size >= this.#max) {
      const oldest = this.#committed.keys().next().value;
      if (oldest !== undefined) this.#committed.delete(oldest);
    }
    this.#committed.set(instanceId, { version, hash });
  }
}

function key(instanceId: string, version: number): string {
  return `${instanceId}\u0000${version}`;
}
