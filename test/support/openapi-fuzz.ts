/**
 * A fuzzer driven by the server's own `/openapi.json`: every path and method it lists, with real and odd
 * ids, odd query strings, odd bodies and headers, under every role's token (and none, and a wrong one).
 * It counts the statuses; a 5xx, a dropped connection or a request that takes longer than its timeout is a
 * failure, kept with what was sent. Requests are drawn from a seeded generator: a run can be replayed.
 * Used by `bench/fuzz-api.ts` (10 000 requests and more) and by `test/server/fuzz.test.ts` (a few hundred).
 */
import { manualClock } from '../../engine/time/index.ts';
import { DEFAULT_CONFIG } from '../../server/config.ts';
import { silentLog } from '../../server/request-log.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { loadTokenRegistry } from '../../server/tokens.ts';
import { seededRandom } from './seeded-random.ts';

/** A request that failed, as sent. */
export interface FuzzFailure {
  method: string;
  path: string;
  token: string;
  contentType: string | undefined;
  body: string | undefined;
  outcome: string;
}

/** What a run found. */
export interface FuzzResult {
  requests: number;
  /** Requests per status (`erreur` for a dropped connection, `délai` for a timeout). */
  statuses: Map<string, number>;
  failures: FuzzFailure[];
  /** Distinct `METHOD path-template` pairs exercised. */
  operations: number;
  elapsedMs: number;
}

/** How a run is bounded. */
export interface FuzzOptions {
  count: number;
  /** Stop early after this long (the count is then not reached: the result says how many ran). */
  maxMs: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** A request slower than this is a failure. */
  timeoutMs?: number;
}

const ODD_IDS = [
  'n-existe-pas', '', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '__proto__', 'constructor', 'prototype', 'toString',
  'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', '%00', '%2F', '%2e%2e', '..', '.', '%25', '%ZZ', 'é', '%C3%A9',
  '%F0%9F%92%A5', '%E2%80%AE', "'%20or%201=1--", '%3Cscript%3E', 'a'.repeat(3000), '%0d%0aSet-Cookie:x', '*', '$', '{id}', '[]', '%7B%7D',
];
const ODD_QUERY_VALUES = ['', '0', '-1', '9999999999999999999', '1e308', 'abc', '__proto__', 'a,b,,c', '%00', 'x'.repeat(2000), '%ZZ', 'true', '[]', 'constructor'];

function oddBodies(random: () => number, realIds: string[]): Array<{ contentType?: string; body?: string }> {
  const json = (value: unknown) => ({ contentType: 'application/json', body: JSON.stringify(value) });
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  let deep: unknown = 1;
  for (let i = 0; i < 2000; i += 1) deep = [deep];
  return [
    {},
    json(null), json([]), json({}), json('texte'), json(1e308), json(-0), json(true),
    { contentType: 'application/json', body: '{"type": ' },
    { contentType: 'application/json', body: '\u0000\u0001' },
    { contentType: 'application/json', body: '{"__proto__": {"admin": true}, "type": "retenir"}' },
    { contentType: 'application/json', body: '{"constructor": {"prototype": {"x": 1}}}' },
    json(deep),
    json({ type: pick(['retenir', 'signer', 'verser', 'deposer', 'accepter', 'terminer', 'diagnostic-flash', '__proto__', 'toString', '', 'x'.repeat(500)]), payload: pick([{}, null, [], { montant: pick([1e21, 1e308, -1, 0.5, 9007199254740993, 'cent', 100_000]) }, { date: pick(['2024-02-30', '0000-01-01', '9999-12-31', 'hier', 20240101]) }]) }),
    json({ type: 'signer', payload: { montant: 100_000 } }),
    json({ call: pick(['prevention-expulsions-2024', 'microcredit-2024', '__proto__', 'constructor', 'n-existe-pas', '']), territory: pick(['lens-henin', 'boulonnais', 'toString', '', null]), applicant: pick([{}, { 'agrement-isft': true }, [], null, { __proto__: 1 }]) }),
    json({ call: 'prevention-expulsions-2024', territory: 'lens-henin', operatorId: pick(['asso-a', 'asso-b', '__proto__']), applicant: { 'agrement-isft': true } }),
    json({ agreement: pick([...realIds, 'n-existe-pas', '__proto__', 'constructor', '']), measure: pick(['equipe-mobile', 'toString', '__proto__', '']), territory: pick(['lens-henin', 'boulonnais', 'hasOwnProperty', undefined]), beneficiary: pick([{ parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true }, {}, null, { 'date-naissance': '0000-01-01' }, { 'montant-dette': 1e21 }]) }),
    json({ ['x'.repeat(100)]: 'y'.repeat(10_000) }),
    { contentType: 'application/yaml', body: 'kind: call\nid: essai\n' },
    { contentType: 'application/yaml', body: pick(['', '---', ':', '- - -', 'a: [', '__proto__: 1', 'kind: territories\n', '\t\tx', 'a: b: c', '%YAML 9.9\n---\n', 'a: !!binary ZZZ', 'a: !unknown 1']) },
    { contentType: 'text/plain', body: 'bonjour' },
    { contentType: 'application/x-www-form-urlencoded', body: 'type=retenir' },
    { contentType: 'application/json; charset=latin1', body: '{"type":"é"}' },
    { contentType: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--' },
  ];
}

interface Operation {
  method: string;
  template: string;
  queryNames: string[];
}

/** The operations `/openapi.json` lists. */
function operationsOf(document: { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(method)) continue;
      const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      operations.push({ method: method.toUpperCase(), template, queryNames: [...queryNames, 'limit', 'cursor', 'format'] });
    }
  }
  return operations;
}

/**
 * Starts a server on loopback (SQLite in memory, the repository's definitions, the demo tokens, a manual
 * clock inside a window), seeds a few instances so that real ids exist, and returns it with those ids.
 */
export async function startFuzzTarget(): Promise<{ server: RunningServer; tokens: string[]; ids: string[]; calls: string[] }> {
  const clock = manualClock(new Date('2024-04-15T10:00:00Z'));
  const { registry } = await loadTokenRegistry('config/tokens.demo.yaml');
  const server = await startServer({ ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', database: ':memory:', timerIntervalMs: 3_600_000 }, { clock, log: silentLog, tokens: registry });
  const tokens = ['demo-departement', 'demo-coordinateur-lens-henin', 'demo-coordinateur-boulonnais', 'demo-operateur-asso-a', 'demo-operateur-asso-b', 'demo-evaluateur'];
  const send = async (method: string, path: string, token: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as { instanceId?: string };
  };
  const ids: string[] = [];
  const agreement = (await send('POST', '/applications', 'demo-operateur-asso-a', { call: 'prevention-expulsions-2024', territory: 'lens-henin', applicant: { 'agrement-isft': true } })).instanceId;
  const other = (await send('POST', '/applications', 'demo-operateur-asso-b', { call: 'prevention-expulsions-2024', territory: 'boulonnais', applicant: { 'agrement-isft': true } })).instanceId;
  clock.set(new Date('2024-06-10T10:00:00Z'));
  for (const id of [agreement, other]) {
    if (id === undefined) continue;
    ids.push(id, `${id}.bilan-final`);
    await send('POST', `/applications/${id}/events`, 'demo-departement', { type: 'retenir' });
    await send('POST', `/applications/${id}/events`, 'demo-departement', { type: 'signer', payload: { montant: 100_000 } });
    const measure = (await send('POST', '/measures', 'demo-departement', { agreement: id, measure: 'equipe-mobile', beneficiary: { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true } })).instanceId;
    if (measure !== undefined) ids.push(measure);
  }
  return { server, tokens, ids, calls: [...server.repository.calls.keys()] };
}

/**
 * Sends `count` generated requests to `baseUrl` (at most `maxMs`), `concurrency` at a time.
 * @example
 * const target = await startFuzzTarget();
 * const result = await fuzzOpenApi(target.server.url, target, { count: 10_000, maxMs: 600_000, seed: 1 });
 */
export async function fuzzOpenApi(
  baseUrl: string,
  target: { tokens: string[]; ids: string[]; calls: string[] },
  options: FuzzOptions,
): Promise<FuzzResult> {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const started = Date.now();
  const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as Parameters<typeof operationsOf>[0];
  const operations = operationsOf(document);
  // Paths outside the document too: the preview pages and unknown ones must answer without a 5xx.
  operations.push(
    { method: 'GET', template: '/', queryNames: [] },
    { method: 'GET', template: '/appels/{id}', queryNames: ['version'] },
    { method: 'POST', template: '/editeur/validation', queryNames: [] },
    { method: 'GET', template: '/{id}/{id}', queryNames: [] },
    { method: 'DELETE', template: '/applications/{id}', queryNames: [] },
  );
  const tokens = [...target.tokens, '', 'jeton-inconnu', 'a'.repeat(5000)];
  const statuses = new Map<string, number>();
  const failures: FuzzFailure[] = [];
  const exercised = new Set<string>();
  const count = (status: string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let sent = 0;

  const one = async () => {
    const operation = pick(operations);
    exercised.add(`${operation.method} ${operation.template}`);
    const path = operation.template.replace(/\{[^}]+\}/g, (name) => {
      const real = name.toLowerCase().includes('call') ? target.calls : target.ids;
      const id = random() < 0.45 ? pick(real) : pick(ODD_IDS);
      return id.includes('%') ? id : encodeURIComponent(id);
    });
    const query = operation.queryNames.filter(() => random() < 0.3).map((name) => `${name}=${pick(ODD_QUERY_VALUES)}`).join('&');
    const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
    const token = pick(tokens);
    const withBody = operation.method !== 'GET' && operation.method !== 'HEAD';
    const { contentType, body } = withBody ? pick(oddBodies(random, target.ids)) : {};
    const headers: Record<string, string> = {};
    if (token !== '') headers['authorization'] = random() < 0.9 ? `Bearer ${token}` : pick([`Basic ${token}`, token, 'Bearer', `Bearer  ${token} x`]);
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (random() < 0.2) headers['idempotency-key'] = pick(['k1', '"k1"', '', ' ', 'é', 'x'.repeat(300), '__proto__']);
    if (random() < 0.15) headers['if-match'] = pick(['"1"', '"2"', '*', 'W/"1"', '"-1"', '"1e309"', 'abc', '"9007199254740993"']);
    if (random() < 0.1) headers['accept'] = pick(['text/csv', 'text/html', 'application/xml', '*/*', '']);
    const failure = (outcome: string): FuzzFailure => ({ method: operation.method, path: `${path}${query ? `?${query}` : ''}`.slice(0, 300), token: token.slice(0, 40), contentType, body: body?.slice(0, 300), outcome });
    try {
      const response = await fetch(url, { method: operation.method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      await response.arrayBuffer();
      count(String(response.status));
      if (response.status >= 500) failures.push(failure(String(response.status)));
    } catch (error) {
      const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      count(timeout ? 'délai' : 'erreur');
      failures.push(failure(timeout ? 'délai dépassé' : `connexion : ${String(error instanceof Error ? error.cause ?? error.message : error)}`));
    }
  };

  const worker = async () => {
    while (sent < options.count && Date.now() - started < options.maxMs) {
      sent += 1;
      await one();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
  return { requests, statuses, failures, operations: exercised.size, elapsedMs: Date.now() - started };
}
