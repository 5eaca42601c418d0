/**
 * `npm run bench -- start`: the time from starting the server (`node bin/dispositifs.js serve`, an
 * in-memory database, the shipped definitions) to its first answer (`GET /health`), against two baselines
 * started the same way in the same run: a bare node:http server (what any Node server pays), and a bare
 * node:http server written in TypeScript and run through tsx (what this project pays before its own code:
 * it runs its TypeScript through tsx, without a build step). The sides take turns; medians are compared.
 * Target: the server's first answer ≤ 1 s after start on a warm install (the parse and validator caches of
 * `node_modules/.cache` filled by a previous start). `BENCH_ROUNDS=<n>` (default 5).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 1000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('pas de port libre'))));
    });
  });
}

/** Milliseconds from spawning `args` (with the port given in PORT) to its first HTTP answer on /health. */
async function firstAnswer(args: string[]): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PORT: String(port) } });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Le processus s'est arrêté avant de répondre : ${errors}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        await response.arrayBuffer();
        return performance.now() - started;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Runs the benchmark and prints the ratios. */
export async function run(): Promise<void> {
  console.log(`Charge moyenne au départ : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-start-'));
  try {
    const bare = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";
    const bareTs = join(dir, 'bare.ts');
    writeFileSync(bareTs, "import { createServer } from 'node:http';\nconst port: number = Number(process.env.PORT);\ncreateServer((_q, s) => s.end('ok')).listen(port, '127.0.0.1');\n");
    const sides = {
      http: ['-e', bare],
      tsx: ['--import', 'tsx', bareTs],
      server: ['bin/dispositifs.js', 'serve', '--db', ':memory:', '--host', '127.0.0.1'],
    };
    // A first start fills the caches (a warm install), then the sides take turns.
    await firstAnswer(sides.server);
    const times: Record<keyof typeof sides, number[]> = { http: [], tsx: [], server: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(sides) as Array<keyof typeof sides>) times[name].push(await firstAnswer(sides[name]));
    }
    const [http, tsx, server] = [median(times.http), median(times.tsx), median(times.server)];
    const ms = (t: number) => `${Math.round(t).toLocaleString('fr-FR')} ms`;
    console.log(`Médianes sur ${ROUNDS} démarrages alternés, du lancement à la première réponse :`);
    console.log(`  node:http nu :                      ${ms(http)}`);
    console.log(`  node:http nu en TypeScript via tsx : ${ms(tsx)} (${(tsx / http).toFixed(1).replace('.', ',')}× node:http)`);
    console.log(`  serveur dispositifs :               ${ms(server)} (${(server / http).toFixed(1).replace('.', ',')}× node:http, ${(server / tsx).toFixed(1).replace('.', ',')}× tsx nu)`);
    console.log(`  objectif ≤ ${ms(TARGET_MS)} : ${server <= TARGET_MS ? 'atteint' : 'NON ATTEINT'} ; charge moyenne à la fin : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
