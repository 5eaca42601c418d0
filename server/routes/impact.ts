/**
 * `POST /calls/:callId/impact`: the Département posts a candidate definition (YAML body: a correction of
 * the call, or next year's call) and reads what it would have done to the activity recorded under
 * `:callId`, replayed in memory (nothing is written). `?format=html` for the page, `?decalage=<années>` to
 * move the dates otherwise than by the difference of years. Bounded: the body by the API's limit, the work
 * by a maximum of events replayed, and one impact at a time (the others wait their turn).
 */
import { Hono } from 'hono';
import type { Repository } from '../../engine/definition/index.ts';
import { renderImpactHtml } from '../../engine/impact/index.ts';
import type { Store } from '../../engine/store/index.ts';
import type { ApiEnv } from '../auth.ts';
import { readYamlText } from '../body.ts';
import { IMPACT_MAX_EVENTS, impactRunner, type ImpactRunner } from '../impact-runner.ts';
import { httpProblem } from '../problem.ts';

export { IMPACT_MAX_EVENTS };

/** What the impact route reads. */
export interface ImpactRouteDeps {
  store: Pick<Store, 'db'>;
  repository: () => Repository;
  /** Most events one request may replay (default 200 000, about two seconds of work). */
  maxEvents?: number;
  /** The server's shared runner (one queue for every door); made from the above when absent. */
  runner?: ImpactRunner;
}

/**
 * The impact route, to mount at `/calls`.
 * @example
 * app.route('/calls', impactRoutes({ store, repository: () => repository }));
 * // POST /calls/equipes-mobiles-2025/impact, Content-Type: application/yaml, the candidate as body
 */
export function impactRoutes(deps: ImpactRouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const run = deps.runner ?? impactRunner(deps);

  app.post('/:callId/impact', async (c) => {
    if (c.var.principal.role !== 'departement') {
      throw httpProblem('role-non-autorise', "L'impact d'une définition candidate est réservé aux agents du Département.");
    }
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'html') throw httpProblem('requete-invalide', `Format « ${format} » inconnu : demandez json ou html.`);
    const shiftText = c.req.query('decalage');
    const shift = shiftText === undefined ? undefined : Number(shiftText);
    if (shift !== undefined && (!Number.isInteger(shift) || Math.abs(shift) > 50)) throw httpProblem('requete-invalide', `decalage attend un nombre entier d'années (reçu « ${shiftText} »).`);
    const impact = await run(c.req.param('callId'), await readYamlText(c), shift === undefined ? {} : { shiftYears: shift });
    return format === 'html' ? c.html(renderImpactHtml(impact)) : c.json(impact);
  });
  return app;
}
