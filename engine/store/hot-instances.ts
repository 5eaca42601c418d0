/**
 * Parsed JSON of the instances read and written lately (issue 14): a step reads the snapshot the previous
 * step wrote, and parsing it again (then rebuilding a compact one, `snapshot-codec.ts`) costs more than the
 * rest of the read. An entry is keyed by the instance and its version, and checked against the columns'
 * very texts: a row equal to the one remembered parses to an equal value, whatever wrote it (this process,
 * a rolled-back transaction, another process on the same file, an erasure that rewrote the row in place),
 * so nothing here can be stale. Values are shared between readers: the engine never mutates a record it read.
 */
import { decodeSnapshot } from './snapshot-codec.ts';

/** The columns of an instance's row that its parsed values come from. */
export interface StoredColumns {
  version: number;
  state: string;
  territory: string | null;
  snapshot: string;
  data: string;
}

/** The parsed columns of one instance, with the row they were parsed from. */
interface Entry {
  row: StoredColumns;
  snapshot: unknown;
  data: Record<string, unknown>;
}

/** A bounded map from instance id to its last parsed snapshot and data (the least recently used dropped first). */
export class HotInstances {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;

  constructor(max = 2000) {
    this.#max = max;
  }

  /** The parsed values of a row: remembered ones when the row is the same, parsed (and remembered) otherwise. */
  parse(id: string, row: StoredColumns): { snapshot: unknown; data: Record<string, unknown> } {
    const entry = this.#entries.get(id);
    if (entry && same(entry.row, row)) {
      this.#touch(id, entry);
      return entry;
    }
    const data = entry?.row.data === row.data ? entry.data : (JSON.parse(row.data) as Record<string, unknown>);
    const parsed = { row, data, snapshot: decodeSnapshot(JSON.parse(row.snapshot), { state: row.state, territory: row.territory, data }) };
    this.#touch(id, parsed);
    return parsed;
  }

  /** Remembers the values just written with their row, so that the next read parses nothing. */
  remember(id: string, row: StoredColumns, snapshot: unknown, data: Record<string, unknown>): void {
    this.#touch(id, { row, snapshot, data });
  }

  #touch(id: string, entry: Entry): void {
    this.#entries.delete(id);
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(id, entry);
  }
}

function same(a: StoredColumns, b: StoredColumns): boolean {
  return a.version === b.version && a.state === b.state && a.territory === b.territory && a.snapshot === b.snapshot && a.data === b.data;
}
