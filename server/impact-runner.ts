/**
 * The impact of a candidate definition on a call's recorded activity, as the server runs it for every door
 * (the API's `POST /calls/:callId/impact`, the preview editor's « Voir l'effet sur l'activité enregistrée »):
 * the candidate checked first, then at most `maxEvents` events replayed in memory, one impact at a time
 * (the others wait their turn), nothing written.
 */
import type { Repository } from '../engine/definition/index.ts';
import { candidateFromText, computeImpact, loadActivity, type ImpactReport } from '../engine/impact/index.ts';
import type { Store } from '../engine/store/index.ts';
import { httpProblem } from './problem.ts';

/** The default bound on the events one request replays (about two seconds of work). */
export const IMPACT_MAX_EVENTS = 200_000;

/** Runs one impact: the activity recorded under `callId` replayed under the candidate `text`. */
export type ImpactRunner = (callId: string, text: string, options?: { shiftYears?: number }) => Promise<ImpactReport>;

/**
 * The server's impact runner (make one per server, so that every door shares its queue).
 * @example
 * const runImpact = impactRunner({ store, repository: () => repository });
 * const report = await runImpact('equipes-mobiles-2025', yamlText);
 */
export function impactRunner(deps: { store: Pick<Store, 'db'>; repository: () => Repository; maxEvents?: number }): ImpactRunner {
  const maxEvents = deps.maxEvents ?? IMPACT_MAX_EVENTS;
  let queue: Promise<unknown> = Promise.resolve();
  return async (callId, text, options = {}) => {
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
      return computeImpact({ activity: loaded.activity, candidate: candidate.call, territories: repository.territories, ...(options.shiftYears !== undefined && { shiftYears: options.shiftYears }) });
    });
    queue = run.catch(() => undefined);
    return run;
  };
}
