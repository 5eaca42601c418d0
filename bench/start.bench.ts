/**
 * `npm run bench -- start`: the time from spawning the server (`node bin/dispositifs.js serve`: the compiled
 * build, an in-memory database, the shipped definitions) to its first answer, against a bare node:http
 * server spawned the same way in the same run (what any Node server pays). Two first answers, each from a
 * fresh process: `GET /health`, and `GET /` (the catalog page, a real page built from the definitions). The
 * server run from its TypeScript sources through tsx (DISPOSITIFS_SOURCES=1) is measured too, to show what the
 * build saves, and the server's own account of its start (« Démarré en … ») gives where the time goes.
 * The sides take turns; medians are compared. Target: the first answer ≤ 1 s after start on a warm install
 * (the build and the caches of node_modules/.cache filled by a previous start). `BENCH_ROUNDS=<n>` (default 5).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';

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

interface Start {
  /** Milliseconds from the spawn to the first complete answer. */
  ms: number;
  /** The server's account of its start, by phase (seconds), when it printed one. */
  phases: Map<string, number>;
}

/** Spawns `args` (with the port in PORT), asks `path` until it answers 200, then stops it. */
async function firstAnswer(args: string[], path: string, env: NodeJS.ProcessEnv = {}): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPOSITIFS_SOURCES: '', ...env, PORT: String(port) } });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Le processus s'est arrêté avant de répondre : ${errors}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} a répondu ${response.status}`);
        const ms = performance.now() - started;
        // The account is printed just after listening: give it a moment to arrive.
        for (let wait = 0; wait < 100 && !output.includes('Démarré en') && args.length > 2; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
        return { ms, phases: phasesOf(output) };
      } catch (error) {
        if (error instanceof Error && error.message.includes('a répondu')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}

/** « Démarré en 0,52 s : lancement 0,10 s, code du serveur 0,20 s, … » → phase → seconds. */
function phasesOf(output: string): Map<string, number> {
  const line = /Démarré en ([\d,]+) s : (.*)\./.exec(output);
  const phases = new Map<string, number>();
  if (line === null) return phases;
  phases.set('total', Number(line[1]!.replace(',', '.')));
  for (const part of line[2]!.split(', ')) {
    const match = /^(.*) ([\d,]+) s$/.exec(part);
    if (match) phases.set(match[1]!, Number(match[2]!.replace(',', '.')));
  }
  return phases;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (t: number) => `${Math.round(t).toLocaleString('fr-FR')} ms`;
const times = (a: number, b: number) => `${(a / b).toFixed(1).replace('.', ',')}×`;

/** Runs the benchmark and prints the ratios. */
export async function run(): Promise<void> {
  console.log(`Charge moyenne au départ : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const bare = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";
  const serve = ['bin/dispositifs.js', 'serve', '--db', ':memory:', '--host', '127.0.0.1'];
  const sides = {
    http: () => firstAnswer(['-e', bare], '/health'),
    health: () => firstAnswer(serve, '/health'),
    catalog: () => firstAnswer(serve, '/'),
    sources: () => firstAnswer(serve, '/health', { DISPOSITIFS_SOURCES: '1' }),
  };
  // A first start makes the build and fills the caches (a warm install), then the sides take turns.
  await sides.health();
  const results: Record<keyof typeof sides, Start[]> = { http: [], health: [], catalog: [], sources: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(sides) as Array<keyof typeof sides>) results[name].push(await sides[name]());
  }
  const [http, health, catalog, sources] = (['http', 'health', 'catalog', 'sources'] as const).map((name) => median(results[name].map((r) => r.ms))) as [number, number, number, number];
  console.log(`Médianes sur ${ROUNDS} démarrages alternés, du lancement du processus à la première réponse :`);
  console.log(`  node:http nu, GET /health :                          ${ms(http)}`);
  console.log(`  serveur dispositifs (compilé), GET /health :          ${ms(health)} (${times(health, http)} node:http)`);
  console.log(`  serveur dispositifs (compilé), GET / (catalogue) :    ${ms(catalog)} (${times(catalog, http)} node:http)`);
  console.log(`  serveur depuis les sources (tsx), GET /health :       ${ms(sources)} (${times(sources, http)} node:http ; la version compilée : ${times(sources, health)} plus rapide)`);
  const phases = [...(results.health[0]?.phases.keys() ?? [])].filter((p) => p !== 'total');
  const account = phases.map((phase) => `${phase} ${ms(1000 * median(results.health.map((r) => r.phases.get(phase) ?? NaN)))}`);
  console.log(`  où va le temps du serveur compilé (médianes, son propre compte) : ${account.join(', ')}`);
  console.log(`  objectif ≤ ${ms(TARGET_MS)} (GET /health) : ${health <= TARGET_MS ? 'atteint' : 'NON ATTEINT'} ; GET / : ${catalog <= TARGET_MS ? 'atteint' : 'NON ATTEINT'}`);
  console.log(`Charge moyenne à la fin : ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
