import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

const TOKEN = TOKENS.departement;
let client: TestServer;

beforeAll(async () => {
  client = await startTestServer(undefined, { bodyLimit: 64 * 1024 });
});
afterAll(() => client.stop());

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: response.status });
  expect(typeof body['title']).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/\bat \S+:\d+:\d+/); // never a stack trace
  return body;
}

describe('the API skeleton, through a socket', () => {
  it('answers 401 with a challenge when the token is missing or unknown', async () => {
    const missing = await client.request('GET', '/definitions');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await problemOf(missing)).toMatchObject({ code: 'authentification-requise', type: '/problemes/authentification-requise' });
    const unknown = await client.request('GET', '/definitions', { token: 'not-a-known-token' });
    expect(unknown.status).toBe(401);
    expect(await problemOf(unknown)).toMatchObject({ code: 'jeton-invalide' });
  });

  it('answers an unknown path with a 404 problem, with or without a token', async () => {
    expect(await problemOf(await client.request('GET', '/nowhere'))).toMatchObject({ status: 404, code: 'ressource-inconnue' });
    expect((await client.request('GET', '/definitions/absent', { token: TOKEN })).status).toBe(404);
  });

  it('refuses a body of the wrong type with 415', async () => {
    const response = await client.request('POST', '/definitions/validate', { token: TOKEN, json: { kind: 'call' } });
    expect(response.status).toBe(415);
    expect(await problemOf(response)).toMatchObject({ code: 'type-de-contenu-non-supporte' });
  });

  it('refuses an oversized body with 413, announced or streamed', async () => {
    const huge = 'a: b\n'.repeat(20_000);
    const announced = await client.request('POST', '/definitions/validate', { token: TOKEN, body: huge, headers: { 'content-type': 'application/yaml' } });
    expect(announced.status).toBe(413);
    expect(await problemOf(announced)).toMatchObject({ code: 'corps-trop-volumineux' });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(8 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${client.url}/definitions/validate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('validates a posted YAML text and gives each finding its line and column', async () => {
    const text = 'kind: call\nid: essai\ntitle: Essai\nyear: deux-mille\n';
    const response = await client.request('POST', '/definitions/validate', { token: TOKEN, body: text, headers: { 'content-type': 'application/yaml' } });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { valid: boolean; file: string; findings: Array<{ line: number; column: number; message: string }> };
    expect(result.valid).toBe(false);
    expect(result.file).toBe('essai.yaml');
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      expect(finding.message).not.toBe('');
    }
  });

  it('reports a YAML syntax error as a finding, not a 500', async () => {
    const response = await client.request('POST', '/definitions/validate', { token: TOKEN, body: 'kind: [call\n', headers: { 'content-type': 'text/yaml' } });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { valid: boolean; findings: unknown[] };
    expect(result.valid).toBe(false);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('lists the loaded definitions page by page', async () => {
    const first = await client.request('GET', '/definitions?limit=2', { token: TOKEN });
    expect(first.status).toBe(200);
    const page = (await first.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    expect(first.headers.get('link')).toContain('rel="next"');
    const ids: string[] = [];
    for (let cursor: string | null = null, guard = 0; guard < 50; guard++) {
      const response = await client.request('GET', `/definitions?limit=4${cursor === null ? '' : `&cursor=${cursor}`}`, { token: TOKEN });
      const body = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      ids.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    expect(ids).toContain('prevention-expulsions-2024');
    expect(ids).toContain('equipes-mobiles-2025');
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await client.request('GET', '/definitions?limit=0', { token: TOKEN });
    expect(bad.status).toBe(400);
    expect(await problemOf(bad)).toMatchObject({ errors: [{ path: '/limit' }] });
  });

  it('serves the OpenAPI 3.1 document with the definition language schema, without a token', async () => {
    const response = await client.request('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; components: { schemas: Record<string, unknown> }; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.schemas['Definition']).toBeDefined();
    expect(document.components.schemas['Definition.call']).toBeDefined();
    const terminer = document.components.schemas['Event.prevention-expulsions-2024.v1.measure.equipe-mobile.terminer'] as { properties: { payload: unknown } };
    expect(terminer.properties.payload).toMatchObject({ required: ['issue'] });
    expect(JSON.stringify(document)).not.toContain('#/definitions/');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/definitions', '/measures/{id}/events', '/agreements/{id}/ledger']));
  });

  it('serves the documentation page from this server only', async () => {
    const page = await client.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('lang="fr"');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      expect((await client.request('GET', source)).status).toBe(200);
    }
    const init = await (await client.request('GET', '/docs/init.js')).text();
    expect(init).toContain('validatorUrl: null');
  });

  it('explains each problem type at its URI', async () => {
    const page = await client.request('GET', '/problemes/evenement-non-permis');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('allowedEvents');
    expect((await client.request('GET', '/problemes/inexistant')).status).toBe(404);
  });
});
