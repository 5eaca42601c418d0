/**
 * "Does the instance have at least these values?": the comparison behind `expect.data`.
 */
import { formatMoney, parseMoney } from '../money/index.ts';

/** One difference between what a scenario expects and what the instance has. */
export interface Mismatch {
  /** Dotted path under the compared value (`menage.revenus`, `enfants[0]`). */
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * The differences between `expected` and `actual`, where `expected` is a subset: objects need only the
 * keys they write, arrays must have the same length and matching items, other values must be equal.
 * An amount written « 162,38 € » matches the integer cents 16238.
 * @example subsetMismatches({ a: 1 }, { a: 1, b: 2 }) // []
 */
export function subsetMismatches(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (typeof expected === 'string' && typeof actual === 'number') {
    const cents = parseMoney(expected);
    if (cents !== undefined) return cents === actual ? [] : [{ path, expected, actual: formatMoney(actual) }];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual }];
    return expected.flatMap((item, i) => subsetMismatches(item, actual[i], `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [{ path, expected, actual }];
    return Object.entries(expected).flatMap(([key, value]) =>
      subsetMismatches(value, (actual as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`),
    );
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
}

/** A value as a scenario author reads it in a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string') return `« ${value} »`;
  return JSON.stringify(value);
}
