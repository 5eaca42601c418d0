import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDefinitions, type DefinitionsCopy } from '../support/definitions-copy.ts';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

let copy: DefinitionsCopy;
let api: TestServer;

beforeAll(async () => {
  copy = await copyDefinitions();
  await copy.edit('2024/prevention-expulsions-2024.yaml', (text) => text.replace(/^status: published$/m, 'status: draft'));
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'), { definitions: [copy.dir] });
});
afterAll(async () => {
  await api.stop();
  await copy.remove();
});

describe('a draft call over HTTP', () => {
  it('refuses an application with a French problem saying why, and creates nothing', async () => {
    const response = await api.request('POST', '/applications', {
      token: TOKENS.operatorA,
      json: { call: 'prevention-expulsions-2024', territory: 'lens-henin', applicant: { 'agrement-isft': true } },
    });
    expect(response.status).toBe(409);
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toBe('/problemes/appel-brouillon');
    expect(problem.detail).toContain('est un brouillon');
    const list = (await (await api.request('GET', '/applications', { token: TOKENS.departement })).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('explains the refusal on its problem page', async () => {
    const page = await api.request('GET', '/problemes/appel-brouillon');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('brouillon');
  });
});
