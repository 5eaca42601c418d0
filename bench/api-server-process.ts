/**
 * A server of the API benchmark, in its own process so that the load generator does not share its event
 * loop: `node --import tsx bench/api-server-process.ts <api|reference> <folder>`. It prepares its data,
 * prints one JSON line `{ url, ids, snapshotBytes, token }` on stdout, and stops cleanly on SIGTERM.
 */
import { join } from 'node:path';
import type { Actor } from '../engine/runtime/index.ts';
import { manualClock, parisInstant } from '../engine/time/index.ts';
import { DEFAULT_CONFIG } from '../server/config.ts';
import { silentLog } from '../server/request-log.ts';
import { startServer } from '../server/server.ts';
import { tokenRegistry } from '../server/tokens.ts';
import { startReferenceServer } from './api-reference-server.ts';

// The bearer token the load sends (an operator of asso-a), and one instance per connection.
const BENCH_TOKEN = 'bench-operator-token';
const BENCH_INSTANCES = 10;

const operator: Actor = { id: 'bench-operator', role: 'operator', operatorId: 'asso-a' };
const departement: Actor = { id: 'bench-agent', role: 'departement' };
const coordinator: Actor = { id: 'bench-coordinator', role: 'coordinator', territories: ['lens-henin'] };
const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };

/** The API on a file database, with one measure per connection ready to take landlord contacts. */
async function startApi(folder: string): Promise<{ url: string; ids: string[]; snapshotBytes: number; stop: () => Promise<void> }> {
  const clock = manualClock(parisInstant('2024-04-15', '12:00'));
  const tokens = tokenRegistry({ tokens: [{ id: operator.id, role: 'operator', operatorId: 'asso-a', token: BENCH_TOKEN }] });
  const server = await startServer(
    { ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', database: join(folder, 'api.sqlite'), timerIntervalMs: 3_600_000 },
    { clock, log: silentLog, tokens },
  );
  const { engine } = server;
  const { instanceId: agreement } = await engine.createApplication({
    callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator,
  });
  clock.set(parisInstant('2024-06-10', '12:00'));
  await engine.send(agreement, { type: 'retenir', actor: departement });
  await engine.send(agreement, { type: 'signer', payload: { montant: 100_000_000 }, actor: departement });
  clock.set(parisInstant('2024-12-02', '12:00'));
  const ids: string[] = [];
  for (let i = 0; i < BENCH_INSTANCES; i++) {
    const { instanceId } = await engine.createMeasure({ parentId: agreement, measure: 'equipe-mobile', beneficiary: household, actor: coordinator });
    await engine.send(instanceId, { type: 'diagnostic-flash', actor: operator });
    ids.push(instanceId);
  }
  const stored = await server.store.getInstance(ids[0]!);
  return { url: server.url, ids, snapshotBytes: JSON.stringify(stored?.snapshot ?? {}).length, stop: () => server.stop() };
}

const [kind, folder, snapshotBytes] = process.argv.slice(2);
if ((kind !== 'api' && kind !== 'reference') || folder === undefined) {
  console.error('usage : api-server-process.ts <api|reference> <dossier> [octets de l’instantané]');
  process.exit(2);
}
const running =
  kind === 'api'
    ? await startApi(folder)
    : await (async () => {
        const server = await startReferenceServer(join(folder, 'reference.sqlite'), Number(snapshotBytes ?? 1024));
        const ids = Array.from({ length: BENCH_INSTANCES }, (_, i) => `mesure-${i}`);
        return { url: server.url, ids, snapshotBytes: Number(snapshotBytes ?? 1024), stop: () => server.close() };
      })();
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
console.log(JSON.stringify({ url: running.url, ids: running.ids, snapshotBytes: running.snapshotBytes, token: BENCH_TOKEN }));
