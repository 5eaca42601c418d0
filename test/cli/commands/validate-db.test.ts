import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { checkPublishedContent } from '../../../engine/runtime/index.ts';
import { openSqliteStore } from '../../../engine/store/index.ts';
import { copyDefinitions } from '../../support/definitions-copy.ts';

const copy = await copyDefinitions();
afterAll(() => copy.remove());

function validate(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/dispositifs.js', 'validate', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dispositifs validate --db', { timeout: 60_000 }, () => {
  it('reports a published call changed without raising its version, at its version line', async () => {
    const db = join(copy.dir, '..', 'base.sqlite');
    const store = await openSqliteStore({ file: db });
    await checkPublishedContent(store, await loadRepository(copy.dir), { record: true });
    await store.close();
    expect(validate([copy.dir, '--contexte', copy.dir, '--db', db]).code).toBe(0);

    const call = [...(await loadRepository(copy.dir)).calls.values()].find((c) => c.definition.status === 'published' && c.parents.length === 0)!;
    const relative = call.file.slice(copy.dir.length + 1);
    await copy.edit(relative, (text) => text.replace(/^title: .*$/m, 'title: "Titre corrigé après publication"'));
    const run = validate([copy.dir, '--contexte', copy.dir, '--db', db]);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout.split('\n').filter((l) => l.includes('contenu-publie-modifie')).join('\n')).toMatch(new RegExp(`${relative.replace(/[.]/g, '\\.')}:\\d+:\\d+: erreur \\[contenu-publie-modifie\\] L'appel « ${call.id} » est publié en version ${call.version}`));
    expect(run.stdout).toContain(`version: ${call.version + 1}`);
  });

  it('refuses a database file that does not exist', () => {
    const run = validate(['--db', join(copy.dir, 'absente.sqlite')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('chemin introuvable');
  });
});
