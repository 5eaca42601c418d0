import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOf } from '../../server/pagination.ts';

describe('pagination', () => {
  const items = ['d', 'a', 'c', 'b', 'e'].map((id) => ({ id }));

  it('walks a list page by page with the cursors it gives, each item once', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = pageOf(items, (item) => item.id, cursor === undefined ? { limit: 2 } : { limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives no next cursor on an exactly full last page', () => {
    expect(pageOf(items, (item) => item.id, { limit: 5 }).nextCursor).toBeNull();
  });

  it('round-trips a cursor and refuses a forged one with a 400 problem', () => {
    expect(decodeCursor(encodeCursor({ after: 'x' }))).toEqual({ after: 'x' });
    expect(() => decodeCursor('bm90LWpzb24')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
