import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../engine/definition/index.ts';
import { organisationRegister } from '../../engine/organisations/index.ts';
import { createEngine } from '../../engine/runtime/index.ts';
import { openSqliteStore } from '../../engine/store/index.ts';
import { manualClock } from '../../engine/time/index.ts';
import { createApi, PROTECTED_PREFIXES } from '../../server/app.ts';
import { openApiDocument } from '../../server/openapi.ts';
import { loadTokenRegistry } from '../../server/tokens.ts';

/** The prefixes whose every route the OpenAPI document must describe: the protected API and the open data. */
const DOCUMENTED_PREFIXES = [...PROTECTED_PREFIXES, '/opendata'];

describe('the OpenAPI document against the routes the app registers', async () => {
  const repository = await loadRepository('definitions');
  const store = await openSqliteStore({ file: ':memory:' });
  afterAll(() => store.close());
  const clock = manualClock(new Date('2024-04-15T10:00:00Z'));
  const engine = createEngine({ store, repository, clock, organisations: organisationRegister(store.db) });
  const { registry } = await loadTokenRegistry('config/tokens.demo.yaml');
  // With finance, so that the payments, conventions and open data routes are mounted too.
  const app = createApi({ engine, store, clock, repository: () => repository, tokens: registry, finance: { store, departement: () => Promise.resolve({ name: 'Département du Pas-de-Calais' }) } });
  const document = openApiDocument(repository.calls.values()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };

  /** `METHOD /path/{param}` of every handler the app registers under the documented prefixes (middleware aside). */
  const registered = [
    ...new Set(
      app.routes
        .filter((route) => route.method !== 'ALL' && DOCUMENTED_PREFIXES.some((prefix) => route.path === prefix || route.path.startsWith(`${prefix}/`)))
        .map((route) => `${route.method} ${route.path.replace(/\/$/, '').replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    ),
  ].sort();

  it('finds the routes of every documented prefix, finance included', () => {
    for (const prefix of DOCUMENTED_PREFIXES) expect(registered.some((route) => route.split(' ')[1]!.startsWith(prefix)), prefix).toBe(true);
    expect(registered).toContain('POST /payments/import');
    expect(registered).toContain('GET /opendata/subventions.csv');
  });

  it('describes every registered API route, with its method', () => {
    const undocumented = registered.filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return document.paths[path]?.[method.toLowerCase()] === undefined;
    });
    expect(undocumented).toEqual([]);
  });

  it('asks a bearer token everywhere but on the open data', () => {
    const open = registered.filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      const security = document.paths[path]?.[method.toLowerCase()]?.security;
      return security !== undefined && security.length === 0;
    });
    expect(open).toEqual(['GET /opendata/subventions.csv']);
  });
});
