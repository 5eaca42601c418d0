/**
 * A household through the real ADSL 2024 call, with a retention period added to its YAML, then the clock
 * moved past the period: no erased value remains anywhere in the database (the raw bytes of the SQLite
 * file and its WAL; every table's contents on PostgreSQL), the call's indicators, budget and ledger are the
 * same, the hash chains still verify, and a row altered by hand is caught. Runs on both stores.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepository, type Repository } from '../../../engine/definition/index.ts';
import { dailyDigest, verifyLog } from '../../../engine/integrity/index.ts';
import { eraseBeforeTerm, exportSubject, planRetention, runRetention, type CurrentCalls } from '../../../engine/privacy/index.ts';
import { buildReport } from '../../../engine/report/index.ts';
import { createEngine, type Actor, type Engine } from '../../../engine/runtime/index.ts';
import type { Store } from '../../../engine/store/index.ts';
import { manualClock, parisInstant, type ManualClock } from '../../../engine/time/index.ts';
import { openTestStore, testStoreKind } from '../../support/test-store.ts';

const RETENTION = `
retention:
  households:
    keep: { years: 5 }
    after: end
    warnBefore: { months: 1 }
`;

/** The real definitions, the ADSL call with a retention period for its households. */
function repositoryWithRetention(): Repository {
  const files = (readdirSync('definitions', { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml') && !f.endsWith('.scenarios.yaml'));
  const sources = files.map((f) => {
    const file = join('definitions', f);
    const text = readFileSync(file, 'utf8');
    return { file, text: f.endsWith('adsl-2024.yaml') ? `${text}\n${RETENTION}` : text };
  });
  const repository = buildRepository(sources);
  expect(repository.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return repository;
}

const agent: Actor = { id: 'agent-dpd', role: 'departement' };
const asso: Actor = { id: 'asso-user', role: 'operator', operatorId: 'asso-lda' };
const coordinateur: Actor = { id: 'coord', role: 'coordinator', territories: ['lens-henin'] };

// Values entered for household A, none of which the call's indicators read: each must vanish.
const ERASED = ['1979-11-23', '2024-05-17', '2024-03-04'];
// Household B stays in support: its values must stay (the search finds what is there).
const KEPT_B = '1990-02-14';

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

  const on = async (date: string) => {
    clock.set(parisInstant(date, '12:00'));
    await engine.runDueTimers();
  };
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
    clock = manualClock(parisInstant('2024-01-10', '12:00'));
    engine = createEngine({ store, repository, clock });

    agreement = (await engine.createApplication({
      callId: 'adsl-2024', operatorId: 'asso-lda', territory: 'lens-henin', actor: asso,
      applicant: { 'mesures-fsl': true, 'intervient-sur-le-territoire': true, 'equipe-travailleurs-sociaux': true },
    })).instanceId;
    await on('2024-02-15');
    await engine.send(agreement, { type: 'retenir', actor: agent });
    await engine.send(agreement, { type: 'signer', actor: agent, payload: { montant: 2_000_000 } });
    await on('2024-03-01');
    a = (await engine.createMeasure({
      parentId: agreement, measure: 'adsl', actor: coordinateur,
      beneficiary: { 'date-naissance': '1979-11-23', sexe: 'femme', 'parcours-complexe': true, 'composition-familiale': 'monoparentale' },
    })).instanceId;
    b = (await engine.createMeasure({
      parentId: agreement, measure: 'adsl', actor: coordinateur,
      beneficiary: { 'date-naissance': KEPT_B, sexe: 'homme', 'parcours-complexe': true },
    })).instanceId;
    await on('2024-03-05');
    await engine.send(a, { type: 'contrat', actor: asso, payload: { 'date-contrat': '2024-03-04' } });
    await engine.send(a, { type: 'activer', actor: coordinateur, payload: { debut: '2024-03-10', 'entree-logement': '2024-05-17' } });
    await on('2024-06-10');
    await engine.send(a, { type: 'resultats', actor: asso, payload: { reloge: true, partenaires: ['sante'], 'suivi-sante': true } });
    await on('2024-09-02');
    await engine.send(a, { type: 'sortie', actor: asso, payload: { date: '2024-09-02', 'motif-sortie': 'positive' } });
    expect((await engine.get(a, agent)).state.id).toBe('terminee');
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
