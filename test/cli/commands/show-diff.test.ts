import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRepository } from '../../../engine/definition/index.ts';

/** Runs the real command line, as a user would. */
function dispositifs(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A call that extends another, whichever the shipped definitions hold.
const repository = await loadRepository('definitions');
const child = [...repository.calls.values()].find((call) => call.parents.length > 0)!;

describe('dispositifs show and diff', { timeout: 60_000 }, () => {
  it('shows the resolved call, each value with the file and line it comes from', async () => {
    const run = dispositifs(['show', child.id]);
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(child.definition)));
    const idLine = run.stdout.split('\n').find((line) => line.startsWith('id: '));
    const text = (await readFile(child.file, 'utf8')).split('\n');
    expect(idLine).toBe(`id: ${child.id} # ${child.file}:${text.findIndex((line) => line.startsWith('id:')) + 1}`);
    const parentFile = repository.calls.get(child.parents[0]!)!.file;
    expect(run.stdout).toContain(`# ${parentFile}:`);
  });

  it('says the change from the parent in French, every change named', () => {
    const run = dispositifs(['diff', child.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Ce qui change de ${repository.calls.get(child.parents[0]!)!.definition.year} à ${child.definition.year}`);
    expect(run.stdout).toContain(`année : ${repository.calls.get(child.parents[0]!)!.definition.year} → ${child.definition.year}`);
    expect(run.stdout).not.toContain('YAML');
  });

  it('suggests the id a typo meant, and refuses a call without parent and without another to compare', () => {
    const typo = dispositifs(['show', `${child.id}x`]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`vouliez-vous dire « ${child.id} » ?`);
    const orphan = [...repository.calls.values()].find((call) => call.parents.length === 0)!;
    const alone = dispositifs(['diff', orphan.id]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("ne reprend aucun appel");
    expect(dispositifs(['diff', child.id, orphan.id]).code).toBe(0);
  });
});
