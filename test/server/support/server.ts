/**
 * A whole server for tests: an empty store (in-memory SQLite, or PostgreSQL in the `postgres` vitest project),
 * the repository's definitions, the demo tokens, a manual
 * clock, listening on 127.0.0.1 with a free port.
 */
import { manualClock, type ManualClock } from '../../../engine/time/index.ts';
import { DEFAULT_CONFIG } from '../../../server/config.ts';
import { silentLog, type ServerLog } from '../../../server/request-log.ts';
import { startServer, type RunningServer } from '../../../server/server.ts';
import { loadTokenRegistry, type TokenRegistry } from '../../../server/tokens.ts';
import { testDatabaseUrl } from '../../support/test-store.ts';

/** The demo tokens of `config/tokens.demo.yaml`, by who holds them. */
export const TOKENS = {
  departement: 'demo-departement',
  finance: 'demo-service-financier',
  coordinatorLens: 'demo-coordinateur-lens-henin',
  coordinatorBoulonnais: 'demo-coordinateur-boulonnais',
  operatorA: 'demo-operateur-asso-a',
  operatorB: 'demo-operateur-asso-b',
  evaluator: 'demo-evaluateur',
} as const;

/** A running test server and its clock. */
export interface TestServer {
  server: RunningServer;
  clock: ManualClock;
  url: string;
  /** Sends a request with a bearer token (and a JSON body when `json` is given). */
  request(method: string, path: string, options?: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts a server at `start` (a Paris-noon instant by default). */
export async function startTestServer(
  start = new Date('2024-04-15T10:00:00Z'),
  options: { bodyLimit?: number; tokens?: TokenRegistry; log?: ServerLog; database?: string; definitions?: string[] } = {},
): Promise<TestServer> {
  const clock = manualClock(start);
  const tokens = options.tokens ?? (await loadTokenRegistry('config/tokens.demo.yaml')).registry;
  const server = await startServer(
    {
      ...DEFAULT_CONFIG,
      port: 0,
      database: options.database ?? (await testDatabaseUrl()),
      timerIntervalMs: 3_600_000,
      ...(options.definitions && { definitions: options.definitions }),
      bodyLimit: options.bodyLimit ?? DEFAULT_CONFIG.bodyLimit,
    },
    { clock, log: options.log ?? silentLog, tokens },
  );
  return {
    server,
    clock,
    url: server.url,
    async request(method, path, request = {}) {
      const headers: Record<string, string> = { ...request.headers };
      if (request.token !== undefined) headers['authorization'] = `Bearer ${request.token}`;
      let body = request.body;
      if (request.json !== undefined) {
        body = JSON.stringify(request.json);
        headers['content-type'] ??= 'application/json';
      }
      return fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    },
    stop: () => server.stop(),
  };
}
