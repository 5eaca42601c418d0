import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, describePostgres, type TestDatabase } from '../../support/postgres.ts';
import { storeMigrations } from '../../../engine/store/migrations.ts';

// The migrations are the store's code: the count and the last name come from the list, not from this test.
const names = (dialect: 'sqlite' | 'postgres') => Object.keys(storeMigrations[dialect]).sort();


/** Runs the real command line, as a user would. */
function dispositifs(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs migrate (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates and migrates the SQLite file given by --database-url', () => {
    const file = join(dir, 'base.sqlite');
    const run = dispositifs(['migrate', '--database-url', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Base SQLite ${file} à jour : ${names('sqlite').length} migration(s) appliquée(s)`);
  });
});

describePostgres('dispositifs migrate (PostgreSQL)', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('migrates the database named by DATABASE_URL, and says so again when it is already up to date', async () => {
    const db = await createTestDatabase('cli_migrate');
    databases.push(db);
    for (let round = 0; round < 2; round++) {
      const run = dispositifs(['migrate'], { DATABASE_URL: db.url });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Base PostgreSQL postgres:\/\/.* à jour : \d+ migration\(s\) appliquée\(s\) \(dernière : [\w-]+\)\.\n$/);
      expect(run.stdout).toContain(`${names('postgres').length} migration(s) appliquée(s) (dernière : ${names('postgres').at(-1)})`);
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely%' ORDER BY 1");
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['definitions', 'events', 'instances', 'ledger', 'timers', 'published_calls']));
    } finally {
      await client.end();
    }
  });

  it('fails with exit code 1 and a French message, without the password, when the server cannot be reached', () => {
    const run = dispositifs(['migrate', '--database-url', 'postgres://moi:secret@127.0.0.1:1/base']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Connexion à PostgreSQL impossible');
    expect(run.stderr).not.toContain('secret');
  });
});
