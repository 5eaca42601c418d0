/**
 * Bad input is answered with French problem details and the right status, never a 500 or a stack trace;
 * idempotency keys and expected versions behave as the issue says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

let api: TestServer;
let agreement = '';
let measure = '';

async function problem(response: Response, status: number) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(text).not.toMatch(/\bat .+:\d+:\d+\)?/);
  const body = JSON.parse(text) as Record<string, any>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^\/problemes\//), title: expect.any(String) });
  return body;
}

const raw = (path: string, body: string, contentType = 'application/json', token: string = TOKENS.operatorA, headers: Record<string, string> = {}) =>
  api.request('POST', path, { token, body, headers: { 'content-type': contentType, ...headers } });
const post = (path: string, json: unknown, token: string = TOKENS.operatorA, headers: Record<string, string> = {}) =>
  api.request('POST', path, { token, json, headers });

beforeAll(async () => {
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'), { bodyLimit: 32 * 1024 });
  const applied = await post('/applications', { call: 'prevention-expulsions-2024', territory: 'lens-henin', applicant: { 'agrement-isft': true } });
  agreement = ((await applied.json()) as { instanceId: string }).instanceId;
  api.clock.set(new Date('2024-06-10T10:00:00Z'));
  await post(`/applications/${agreement}/events`, { type: 'retenir' }, TOKENS.departement);
  const referred = await post(
    '/measures',
    { agreement, measure: 'equipe-mobile', beneficiary: { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'sans-reponse-sollicitations': true } },
    TOKENS.coordinatorLens,
  );
  measure = ((await referred.json()) as { instanceId: string }).instanceId;
});
afterAll(() => api.stop());

describe('malformed requests', () => {
  it('answers malformed JSON with 400 and its position, without echoing the body', async () => {
    const body = await problem(await raw('/applications', '{"call": "prevention-expulsions-2024", "territory": secret-value}'), 400);
    expect(body.code).toBe('json-invalide');
    expect(body.detail).toContain('JSON');
    expect(JSON.stringify(body)).not.toContain('secret-value');
    await problem(await raw('/applications', ''), 400);
    await problem(await raw(`/measures/${measure}/events`, '\u0000\u00ff garbage'), 400);
  });

  it('answers a nesting deep enough to exhaust a recursive parser with 400', async () => {
    const deep = '['.repeat(16_000) + ']'.repeat(16_000);
    const response = await raw(`/measures/${measure}/events`, deep);
    expect([400, 422]).toContain(response.status);
    await problem(response, response.status);
  });

  it('answers a wrong content type with 415', async () => {
    const body = await problem(await raw('/applications', 'call=x', 'application/x-www-form-urlencoded'), 415);
    expect(body.code).toBe('type-de-contenu-non-supporte');
    await problem(await raw(`/measures/${measure}/events`, '{"type":"semaine"}', 'text/plain'), 415);
    await problem(await api.request('POST', `/measures/${measure}/events`, { token: TOKENS.operatorA, body: '{}' }), 415);
  });

  it('answers an oversized body with 413, whether announced or not', async () => {
    const big = JSON.stringify({ type: 'semaine', payload: { note: 'x'.repeat(64 * 1024) } });
    expect((await problem(await raw(`/measures/${measure}/events`, big), 413)).code).toBe('corps-trop-volumineux');
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(8 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${api.url}/measures/${measure}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.operatorA}`, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    await problem(streamed, 413);
  });

  it('answers wrong types with 422 and the path and message of each problem', async () => {
    const body = await problem(await post('/applications', { call: 42, territory: ['lens-henin'], extra: true }), 422);
    expect(body.code).toBe('donnees-invalides');
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['/call', '/extra', '/territory']);
    for (const error of body.errors) expect(error.message).toMatch(/\p{L}/u);
    for (const value of [[], null, 'texte', 12]) {
      await problem(await raw('/applications', JSON.stringify(value)), 422);
      await problem(await raw(`/measures/${measure}/events`, JSON.stringify(value)), 422);
    }
    const payload = await problem(await post(`/measures/${measure}/events`, { type: 'semaine', payload: [1, 2] }), 422);
    expect(payload.errors).toEqual([expect.objectContaining({ path: '/payload' })]);
  });

  it("answers a payload against the event's schema with 422 located under /payload", async () => {
    await post(`/measures/${measure}/events`, { type: 'diagnostic-flash' });
    const body = await problem(await post(`/measures/${measure}/events`, { type: 'terminer', payload: { issue: 'partie-en-vacances' } }), 422);
    expect(body.code).toBe('message-invalide');
    expect(body.errors).toEqual([expect.objectContaining({ path: '/payload/issue', message: expect.any(String) })]);
    expect(JSON.stringify(body)).not.toContain('partie-en-vacances');
    const missing = await problem(await post(`/measures/${measure}/events`, { type: 'terminer', payload: {} }), 422);
    expect(missing.errors).toEqual([expect.objectContaining({ path: '/payload/issue' })]);
  });

  it('answers an unknown event with 422 and an event not allowed now with 409 listing the allowed ones', async () => {
    expect((await problem(await post(`/measures/${measure}/events`, { type: 'danser' }), 422)).code).toBe('evenement-inconnu');
    const body = await problem(await post(`/measures/${measure}/events`, { type: 'sans-suite' }), 409);
    expect(body.code).toBe('evenement-non-permis');
    expect(body.allowedEvents).toEqual(expect.arrayContaining(['semaine', 'terminer']));
  });

  it('answers malformed query and header values with 400, never 500', async () => {
    await problem(await api.request('GET', '/measures?limit=abc', { token: TOKENS.operatorA }), 400);
    await problem(await api.request('GET', '/measures?limit=100000', { token: TOKENS.operatorA }), 400);
    const cursor = await api.request('GET', '/measures?cursor=bm90LWEtY3Vyc29y', { token: TOKENS.operatorA });
    await problem(cursor, cursor.status);
    expect(cursor.status).toBeLessThan(500);
    await problem(await post(`/measures/${measure}/events`, { type: 'semaine' }, TOKENS.operatorA, { 'if-match': 'trois' }), 400);
    await problem(await post(`/measures/${measure}/events`, { type: 'semaine' }, TOKENS.operatorA, { 'idempotency-key': ' ' }), 400);
  });

  it('never answers 500 to random bodies on any route', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const values = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3) return [null, true, 0, -1.5, 'é', '', 1e308, 'semaine'][Math.floor(random() * 8)];
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => values(depth + 1));
      const keys = ['type', 'payload', 'call', 'territory', 'agreement', 'measure', 'beneficiary', 'issue', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [keys[Math.floor(random() * keys.length)]!, values(depth + 1)]));
    };
    for (let i = 0; i < 60; i++) {
      for (const path of ['/applications', '/measures', `/measures/${measure}/events`, `/applications/${agreement}/events`]) {
        const response = await raw(path, JSON.stringify(values(0)), 'application/json', TOKENS.departement);
        expect(response.status, `${path} ${i}`).toBeLessThan(500);
        await response.arrayBuffer();
      }
    }
  });
});

describe('idempotency and expected versions', () => {
  it('applies an event sent twice with the same key once, and answers the same', async () => {
    const before = await (await api.request('GET', `/measures/${measure}/history?limit=200`, { token: TOKENS.operatorA })).json();
    const first = await post(`/measures/${measure}/events`, { type: 'semaine' }, TOKENS.operatorA, { 'idempotency-key': 'semaine-1' });
    const second = await post(`/measures/${measure}/events`, { type: 'semaine' }, TOKENS.operatorA, { 'idempotency-key': '"semaine-1"' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    const after = await (await api.request('GET', `/measures/${measure}/history?limit=200`, { token: TOKENS.operatorA })).json();
    expect((after as { items: unknown[] }).items.length).toBe((before as { items: unknown[] }).items.length + 1);
  });

  it('refuses a key reused for another message with 422', async () => {
    const body = await problem(await post(`/measures/${measure}/events`, { type: 'contact-bailleur' }, TOKENS.operatorA, { 'idempotency-key': 'semaine-1' }), 422);
    expect(body.code).toBe('cle-idempotence-reutilisee');
  });

  it('creates once for a repeated creation key', async () => {
    const referral = { agreement, measure: 'equipe-mobile', beneficiary: { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true } };
    const first = await post('/measures', referral, TOKENS.coordinatorLens, { 'idempotency-key': 'orientation-42' });
    const second = await post('/measures', referral, TOKENS.coordinatorLens, { 'idempotency-key': 'orientation-42' });
    expect(first.status).toBe(201);
    const a = (await first.json()) as { instanceId: string };
    expect(((await second.json()) as { instanceId: string }).instanceId).toBe(a.instanceId);
    expect(second.headers.get('location')).toBe(`/measures/${a.instanceId}`);
  });

  it('reads the version as an ETag and refuses a stale If-Match with 409 and the current version', async () => {
    const read = await api.request('GET', `/measures/${measure}`, { token: TOKENS.operatorA });
    const etag = read.headers.get('etag')!;
    const version = ((await read.json()) as { version: number }).version;
    expect(etag).toBe(`"${version}"`);
    const applied = await post(`/measures/${measure}/events`, { type: 'contact-bailleur' }, TOKENS.operatorA, { 'if-match': etag });
    expect(applied.status).toBe(200);
    expect(applied.headers.get('etag')).toBe(`"${version + 1}"`);
    const stale = await problem(await post(`/measures/${measure}/events`, { type: 'contact-bailleur' }, TOKENS.operatorA, { 'if-match': etag }), 409);
    expect(stale).toMatchObject({ code: 'conflit-de-version', currentVersion: version + 1 });
  });
});
