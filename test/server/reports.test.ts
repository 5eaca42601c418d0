import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReport, IndicatorResult } from '../../engine/report/index.ts';
import type { ApiEnv } from '../../server/auth.ts';
import { problemErrorHandler } from '../../server/error-handler.ts';
import { silentLog } from '../../server/request-log.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { loadTokenRegistry, type TokenRegistry } from '../../server/tokens.ts';
import { noon, runReportYear, type ReportFixture } from '../engine/report/report-fixture.ts';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

// The report sub-app on the data the engine wrote for the test call, with the demo principals: each
// request says who calls (the API's bearer authentication sets the same principal).
describe('GET /calls/:callId/… (report routes)', () => {
  let f: ReportFixture;
  let tokens: TokenRegistry;
  let app: Hono<ApiEnv>;
  const get = (path: string, token: string) => app.request(path, { headers: { 'x-test-token': token } });
  const json = async <T>(path: string, token: string): Promise<T> => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    f = await runReportYear();
    tokens = (await loadTokenRegistry('config/tokens.demo.yaml')).registry;
    app = new Hono<ApiEnv>();
    app.onError(problemErrorHandler(silentLog));
    app.use('*', async (c, next) => {
      c.set('principal', tokens.find(c.req.header('x-test-token') ?? '')!);
      await next();
    });
    app.route('/calls', reportRoutes({ store: f.store, repository: () => f.repository, clock: { now: () => noon('2025-03-31') } }));
  });

  it('returns the whole report as JSON', async () => {
    const report = await json<CallReport>('/calls/rapports-test-2024/report', TOKENS.departement);
    expect(report.call).toEqual({ id: 'rapports-test-2024', title: 'Appel de test des rapports', year: 2024, version: 1 });
    expect(report.generatedOn).toBe('2025-03-31');
    expect(report.indicators.find((i) => i.id === 'menages-par-mois')).toMatchObject({ status: 'ok', total: 11 });
    expect(report.budget.call.committed).toBe(350_000);
  });

  it('returns CSV as an attachment and HTML as a page, by path or by ?format=', async () => {
    const csv = await get('/calls/rapports-test-2024/report.csv', TOKENS.departement);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="rapport-rapports-test-2024-2025-03-31.csv"');
    const text = await csv.text();
    expect(text).toContain('indicateur;menages-par-mois;Ménages orientés;Par mois;02/2025;2;nombre');
    const html = await get('/calls/rapports-test-2024/report.html', TOKENS.departement);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('<svg');
    expect((await get('/calls/rapports-test-2024/report?format=csv', TOKENS.departement)).headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const wrong = await get('/calls/rapports-test-2024/report?format=xml', TOKENS.departement);
    expect(wrong.status).toBe(400);
  });

  it('gives an evaluator masked counts and no sensitive indicator', async () => {
    const report = await json<CallReport>('/calls/rapports-test-2024/report', TOKENS.evaluator);
    expect(report.disclosure).toEqual({ masked: true, threshold: 5 });
    expect(report.indicators.find((i) => i.id === 'dette-totale')!.status).toBe('withheld');
    expect(JSON.stringify(report)).not.toContain('910000');
    const csv = await (await get('/calls/rapports-test-2024/report.csv', TOKENS.evaluator)).text();
    expect(csv).toContain('indicateur;menages-par-mois;Ménages orientés;Par territoire;Artois;< 5;nombre');
  });

  it('gives an operator its own agreements, a coordinator its territories', async () => {
    const own = await json<{ indicators: IndicatorResult[] }>('/calls/rapports-test-2024/indicators', TOKENS.operatorB);
    expect(own.indicators.find((i) => i.id === 'menages-par-mois')).toMatchObject({ total: 3 });
    const budget = await json<CallReport['budget']>('/calls/rapports-test-2024/budget', TOKENS.operatorB);
    expect(budget.operators.map((line) => line.key)).toEqual(['asso-b']);
    const lens = await json<IndicatorResult>('/calls/rapports-test-2024/indicators/menages-par-mois', TOKENS.coordinatorLens);
    expect(lens).toMatchObject({ status: 'ok', total: 7 });
  });

  it('answers 404 problems for an unknown call or indicator', async () => {
    const call = await get('/calls/inconnu-2024/report', TOKENS.departement);
    expect(call.status).toBe(404);
    expect(call.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await call.json()).toMatchObject({ code: 'ressource-inconnue' });
    expect((await get('/calls/rapports-test-2024/indicators/inconnu', TOKENS.departement)).status).toBe(404);
  });
});

describe('the report routes in the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('are mounted under /calls, behind the bearer token', async () => {
    expect((await server.request('GET', '/calls/equipes-mobiles-2025/report')).status).toBe(401);
    const response = await server.request('GET', '/calls/equipes-mobiles-2025/report', { token: TOKENS.departement });
    expect(response.status).toBe(200);
    const report = (await response.json()) as CallReport;
    expect(report.indicators.map((i) => [i.id, i.status === 'ok' && i.total])).toEqual([
      ['menages-eligibles', 0],
      ['interventions-en-cours', 0],
      ['interventions-terminees', 0],
      ['bailleurs-contactes', 0],
    ]);
    expect(report.budget.envelopeKnown).toBe(false);
  });
});
