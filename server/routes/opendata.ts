/**
 * `/opendata`: public, without a token. `GET /subventions.csv?year=2024[&all=1]` — the essential data of the
 * conventions signed that year in the SCDL « Subventions » format (by default those above 23 000 € a year);
 * no household datum, only the Département, the operators (organisations) and the conventions.
 */
import { Hono } from 'hono';
import type { Attribuant } from '../../engine/opendata/index.ts';
import { openDataCsv } from '../../engine/opendata/index.ts';
import type { OrganisationRegister } from '../../engine/organisations/index.ts';
import type { Store } from '../../engine/store/index.ts';
import type { Clock } from '../../engine/time/index.ts';
import { parisDate } from '../../engine/time/index.ts';
import { httpProblem } from '../problem.ts';

/**
 * The open data routes, to mount at `/opendata` (public).
 * @example
 * app.route('/opendata', openDataRoutes({ store, register, departement, clock }));
 */
export function openDataRoutes(deps: { store: Store; register: OrganisationRegister; departement: () => Promise<Attribuant>; clock: Clock; expand?: (ids: string[]) => string[] }): Hono {
  const app = new Hono();
  app.get('/subventions.csv', async (c) => {
    const text = c.req.query('year') ?? parisDate(deps.clock.now()).slice(0, 4);
    if (!/^\d{4}$/.test(text)) throw httpProblem('json-invalide', `Paramètre year invalide « ${text} » : une année sur 4 chiffres, par exemple 2024.`);
    const all = c.req.query('all');
    const result = await openDataCsv({ store: deps.store, register: deps.register, attribuant: await deps.departement(), year: Number(text), all: all === '1' || all === 'true', ...(deps.expand !== undefined && { expand: deps.expand }) });
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `inline; filename="subventions-${text}.csv"`);
    return c.body(result.csv);
  });
  return app;
}
