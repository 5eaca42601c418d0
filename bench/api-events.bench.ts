/**
 * `npm run bench -- api`: event posts over HTTP at 10 concurrent connections, the API against the least a
 * server can do for the same request, in the same run, on the same disk, over loopback.
 *
 * (a) Reference: node:http + raw better-sqlite3 at the engine's durability (WAL, synchronous = FULL): parse
 *     the JSON body, then one transaction inserting an event row and upserting a snapshot row of the size
 *     the engine writes (`api-reference-server.ts`).
 * (b) The API: `POST /measures/<id>/events` on the real server (Hono, bearer token, scope check, body
 *     checks, the engine's step: payload, guards, XState's pure transition, event + snapshot + timers +
 *     money in one transaction), one mobile-team measure of `prevention-expulsions-2024` per connection,
 *     each request with its own Idempotency-Key.
 *
 * Each server runs in its own process (`api-server-process.ts`), the load (autocannon) in this one.
 * Rounds alternate (a) and (b); the medians are compared. Targets: (b) throughput ≥ 0.8 × (a), and
 * (b) p99 latency ≤ 15 ms. Bounded: `BENCH_SECONDS` per run (default 5) and at most `BENCH_MAX_REQUESTS`
 * requests per run (default 50 000), `BENCH_ROUNDS` rounds (default 3). `BENCH_DIR` chooses where both
 * databases live (default: the system's temporary folder).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';

const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 15;

/** A benchmarked server process, ready. */
interface Target {
  url: string;
  ids: string[];
  snapshotBytes: number;
  token: string;
  process: ChildProcess;
}

/** Starts `api-server-process.ts` and waits for its JSON line. */
function startTarget(kind: 'api' | 'reference', folder: string, snapshotBytes?: number): Promise<Target> {
  const script = fileURLToPath(new URL('./api-server-process.ts', import.meta.url));
  const args = ['--import', 'tsx', script, kind, folder, ...(snapshotBytes === undefined ? [] : [String(snapshotBytes)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ ...(JSON.parse(line) as Omit<Target, 'process'>), process: child }));
    child.once('exit', (code) => reject(new Error(`le serveur ${kind} s'est arrêté (code ${code})`)));
  });
}

function stopTarget(target: Target): Promise<void> {
  return new Promise((resolve) => {
    if (target.process.exitCode !== null) return resolve();
    target.process.once('exit', () => resolve());
    target.process.kill('SIGTERM');
  });
}

/** Posts landlord contacts at 10 connections, each connection on its own instance. */
function load(target: Target, seconds: number): Promise<Result> {
  let next = 0;
  return autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    maxOverallRequests: MAX_REQUESTS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ type: 'contact-bailleur' }),
        setupRequest(request, context) {
          context['instance'] ??= target.ids[next++ % target.ids.length];
          return {
            ...request,
            path: `/measures/${String(context['instance'])}/events`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}`, 'idempotency-key': randomUUID() },
          };
        },
      },
    ],
  });
}

interface Run {
  perSecond: number;
  p99: number;
}

function runOf(result: Result, name: string): Run {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${name} : ${result.non2xx} réponses non 2xx, ${result.errors} erreurs, ${result.timeouts} délais dépassés`);
  }
  return { perSecond: result['2xx'] / result.duration, p99: result.latency.p99 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs the benchmark and prints the medians, the ratio and the targets. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'dispositifs-bench-api-'));
  const targets: Target[] = [];
  try {
    const api = await startTarget('api', dir);
    targets.push(api);
    const reference = await startTarget('reference', dir, api.snapshotBytes);
    targets.push(reference);
    console.log(`${CONNECTIONS} connexions, ${ROUNDS} manches de ${SECONDS} s (au plus ${MAX_REQUESTS} requêtes), instantané de ${api.snapshotBytes} octets, bases dans ${dir}`);
    await load(reference, 1);
    await load(api, 1);
    const a: Run[] = [];
    const b: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      a.push(runOf(await load(reference, SECONDS), 'référence'));
      b.push(runOf(await load(api, SECONDS), 'API'));
      const [ra, rb] = [a.at(-1)!, b.at(-1)!];
      console.log(`  manche ${round} : référence ${ra.perSecond.toFixed(0)} req/s (p99 ${ra.p99} ms), API ${rb.perSecond.toFixed(0)} req/s (p99 ${rb.p99} ms)`);
    }
    const ref = { perSecond: median(a.map((r) => r.perSecond)), p99: median(a.map((r) => r.p99)) };
    const got = { perSecond: median(b.map((r) => r.perSecond)), p99: median(b.map((r) => r.p99)) };
    const ratio = got.perSecond / ref.perSecond;
    console.log(`(a) référence node:http + better-sqlite3 : ${ref.perSecond.toFixed(0)} req/s, p99 ${ref.p99} ms`);
    console.log(`(b) API (Hono + moteur)                 : ${got.perSecond.toFixed(0)} req/s, p99 ${got.p99} ms`);
    console.log(`débit (b)/(a) = ${ratio.toFixed(2)} (cible ≥ ${TARGET_RATIO}) ${ratio >= TARGET_RATIO ? 'atteint' : 'NON ATTEINT'}`);
    console.log(`p99 (b) = ${got.p99} ms (cible ≤ ${TARGET_P99_MS} ms) ${got.p99 <= TARGET_P99_MS ? 'atteint' : 'NON ATTEINT'}`);
  } finally {
    await Promise.all(targets.map(stopTarget));
    rmSync(dir, { recursive: true, force: true });
  }
}
