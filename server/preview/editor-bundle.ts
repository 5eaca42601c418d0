/**
 * The editor's script, `/ressources/editeur.js`: `editor-client/main.ts` and CodeMirror 6 bundled by esbuild
 * into one minified file, built by `npm install` (the `prepare` script, `bin/build-editor.ts`) or on the
 * first request, and cached in node_modules/.cache under a hash of its inputs (the client sources, the
 * definition schema, the installed CodeMirror versions). Nothing is fetched from elsewhere.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR } from '../../engine/cache/index.ts';

const CLIENT_DIR = fileURLToPath(new URL('./editor-client/', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../schema/definition.schema.json', import.meta.url));
const PACKAGES = ['codemirror', '@codemirror/view', '@codemirror/state', '@codemirror/language', '@codemirror/lang-yaml', '@codemirror/autocomplete', '@codemirror/lint', '@codemirror/commands', 'yaml', 'esbuild'];
const PREFIX = 'editeur-';

let building: Promise<string> | undefined;

/** The hash of everything the bundle is made of. */
function inputsKey(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(CLIENT_DIR).sort()) hash.update(name).update(readFileSync(join(CLIENT_DIR, name)));
  hash.update(readFileSync(SCHEMA));
  for (const name of PACKAGES) hash.update(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The bundled editor script: from the cache when its inputs are unchanged, else built (once per process,
 * concurrent callers share the build) and cached.
 * @example
 * c.body(await editorBundle(), 200, { 'content-type': 'text/javascript; charset=utf-8' });
 */
export function editorBundle(): Promise<string> {
  building ??= load().catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

async function load(): Promise<string> {
  const cached = join(CACHE_DIR, `${PREFIX}${inputsKey()}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not built yet for these inputs: build below.
  }
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(CLIENT_DIR, 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'eof',
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]!.text;
  mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, cached);
  for (const old of readdirSync(CACHE_DIR)) {
    if (old.startsWith(PREFIX) && join(CACHE_DIR, old) !== cached && !old.endsWith('.tmp')) rmSync(join(CACHE_DIR, old), { force: true });
  }
  return text;
}
