/**
 * Collects the changes of one section: a value compared with its parent's, or a map compared key by key.
 */
import { canonicalJson } from '../definition/index.ts';
import type { Agreement, Change } from './change.ts';
import { leafChanges } from './leaf-changes.ts';

/** How to name and say the entries of a map (windows, measures, indicators…). */
export interface EntryWords<T> {
  subject: (id: string, value: T) => string;
  agreement: Agreement;
  describe: (value: T) => string;
}

/** The changes of one section, in reading order. */
export class ChangeList {
  readonly changes: Change[] = [];

  /**
   * Compares one value: unchanged when equal, changed (in words) when the words differ, modified when
   * only what the words do not say differs; added or removed when one side is missing.
   */
  value<T>(subject: string, agreement: Agreement, path: string, before: T | undefined, after: T | undefined, describe: (value: T) => string): void {
    if (before === undefined && after === undefined) return;
    if (before === undefined) return void this.changes.push({ kind: 'added', subject, agreement, path, after: describe(after as T) });
    if (after === undefined) return void this.changes.push({ kind: 'removed', subject, agreement, path, before: describe(before) });
    const [was, is] = [describe(before), describe(after)];
    if (same(before, after)) this.changes.push({ kind: 'unchanged', subject, agreement, path, value: is });
    else if (was !== is) this.changes.push({ kind: 'changed', subject, agreement, path, before: was, after: is });
    else this.changes.push({ kind: 'modified', subject, agreement, path, details: leafChanges(before, after) });
  }

  /**
   * Compares two maps key by key (the parent's order, then the child's new keys). `inner`, when given,
   * compares an entry present on both sides instead of {@link value}.
   */
  entries<T>(
    path: string,
    before: Readonly<Record<string, T | undefined>> | undefined,
    after: Readonly<Record<string, T | undefined>> | undefined,
    words: EntryWords<T>,
    inner?: (id: string, before: T, after: T) => void,
  ): void {
    const ids = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    for (const id of ids) {
      const [was, is] = [before?.[id] ?? undefined, after?.[id] ?? undefined];
      const reference = (is ?? was) as T | undefined;
      if (reference === undefined) continue;
      const entryPath = `${path}/${id}`;
      if (was !== undefined && is !== undefined && inner !== undefined) inner(id, was, is);
      else this.value(words.subject(id, reference), words.agreement, entryPath, was, is, words.describe);
    }
  }

  /** Appends changes computed elsewhere. */
  push(...changes: Change[]): void {
    this.changes.push(...changes);
  }
}

/**
 * Deep equality of two JSON values, key order ignored, and `source` keys too: a citation of this year's
 * text instead of last year's is not a change of the rule.
 */
export function same(a: unknown, b: unknown): boolean {
  return canonicalJson(withoutSources(a)) === canonicalJson(withoutSources(b));
}

function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'source').map(([key, item]) => [key, withoutSources(item)]));
}
