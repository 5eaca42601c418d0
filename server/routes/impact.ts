/**
 * `POST /calls/:callId/impact`: the Département posts a candidate definition (YAML body: a correction of
 * the call, or next year's call) and reads what it would have done to the activity recorded under
 * `:callId`, replayed in memory (nothing is written). `?format=html` for the page, `?decalage=<années>` to
 * move the dates otherwise than by the difference of years. Bounded: the body by the API's limit, the work
 * by a maximum of events replayed, and one impact at a time (the others wait their turn).
 */
import { Hono } from 'hono';
import type { Repository } from '../../engine/definition/index.ts';
import { candidateFromText, computeImpact, loadActivity, renderImpactHtml } from '../../engine/impact/index.ts';
import type { Store } from '../../engine/store/index.ts';
import type { ApiEnv } from '../auth.ts';
import { readYamlText } from '../body.ts';
import { httpProblem } from '../problem.ts';

/** What the impact route reads. */
export interface ImpactRouteDeps {
  store: Pick<Store, 'db'>;
  repository: () => Repository;
  /** Most events one request may replay (default 200 000, about two seconds of work). */
  maxEvents?: number;
}

/** The default bound on the events one request replays. */
export const IMPACT_MAX_EVENTS = 200_000;

/**
 * The impact route, to mount at `/calls`.
 * @example
 * app.route('/calls', impactRoutes({ store, repository: () => repository }));
 * // POST /calls/equipes-mobiles-2025/impact, Content-Type: application/yaml, the candidate as body
 */
export function impactRoutes(deps: ImpactRouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const maxEvents = deps.maxEvents ?? IMPACT_MAX_EVENTS;
  let queue: Promise<unknown> = Promise.resolve();

  app.post('/:callId/impact', async (c) => {
    if (c.var.principal.role !== 'departement') {
      throw httpProblem('role-non-autorise', "L'impact d'une définition candidate est réservé aux agents du Département.");
    }
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'html') throw httpProblem('requete-invalide', `Format « ${format} » inconnu : demandez json ou html.`);
    const shiftText = c.req.query('decalage');
    const shift = shiftText === undefined ? undefined : Number(shiftText);
    if (shift !== undefined && (!Number.isInteger(shift) || Math.abs(shift) > 50)) throw httpProblem('requete-invalide', `decalage attend un nombre entier d'années (reçu « ${shiftText} »).`);
    const callId = c.req.param('callId');
    const text = await readYamlText(c);
    const repository = deps.repository();
    const candidate = candidateFromText(text, 'candidate.yaml', repository);
    if (candidate.kind === 'invalid') {
      throw httpProblem('donnees-invalides', "La définition candidate n'est pas valide : rien n'a été rejoué. Corrigez les erreurs signalées (ligne et colonne dans le corps envoyé).", {
        findings: candidate.findings.filter((f) => f.file === 'candidate.yaml'),
      });
    }
    const run = queue.then(async () => {
      const loaded = await loadActivity(deps.store, callId, { maxEvents });
      if (loaded.kind === 'too-large') {
        throw httpProblem('donnees-invalides', `L'activité de « ${callId} » compte ${loaded.events} événements, au-delà des ${maxEvents} qu'une requête peut rejouer : utilisez la commande « dispositifs impact » sur le serveur.`);
      }
      if (loaded.activity.events.length === 0) throw httpProblem('ressource-inconnue', `Aucune activité enregistrée pour l'appel « ${callId} ».`);
      return computeImpact({ activity: loaded.activity, candidate: candidate.call, territories: repository.territories, ...(shift !== undefined && { shiftYears: shift }) });
    });
    queue = run.catch(() => undefined);
    const impact = await run;
    return format === 'html' ? c.html(renderImpactHtml(impact)) : c.json(impact);
  });
  return app;
}
