/**
 * `/organisations`: the register of organisations (operators).
 * - `GET /` — the organisations the caller may see (the Département all of them, an operator its own);
 * - `GET /:id` — one organisation; bank details for the finance service only (masked for others);
 * - `PUT /:id` — create or change it (Département): JSON `{ name, siret, rna?, address?, email?, iban? }`;
 *   422 with each wrong field located;
 * - `GET /:id/history` — every change, oldest first;
 * - `POST /import` — a CSV the French way (`;`, UTF-8 with or without BOM): all or nothing, 422 with the
 *   line and column of each wrong cell.
 */
import { Hono } from 'hono';
import { EngineError } from '../../engine/errors.ts';
import { importOrganisationsCsv, type OrganisationRegister, type RegisterActor } from '../../engine/organisations/index.ts';
import type { ApiEnv } from '../auth.ts';
import { isObject, mediaTypeOf, readJson } from '../body.ts';
import { httpProblem } from '../problem.ts';
import type { Principal } from '../tokens.ts';

/** The register's reader or writer for a principal (the finance scope reads bank details). */
export function registerActor(principal: Principal): RegisterActor {
  return {
    id: principal.id, role: principal.role,
    ...(principal.operatorId !== undefined && { operatorId: principal.operatorId }),
    ...(principal.finance === true && { finance: true }),
  };
}

/**
 * The register routes, to mount at `/organisations`.
 * @example
 * app.route('/organisations', organisationRoutes(organisationRegister(store.db)));
 */
export function organisationRoutes(register: OrganisationRegister): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/', async (c) => c.json({ items: await register.list(registerActor(c.var.principal)) }));

  app.post('/import', async (c) => {
    const mediaType = mediaTypeOf(c);
    if (mediaType !== 'text/csv' && mediaType !== 'text/plain') {
      throw httpProblem('type-de-contenu-non-supporte', `Ce point d’accès attend un fichier CSV (Content-Type: text/csv), reçu « ${mediaType || 'aucun'} ».`);
    }
    const result = await importOrganisationsCsv(register, await c.req.text(), registerActor(c.var.principal));
    if (result.findings.length > 0) {
      throw new EngineError('donnees-invalides', `Le fichier n'est pas importé (aucun organisme enregistré) : ${result.findings.length} problème(s), ligne par ligne.`, {
        findings: result.findings.map((f) => ({ code: f.code, path: `/lignes/${f.line}/colonnes/${f.column}`, message: f.message })),
      });
    }
    return c.json(result);
  });

  app.get('/:id', async (c) => c.json(await register.get(c.req.param('id'), registerActor(c.var.principal))));

  app.put('/:id', async (c) => {
    const body = await readJson(c);
    if (!isObject(body)) throw httpProblem('json-invalide', 'Le corps doit être un objet JSON : { "name": …, "siret": … }.');
    const id = c.req.param('id');
    if (Object.hasOwn(body, 'id') && body['id'] !== id) throw httpProblem('json-invalide', `L'identifiant du corps (« ${String(body['id'])} ») diffère de celui de l'adresse (« ${id} »).`);
    const { outcome, organisation } = await register.put({ ...body, id }, registerActor(c.var.principal));
    return c.json({ outcome, organisation }, outcome === 'creation' ? 201 : 200);
  });

  app.get('/:id/history', async (c) => c.json({ items: await register.history(c.req.param('id'), registerActor(c.var.principal)) }));

  return app;
}
