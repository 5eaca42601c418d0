/**
 * Cursor pagination of lists: `?limit=&cursor=`, answered as `{ items, nextCursor }` with a `Link` header.
 */
import type { Context } from 'hono';
import { httpProblem } from './problem.ts';

/** The default and largest page sizes. */
export const PAGE_LIMIT = { default: 50, max: 200 } as const;

/** A page request: how many items, after which cursor. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** A page of a list. */
export interface Page<T> {
  items: T[];
  /** Pass it as `?cursor=` to get the next page; `null` on the last page. */
  nextCursor: string | null;
}

/**
 * Reads `limit` (1 to 200, default 50) and `cursor` from the query; 400 when they are malformed.
 * @example
 * const { limit, cursor } = pageRequest(c);
 */
export function pageRequest(c: Context): PageRequest {
  const rawLimit = c.req.query('limit');
  let limit: number = PAGE_LIMIT.default;
  if (rawLimit !== undefined) {
    if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > PAGE_LIMIT.max) {
      throw httpProblem('requete-invalide', `Le paramètre limit doit être un entier de 1 à ${PAGE_LIMIT.max}.`, {
        errors: [{ path: '/limit', message: `entier de 1 à ${PAGE_LIMIT.max} attendu` }],
      });
    }
    limit = Number(rawLimit);
  }
  const cursor = c.req.query('cursor');
  if (cursor === undefined || cursor === '') return { limit };
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) {
    throw httpProblem('requete-invalide', 'Le paramètre cursor est invalide ; reprenez celui de la page précédente.', {
      errors: [{ path: '/cursor', message: 'curseur inconnu' }],
    });
  }
  return { limit, cursor };
}

/** Encodes a position in a list (any JSON value) as an opaque cursor. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; 400 when it was not. */
export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw httpProblem('requete-invalide', 'Le paramètre cursor est invalide ; reprenez celui de la page précédente.', {
      errors: [{ path: '/cursor', message: 'curseur inconnu' }],
    });
  }
}

/**
 * Cuts a page out of items sorted by a unique key (a string, or a number such as a sequence): the items strictly after the cursor's key, `limit` of
 * them, and the cursor of the next page. Used where the engine gives a whole (small) list.
 */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string | number, request: PageRequest): Page<T> {
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  if (after !== undefined && typeof after !== 'string' && typeof after !== 'number') {
    throw httpProblem('requete-invalide', 'Le paramètre cursor est invalide ; reprenez celui de la page précédente.');
  }
  const sorted = [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const start = after === undefined ? 0 : sorted.findIndex((item) => compareKeys(keyOf(item), after) > 0);
  const rest = start < 0 ? [] : sorted.slice(start);
  const pageItems = rest.slice(0, request.limit);
  const last = pageItems[pageItems.length - 1];
  const nextCursor = rest.length > request.limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { items: pageItems, nextCursor };
}

/** Answers a page as JSON with a `Link: <…>; rel="next"` header when there is a next page. */
export function pageResponse<T>(c: Context, page: Page<T>): Response {
  if (page.nextCursor !== null) {
    const next = new URL(c.req.url);
    next.searchParams.set('cursor', page.nextCursor);
    c.header('link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return c.json(page);
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
