/**
 * No user-supplied id reaches an object's prototype (issue 13): every name of `Object.prototype` sent as
 * every path parameter of `/openapi.json` (beside real ids, so that the lookup after the first one is
 * reached), and as the ids inside request bodies, answers a client error, never a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const CALL = 'prevention-expulsions-2024';

let api: TestServer;
let paths: Array<{ template: string; method: string }>;
let instanceId: string;

beforeAll(async () => {
  api = await startTestServer();
  const document = (await (await api.request('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  paths = Object.entries(document.paths)
    .filter(([template]) => template.includes('{'))
    .flatMap(([template, operations]) => Object.keys(operations).map((method) => ({ template, method: method.toUpperCase() })));
  const created = await api.request('POST', '/applications', { token: TOKENS.operatorA, json: { call: CALL, territory: 'lens-henin', applicant: { 'agrement-isft': true } } });
  expect(created.status).toBe(201);
  instanceId = ((await created.json()) as { instanceId: string }).instanceId;
});
afterAll(() => api?.stop());

/** Real values of each path parameter, so that a prototype name in a later parameter is looked up. */
const realValues = (name: string): string[] => (name === 'callId' ? [CALL] : name === 'id' ? [instanceId] : name === 'file' ? ['demande.svg'] : []);

describe('prototype names as ids', { timeout: 120_000 }, () => {
  it('every path parameter of /openapi.json, for every role: no 5xx', async () => {
    const request = fc.record({
      path: fc.constantFrom(...paths),
      token: fc.constantFrom(...Object.values(TOKENS)),
      names: fc.array(fc.constantFrom(...PROTOTYPE_NAMES), { minLength: 3, maxLength: 3 }),
      real: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ path, token, names, real }) => {
        let index = 0;
        let prototypeNames = 0;
        const url = path.template.replace(/\{(\w+)\}/g, (_, parameter: string) => {
          const i = index++;
          const [value] = realValues(parameter);
          if (real[i] && value !== undefined) return value;
          prototypeNames++;
          return encodeURIComponent(names[i] as string);
        });
        fc.pre(prototypeNames > 0);
        const body = path.method === 'POST' ? { json: { type: names[0] } } : {};
        const response = await api.request(path.method, url, { token, ...body });
        expect(response.status, `${path.method} ${url}`).toBeLessThan(500);
        await response.arrayBuffer();
      }),
      { numRuns: 400 },
    );
  });

  it('every id inside a request body: no 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom('call', 'territory', 'operatorId', 'measure', 'agreement', 'field'), async (name, slot) => {
        const bodies: Array<[string, unknown]> = [
          ['/applications', { call: slot === 'call' ? name : CALL, territory: slot === 'territory' ? name : 'lens-henin', applicant: { [slot === 'field' ? name : 'agrement-isft']: true }, ...(slot === 'operatorId' && { operatorId: name }) }],
          ['/measures', { agreement: slot === 'agreement' ? name : instanceId, measure: slot === 'measure' ? name : 'diagnostic', ...(slot === 'territory' && { territory: name }) }],
          [`/applications/${instanceId}/events`, { type: name, payload: { [name]: 1 } }],
        ];
        for (const token of [TOKENS.departement, TOKENS.operatorA, TOKENS.coordinatorLens]) {
          for (const [path, json] of bodies) {
            const response = await api.request('POST', path, { token, json, headers: { 'idempotency-key': `${name}-${slot}-${Math.random()}` } });
            expect(response.status, `POST ${path} ${JSON.stringify(json)}`).toBeLessThan(500);
            await response.arrayBuffer();
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
