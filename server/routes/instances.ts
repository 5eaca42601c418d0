/**
 * The routes every kind of instance shares (applications, measures, reports): list, read (with the events
 * allowed now), send an event (`Idempotency-Key`, `If-Match`), history. The caller's scope is checked
 * before anything else, so that an instance of someone else answers exactly like an absent one.
 */
import { Hono, type Context } from 'hono';
import type { Engine, ListQuery } from '../../engine/runtime/index.ts';
import type { InstanceKind, InstanceRecord, Store } from '../../engine/store/index.ts';
import type { ApiEnv } from '../auth.ts';
import { readJson } from '../body.ts';
import { locatedUnder } from '../engine-problem.ts';
import { httpProblem, notFound } from '../problem.ts';
import { pageOf, pageRequest, pageResponse } from '../pagination.ts';
import { actorOf } from '../principal.ts';
import { hiddenFields, redactData, redactPayload, type SensitivityIndex } from '../redaction.ts';
import { checkBody } from '../request-schemas.ts';
import { expectedVersionOf, versionTag } from '../version-tag.ts';

/** What the instance routes run on. */
export interface InstanceRouteDeps {
  engine: Engine;
  store: Pick<Store, 'getInstance'>;
  sensitivities: SensitivityIndex;
}

/** The path of an instance of a kind. */
export function instancePath(kind: InstanceKind, id: string): string {
  const base = kind === 'application' ? '/applications' : kind === 'measure' ? '/measures' : '/reports';
  return `${base}/${encodeURIComponent(id)}`;
}

/** The idempotency key of a request (an RFC 8941 string or a bare token); 400 when malformed. */
export function idempotencyKeyOf(c: Context): string | undefined {
  const raw = c.req.header('idempotency-key');
  if (raw === undefined) return undefined;
  const key = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw httpProblem('requete-invalide', 'Idempotency-Key doit être une chaîne de 1 à 200 caractères visibles, par exemple un UUID.', {
      errors: [{ path: '/headers/idempotency-key', message: 'clé invalide' }],
    });
  }
  return key;
}

/**
 * Reads the instance's record and checks that the caller may see it and that it is of this kind;
 * otherwise 404 (403 for a role that never reads instances, whether the instance exists or not).
 */
export async function visibleRecord(deps: InstanceRouteDeps, c: Context<ApiEnv>, kind: InstanceKind, id: string): Promise<InstanceRecord> {
  // A role that reads no instance is refused before the lookup: present and absent answer alike.
  deps.engine.authorizeReader(actorOf(c.var.principal));
  const record = await deps.store.getInstance(id);
  if (record === undefined || record.kind !== kind) {
    throw notFound();
  }
  deps.engine.authorize(actorOf(c.var.principal), record);
  return record;
}

/** The list filters of the query string, common to every kind. */
function listQuery(c: Context, kind: InstanceKind): ListQuery {
  const query: ListQuery = { kind };
  const call = c.req.query('call');
  const state = c.req.query('state');
  const territory = c.req.query('territory');
  const agreement = c.req.query('agreement');
  const measure = c.req.query('measure');
  const operator = c.req.query('operator');
  if (call) query.callId = call;
  if (state) query.states = state.split(',');
  if (territory) query.territories = territory.split(',');
  if (agreement) query.parentId = agreement;
  if (measure) query.measureKind = measure;
  if (operator) query.operatorId = operator;
  return query;
}

/**
 * The shared routes of a kind of instance, to mount at `/applications`, `/measures` or `/reports`.
 * @example
 * app.route('/measures', instanceRoutes('measure', deps));
 */
export function instanceRoutes(kind: InstanceKind, deps: InstanceRouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { engine } = deps;

  app.get('/', async (c) => {
    const { limit, cursor } = pageRequest(c);
    const page = await engine.list({ ...listQuery(c, kind), limit, ...(cursor === undefined ? {} : { cursor }) }, actorOf(c.var.principal));
    return pageResponse(c, { items: page.items, nextCursor: page.nextCursor ?? null });
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    await visibleRecord(deps, c, kind, id);
    const view = await engine.get(id, actorOf(c.var.principal));
    const fields = await deps.sensitivities.of({ definitionHash: view.definition.hash, kind: view.kind, measureKind: view.measureKind });
    const { data, hidden } = redactData(view.data, fields, c.var.principal);
    c.header('etag', versionTag(view.version));
    return c.json({ ...view, data, hidden });
  });

  app.post('/:id/events', async (c) => {
    const id = c.req.param('id');
    const body = checkBody<{ type: string; payload?: Record<string, unknown> }>('EventRequest', await readJson(c));
    const idempotencyKey = idempotencyKeyOf(c);
    const expectedVersion = expectedVersionOf(c);
    await visibleRecord(deps, c, kind, id);
    const response = await locatedUnder('/payload', () =>
      engine.send(id, {
        type: body.type,
        actor: actorOf(c.var.principal),
        ...(body.payload === undefined ? {} : { payload: body.payload }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      }),
    );
    c.header('etag', versionTag(response.version));
    c.header('content-location', instancePath(kind, id));
    return c.json(response);
  });

  app.get('/:id/history', async (c) => {
    const id = c.req.param('id');
    const record = await visibleRecord(deps, c, kind, id);
    const entries = await engine.history(id, actorOf(c.var.principal));
    const hidden = hiddenFields(await deps.sensitivities.of(record), c.var.principal);
    const redacted = entries.map((entry) => ({ ...entry, payload: redactPayload(entry.payload, hidden) }));
    return pageResponse(c, pageOf(redacted, (entry) => entry.seq, pageRequest(c)));
  });

  return app;
}
