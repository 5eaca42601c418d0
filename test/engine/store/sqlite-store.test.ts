import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../engine/store/index.ts';
import { describeStore } from './store-suite.ts';

describeStore('SQLite en mémoire', () => openSqliteStore({ file: ':memory:' }));

const dir = mkdtempSync(join(tmpdir(), 'dispositifs-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
describeStore('SQLite fichier', () => openSqliteStore({ file: join(dir, `store-${n++}.sqlite`) }));

describe('SQLite store on a file', () => {
  it('uses WAL with synchronous FULL, and keeps data across reopening', async () => {
    const file = join(dir, 'reopen.sqlite');
    const store = await openSqliteStore({ file });
    await store.putDefinition({ hash: 'h', callId: 'c', version: 1, json: {}, createdAt: '2024-01-01T00:00:00.000Z' });
    await store.close();
    const again = await openSqliteStore({ file });
    expect((await again.getDefinition('h'))?.callId).toBe('c');
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(again.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(again.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    expect(sync.rows[0]?.synchronous).toBe(2);
    await again.close();
  });
});
