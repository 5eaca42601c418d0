/**
 * Keys recorded before idempotency keys were scoped to their sender are rewritten by the migration
 * `2026-12-03-i13-scoped-idempotency-keys`: a retry sent across the upgrade is recognised (not applied
 * twice), and the key still belongs to its sender only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../engine/runtime/index.ts';
import { openStore } from '../../../engine/store/index.ts';
import { manualClock, parisInstant } from '../../../engine/time/index.ts';
import { operator, repositoryOf, REAL } from '../runtime/support.ts';

const dir = mkdtempSync(join(tmpdir(), 'dispositifs-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (operatorId: string) => ({
  callId: 'prevention-expulsions-2024', operatorId, territory: 'lens-henin', applicant: { 'agrement-isft': true },
  actor: operator(operatorId), idempotencyKey: 'depot-avant-mise-a-jour',
});

async function engineOn(file: string) {
  const store = await openStore(file);
  const engine = createEngine({ store, repository: await repositoryOf(REAL), clock: manualClock(parisInstant('2024-04-15', '12:00')) });
  return { store, engine };
}

describe('scoped idempotency keys migration', () => {
  it('rewrites keys recorded unscoped, so that a retry after the upgrade replays the first answer', async () => {
    const file = join(dir, 'avant.sqlite');
    const before = await engineOn(file);
    const first = await before.engine.createApplication(request('asso-a'));
    await before.store.close();
    // The database as an engine before this change left it: the bare key, the migration not yet run.
    const raw = new Database(file);
    raw.prepare('update events set idempotency_key = ? where idempotency_key is not null').run('depot-avant-mise-a-jour');
    raw.prepare('delete from kysely_migration where name = ?').run('2026-12-03-i13-scoped-idempotency-keys');
    raw.close();

    const after = await engineOn(file);
    try {
      const retried = await after.engine.createApplication(request('asso-a'));
      expect(retried).toEqual(first);
      const other = await after.engine.createApplication(request('asso-b'));
      expect(other.instanceId).not.toBe(first.instanceId);
      const count = await after.store.db.selectFrom('instances').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
    } finally {
      await after.store.close();
    }
  });
});
