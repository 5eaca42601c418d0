/**
 * The server started from the compiled build (what `npm start` runs) answers as the one run from the
 * TypeScript sources through tsx (DISPOSITIFS_SOURCES=1): same health, same API document, same
 * definitions, same catalog page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentKey, ROOT } from '../../bin/compiled-cli.js';

const ENV = { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '', PORT: '', HOST: '', DISPOSITIFS_TOKENS: '', DISPOSITIFS_DEFINITIONS: '', DISPOSITIFS_SOURCES: '' };
const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  })));
});

/** Starts `dispositifs serve` on a free port, a fixed day, an in-memory database; resolves with its address. */
function serve(env: NodeJS.ProcessEnv): Promise<{ url: string; stderr: () => string }> {
  const child = spawn(process.execPath, ['bin/dispositifs.js', 'serve', '--port', '0', '--db', ':memory:', '--date', '2025-03-10'], { cwd: ROOT, env });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /à l'écoute sur (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1] !== undefined && stdout.includes('Ctrl+C')) resolve({ url: match[1], stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`sorti (${code}) : ${stderr}`)));
  });
}

async function answers(url: string): Promise<Record<string, { status: number; body: string }>> {
  const paths = ['/health', '/openapi.json', '/definitions', '/', '/definitions/inconnue'];
  const result: Record<string, { status: number; body: string }> = {};
  for (const path of paths) {
    const response = await fetch(`${url}${path}`, { headers: { authorization: 'Bearer demo-departement' } });
    result[path] = { status: response.status, body: await response.text() };
  }
  return result;
}

describe('the compiled server', () => {
  it('answers as the server run from the sources', async () => {
    const [compiled, sources] = await Promise.all([serve(ENV), serve({ ...ENV, DISPOSITIFS_SOURCES: '1' })]);
    // The compiled one did run from the build of the sources as they are.
    expect(existsSync(join(ROOT, 'node_modules', '.cache', 'dispositifs', `cli-${currentKey(ROOT, join(ROOT, 'node_modules', '.cache', 'dispositifs'))}`, 'cli.js'))).toBe(true);
    const [fromBuild, fromSources] = await Promise.all([answers(compiled.url), answers(sources.url)]);
    expect(fromBuild['/health']).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect(fromBuild['/']?.status).toBe(200);
    expect(fromBuild['/definitions/inconnue']?.status).toBe(404);
    expect(fromBuild).toEqual(fromSources);
    expect(compiled.stderr()).toBe('');
  }, 120_000);
});
