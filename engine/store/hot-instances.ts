/**
 * Parsed JSON of the instances read and written lately (issue 14): a step reads the snapshot the previous
 * step wrote, and parsing it again costs more than the rest of the read. Entries are keyed by the column's
 * very text, never by a version: a text equal to the one remembered parses to an equal value, whatever
 * wrote it (this process, a rolled-back transaction, another process on the same file), so nothing here can
 * be stale. Values are shared between readers: the engine never mutates a record it read.
 */

/** The parsed columns of one instance, with the texts they were parsed from. */
interface Entry {
  snapshotText: string;
  snapshot: unknown;
  dataText: string;
  data: Record<string, unknown>;
}

/** A bounded map from instance id to its last parsed snapshot and data (the least recently used dropped first). */
export class HotInstances {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;

  constructor(max = 2000) {
    this.#max = max;
  }

  /** The parsed values of these texts: remembered ones when the texts are the same, parsed (and remembered) otherwise. */
  parse(id: string, snapshotText: string, dataText: string): { snapshot: unknown; data: Record<string, unknown> } {
    const entry = this.#entries.get(id);
    if (entry && entry.snapshotText === snapshotText && entry.dataText === dataText) {
      this.#touch(id, entry);
      return entry;
    }
    const parsed = {
      snapshotText, snapshot: JSON.parse(snapshotText) as unknown,
      dataText, data: entry?.dataText === dataText ? entry.data : (JSON.parse(dataText) as Record<string, unknown>),
    };
    this.#touch(id, parsed);
    return parsed;
  }

  /** Remembers the values just written with their texts, so that the next read parses nothing. */
  remember(id: string, snapshotText: string, snapshot: unknown, dataText: string, data: Record<string, unknown>): void {
    this.#touch(id, { snapshotText, snapshot, dataText, data });
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
