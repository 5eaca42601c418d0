import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import type { InstanceRecord, NewEvent, Store } from '../../../engine/store/index.ts';
import { storeMigrations } from '../../../engine/store/migrations.ts';
import { openPostgresStore } from '../../../engine/store/postgres-store.ts';
import {
  createMigratedDatabase,
  createTestDatabase,
  describePostgres,
  dropTestDatabases,
  emptyDatabase,
  type TestDatabase,
} from '../../support/postgres.ts';
import { describeStore } from './store-suite.ts';

afterAll(dropTestDatabases);

let database: TestDatabase | undefined;
/** Each test of the shared suite gets an empty store on this file's database. */
async function openEmpty() {
  database ??= await createMigratedDatabase('store_suite');
  await emptyDatabase(database.url);
  return openPostgresStore({ url: database.url });
}

describePostgres('PostgreSQL store', () => {
  describeStore('PostgreSQL', openEmpty);
});

const AT = '2024-06-01T10:00:00.000Z';

function instance(id: string, overrides: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    id, callId: 'appel', definitionHash: 'h1', kind: 'measure', lifecycle: 'measure:equipe-mobile', measureKind: 'equipe-mobile',
    reportId: null, operatorId: 'asso-a', territory: 'lens-henin', parentId: null, state: 'orientee', data: { semaines: 0 },
    snapshot: { value: 'orientee' }, version: 1, selectedOn: null, periodStart: null, periodEnd: null, createdAt: AT, updatedAt: AT,
    ...overrides,
  };
}

function event(instanceId: string, version: number, key: string | null, type = 'semaine'): NewEvent {
  return { instanceId, callId: 'appel', version, type, payload: {}, actor: { id: 'u1', role: 'operator' }, at: AT, idempotencyKey: key, definitionHash: 'h1', response: { version } };
}

/** Two stores on one database, as two server processes would have (each its own pool). */
async function twoProcesses(): Promise<[Store, Store]> {
  const url = (await createMigratedDatabase('two_processes')).url;
  const [a, b] = await Promise.all([openPostgresStore({ url, poolSize: 5 }), openPostgresStore({ url, poolSize: 5 })]);
  await a.putDefinition({ hash: 'h1', callId: 'appel', version: 1, json: {}, createdAt: AT });
  return [a, b];
}

describePostgres('PostgreSQL store: types', () => {
  it('reads counts, sums and bigint cents as numbers, calendar dates and instants as ISO strings', async () => {
    const store = await openEmpty();
    try {
      await store.putDefinition({ hash: 'h1', callId: 'appel', version: 1, json: {}, createdAt: AT });
      await store.insertInstance(instance('m1', { selectedOn: '2024-06-03', periodStart: '2024-02-29', periodEnd: '2024-08-31', createdAt: '2024-06-01T12:00:00+02:00' }));
      const big = 2 ** 40;
      await store.insertLedger({ agreementId: 'a', instanceId: 'm1', kind: 'earned', amountCents: big, at: '2024-11-15', label: 'x', breakdown: [] });
      await store.insertLedger({ agreementId: 'a', instanceId: 'm1', kind: 'earned', amountCents: 1, at: '2024-12-31', label: 'x', breakdown: [] });
      expect((await store.listLedger('a')).map((r) => [r.amountCents, r.at])).toEqual([[big, '2024-11-15'], [1, '2024-12-31']]);
      const [sums] = await store.db.selectFrom('ledger')
        .select((eb) => [eb.fn.sum<number>('amount_cents').as('total'), eb.fn.countAll<number>().as('rows')]).execute();
      expect(sums).toEqual({ total: big + 1, rows: 2 });
      expect(await store.countInstances({})).toBe(1);
      // The answer replayed for an idempotency key keeps the text first given, keys in their order.
      await store.appendEvent({ ...event('m1', 2, 'k'), response: { version: 2, state: 'b', instanceId: 'm1', date: '2024-06-01' } });
      expect(JSON.stringify((await store.findEventByKey('m1', 'k'))?.response)).toBe('{"version":2,"state":"b","instanceId":"m1","date":"2024-06-01"}');
      const stored = await store.getInstance('m1');
      expect(stored).toMatchObject({ selectedOn: '2024-06-03', periodStart: '2024-02-29', periodEnd: '2024-08-31', createdAt: AT });
    } finally {
      await store.close();
    }
  });

  it('refuses to read an integer that a JavaScript number cannot hold exactly', async () => {
    const store = await openEmpty();
    try {
      await sql`insert into ledger (agreement_id, instance_id, kind, amount_cents, at, label, breakdown) values ('a', 'm', 'paid', 9007199254740993, now(), 'x', '[]')`.execute(store.db);
      await expect(store.listLedger('a')).rejects.toThrow(/trop grand/);
      expect(await store.countInstances({})).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describePostgres('PostgreSQL store: several processes on one database', () => {
  it('migrates once when several processes start at the same time', async () => {
    const database = await createTestDatabase('migrate_race');
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url: database.url, poolSize: 1 })));
    const rows = await stores[0]!.db.selectFrom('kysely_migration' as never).selectAll().execute();
    // Each migration of the list recorded once, however many processes raced.
    expect(rows).toHaveLength(Object.keys(storeMigrations.postgres).length);
    await Promise.all(stores.map((s) => s.close()));
    await database.drop();
  });

  it('loses no update when both write the same instance at once', async () => {
    const [a, b] = await twoProcesses();
    try {
      await a.insertInstance(instance('m1'));
      const n = 16;
      await Promise.all(Array.from({ length: n }, (_, i) => (i % 2 ? a : b).transaction(async (tx) => {
        const current = (await tx.getInstance('m1'))!;
        const version = current.version + 1;
        await tx.appendEvent(event('m1', version, `k-${i}`));
        const written = await tx.updateInstance({
          id: 'm1', expectedVersion: current.version, version, definitionHash: 'h1', state: 'accompagnement', territory: current.territory,
          data: { semaines: (current.data.semaines as number) + 1 }, snapshot: {}, selectedOn: null, periodStart: null, periodEnd: null, updatedAt: AT,
        });
        if (!written) throw new Error('version changed under a row lock');
      })));
      expect(await b.getInstance('m1')).toMatchObject({ version: n + 1, data: { semaines: n } });
      expect((await a.listEvents('m1')).map((e) => e.version)).toEqual(Array.from({ length: n }, (_, i) => i + 2));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('fires each due timer exactly once when both run their scheduler', async () => {
    const [a, b] = await twoProcesses();
    try {
      const n = 30;
      for (let i = 0; i < n; i++) {
        await a.insertInstance(instance(`m${i}`));
        await a.insertTimer({ id: `t${i}`, instanceId: `m${i}`, name: 'bilan', event: 'echeance', dueDate: '2024-12-01', dueAt: '2024-11-30T23:00:00.000Z', status: 'pending', firedAt: null });
      }
      // Each process claims one due timer per transaction and records the event it fires, until none is left.
      // (A transaction may run more than once: what it did is counted after it committed.)
      const scheduler = async (store: Store, name: string) => {
        let fired = 0;
        for (;;) {
          const outcome = await store.transaction(async (tx) => {
            const [timer] = await tx.dueTimers('2025-01-01T00:00:00.000Z', 1);
            if (!timer) return 'none';
            if (!(await tx.markTimerFired(timer.id, AT))) return 'skipped';
            await tx.appendEvent({ ...event(timer.instanceId, 2, null, timer.event), actor: { id: name, role: 'system' } });
            return 'fired';
          });
          if (outcome === 'none') return fired;
          if (outcome === 'fired') fired++;
        }
      };
      const fired = await Promise.all([scheduler(a, 'a'), scheduler(b, 'b'), scheduler(a, 'a2'), scheduler(b, 'b2')]);
      expect(fired.reduce((x, y) => x + y)).toBe(n);
      const events = await a.db.selectFrom('events').select(['instance_id']).where('type', '=', 'echeance').execute();
      expect(events).toHaveLength(n);
      expect(new Set(events.map((e) => e.instance_id)).size).toBe(n);
      expect(await a.dueTimers('2025-01-01T00:00:00.000Z', 100)).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('creates one instance for one idempotency key, whichever process gets it first', async () => {
    const [a, b] = await twoProcesses();
    try {
      const create = (store: Store, attempt: number) => store.transaction(async (tx) => {
        const known = await tx.findCreationByKey('creer-1');
        if (known) return known.instanceId;
        const id = `m-${attempt}`;
        await tx.insertInstance(instance(id));
        await tx.appendEvent(event(id, 1, 'creer-1', 'creer'));
        return id;
      });
      const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => create(i % 2 ? a : b, i)));
      expect(new Set(ids).size).toBe(1);
      expect(await a.countInstances({})).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
