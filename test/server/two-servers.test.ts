/**
 * Two real server processes (`node bin/dispositifs.js serve`) on one PostgreSQL database, under concurrent
 * traffic on loopback: events on one instance apply one after the other (no lost update, the 8-week pay
 * cap holds), an idempotency key creates once whichever server gets it, and each due timer fires once although
 * both servers run their scheduler.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { loadRepository } from '../../engine/definition/index.ts';
import { createEngine, type Actor } from '../../engine/runtime/index.ts';
import { openPostgresStore } from '../../engine/store/index.ts';
import { manualClock, parisInstant } from '../../engine/time/index.ts';
import { createMigratedDatabase, describePostgres, dropTestDatabases } from '../support/postgres.ts';

const CALL = 'prevention-expulsions-2024';
const OPERATOR_TOKEN = 'demo-operateur-asso-a';
const operator: Actor = { id: 'operateur-asso-a-demo', role: 'operator', operatorId: 'asso-a' };
const departement: Actor = { id: 'agent-departement-demo', role: 'departement' };
const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };
const AGREEMENTS = 3;

interface Server {
  url: string;
  process: ChildProcess;
  output: string[];
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
    if (s.process.exitCode !== null) return resolve();
    s.process.once('exit', () => resolve());
    s.process.kill('SIGTERM');
  })));
  await dropTestDatabases();
});

/** Starts `dispositifs serve` on a free port; resolves once it listens. */
function startServer(databaseUrl: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/dispositifs.js', 'serve', '--port', '0', '--db', databaseUrl], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const server: Server = { url: '', process: child, output };
    servers.push(server);
    createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const listening = /à l'écoute sur (http:\/\/\S+)/.exec(line);
      if (listening?.[1]) resolve({ ...server, url: listening[1] });
    });
    child.on('exit', (code) => reject(new Error(`le serveur s'est arrêté (code ${code}) :\n${output.join('\n')}`)));
  });
}

/** Posts JSON as the demo operator of asso-a; returns the status and the parsed body. */
async function post(server: Server, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describePostgres('two server processes on one PostgreSQL database', () => {
  it('serializes concurrent events on one instance, creates once per idempotency key, and fires each timer once', async () => {
    const database = await createMigratedDatabase('two_servers');

    // Agreements signed in 2024 (the engine in this process, on a manual clock), their measures started.
    const repository = await loadRepository('definitions');
    const seed = await openPostgresStore({ url: database.url, migrate: false, poolSize: 2 });
    const clock = manualClock(parisInstant('2024-04-15', '12:00'));
    const engine = createEngine({ store: seed, repository, clock });
    const agreements: string[] = [];
    for (let i = 0; i < AGREEMENTS; i++) {
      const { instanceId } = await engine.createApplication({ callId: CALL, operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator });
      agreements.push(instanceId);
    }
    clock.set(parisInstant('2024-06-10', '12:00'));
    for (const id of agreements) await engine.send(id, { type: 'retenir', actor: departement });
    clock.set(parisInstant('2024-11-15', '12:00'));
    for (const id of agreements) await engine.send(id, { type: 'signer', payload: { montant: 1_000_000 }, actor: departement });
    clock.set(parisInstant('2024-12-02', '12:00'));
    const measure = async () => (await engine.createMeasure({ parentId: agreements[0]!, measure: 'equipe-mobile', beneficiary: household, actor: operator })).instanceId;
    const weeks = await measure();
    await engine.send(weeks, { type: 'diagnostic-flash', actor: operator });
    const contacts = await measure();
    await engine.send(contacts, { type: 'diagnostic-flash', actor: operator });
    // Every pending timer (the reports' deadlines) falls due now, whatever today's date.
    const pending = await seed.db.selectFrom('timers').select(['id', 'instance_id', 'event']).where('status', '=', 'pending').execute();
    expect(pending.length).toBeGreaterThanOrEqual(AGREEMENTS);
    await sql`update timers set due_at = '2000-01-01T00:00:00Z' where status = 'pending'`.execute(seed.db);

    // Two servers; both run their timers at once on start.
    const [a, b] = await Promise.all([startServer(database.url), startServer(database.url)]);
    const both = (i: number) => (i % 2 ? a! : b!);

    // 12 weeks sent at once, 6 to each server: all recorded, one version each, none lost; only 8 are paid (the cap).
    const weekAnswers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(both(i), `/measures/${weeks}/events`, { type: 'semaine' })));
    expect(weekAnswers.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 200));
    expect(weekAnswers.map((r) => r.body.version).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 12 }, (_, i) => i + 3));

    // 20 landlord contacts at once, 10 to each server: all applied, one version each.
    const contactAnswers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(both(i), `/measures/${contacts}/events`, { type: 'contact-bailleur' })));
    expect(contactAnswers.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(contactAnswers.map((r) => r.body.version).sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));

    // One idempotency key sent 6 times at once to both servers: one measure, the same answer to all.
    const creations = await Promise.all(Array.from({ length: 6 }, (_, i) => post(both(i), '/measures',
      { agreement: agreements[0], measure: 'equipe-mobile', beneficiary: household }, { 'idempotency-key': 'orientation-commune' })));
    expect(creations.map((r) => r.status)).toEqual(Array.from({ length: 6 }, () => 201));
    expect(new Set(creations.map((r) => JSON.stringify(r.body))).size).toBe(1);
    // Keys are stored scoped to their sender (`[...scope, key]`, engine/runtime/idempotency.ts).
    const keyed = await seed.db.selectFrom('events').select('instance_id').where('idempotency_key', 'like', '%,"orientation-commune"]').execute();
    expect(keyed).toHaveLength(1);

    // The stored instances agree with the answers: 12 weeks recorded, 8 earned once, 20 contacts, a log without gaps.
    const stored = await seed.getInstance(weeks);
    expect(stored).toMatchObject({ version: 14, state: 'accompagnement' });
    expect((await seed.listEvents(weeks)).filter((e) => e.type === 'semaine')).toHaveLength(12);
    expect((await seed.listLedger(agreements[0]!)).filter((r) => r.kind === 'earned' && r.instanceId === weeks).reduce((s, r) => s + r.amountCents, 0)).toBe(150_00 + 8 * 55_00);
    expect((await seed.listEvents(contacts)).map((e) => e.version)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));

    // Each due timer fired exactly once between the two schedulers.
    for (let waited = 0; ; waited += 200) {
      const left = await seed.db.selectFrom('timers').select('id').where('id', 'in', pending.map((t) => t.id)).where('status', '=', 'pending').execute();
      if (left.length === 0) break;
      if (waited > 30_000) throw new Error(`minuteries non déclenchées : ${left.length}\n${a!.output.join('\n')}\n${b!.output.join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const timer of pending) {
      const fired = (await seed.listEvents(timer.instance_id)).filter((e) => e.type === timer.event && e.actor.role === 'system');
      expect(fired, `minuterie ${timer.id}`).toHaveLength(1);
    }
    await seed.close();
  }, 180_000);
});
