import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../engine/impact/index.ts';
import type { ApiEnv } from '../../server/auth.ts';
import { problemErrorHandler } from '../../server/error-handler.ts';
import { silentLog } from '../../server/request-log.ts';
import { impactRoutes } from '../../server/routes/impact.ts';
import { loadTokenRegistry } from '../../server/tokens.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear, type MobileTeamsYear } from '../engine/impact/mobile-teams-activity.ts';
import { TOKENS } from './support/server.ts';

// The impact sub-app over a recorded year of equipes-mobiles-2025, with the demo principals.
describe('POST /calls/:callId/impact', () => {
  let year: MobileTeamsYear;
  let app: Hono<ApiEnv>;
  const post = (path: string, token: string, body: string, type = 'application/yaml') =>
    app.request(path, { method: 'POST', body, headers: { 'x-test-token': token, 'content-type': type } });

  beforeAll(async () => {
    year = await recordMobileTeamsYear({ households: 2 });
    const tokens = (await loadTokenRegistry('config/tokens.demo.yaml')).registry;
    app = new Hono<ApiEnv>();
    app.onError(problemErrorHandler(silentLog));
    app.use('*', async (c, next) => {
      c.set('principal', tokens.find(c.req.header('x-test-token') ?? '')!);
      await next();
    });
    app.route('/calls', impactRoutes({ store: year.store, repository: () => year.repository, maxEvents: 500 }));
  });
  afterAll(() => year.store.close());

  const callText = () => readFileSync(year.repository.calls.get(MOBILE_TEAMS)!.file, 'utf8');

  it('answers the impact of the posted candidate for the Département, as JSON or HTML', async () => {
    const response = await post(`/calls/${MOBILE_TEAMS}/impact`, TOKENS.departement, callText());
    expect(response.status).toBe(200);
    const impact = (await response.json()) as ImpactReport;
    expect(impact.activity.callId).toBe(MOBILE_TEAMS);
    expect(impact.changes).toEqual([]);
    expect(impact.counts.identique).toBe(year.agreements.length * 2 + year.households.length);
    const html = await post(`/calls/${MOBILE_TEAMS}/impact?format=html`, TOKENS.departement, callText());
    expect(await html.text()).toMatch(/^<!doctype html>/);
  });

  it('is the Département\'s only', async () => {
    const response = await post(`/calls/${MOBILE_TEAMS}/impact`, TOKENS.operatorA, callText());
    expect(response.status).toBe(403);
  });

  it('refuses an invalid candidate with its findings located in the body, and a non-YAML body', async () => {
    const doc = parseDocument(callText());
    doc.set('year', 'deux-mille');
    const response = await post(`/calls/${MOBILE_TEAMS}/impact`, TOKENS.departement, doc.toString());
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { findings: Array<{ file: string; line: number }> };
    expect(problem.findings.length).toBeGreaterThan(0);
    expect(problem.findings.every((f) => f.file === 'candidate.yaml' && f.line > 0)).toBe(true);
    expect((await post(`/calls/${MOBILE_TEAMS}/impact`, TOKENS.departement, '{}', 'application/json')).status).toBe(415);
  });

  it('bounds the work: an activity above the maximum of events is refused, one without activity is unknown', async () => {
    const small = new Hono<ApiEnv>();
    small.onError(problemErrorHandler(silentLog));
    small.use('*', async (c, next) => {
      c.set('principal', { id: 'agent', role: 'departement', sees: new Set() } as never);
      await next();
    });
    small.route('/calls', impactRoutes({ store: year.store, repository: () => year.repository, maxEvents: 10 }));
    const response = await small.request(`/calls/${MOBILE_TEAMS}/impact`, { method: 'POST', body: callText(), headers: { 'content-type': 'application/yaml' } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/au-delà des 10 qu'une requête peut rejouer/);
    const none = await post('/calls/numero-vert-2025/impact', TOKENS.departement, callText());
    expect(none.status).toBe(404);
  });
});
