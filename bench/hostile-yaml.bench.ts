/**
 * `npm run bench -- hostile-yaml`: what validating a text costs as it grows, and what a hostile one costs.
 *
 * (a) Linearity: `validateText` on a plain definition (a shipped call with many documents) of 128 Kio and of
 *     1 Mio, alternated over rounds; the ratio of the medians is about 8 when the cost is linear (it was
 *     quadratic: the YAML module checks each key against every other, and each alias walked the whole
 *     document). Also a flat map of 60 000 keys (the worst shape for duplicate checks).
 * (b) Hostile texts (recursive alias, billion laughs, merge-key bomb, 50 000 aliases, 100 000 nested
 *     brackets, 2 000 nested blocks): the time of each refusal against validating the 128 Kio definition,
 *     and the heap after it. Target: every refusal under 1 s, the 1 Mio definition under 1 s (CPU).
 * `BENCH_ROUNDS=<n>` changes the rounds (default 5). Measured in one process, one run: compare ratios.
 */
import { loadRepository, validateText } from '../engine/definition/index.ts';
import { largeDefinition } from './large-definition.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const levels = 'abcdefghi';
const HOSTILE: Record<string, string> = {
  'alias récursif': 'a: &a [*a, *a]\n',
  'milliard de rires': [...levels].map((n, i) => `${n}: &${n} [${Array(9).fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`).join(', ')}]`).join('\n'),
  'bombe de clés de fusion': [...'abcdefg'].map((n, i) => (i === 0 ? 'a: &a {a1: 1, a2: 2, a3: 3, a4: 4, a5: 5, a6: 6, a7: 7, a8: 8}' : `${n}: &${n} {<<: *${'abcdefg'[i - 1]}, ${Array.from({ length: 7 }, (_, k) => `${n}${k}: *${'abcdefg'[i - 1]}`).join(', ')}}`)).join('\n'),
  '50 000 alias': `base: &x {a: 1, b: [1, 2, 3]}\nl:\n${'  - *x\n'.repeat(50_000)}`,
  '100 000 crochets': `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  '2 000 blocs imbriqués': Array.from({ length: 2_000 }, (_, d) => `${' '.repeat(d)}a:`).join('\n'),
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** CPU milliseconds of one validation (a fresh text each time: nothing comes from a cache). */
function time(text: string, repository: Awaited<ReturnType<typeof loadRepository>>): number {
  const unique = `${text}\n# ${Math.random()}\n`;
  const start = cpu();
  validateText(unique, 'definitions/2024/numero-vert-2024.yaml', repository);
  return cpu() - start;
}

/** Runs the benchmark. */
export async function run(): Promise<void> {
  const repository = await loadRepository('definitions');
  const small = largeDefinition(128 * 1024);
  const large = largeDefinition(1024 * 1024);
  const flat = `kind: call\nid: plat\nfoo:\n${Array.from({ length: 60_000 }, (_, i) => `  k${i}: v${i}\n`).join('')}`;
  const flatSmall = `kind: call\nid: plat\nfoo:\n${Array.from({ length: 7_500 }, (_, i) => `  k${i}: v${i}\n`).join('')}`;
  time(small, repository); // warm-up: the YAML module, the validator
  const rounds = { small: [] as number[], large: [] as number[], flatSmall: [] as number[], flat: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    rounds.small.push(time(small, repository));
    rounds.large.push(time(large, repository));
    rounds.flatSmall.push(time(flatSmall, repository));
    rounds.flat.push(time(flat, repository));
  }
  const [s, l, fs, f] = [median(rounds.small), median(rounds.large), median(rounds.flatSmall), median(rounds.flat)];
  console.log(`(a) définition ordinaire : 128 Kio ${s.toFixed(0)} ms CPU, 1 Mio ${l.toFixed(0)} ms CPU (${Math.round(large.length / 1024)} Kio, ${(large.match(/\n/g) ?? []).length} lignes) : rapport ${(l / s).toFixed(1)} pour une taille ×${(large.length / small.length).toFixed(1)} (linéaire ≈ 8, quadratique ≈ 64) ; cible 1 Mio < 1 000 ms : ${l < 1000 ? 'atteinte' : 'MANQUÉE'}`);
  console.log(`    objet plat de 7 500 / 60 000 clés : ${fs.toFixed(0)} / ${f.toFixed(0)} ms CPU : rapport ${(f / fs).toFixed(1)} pour ×8`);
  for (const [name, text] of Object.entries(HOSTILE)) {
    const start = cpu();
    const { findings } = validateText(text, 'hostile.yaml', repository);
    const spent = cpu() - start;
    const heap = process.memoryUsage().heapUsed / 1024 / 1024;
    const first = findings[0];
    console.log(`(b) ${name} (${text.length} car.) : refusé en ${spent.toFixed(0)} ms CPU (${(spent / s).toFixed(2)} × la définition de 128 Kio), tas ${heap.toFixed(0)} Mio, ${first?.line}:${first?.column} [${first?.code}]`);
  }
}
