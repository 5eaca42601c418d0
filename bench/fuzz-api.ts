/**
 * `npm run fuzz [-- --count 10000 --seconds 600 --seed 1]`: starts the server on loopback (SQLite in
 * memory), sends generated requests over every operation of its `/openapi.json` under every role's token,
 * and prints the statuses. Exits 1 when any request got a 5xx, a dropped connection or a timeout.
 * @module
 */
import { parseArgs } from 'node:util';
import { fuzzOpenApi, startFuzzTarget } from '../test/support/openapi-fuzz.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '600' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) } } });
const count = Number(values.count);
const seed = Number(values.seed);
const target = await startFuzzTarget();
try {
  console.log(`Fuzz de ${target.server.url}/openapi.json : ${count} requêtes au plus, ${values.seconds} s au plus, graine ${seed}.`);
  const result = await fuzzOpenApi(target.server.url, target, { count, maxMs: Number(values.seconds) * 1000, seed });
  const statuses = [...result.statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status} : ${n}`).join(', ');
  console.log(`${result.requests} requêtes sur ${result.operations} opérations en ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.requests / (result.elapsedMs / 1000))} req/s).`);
  console.log(`Statuts : ${statuses}.`);
  if (result.requests < count) console.log(`Arrêté au bout de ${values.seconds} s : ${result.requests} requêtes sur les ${count} demandées.`);
  if (result.failures.length > 0) {
    console.log(`${result.failures.length} échec(s) (5xx, connexion coupée ou délai) ; les premiers :`);
    for (const failure of result.failures.slice(0, 20)) console.log(JSON.stringify(failure));
    process.exitCode = 1;
  } else {
    console.log('Aucun 5xx.');
  }
} finally {
  await target.server.stop();
}
