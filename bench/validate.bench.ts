/**
 * `npm run bench -- validate`: what `dispositifs validate` costs beyond starting the CLI.
 *
 * (a) Baseline: `node bin/dispositifs.js --help` — Node, tsx and the CLI's commands loaded, nothing validated.
 * (b) `node bin/dispositifs.js validate` — every file of definitions/ parsed, resolved, checked against the
 *     schema (validator from the disk cache) and linted, findings printed.
 *
 * Rounds alternate (a) and (b) so that both see the same machine; the medians of wall time and of CPU time
 * (all threads) are compared. Target: (b) − (a) under 1 000 ms. A first run without any cache (compiled
 * validator, parsed YAML, embedded-schema verdicts) is reported apart: `npm install` precompiles the validator.
 * `BENCH_ROUNDS=<n>` changes the rounds (default 7).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const TARGET_MS = 1000;
const CLI = fileURLToPath(new URL('../bin/dispositifs.js', import.meta.url));
const CACHE = fileURLToPath(new URL('../node_modules/.cache/dispositifs/', import.meta.url));

// Prints the process's CPU time (all threads, tsx's loader included) on exit: on a busy machine, CPU time
// says more than wall time.
const CPU_REPORT = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-ms '+(u.user+u.system)/1000+'\\n')})`;

interface Timing {
  wall: number;
  cpu: number;
}

function timed(args: string[]): Timing {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', CPU_REPORT, CLI, ...args], { encoding: 'utf8' });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`dispositifs ${args.join(' ')} : code ${result.status}\n${result.stdout}${result.stderr}`);
  const cpu = Number(/cpu-ms ([\d.]+)/.exec(result.stderr)?.[1] ?? Number.NaN);
  return { wall, cpu };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs the benchmark and prints the medians and the difference. */
export async function run(): Promise<void> {
  rmSync(CACHE, { recursive: true, force: true });
  const coldValidate = timed(['validate']);
  const coldBaseline = timed(['--help']);
  const baseline: Timing[] = [];
  const validate: Timing[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    baseline.push(timed(['--help']));
    validate.push(timed(['validate']));
  }
  const report = (name: string, of: (timing: Timing) => number) => {
    const a = median(baseline.map(of));
    const b = median(validate.map(of));
    console.log(`${name.padEnd(5)} (a) --help ${a.toFixed(0)} ms · (b) validate ${b.toFixed(0)} ms · (b) − (a) = ${(b - a).toFixed(0)} ms · (b)/(a) = ${(b / a).toFixed(2)}`);
    return b - a;
  };
  const wall = report('mur', (timing) => timing.wall);
  const cpu = report('CPU', (timing) => timing.cpu);
  console.log(`sans aucun cache (clone neuf sans npm install) : ${(coldValidate.wall - coldBaseline.wall).toFixed(0)} ms de mur, ${(coldValidate.cpu - coldBaseline.cpu).toFixed(0)} ms de CPU au-delà du démarrage`);
  console.log(`cible : (b) − (a) < ${TARGET_MS} ms → ${Math.min(wall, cpu) < TARGET_MS ? 'OK' : 'AU-DESSUS DE LA CIBLE'}${wall >= TARGET_MS && cpu < TARGET_MS ? ' (en CPU ; machine chargée)' : ''}`);
}
