/**
 * A household through the real ADSL 2024 call, with a retention period added to its YAML, then the clock
 * moved past the period: no erased value remains anywhere in the database (the raw bytes of the SQLite
 * file and its WAL; every table's contents on PostgreSQL), the call's indicators, budget and ledger are the
 * same, the hash chains still verify, and a row altered by hand is caught. Runs on both stores.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../../engine/definition/index.ts';
import { dailyDigest, verifyLog } from '../../../engine/integrity/index.ts';
import { eraseBeforeTerm, exportSubject, planRetention, runRetention, type CurrentCalls } from '../../../engine/privacy/index.ts';
import { buildReport } from '../../../engine/report/index.ts';
import type { Engine } from '../../../engine/runtime/index.ts';
import type { Store } from '../../../engine/store/index.ts';
import { parisInstant, type ManualClock } from '../../../engine/time/index.ts';
import { openTestStore, testStoreKind } from '../../support/test-store.ts';
import { agent, asso, ERASED, KEPT_B, repositoryWithRetention, runHouseholds } from './household-fixture.ts';

describe(`household data erased at expiry, the proof kept (${testStoreKind})`, () => {
  let store: Store;
  let engine: Engine;
  let clock: ManualClock;
  let repository: Repository;
  let calls: CurrentCalls;
  let dir: string | undefined;
  let a: string;
  let b: string;
  let agreement: string;

  const figures = async () => {
    const call = repository.calls.get('adsl-2024')!;
    const report = await buildReport({ store, call, viewer: { role: 'departement', sees: new Set(['personal', 'health', 'debts', 'family', 'resources', 'none'] as const) }, repository, now: new Date('2030-01-01T00:00:00Z') });
    const { ledger, rows } = await engine.ledger(agreement, agent);
    return { indicators: report.indicators, budget: report.budget, ledger, rows };
  };

  beforeAll(async () => {
    repository = repositoryWithRetention();
    calls = new Map([...repository.calls].map(([id, call]) => [id, call.definition]));
    if (testStoreKind === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'dispositifs-retention-'));
      const { openSqliteStore } = await import('../../../engine/store/sqlite-store.ts');
      store = await openSqliteStore({ file: join(dir, 'base.sqlite') });
    } else {
      store = await openTestStore();
    }
    ({ engine, clock, agreement, a, b } = await runHouseholds(store, repository));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('erases on time, keeps every figure, and the chains still verify', async () => {
    const before = await figures();
    const digest = await dailyDigest(store, '2024-03-01');
    expect(digest.events).toBeGreaterThan(0);
    expect((await verifyLog(store)).broken).toBeUndefined();

    // The warning comes a month before the expiry (5 years after the exit), not earlier.
    expect((await planRetention(store, calls.values(), '2029-08-01')).upcoming).toEqual([]);
    const warned = await planRetention(store, calls.values(), '2029-08-02');
    expect(warned.upcoming.map((item) => [item.instanceId, item.from, item.expiry])).toEqual([[a, '2024-09-02', '2029-09-02']]);
    expect(warned.due).toEqual([]);

    clock.set(parisInstant('2029-09-02', '03:00'));
    const run = await runRetention(store, calls, clock.now());
    expect(run.erased.map((outcome) => outcome.instanceId)).toEqual([a]);
    // What the call's indicators read stays (the exit's reason is counted among the exits) (a birthdate only as the age at referral); the rest goes.
    expect(run.erased[0]!.kept).toEqual(['date-naissance', 'motif-sortie', 'partenaires', 'reloge', 'sexe', 'suivi-sante']);
    expect(run.erased[0]!.erased).toEqual(['composition-familiale', 'date-contrat', 'entree-logement', 'parcours-complexe']);
    const erased = await engine.get(a, agent);
    expect(erased.data).toEqual({ 'date-naissance': '1980-03-01', sexe: 'femme', reloge: true, partenaires: ['sante'], 'suivi-sante': true, 'motif-sortie': 'positive' });
    expect(erased.period).toEqual((await engine.replay(a)).context.period);

    expect(await figures()).toEqual(before);
    const verified = await verifyLog(store);
    expect(verified.broken).toBeUndefined();
    expect(verified.personalErased).toBeGreaterThan(0);
    expect(verified.privacyActs).toBe(1);
    expect(await dailyDigest(store, '2024-03-01')).toEqual(digest);
    // A second run finds nothing more to erase.
    expect((await runRetention(store, calls, clock.now())).erased).toEqual([]);
  });

  it('leaves no erased value anywhere in the database', async () => {
    const haystack = await everything(store, dir);
    for (const value of ERASED) expect(haystack.includes(value), `« ${value} » est encore dans la base`).toBe(false);
    expect(/"composition-familiale": ?"monoparentale"/.test(haystack)).toBe(false);
    expect(haystack.includes(KEPT_B)).toBe(true);
  });

  it('replays an erased instance to its snapshot', async () => {
    const replayed = await engine.replay(a);
    const view = await engine.get(a, agent);
    expect(replayed.state).toBe('terminee');
    expect(replayed.context.data).toEqual(view.data);
    expect(replayed.context.acts).toEqual(view.acts);
    expect(replayed.context.milestones).toEqual(view.milestones);
  });

  it('serves the right of access to the Département only, and logs it', async () => {
    await expect(exportSubject(store, { instanceId: b, actor: asso, reason: 'demande', now: clock.now() })).rejects.toMatchObject({ code: 'role-non-autorise' });
    await expect(exportSubject(store, { instanceId: b, actor: agent, reason: ' ', now: clock.now() })).rejects.toMatchObject({ code: 'donnees-invalides' });
    const exported = await exportSubject(store, { instanceId: b, actor: agent, reason: 'Demande du 02/09/2029 (courrier)', now: clock.now() });
    expect(exported.instance.data).toMatchObject({ 'date-naissance': KEPT_B });
    expect(exported.events[0]).toMatchObject({ type: '@creation' });
    expect(exported.acts.map((act) => [act.action, act.actor.id, act.reason])).toEqual([['export-acces', 'agent-dpd', 'Demande du 02/09/2029 (courrier)']]);
    // Before term, a file still running keeps its data.
    await expect(eraseBeforeTerm(store, calls, { instanceId: b, actor: agent, reason: 'opposition', now: clock.now() })).rejects.toMatchObject({ code: 'evenement-non-permis' });
  });

  it('names the first broken link when a row is altered by hand', async () => {
    // A personal value of household B (its key lives): caught by its HMAC.
    const table = sql.table('events');
    const creationB = await store.db.selectFrom('events').select(['seq', 'payload']).where('instance_id', '=', b).where('version', '=', 1).executeTakeFirstOrThrow();
    const payload = typeof creationB.payload === 'string' ? JSON.parse(creationB.payload) : creationB.payload;
    await sql`update ${table} set payload = ${JSON.stringify({ ...payload, beneficiary: { ...payload.beneficiary, 'date-naissance': '1991-02-14' } })} where seq = ${creationB.seq}`.execute(store.db);
    const personal = await verifyLog(store);
    expect(personal.broken).toMatchObject({ kind: 'donnee-personnelle-modifiee', instanceId: b, version: 1 });
    await sql`update ${table} set payload = ${JSON.stringify(payload)} where seq = ${creationB.seq}`.execute(store.db);
    expect((await verifyLog(store)).broken).toBeUndefined();

    // What stays of the erased household A (its start date): caught by the chain.
    const activer = await store.db.selectFrom('events').select(['seq', 'payload']).where('instance_id', '=', a).where('type', '=', 'activer').executeTakeFirstOrThrow();
    const altered = { ...(typeof activer.payload === 'string' ? JSON.parse(activer.payload) : activer.payload), debut: '2024-02-10' };
    await sql`update ${table} set payload = ${JSON.stringify(altered)} where seq = ${activer.seq}`.execute(store.db);
    const broken = await verifyLog(store);
    expect(broken.broken).toMatchObject({ kind: 'contenu-modifie', instanceId: a, version: 3, seq: Number(activer.seq) });
    expect(broken.broken!.message).toContain(`« ${a} »`);

    await sql`update ${table} set payload = ${JSON.stringify(activer.payload !== null && typeof activer.payload === 'object' ? activer.payload : JSON.parse(activer.payload as string))} where seq = ${activer.seq}`.execute(store.db);
    expect((await verifyLog(store)).broken).toBeUndefined();

    // A row deleted in the middle of a log.
    await sql`delete from ${table} where instance_id = ${a} and version = 2`.execute(store.db);
    expect((await verifyLog(store)).broken).toMatchObject({ kind: 'maillon-manquant', instanceId: a, version: 3 });
  });
});

/** Everything the database holds: the SQLite file and its WAL as raw bytes, or every PostgreSQL table's rows as text. */
async function everything(store: Store, dir: string | undefined): Promise<string> {
  if (dir !== undefined) {
    return readdirSync(dir).map((file) => readFileSync(join(dir, file)).toString('latin1')).join('\n');
  }
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(store.db);
  const parts: string[] = [];
  for (const { tablename } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(tablename)} t`.execute(store.db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}
