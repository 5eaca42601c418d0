/**
 * `npm run bench [-- <name> …]`: runs the benchmarks of `bench/` (`<name>.bench.ts`), all of them or
 * those whose name contains one of the arguments. Each benchmark module exports `run(): Promise<void>`
 * and prints its own ratio against a baseline measured in the same run.
 * @module
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
// Names only: options (`--events 1000`) and their values are the benchmarks' own.
const wanted = process.argv.slice(2).filter((a, i, all) => !a.startsWith('-') && !/^\d+$/.test(a) && !(all[i - 1]?.startsWith('--') && !all[i - 1]?.includes('=')));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error(`Aucun benchmark ne correspond à « ${wanted.join(' ')} » dans bench/.`);
  process.exit(2);
}
for (const file of files) {
  console.log(`\n▶ ${file.replace(/\.bench\.ts$/, '')}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') throw new Error(`${file} n'exporte pas run()`);
  await mod.run();
}
