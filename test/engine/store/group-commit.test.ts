import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GroupCommit, type BatchConnection } from '../../../engine/store/group-commit.ts';
import { Mutex } from '../../../engine/store/mutex.ts';

/** A real SQLite connection behind the batch statements, counting the commits. */
function sqlite() {
  const db = new Database(':memory:');
  db.exec('create table t (id integer primary key, v text not null)');
  const counts = { commits: 0 };
  const run = (text: string) => {
    const statement = db.prepare(text);
    return () => void statement.run();
  };
  const commit = run('commit');
  const connection: BatchConnection = {
    begin: run('begin immediate'),
    commit: () => {
      counts.commits++;
      commit();
    },
    rollback: run('rollback'),
    savepoint: run('savepoint step'),
    release: run('release step'),
    rollbackToSavepoint: run('rollback to step'),
    inTransaction: () => db.inTransaction,
  };
  const insert = db.prepare('insert into t (v) values (?)');
  const session = { insert: (v: string) => Number(insert.run(v).lastInsertRowid) };
  const rows = () => (db.prepare('select v from t order by id').all() as Array<{ v: string }>).map((r) => r.v);
  return { db, counts, connection, session, rows };
}

describe('group commit', () => {
  it('commits transactions that arrive together once, in their order', async () => {
    const { counts, connection, session, rows } = sqlite();
    const batches = new GroupCommit(new Mutex(), connection, session);
    const ids = await Promise.all(['a', 'b', 'c', 'd'].map((v) => batches.run(async (s) => s.insert(v))));
    expect(ids).toEqual([1, 2, 3, 4]);
    expect(rows()).toEqual(['a', 'b', 'c', 'd']);
    expect(counts.commits).toBe(1);
  });

  it('rolls back a failing transaction alone: the others of its batch are committed', async () => {
    const { connection, session, rows } = sqlite();
    const batches = new GroupCommit(new Mutex(), connection, session);
    const results = await Promise.allSettled([
      batches.run(async (s) => s.insert('avant')),
      batches.run(async (s) => {
        s.insert('moitié');
        throw new Error('refusé');
      }),
      batches.run(async (s) => s.insert('après')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual(['avant', 'après']);
  });

  it('acknowledges nothing when the shared commit fails', async () => {
    const { connection, session, rows } = sqlite();
    const failing: BatchConnection = {
      ...connection,
      commit: () => {
        throw new Error('disque plein');
      },
    };
    const batches = new GroupCommit(new Mutex(), failing, session);
    const results = await Promise.allSettled([batches.run(async (s) => s.insert('x')), batches.run(async (s) => s.insert('y'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(rows()).toEqual([]);
  });

  it('runs a transaction that arrives while a batch is under way in the next batch', async () => {
    const { counts, connection, session, rows } = sqlite();
    const batches = new GroupCommit(new Mutex(), connection, session);
    let late: Promise<number> | undefined;
    const first = batches.run(async (s) => {
      late = batches.run(async (t) => t.insert('tard'));
      return s.insert('tôt');
    });
    await first;
    await late;
    expect(rows()).toEqual(['tôt', 'tard']);
    expect(counts.commits).toBe(2);
  });

  it('gathers on a microtask for a database in memory: requests made together still share one commit', async () => {
    const { counts, connection, session, rows } = sqlite();
    const batches = new GroupCommit(new Mutex(), connection, session, 'microtask');
    await Promise.all(['a', 'b', 'c'].map((v) => batches.run(async (s) => s.insert(v))));
    expect(counts.commits).toBe(1);
    // One after the other, each is its own batch, drained without waiting for a turn of the event loop.
    let immediateRan = false;
    setImmediate(() => (immediateRan = true));
    await batches.run(async (s) => s.insert('d'));
    expect(immediateRan).toBe(false);
    expect(counts.commits).toBe(2);
    expect(rows()).toEqual(['a', 'b', 'c', 'd']);
  });
});
