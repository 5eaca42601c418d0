/**
 * The Hono application of the API: public documentation, then bearer-authenticated resources, every
 * refusal as French problem details.
 */
import { Hono } from 'hono';
import type { Repository } from '../engine/definition/index.ts';
import type { Engine } from '../engine/runtime/index.ts';
import type { Store } from '../engine/store/index.ts';
import type { Clock } from '../engine/time/index.ts';
import { requireToken, type ApiEnv } from './auth.ts';
import { DEFAULT_BODY_LIMIT, limitBody } from './body.ts';
import { docsPage } from './docs-page.ts';
import { problemErrorHandler, problemNotFound } from './error-handler.ts';
import { openApiDocument } from './openapi.ts';
import { createEspaceApp } from './espace/espace-app.ts';
import { createPreviewApp } from './preview/index.ts';
import { impactRunner } from './impact-runner.ts';
import type { OidcSettings } from './signin/oidc-settings.ts';
import type { SessionStore } from './signin/sessions.ts';
import { DatabaseSessions } from './signin/database-sessions.ts';
import { systemClock } from '../engine/time/index.ts';
import { problemPages } from './problem-pages.ts';
import { requestLog, silentLog, type ServerLog } from './request-log.ts';
import { SensitivityIndex } from './redaction.ts';
import { agreementRoutes } from './routes/agreements.ts';
import { createApplication, createMeasure, createReportRefused } from './routes/creation.ts';
import { definitionRoutes } from './routes/definitions.ts';
import { instanceRoutes, type InstanceRouteDeps } from './routes/instances.ts';
import { impactRoutes } from './routes/impact.ts';
import { migrationRoutes } from './routes/migrations.ts';
import { reportRoutes } from './routes/reports.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { organisationRegister } from '../engine/organisations/index.ts';
import { createPayments, type Payments } from '../engine/payments/index.ts';
import type { Attribuant } from '../engine/opendata/index.ts';
import { conventionRoutes } from './routes/conventions.ts';
import { openDataRoutes } from './routes/opendata.ts';
import { paymentRoutes } from './routes/payments.ts';
import type { TokenRegistry } from './tokens.ts';
import { ValidationPool, type TextValidator } from './validation/validation-pool.ts';

/** The resources that need a bearer token. */
export const PROTECTED_PREFIXES = ['/definitions', '/applications', '/agreements', '/measures', '/reports', '/calls', '/organisations', '/payments', '/conventions'] as const;

/** What the API runs on. */
export interface ApiOptions {
  engine: Engine;
  /** The engine's store: point reads of an instance's owner before the engine is asked anything. */
  store: Pick<Store, 'getInstance' | 'getDefinition' | 'listInstances' | 'db' | 'dialect'>;
  /** The clock reports are dated by (the engine's). */
  clock?: Clock;
  /** The loaded definitions (a function, so that a reload is seen by every route). */
  repository: () => Repository;
  tokens: TokenRegistry;
  log?: ServerLog;
  /** Largest accepted request body, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Validates posted definitions (default: a worker thread per app, under time and memory limits). */
  validate?: TextValidator;
  /** The whole store and the Département's identity: payment orders, conventions and open data are served when given. */
  finance?: { store: Store; departement: () => Promise<Attribuant> };
  /** Sign-in of people through OpenID Connect (without it, the sign-in page takes an access token). */
  oidc?: OidcSettings;
  /** The sessions of signed-in people (default: kept in the store's database). */
  sessions?: SessionStore;
}

/**
 * Builds the API.
 * @example
 * const app = createApi({ engine, store, repository: () => repository, tokens });
 * const response = await app.request('/definitions', { headers: { authorization: 'Bearer demo-departement' } });
 */
export function createApi(options: ApiOptions): Hono<ApiEnv> {
  const log = options.log ?? silentLog;
  const app = new Hono<ApiEnv>();
  app.onError(problemErrorHandler(log));
  app.notFound(problemNotFound);
  app.use('*', requestLog(log));

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/openapi.json', (c) => c.json(openApiDocument(options.repository().calls.values())));
  app.route('/docs', docsPage());
  app.route('/problemes', problemPages());

  // Per prefix, not '*': routes mounted by others at '/' (the preview pages) keep their own rules, and an
  // unknown path answers 404 rather than 401.
  const guard = [limitBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT), requireToken(options.tokens)] as const;
  for (const prefix of PROTECTED_PREFIXES) app.use(prefix, ...guard).use(`${prefix}/*`, ...guard);

  const validate = options.validate ?? new ValidationPool().validate;
  app.route('/definitions', definitionRoutes(options.repository, validate));
  const deps: InstanceRouteDeps = { engine: options.engine, store: options.store, sensitivities: new SensitivityIndex(options.store) };
  app.route('/applications', instanceRoutes('application', deps).post('/', createApplication(deps)));
  app.route('/agreements', agreementRoutes(deps));
  app.route('/measures', instanceRoutes('measure', deps).post('/', createMeasure(deps)));
  app.route('/reports', instanceRoutes('report', deps).post('/', createReportRefused));
  const runImpact = impactRunner({ store: options.store, repository: options.repository });
  const sessions = options.sessions ?? new DatabaseSessions(options.store.db);
  app.route('/calls', impactRoutes({ store: options.store, repository: options.repository, runner: runImpact }));
  app.route('/calls', migrationRoutes({ engine: options.engine, store: options.store, repository: options.repository }));
  app.route('/organisations', organisationRoutes(organisationRegister(options.store.db)));
  let payments: Payments | undefined;
  if (options.finance !== undefined) {
    const finance = { ...options.finance, engine: options.engine, clock: options.clock ?? systemClock, register: organisationRegister(options.store.db), expand: (ids: string[]) => options.repository().territories.expand(ids) };
    payments = createPayments({ ...finance, yearOf: (id) => options.repository().calls.get(id)?.definition.year ?? 0 });
    app.route('/payments', paymentRoutes(payments));
    app.route('/conventions', conventionRoutes(finance));
    app.route('/opendata', openDataRoutes(finance));
  }
  app.route('/calls', reportRoutes({ store: options.store, repository: options.repository, ...(options.clock === undefined ? {} : { clock: options.clock }) }));

  // The signed-in pages (« Mon espace ») and the sign-in, each form checked against its session's CSRF token.
  app.route('/', createEspaceApp({
    engine: options.engine, store: options.store, repository: options.repository, clock: options.clock ?? systemClock,
    sessions, tokens: options.tokens, ...(options.oidc === undefined ? {} : { oidc: options.oidc }), ...(payments === undefined ? {} : { payments }),
    uploadLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
  }) as unknown as Hono<ApiEnv>);

  // Last: the preview pages (catalog, call sheets, diagrams, editor), public like the documentation.
  app.route('/', createPreviewApp({ repository: options.repository, validate, impact: { run: runImpact, sessions } }));
  return app;
}
