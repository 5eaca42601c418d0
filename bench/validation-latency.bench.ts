/**
 * `npm run bench -- validation-latency`: does validating large texts hold the server's other requests?
 * The server runs in this process with its validation pool; `/health` is asked for in a loop, first alone,
 * then while four definitions of 900 Kio each are being validated (`POST /definitions/validate`). The
 * slowest and the 95th-percentile answer times of both phases are printed, and the difference of the
 * percentiles: the wait the validations added to the server's other requests. Target: a few milliseconds (the text is read and sent
 * to the worker; parsing and checking happen there), and the share of time the server's thread is busy in
 * each phase (event-loop utilisation). On a loaded machine the slowest answer also measures the scheduler:
 * read it with the load average. Measured in one process, one run: compare the phases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { manualClock, parisInstant } from '../engine/time/index.ts';
import { DEFAULT_CONFIG } from '../server/config.ts';
import { silentLog } from '../server/request-log.ts';
import { startServer } from '../server/server.ts';
import { tokenRegistry } from '../server/tokens.ts';
import { largeDefinition } from './large-definition.ts';

const TOKEN = 'bench-departement-token';
const SAMPLES = 60;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

async function healthTimes(url: string, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (times.length < SAMPLES || !until()) {
    const start = performance.now();
    const response = await fetch(`${url}/health`);
    await response.arrayBuffer();
    times.push(performance.now() - start);
    if (times.length >= SAMPLES * 20) break;
  }
  return times;
}

/** Runs the benchmark. */
export async function run(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'validation-latency-'));
  const tokens = tokenRegistry({ tokens: [{ id: 'bench-agent', role: 'departement', token: TOKEN }] });
  const server = await startServer(
    { ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', database: join(folder, 'api.sqlite'), timerIntervalMs: 3_600_000 },
    { clock: manualClock(parisInstant('2024-04-15', '12:00')), log: silentLog, tokens },
  );
  try {
    const text = largeDefinition(900 * 1024);
    const post = (i: number) =>
      fetch(`${server.url}/definitions/validate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' },
        body: `${text}\n# ${i}\n`,
      }).then(async (response) => ({ status: response.status, body: await response.text() }));
    await post(-1); // warm-up: the worker starts and loads the definitions
    const idleStart = performance.eventLoopUtilization();
    const idle = await healthTimes(server.url, () => true);
    const idleUse = performance.eventLoopUtilization(idleStart);
    const busyStart = performance.eventLoopUtilization();
    let done = false;
    const started = performance.now();
    const validations = Promise.all([0, 1, 2, 3].map(post)).finally(() => { done = true; });
    const busy = await healthTimes(server.url, () => done);
    const answers = await validations;
    const busyUse = performance.eventLoopUtilization(busyStart);
    const elapsed = performance.now() - started;
    const format = (values: number[]) => `p95 ${percentile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length} requêtes)`;
    console.log(`/health seul : ${format(idle)}`);
    console.log(`/health pendant 4 validations de 900 Kio (${(elapsed / 1000).toFixed(1)} s, statuts ${answers.map((a) => a.status).join(', ')}) : ${format(busy)}`);
    // The share of time the server's thread was busy (this process runs the server and the client).
    console.log(`fil du serveur occupé : ${(idleUse.utilization * 100).toFixed(0)} % seul, ${(busyUse.utilization * 100).toFixed(0)} % pendant les validations (100 % : validé sur ce fil)`);
    // The slowest answer also measures the machine's scheduler (read it with the load average): the
    // target is judged on the 95th percentile, what most requests wait.
    const held = percentile(busy, 0.95) - percentile(idle, 0.95);
    console.log(`attente ajoutée par les validations (p95 pendant − p95 seul) : ${held.toFixed(1)} ms ; cible : quelques millisecondes — ${held < 10 ? 'atteinte' : 'MANQUÉE'}`);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
