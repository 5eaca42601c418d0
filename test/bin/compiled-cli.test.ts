import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildKey, compiledCli, currentKey, ROOT, SOURCE_DIRS } from '../../bin/compiled-cli.js';

const work = mkdtempSync(join(tmpdir(), 'dispositifs-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the checkout's sources (the packages shared through a link), to edit freely. */
function copyOfCheckout(name: string): string {
  const root = join(work, name);
  for (const dir of SOURCE_DIRS) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  mkdirSync(join(root, 'bin'));
  for (const file of ['package.json', 'tsconfig.json', 'bin/compiled-cli.js']) cpSync(join(ROOT, file), join(root, file));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

const HELLO = (word: string) => `import type { CliCommand } from '../main.ts';
export const command: CliCommand = { name: 'bonjour', register(program) { program.command('bonjour').action(() => { console.log('${word}'); }); } };
`;

describe('the compiled CLI', () => {
  it('keys the build by the content of every source: an edit, a new file or a rename changes it, putting the text back restores it', () => {
    const root = join(work, 'cle');
    for (const dir of SOURCE_DIRS) mkdirSync(join(root, dir, 'sub'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{}');
    writeFileSync(join(root, 'engine', 'sub', 'a.ts'), 'export const a = 1;\n');
    const first = buildKey(root);
    expect(buildKey(root)).toBe(first);
    writeFileSync(join(root, 'engine', 'sub', 'a.ts'), 'export const a = 2;\n');
    const edited = buildKey(root);
    expect(edited).not.toBe(first);
    writeFileSync(join(root, 'engine', 'sub', 'a.ts'), 'export const a = 1;\n');
    expect(buildKey(root)).toBe(first);
    writeFileSync(join(root, 'server', 'b.ts'), '');
    const added = buildKey(root);
    expect(added).not.toBe(first);
    rmSync(join(root, 'server', 'b.ts'));
    writeFileSync(join(root, 'cli', 'b.ts'), '');
    expect(buildKey(root)).not.toBe(added);
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
    expect(buildKey(root)).not.toBe(added);
  });

  it('notices an edit that keeps the size of the file (the fast path over file metadata)', () => {
    const root = join(work, 'meta');
    mkdirSync(join(root, 'engine'), { recursive: true });
    writeFileSync(join(root, 'engine', 'a.ts'), 'export const a = 1;\n');
    const cache = join(root, 'cache');
    const before = currentKey(root, cache);
    expect(currentKey(root, cache)).toBe(before);
    writeFileSync(join(root, 'engine', 'a.ts'), 'export const a = 7;\n');
    const after = currentKey(root, cache);
    expect(after).not.toBe(before);
    expect(after).toBe(buildKey(root));
  });

  it('runs the edited code after an edit, and the cached build when nothing changed', async () => {
    const root = copyOfCheckout('copie');
    const cacheDir = join(root, '.cache-build');
    writeFileSync(join(root, 'cli', 'commands', 'bonjour.ts'), HELLO('bonjour'));
    const first = await compiledCli({ root, cacheDir });
    expect(first.built).toBe(true);
    expect(spawnSync(process.execPath, [first.entry, 'bonjour'], { encoding: 'utf8' }).stdout).toBe('bonjour\n');

    const again = await compiledCli({ root, cacheDir });
    expect(again).toEqual({ ...first, built: false });

    writeFileSync(join(root, 'cli', 'commands', 'bonjour.ts'), HELLO('au revoir'));
    const edited = await compiledCli({ root, cacheDir });
    expect(edited.built).toBe(true);
    expect(edited.key).not.toBe(first.key);
    expect(spawnSync(process.execPath, [edited.entry, 'bonjour'], { encoding: 'utf8' }).stdout).toBe('au revoir\n');
    // The previous build stays (a server started from it still loads its lazy chunks).
    expect(readdirSync(cacheDir).filter((name) => /^cli-[0-9a-f]+$/.test(name))).toHaveLength(2);
  }, 120_000);

  it('refuses to build a module whose import.meta.url would not be its own', async () => {
    const root = copyOfCheckout('hors-sources');
    mkdirSync(join(root, 'ailleurs'));
    writeFileSync(join(root, 'ailleurs', 'x.ts'), 'export const x = 1;\n');
    writeFileSync(join(root, 'cli', 'commands', 'bonjour.ts'), `import { x } from '../../ailleurs/x.ts';\n${HELLO('bonjour').replace("'bonjour');", "'bonjour' + x);")}`);
    await expect(compiledCli({ root, cacheDir: join(root, '.cache-build') })).rejects.toThrow(/hors de cli, engine, server.*ailleurs\/x\.ts/);
  }, 120_000);
});
