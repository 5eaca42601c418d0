/**
 * An instance's version as an HTTP entity tag: `ETag: "3"` on reads, `If-Match: "3"` on event posts.
 */
import type { Context } from 'hono';
import { httpProblem } from './problem.ts';

/** The strong entity tag of an instance version. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/**
 * The version the client expects from `If-Match` (`undefined` when absent or `*`); 400 when the header
 * is not a single tag made by {@link versionTag}.
 * @example
 * const expectedVersion = expectedVersionOf(c); // If-Match: "3" → 3
 */
export function expectedVersionOf(c: Context): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (match?.[1] === undefined) {
    throw httpProblem('version-attendue-invalide', 'If-Match attend l’ETag lu sur l’instance, par exemple "3".');
  }
  return Number(match[1]);
}
