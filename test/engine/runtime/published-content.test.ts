import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { checkPublishedContent, contentHash } from '../../../engine/runtime/index.ts';
import { copyDefinitions, type DefinitionsCopy } from '../../support/definitions-copy.ts';
import { openTestStore } from '../../support/test-store.ts';

const CALL = '2024/prevention-expulsions-2024.yaml';
let copy: DefinitionsCopy | undefined;
afterEach(async () => copy?.remove());

describe('the frozen content of a published call', () => {
  it('records published calls once, then refuses other content under the same version, at its version line', async () => {
    copy = await copyDefinitions();
    const store = await openTestStore();
    const first = await loadRepository(copy.dir);
    const published = [...first.calls.values()].filter((c) => c.definition.status !== 'draft').map((c) => `${c.id}@${c.version}`).sort();
    expect((await checkPublishedContent(store, first, { record: true })).recorded.sort()).toEqual(published);
    expect(await checkPublishedContent(store, first, { record: true })).toEqual({ findings: [], recorded: [] });

    await copy.edit(CALL, (text) => text.replace('price: "150 €"', 'price: "160 €"'));
    const changed = await loadRepository(copy.dir);
    const { findings } = await checkPublishedContent(store, changed, { record: true });
    const versionLine = (await readFile(`${copy.dir}/${CALL}`, 'utf8')).split('\n').findIndex((l) => l.startsWith('version:')) + 1;
    // The child that extends it changed too: both are named, each at its own version line.
    expect(findings.map((f) => f.message.slice(0, 40))).toContain("L'appel « prevention-expulsions-2024 » e");
    const own = findings.find((f) => f.file.endsWith(CALL));
    expect(own).toMatchObject({ code: 'contenu-publie-modifie', severity: 'error', line: versionLine, path: '/version' });
    expect(own?.message).toContain('version: 2');
    await store.close();
  });

  it('takes a change of status or a raised version, and ignores drafts', async () => {
    copy = await copyDefinitions();
    const store = await openTestStore();
    await checkPublishedContent(store, await loadRepository(copy.dir), { record: true });
    await copy.edit(CALL, (text) => text.replace(/^status: published$/m, 'status: closed'));
    const closed = await loadRepository(copy.dir);
    expect(contentHash(closed, 'prevention-expulsions-2024')).toBe(contentHash(await loadRepository('definitions'), 'prevention-expulsions-2024'));
    expect((await checkPublishedContent(store, closed)).findings).toEqual([]);

    await copy.edit(CALL, (text) => text.replace('price: "150 €"', 'price: "160 €"').replace(/^version: 1$/m, 'version: 2').replace(/^status: closed$/m, 'status: draft'));
    const draft = await loadRepository(copy.dir);
    expect((await checkPublishedContent(store, draft)).findings.filter((f) => f.file.endsWith(CALL))).toEqual([]);
    await store.close();
  });
});
