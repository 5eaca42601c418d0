// The compiled CLI: `cli/`, `engine/` and `server/` bundled by esbuild into plain JavaScript (ES modules, one
// chunk per lazily imported module, packages left to Node), kept in node_modules/.cache/dispositifs/ under
// the hash of its inputs. `bin/dispositifs.js` runs it instead of the TypeScript sources through tsx, whose
// module hooks cost seconds at start: a warm `npm start` runs the build of the sources as they are, and
// the first run after an edit (or on a fresh clone, where `npm install` builds it) builds it again.
// Plain JavaScript with JSDoc types (bin/compiled-cli.d.ts): it must run before anything can load TypeScript.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout this file belongs to. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folders whose files are the build's sources (every file in them counts, whatever it is). */
export const SOURCE_DIRS = ['cli', 'engine', 'server'];

/** Files outside those folders that change what the build produces. */
const SOURCE_FILES = ['package.json', 'tsconfig.json', 'bin/compiled-cli.js'];

/** How many builds are kept: a server started from an older one still loads its lazy chunks from it. */
export const KEPT_BUILDS = 6;

const PREFIX = 'cli-';
const LOCK_STALE_MS = 120_000;

/**
 * The files the build is made of, relative to `root`, sorted.
 * @param {string} root
 * @returns {string[]}
 */
function sourceFiles(root) {
  const files = [...SOURCE_FILES];
  for (const dir of SOURCE_DIRS) walk(join(root, dir), root, files);
  return files.sort();
}

/**
 * The hash of everything the build is made of: each source file's path and content, the esbuild version
 * and the checkout's own path (the build names its source files by absolute URL).
 * @param {string} [root]
 * @returns {string}
 */
export function buildKey(root = ROOT) {
  const hash = createHash('sha256');
  hash.update(root).update('\0');
  const esbuild = join(root, 'node_modules', 'esbuild', 'package.json');
  hash.update(existsSync(esbuild) ? readFileSync(esbuild) : 'pas d’esbuild').update('\0');
  for (const file of sourceFiles(root)) {
    const path = join(root, file);
    hash.update(file.split(sep).join('/')).update('\0');
    if (existsSync(path)) hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}

/**
 * {@link buildKey}, without reading the sources when none changed since it was last computed: the key is
 * kept beside the fingerprint of their metadata (path, size, modification and change times, inode), and
 * computed again from the contents whenever that fingerprint differs.
 * @param {string} root
 * @param {string} cacheDir
 * @returns {string}
 */
export function currentKey(root, cacheDir) {
  const fingerprint = createHash('sha256').update(root);
  for (const file of [...sourceFiles(root), join('node_modules', 'esbuild', 'package.json')]) {
    try {
      const stat = statSync(join(root, file));
      fingerprint.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.ino}\n`);
    } catch {
      fingerprint.update(`${file}\0absent\n`);
    }
  }
  const stats = fingerprint.digest('hex');
  const manifest = join(cacheDir, `${PREFIX}key.json`);
  try {
    const kept = JSON.parse(readFileSync(manifest, 'utf8'));
    if (kept.stats === stats && typeof kept.key === 'string') return kept.key;
  } catch {
    // No key kept yet: compute it below.
  }
  const key = buildKey(root);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${manifest}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ stats, key }));
    renameSync(temporary, manifest);
  } catch {
    // A read-only cache only reads the sources at every start.
  }
  return key;
}

/**
 * @param {string} dir
 * @param {string} root
 * @param {string[]} into
 */
function walk(dir, root, into) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, root, into);
    else if (entry.isFile()) into.push(relative(root, path));
  }
}

/**
 * The entry of the compiled CLI for the sources as they are now: the cached build when its key matches,
 * else a new build (one process builds, those started meanwhile wait for it). Throws when it cannot build
 * (esbuild missing, a syntax error, a read-only node_modules); the caller then runs the sources through tsx.
 * @param {{ root?: string, cacheDir?: string }} [options]
 * @returns {Promise<{ entry: string, built: boolean, key: string }>}
 */
export async function compiledCli(options = {}) {
  const root = options.root ?? ROOT;
  const cacheDir = options.cacheDir ?? join(root, 'node_modules', '.cache', 'dispositifs');
  const key = currentKey(root, cacheDir);
  const dir = join(cacheDir, `${PREFIX}${key}`);
  const entry = join(dir, 'cli.js');
  if (existsSync(entry)) return { entry, built: false, key };
  mkdirSync(cacheDir, { recursive: true });
  const lock = join(cacheDir, `${PREFIX}build.lock`);
  for (;;) {
    if (existsSync(entry)) return { entry, built: false, key };
    let fd;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      if (Date.now() - mtimeOf(lock) > LOCK_STALE_MS) rmSync(lock, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      if (existsSync(entry)) return { entry, built: false, key };
      await buildInto(root, dir);
      prune(cacheDir, dir);
      return { entry, built: true, key };
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

/** @param {string} path */
function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

/**
 * Bundles the CLI into `dir` (written beside it, then renamed: a half-written build is never used).
 * @param {string} root
 * @param {string} dir
 */
async function buildInto(root, dir) {
  const { build } = /** @type {typeof import('esbuild')} */ (await import(pathToFileURL(createRequire(join(root, 'package.json')).resolve('esbuild')).href));
  const commands = readdirSync(join(root, 'cli', 'commands')).filter((f) => f.endsWith('.ts')).sort();
  // The commands are listed here, at build time, as `cli/main.ts` finds them at run time.
  const contents = [
    "import { main } from './cli/main.ts';",
    ...commands.map((file, i) => `import { command as c${i} } from './cli/commands/${file}';`),
    `process.exitCode = await main(process.argv.slice(2), [${commands.map((_, i) => `c${i}`).join(', ')}]);`,
  ].join('\n');
  const temporary = `${dir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'cli-entry.ts', loader: 'ts' },
    absWorkingDir: root,
    outdir: temporary,
    entryNames: 'cli',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    // Each module keeps its own `import.meta.url` (the address of its source file), so that the files
    // it reads beside itself (schemas, assets, the cache folder) are found as when it runs from source.
    plugins: [{
      name: 'import-meta-url',
      setup(plugin) {
        plugin.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
          contents: readFileSync(path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
          loader: 'ts',
        }));
      },
    }],
  });
  const outside = Object.keys(result.metafile.inputs).filter(
    (input) => !input.includes('node_modules/') && input !== 'cli-entry.ts' && !SOURCE_DIRS.some((d) => input.startsWith(`${d}/`)),
  );
  if (outside.length > 0) {
    rmSync(temporary, { recursive: true, force: true });
    throw new Error(`fichiers importés hors de ${SOURCE_DIRS.join(', ')} (ajoutez-les aux sources de bin/compiled-cli.js) : ${outside.slice(0, 5).join(', ')}`);
  }
  writeFileSync(join(temporary, 'package.json'), '{ "type": "module" }\n');
  try {
    renameSync(temporary, dir);
  } catch (error) {
    // Another process renamed the same build first: it is the same code.
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(join(dir, 'cli.js'))) throw error;
  }
}

/**
 * Drops the oldest builds beyond {@link KEPT_BUILDS} (and leftovers of interrupted ones), never `current`.
 * @param {string} cacheDir
 * @param {string} current
 */
function prune(cacheDir, current) {
  const now = new Date();
  utimesSync(current, now, now);
  const builds = readdirSync(cacheDir)
    .filter((name) => name.startsWith(PREFIX) && join(cacheDir, name) !== current && !name.endsWith('.lock') && !name.endsWith('.json'))
    .map((name) => ({ path: join(cacheDir, name), time: mtimeOf(join(cacheDir, name)), partial: name.endsWith('.tmp') }))
    .sort((a, b) => b.time - a.time);
  let kept = 1;
  for (const build of builds) {
    const old = build.partial ? Date.now() - build.time > LOCK_STALE_MS : ++kept > KEPT_BUILDS;
    if (old) rmSync(build.path, { recursive: true, force: true });
  }
}
