import { afterAll, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, describePostgres } from './postgres.ts';

describePostgres('the private PostgreSQL cluster', () => {
  const databases: Array<{ drop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('gives each test its own empty database on 127.0.0.1', async () => {
    const a = await createTestDatabase('support_a');
    const b = await createTestDatabase('support_b');
    databases.push(a, b);
    expect(new URL(a.url).hostname).toBe('127.0.0.1');
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE t (n bigint)');
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows[0]?.db).toBe(a.name);
    } finally {
      await client.end();
    }
    const other = new pg.Client({ connectionString: b.url });
    await other.connect();
    try {
      const { rows } = await other.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 't'");
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await other.end();
    }
  });
});
