/**
 * `/conventions/:id`: the convention of a signed agreement (`:id` is the application's id), for the
 * Département and the operator it binds: `GET /:id` (JSON), `GET /:id/html` (printable page), `GET /:id/pdf`.
 */
import { Hono, type Context } from 'hono';
import { loadConvention, renderConventionHtml, renderConventionPdf } from '../../engine/convention/index.ts';
import type { Attribuant } from '../../engine/opendata/index.ts';
import type { OrganisationRegister } from '../../engine/organisations/index.ts';
import type { Engine } from '../../engine/runtime/index.ts';
import type { Store } from '../../engine/store/index.ts';
import type { ApiEnv } from '../auth.ts';
import { actorOf } from '../principal.ts';
import { notFound } from '../problem.ts';

/**
 * The convention routes, to mount at `/conventions`.
 * @example
 * app.route('/conventions', conventionRoutes({ store, engine, register, departement }));
 */
export function conventionRoutes(deps: { store: Store; engine: Engine; register: OrganisationRegister; departement: () => Promise<Attribuant>; expand?: (ids: string[]) => string[] }): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const convention = async (c: Context<ApiEnv>) => {
    const id = c.req.param('id') ?? '';
    const instance = await deps.store.getInstance(id);
    if (instance === undefined || instance.kind !== 'application') throw notFound();
    deps.engine.authorize(actorOf(c.var.principal), instance);
    return loadConvention({ store: deps.store, register: deps.register, departement: await deps.departement(), ...(deps.expand !== undefined && { expand: deps.expand }) }, id);
  };
  app.get('/:id', async (c) => c.json(await convention(c)));
  app.get('/:id/html', async (c) => c.html(renderConventionHtml(await convention(c))));
  app.get('/:id/pdf', async (c) => {
    const doc = await convention(c);
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="convention-${doc.reference}.pdf"`);
    return c.body(new Uint8Array(await renderConventionPdf(doc)));
  });
  return app;
}
