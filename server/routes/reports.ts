/**
 * `/calls/:callId/…`: a call's report for the caller: its indicators, budget and quotas, its operators'
 * reports; as JSON, as CSV for a French spreadsheet, or as an HTML page with charts. Every number is
 * computed in the database; the caller's role decides what it sees (an operator its own agreements, a
 * coordinator its territories; an evaluator has small counts masked and no sensitive field).
 *
 * Routes, relative to where the sub-app is mounted (`/calls`):
 * - `GET /:callId/report` — the whole report as JSON (`?format=csv` or `?format=html` for the others);
 * - `GET /:callId/report.csv` — the report as CSV (`;`, decimal comma, dates JJ/MM/AAAA), as an attachment;
 * - `GET /:callId/report.html` — the report as a self-contained HTML page (SVG charts by month and by territory);
 * - `GET /:callId/indicators` — the indicators only, JSON;
 * - `GET /:callId/indicators/:indicatorId` — one indicator, JSON;
 * - `GET /:callId/budget` — the budget and quotas only, JSON.
 * Unknown call or indicator: 404 problem details; a draft call is the Département's only.
 */
import { Hono, type Context } from 'hono';
import { ownEntry, type Repository, type ResolvedCall } from '../../engine/definition/index.ts';
import {
  buildBudget,
  buildReport,
  disclosureFor,
  renderCsv,
  renderHtml,
  reportDialect,
  runIndicator,
  runIndicators,
  scopeOf,
  type CallReport,
  type ReportViewer,
} from '../../engine/report/index.ts';
import type { Store } from '../../engine/store/index.ts';
import { parisDate, systemClock, type Clock } from '../../engine/time/index.ts';
import type { ApiEnv } from '../auth.ts';
import { httpProblem } from '../problem.ts';

/** What the report routes read. */
export interface ReportRouteDeps {
  store: Pick<Store, 'db' | 'dialect'>;
  /** The loaded definitions (a function, so that a reload is seen). */
  repository: () => Pick<Repository, 'calls' | 'territories' | 'pieces'> & Partial<Pick<Repository, 'envelopes'>>;
  /** Who reads, from the request (default: the authenticated principal). */
  viewer?: (c: Context<ApiEnv>) => ReportViewer;
  /** Masking threshold for evaluators (default 5). */
  threshold?: number;
  clock?: Clock;
}

/**
 * The report routes, to mount at `/calls`.
 * @example
 * app.route('/calls', reportRoutes({ store, repository: () => repository }));
 * // GET /calls/equipes-mobiles-2025/report.csv with a bearer token
 */
export function reportRoutes(deps: ReportRouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const viewerOf = deps.viewer ?? ((c: Context<ApiEnv>) => principalViewer(c));
  const clock = deps.clock ?? systemClock;

  const callOf = (c: Context<ApiEnv>): ResolvedCall => {
    const id = c.req.param('callId') ?? '';
    const call = deps.repository().calls.get(id);
    if (!call || (call.definition.status === 'draft' && viewerOf(c).role !== 'departement')) {
      throw httpProblem('ressource-inconnue', `Appel « ${id} » introuvable : vérifiez son identifiant (GET /definitions les liste).`);
    }
    return call;
  };
  const report = async (c: Context<ApiEnv>): Promise<CallReport> => {
    const repository = deps.repository();
    return buildReport({
      store: deps.store, call: callOf(c), viewer: viewerOf(c), repository, now: clock.now(),
      ...(deps.threshold !== undefined && { threshold: deps.threshold }),
    });
  };
  const csv = (c: Context<ApiEnv>, value: CallReport) => {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="rapport-${value.call.id}-${value.generatedOn}.csv"`);
    return c.body(renderCsv(value));
  };

  app.get('/:callId/report', async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'csv' && format !== 'html') {
      throw httpProblem('requete-invalide', `Format « ${format} » inconnu : demandez json, csv ou html.`);
    }
    const value = await report(c);
    if (format === 'csv') return csv(c, value);
    if (format === 'html') return c.html(renderHtml(value));
    return c.json(value);
  });
  app.get('/:callId/report.csv', async (c) => csv(c, await report(c)));
  app.get('/:callId/report.html', async (c) => c.html(renderHtml(await report(c))));

  const indicatorContext = (c: Context<ApiEnv>) => {
    const call = callOf(c);
    const viewer = viewerOf(c);
    const territories = deps.repository().territories;
    return {
      db: deps.store.db, dialect: reportDialect(deps.store.dialect), callId: call.id, call: call.definition, viewer,
      disclosure: disclosureFor(viewer, deps.threshold), labels: { territories },
    };
  };
  app.get('/:callId/indicators', async (c) => c.json({ indicators: await runIndicators(indicatorContext(c)) }));
  app.get('/:callId/indicators/:indicatorId', async (c) => {
    const context = indicatorContext(c);
    const id = c.req.param('indicatorId');
    const indicator = ownEntry(context.call.indicators, id);
    if (!indicator) throw httpProblem('ressource-inconnue', `Indicateur « ${id} » absent de l'appel « ${context.callId} ».`);
    return c.json(await runIndicator(context, id, indicator));
  });
  app.get('/:callId/budget', async (c) => {
    const call = callOf(c);
    const repository = deps.repository();
    const viewer = viewerOf(c);
    return c.json(
      await buildBudget({
        db: deps.store.db, callId: call.id, call: call.definition, scope: scopeOf(viewer, repository.territories),
        territories: repository.territories, disclosure: disclosureFor(viewer, deps.threshold), asOf: parisDate(clock.now()),
        ...(repository.envelopes !== undefined && { envelopes: { envelopes: repository.envelopes, calls: repository.calls } }),
      }),
    );
  });
  return app;
}

/** The authenticated principal as a report viewer (role, scope, sensitivities it may see). */
function principalViewer(c: Context<ApiEnv>): ReportViewer {
  const principal = c.var.principal;
  const viewer: ReportViewer = { role: principal.role, sees: principal.sees };
  if (principal.operatorId !== undefined) viewer.operatorId = principal.operatorId;
  if (principal.territories !== undefined) viewer.territories = principal.territories;
  return viewer;
}
