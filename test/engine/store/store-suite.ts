/**
 * The behaviour every {@link Store} must have, run against each implementation (SQLite here; the
 * PostgreSQL store calls `describeStore` with its own opener).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowHashOf } from '../../../engine/integrity/event-seal.ts';
import type { InstanceRecord, MeasureAmount, Store } from '../../../engine/store/index.ts';

const AT = '2024-06-01T10:00:00.000Z';

function instance(id: string, overrides: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    id, callId: 'appel', definitionHash: 'h1', kind: 'measure', lifecycle: 'measure:equipe-mobile', measureKind: 'equipe-mobile',
    reportId: null, operatorId: 'asso-a', territory: 'lens-henin', parentId: 'app-1', state: 'orientee', data: { semaines: 0 },
    snapshot: { value: 'orientee' }, version: 1, selectedOn: null, periodStart: null, periodEnd: null, createdAt: AT, updatedAt: AT,
    ...overrides,
  };
}

function event(instanceId: string, version: number, key: string | null = null) {
  return {
    instanceId, callId: 'appel', version, type: 'semaine', payload: { semaines: 1 }, actor: { id: 'u1', role: 'operator' },
    at: AT, idempotencyKey: key, definitionHash: 'h1', response: { version },
  };
}

/** Registers the shared store suite for one implementation. */
export function describeStore(name: string, open: () => Promise<Store>): void {
  describe(`Store (${name})`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.putDefinition({ hash: 'h1', callId: 'appel', version: 1, json: { id: 'appel' }, createdAt: AT });
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a definition once per hash', async () => {
      await store.putDefinition({ hash: 'h1', callId: 'appel', version: 1, json: { id: 'autre' }, createdAt: AT });
      expect((await store.getDefinition('h1'))?.json).toEqual({ id: 'appel' });
      expect(await store.getDefinition('inconnu')).toBeUndefined();
    });

    it('round-trips an instance with its JSON columns', async () => {
      await store.insertInstance(instance('m1'));
      expect(await store.getInstance('m1')).toEqual(instance('m1'));
    });

    it('updates an instance only at the expected version', async () => {
      await store.insertInstance(instance('m1'));
      const update = {
        id: 'm1', expectedVersion: 1, version: 2, definitionHash: 'h1', state: 'accompagnement', territory: 'lens-henin', data: { semaines: 3 },
        snapshot: { value: 'accompagnement' }, selectedOn: null, periodStart: '2024-06-01', periodEnd: '2024-12-01', updatedAt: AT,
      };
      // The snapshot is stored without the territory: a row whose territory is not the one said is not written.
      expect(await store.updateInstance({ ...update, territory: 'artois' })).toBe(false);
      expect(await store.updateInstance(update)).toBe(true);
      expect(await store.updateInstance(update)).toBe(false);
      const stored = await store.getInstance('m1');
      expect(stored).toMatchObject({ state: 'accompagnement', version: 2, data: { semaines: 3 }, periodEnd: '2024-12-01' });
    });

    it('rolls a transaction back entirely when its work throws', async () => {
      await expect(store.transaction(async (tx) => {
        await tx.insertInstance(instance('m1'));
        await tx.appendEvent(event('m1', 1));
        throw new Error('refus');
      })).rejects.toThrow('refus');
      expect(await store.getInstance('m1')).toBeUndefined();
      expect(await store.listEvents('m1')).toEqual([]);
    });

    it('applies concurrent transactions as if one after the other: no update is lost', async () => {
      await store.insertInstance(instance('m1'));
      const n = 6;
      // SQLite runs them one at a time; PostgreSQL runs them at once and retries those it cannot order.
      await Promise.all(Array.from({ length: n }, () => store.transaction(async (tx) => {
        const current = await tx.getInstance('m1');
        if (!current) throw new Error('m1 disparue');
        await new Promise((r) => setTimeout(r, 2));
        const written = await tx.updateInstance({
          id: 'm1', expectedVersion: current.version, version: current.version + 1, definitionHash: 'h1', state: 'accompagnement', territory: current.territory,
          data: { semaines: (current.data.semaines as number) + 1 }, snapshot: {}, selectedOn: null, periodStart: null, periodEnd: null, updatedAt: AT,
        });
        if (!written) throw new Error('mise à jour perdue');
      })));
      expect(await store.getInstance('m1')).toMatchObject({ version: n + 1, data: { semaines: n } });
    });

    it('finds events by idempotency key and refuses a second event at the same version', async () => {
      await store.insertInstance(instance('m1'));
      const seq = await store.appendEvent(event('m1', 1, 'creer-1'));
      await store.appendEvent(event('m1', 2, 'k-2'));
      expect((await store.findEventByKey('m1', 'k-2'))?.version).toBe(2);
      expect((await store.findCreationByKey('creer-1'))?.seq).toBe(seq);
      expect(await store.findCreationByKey('k-2')).toBeUndefined();
      await expect(store.appendEvent(event('m1', 2))).rejects.toThrow();
      await expect(store.appendEvent(event('m1', 3, 'k-2'))).rejects.toThrow();
      expect((await store.listEvents('m1')).map((e) => e.version)).toEqual([1, 2]);
      expect((await store.listEvents('m1'))[0]).toMatchObject({ payload: { semaines: 1 }, actor: { role: 'operator' }, response: { version: 1 } });
    });

    it('fires a timer once, and lists due timers earliest first', async () => {
      await store.insertInstance(instance('m1'));
      const timer = { instanceId: 'm1', event: 'echeance', status: 'pending' as const, firedAt: null };
      await store.insertTimer({ ...timer, id: 't2', name: 'bilan-12-mois', dueDate: '2025-06-01', dueAt: '2025-05-31T22:00:00.000Z' });
      await store.insertTimer({ ...timer, id: 't1', name: 'bilan-6-mois', dueDate: '2024-12-01', dueAt: '2024-11-30T23:00:00.000Z' });
      expect((await store.dueTimers('2024-12-01T00:00:00.000Z', 10)).map((t) => t.id)).toEqual(['t1']);
      expect((await store.dueTimers('2026-01-01T00:00:00.000Z', 10)).map((t) => t.id)).toEqual(['t1', 't2']);
      expect(await store.markTimerFired('t1', AT)).toBe(true);
      expect(await store.markTimerFired('t1', AT)).toBe(false);
      expect(await store.cancelTimers('m1', ['bilan-12-mois'])).toBe(1);
      expect(await store.markTimerFired('t2', AT)).toBe(false);
      expect((await store.listTimers('m1')).map((t) => [t.id, t.status])).toEqual([['t1', 'fired'], ['t2', 'cancelled']]);
      expect(await store.listTimers('m1', 'pending')).toEqual([]);
    });

    it('keeps the ledger of an agreement in integer cents, in order', async () => {
      await store.insertLedger({ agreementId: 'app-1', instanceId: 'm1', kind: 'earned', amountCents: 15000, at: AT, label: 'Diagnostic flash', breakdown: [{ label: 'x' }] });
      await store.insertLedger({ agreementId: 'app-1', instanceId: 'app-1', kind: 'paid', amountCents: 2025, at: AT, label: 'Versement', breakdown: [] });
      await store.insertLedger({ agreementId: 'app-2', instanceId: 'app-2', kind: 'paid', amountCents: 1, at: AT, label: 'Versement', breakdown: [] });
      const rows = await store.listLedger('app-1');
      expect(rows.map((r) => [r.kind, r.amountCents])).toEqual([['earned', 15000], ['paid', 2025]]);
      expect(rows[0]?.breakdown).toEqual([{ label: 'x' }]);
      expect((await store.listLedger('app-1', 'paid')).map((r) => [r.instanceId, r.amountCents])).toEqual([['app-1', 2025]]);
      expect(await store.listLedger('app-1', 'balance')).toEqual([]);
    });

    it('reads the committed snapshot again after a transaction that wrote another one was rolled back', async () => {
      await store.insertInstance(instance('m1', { snapshot: { value: 'orientee' } }));
      await expect(store.transaction(async (tx) => {
        expect(await tx.updateInstance({ id: 'm1', expectedVersion: 1, version: 2, definitionHash: 'h1', state: 'sortie', territory: 'lens-henin', data: { semaines: 9 }, snapshot: { value: 'sortie' }, selectedOn: null, periodStart: null, periodEnd: null, updatedAt: AT })).toBe(true);
        expect((await tx.getInstance('m1'))?.snapshot).toEqual({ value: 'sortie' });
        throw new Error('annulé');
      })).rejects.toThrow('annulé');
      const after = await store.getInstance('m1');
      expect([after?.version, after?.snapshot, after?.data]).toEqual([1, { value: 'orientee' }, { semaines: 0 }]);
    });

    it('chains each row to the committed one before it, whatever was appended and rolled back in between', async () => {
      await store.appendEvent(event('m1', 1));
      await expect(store.transaction(async (tx) => {
        await tx.appendEvent({ ...event('m1', 2), payload: { semaines: 99 } });
        throw new Error('annulé');
      })).rejects.toThrow('annulé');
      await store.appendEvent(event('m1', 2));
      // Two transactions in one batch (group commit): the second fails alone, the first's row counts.
      await Promise.allSettled([
        store.transaction((tx) => tx.appendEvent(event('m1', 3))),
        store.transaction(async (tx) => {
          await tx.appendEvent({ ...event('m1', 4), payload: { semaines: 42 } });
          throw new Error('annulé');
        }),
      ]);
      await store.transaction((tx) => tx.appendEvent(event('m1', 4)));
      const rows = await store.listEvents('m1');
      expect(rows.map((r) => [r.version, (r.payload as { semaines: number }).semaines])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1]]);
      rows.forEach((row, i) => expect(row.rowHash).toBe(rowHashOf(row, rows[i - 1]?.rowHash)));
    });

    it('stores a snapshot without what its row holds, and gives the same snapshot back', async () => {
      const data = { parc: 'prive', semaines: 2 };
      const snapshot = { status: 'active', value: 'orientee', historyValue: {}, context: { territory: 'lens-henin', data, acts: { semaine: { quantity: 2 } } }, children: {} };
      await store.insertInstance(instance('m1', { data, snapshot }));
      const raw = await store.db.selectFrom('instances').select('snapshot').where('id', '=', 'm1').executeTakeFirstOrThrow();
      const stored = typeof raw.snapshot === 'string' ? raw.snapshot : JSON.stringify(raw.snapshot);
      expect(stored).not.toContain('prive');
      expect((await store.getInstance('m1'))?.snapshot).toEqual(snapshot);
      expect((await store.listMeasureStates('app-1', { limit: 5 })).items[0]?.snapshot).toEqual(snapshot);
      expect((await store.listInstances({ parentId: 'app-1' }, { limit: 5 })).items[0]?.snapshot).toEqual(snapshot);
    });

    it('pages an agreement\'s measures as tariffs read them, in creation order, across equal instants', async () => {
      // Same creation instant for several: the cursor orders by (created_at, id) and skips none.
      for (const [i, id] of ['b', 'a', 'd', 'c', 'e'].entries()) {
        await store.insertInstance(instance(id, { createdAt: `2024-06-0${1 + Math.floor(i / 2)}T10:00:00.000Z`, snapshot: { value: id, context: { acts: { semaine: { quantity: i } } } } }));
      }
      await store.insertInstance(instance('other', { parentId: 'app-2' }));
      await store.insertInstance(instance('report', { kind: 'report', measureKind: null }));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listMeasureStates('app-1', { limit: 2, ...(cursor !== undefined && { cursor }) });
        for (const m of page.items) {
          seen.push(m.id);
          expect(m).toMatchObject({ measureKind: 'equipe-mobile', definitionHash: 'h1', snapshot: { value: m.id } });
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
      const listed = await store.listInstances({ parentId: 'app-1', kind: 'measure' }, { limit: 3 });
      const rest = await store.listInstances({ parentId: 'app-1', kind: 'measure' }, { limit: 3, cursor: listed.nextCursor });
      expect([...listed.items, ...rest.items].map((i) => i.id)).toEqual(seen);
    });

    it('counts an agreement\'s measures by definition and kind, and sums what their acts are worth in one query', async () => {
      const acts = (semaine: number, declared?: number[]) => ({ context: { acts: { semaine: { quantity: semaine, ...(declared && { declaredCents: declared }) } } } });
      await store.insertInstance(instance('a', { snapshot: acts(3, [5000, 40000]) }));
      await store.insertInstance(instance('b', { snapshot: acts(10) }));
      await store.insertInstance(instance('c', { snapshot: { context: { acts: {} } } }));
      await store.insertInstance(instance('d', { measureKind: 'autre', snapshot: acts(2) }));
      await store.insertInstance(instance('e', { measureKind: null, snapshot: acts(1) }));
      await store.insertInstance(instance('f', { parentId: 'app-2', snapshot: acts(7) }));
      await store.insertInstance(instance('r', { kind: 'report', snapshot: acts(7) }));
      // Where a kind-less group sorts differs between databases (NULLS FIRST or LAST): compared by kind.
      const byKind = <G extends { measureKind: string | null }>(groups: G[]) => [...groups].sort((x, y) => String(x.measureKind).localeCompare(String(y.measureKind)));
      expect(byKind(await store.measureGroups('app-1'))).toEqual(byKind([
        { definitionHash: 'h1', measureKind: 'autre', count: 1 },
        { definitionHash: 'h1', measureKind: 'equipe-mobile', count: 3 },
        { definitionHash: 'h1', measureKind: null, count: 1 },
      ]));
      const group = { definitionHash: 'h1', measureKind: 'equipe-mobile' };
      const perAct: MeasureAmount = { kind: 'perAct', act: 'semaine', priceCents: 5500, maxUnits: 8 };
      // 3 + 8 (10 capped) + 0 weeks.
      expect(await store.sumMeasureAmounts('app-1', group, perAct)).toBe(11 * 5500);
      expect(await store.sumMeasureAmounts('app-1', group, { kind: 'perAct', act: 'semaine', priceCents: 5500 })).toBe(13 * 5500);
      expect(await store.sumMeasureAmounts('app-1', group, { kind: 'declared', act: 'semaine', maxCents: 30000 })).toBe(5000 + 30000);
      expect(await store.sumMeasureAmounts('app-1', group, { kind: 'constant', cents: 12345 })).toBe(3 * 12345);
      // Per measure: min(weeks + 100 €, 300 €) → 265 €, 300 €, 100 €.
      const capped: MeasureAmount = { kind: 'sum', parts: [perAct, { kind: 'constant', cents: 10000 }], maxCents: 30000 };
      expect(await store.sumMeasureAmounts('app-1', group, capped)).toBe(26500 + 30000 + 10000);
      expect(await store.sumMeasureAmounts('app-1', { definitionHash: 'h1', measureKind: null }, perAct)).toBe(5500);
      expect(await store.sumMeasureAmounts('app-3', group, perAct)).toBe(0);
      const states = await store.listMeasureStates('app-1', { limit: 10 }, { definitionHash: 'h1', measureKind: 'autre' });
      expect(states.items.map((m) => m.id)).toEqual(['d']);
    });

    it('pages an agreement\'s ledger rows in the order written, the cursor after the last row seen', async () => {
      for (let i = 0; i < 5; i++) {
        await store.insertLedger({ agreementId: 'app-1', instanceId: `m${i}`, kind: 'earned', amountCents: 100 * (i + 1), at: AT, label: `Ligne ${i}`, breakdown: { i } });
        await store.insertLedger({ agreementId: 'app-2', instanceId: `n${i}`, kind: 'earned', amountCents: 1, at: AT, label: 'Autre', breakdown: null });
      }
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.ledgerPage('app-1', { limit: 2, ...(cursor !== undefined && { cursor }) });
        seen.push(...page.items.map((r) => r.amountCents));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect([seen, pages]).toEqual([[100, 200, 300, 400, 500], 3]);
      expect((await store.ledgerPage('app-1', { limit: 5 })).nextCursor).toBeUndefined();
      expect((await store.listLedger('app-1')).map((r) => r.amountCents)).toEqual(seen);
      await expect(store.ledgerPage('app-1', { limit: 2, cursor: 'pas-un-curseur' })).rejects.toThrow(/curseur/);
    });

    it('lists instances with filters and cursor pagination, and counts them', async () => {
      for (let i = 0; i < 5; i++) {
        await store.insertInstance(instance(`m${i}`, { territory: i % 2 ? 'artois' : 'lens-henin', state: i < 3 ? 'orientee' : 'sortie', createdAt: `2024-06-0${i + 1}T10:00:00.000Z` }));
      }
      const first = await store.listInstances({ callId: 'appel' }, { limit: 2 });
      expect(first.items.map((i) => i.id)).toEqual(['m0', 'm1']);
      const second = await store.listInstances({ callId: 'appel' }, { limit: 2, cursor: first.nextCursor });
      const third = await store.listInstances({ callId: 'appel' }, { limit: 2, cursor: second.nextCursor });
      expect([...second.items, ...third.items].map((i) => i.id)).toEqual(['m2', 'm3', 'm4']);
      expect(third.nextCursor).toBeUndefined();
      expect(await store.countInstances({ territories: ['artois'] })).toBe(2);
      expect(await store.countInstances({ states: ['orientee'], territories: ['lens-henin'] })).toBe(2);
      expect(await store.countInstances({ territories: [] })).toBe(0);
      expect(await store.countInstances({ selected: true })).toBe(0);
    });

    it('gives reports a kysely handle on the same data', async () => {
      await store.insertInstance(instance('m1'));
      const rows = await store.db.selectFrom('instances').select(['id', 'state']).execute();
      expect(rows).toEqual([{ id: 'm1', state: 'orientee' }]);
    });
  });
}
