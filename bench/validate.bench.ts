/**
 * `npm run bench -- validate`: what `dispositifs validate` costs beyond starting the CLI.
 *
 * (a) Baseline: `node bin/dispositifs.js --help` — Node, tsx and the CLI's commands loaded, nothing validated.
 * (b) `node bin/dispositifs.js validate` — every file of definitions/ parsed, resolved, checked against the
 *     schema (validator from the disk cache) and linted, findings printed.
 *
 * Rounds alternate (a) and (b) so that both see the same machine; the medians are compared.
 * Target: (b) − (a) under 1 000 ms. A first, cold run (no cached validator) is reported apart.
 * `BENCH_ROUNDS=<n>` changes the rounds (default 7).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TARGET_MS = 1000;
const CLI = fileURLToPath(new URL('../bin/dispositifs.js', import.meta.url));
const CACHE = fileURLToPath(new URL('../node_modules/.cache/dispositifs/', import.meta.url));

function timed(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`dispositifs ${args.join(' ')} : code ${result.status}\n${result.stdout}${result.stderr}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs the benchmark and prints the medians and the difference. */
export async function run(): Promise<void> {
  rmSync(CACHE, { recursive: true, force: true });
  const cold = timed(['validate']) - timed(['--help']);
  const baseline: number[] = [];
  const validate: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    baseline.push(timed(['--help']));
    validate.push(timed(['validate']));
  }
  const a = median(baseline);
  const b = median(validate);
  const beyond = b - a;
  console.log(`(a) dispositifs --help     médiane ${a.toFixed(0)} ms`);
  console.log(`(b) dispositifs validate   médiane ${b.toFixed(0)} ms`);
  console.log(`(b) − (a) = ${beyond.toFixed(0)} ms (cible < ${TARGET_MS} ms) ; ratio (b)/(a) = ${(b / a).toFixed(2)}`);
  console.log(`premier passage sans cache du validateur : ${cold.toFixed(0)} ms au-delà du démarrage`);
  console.log(beyond < TARGET_MS ? 'OK' : 'AU-DESSUS DE LA CIBLE');
}
