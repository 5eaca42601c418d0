/**
 * The app's last word on errors: every refusal becomes problem details, never a stack trace.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { EngineError } from '../engine/errors.ts';
import { isClientHttpError } from './client-errors.ts';
import { engineProblem } from './engine-problem.ts';
import { ApiProblem, httpProblem, notFound, problemResponse } from './problem.ts';
import type { ServerLog } from './request-log.ts';

/**
 * Answers any thrown value as problem details: an {@link ApiProblem} as is, an `EngineError` through
 * the status mapping, a Hono `HTTPException` by its status, a body the client broke off as a 400, anything
 * else as a 500 whose detail says
 * nothing of the cause (the log gets the stack frames, without the message that might hold data).
 */
export function problemErrorHandler(log: ServerLog): ErrorHandler {
  return (error: Error, c: Context) => {
    if (error instanceof ApiProblem) return problemResponse(c, error);
    if (error instanceof EngineError) return problemResponse(c, engineProblem(error));
    if (error instanceof HTTPException) return problemResponse(c, fromHttpException(error));
    // A body the client broke off or Node's parser refused: a client error (the request log says 400).
    if (isClientHttpError(error)) return problemResponse(c, httpProblem('requete-invalide', 'Le corps de la requête est mal formé ou a été interrompu.'));
    log.error(`erreur interne sur ${c.req.method} ${c.req.routePath}: ${error.name}\n${stackFrames(error)}`);
    return problemResponse(c, httpProblem('erreur-interne', 'Une erreur inattendue est survenue ; elle a été consignée.'));
  };
}

/** Unknown routes answer 404 as problem details. */
export const problemNotFound: NotFoundHandler = (c) =>
  problemResponse(c, httpProblem('ressource-inconnue', 'Aucune ressource à cette adresse ; voir /docs pour la liste des points d’accès.'));

function fromHttpException(error: HTTPException): ApiProblem {
  switch (error.status) {
    case 400:
      return httpProblem('requete-invalide', 'La requête est mal formée.');
    case 401:
      return httpProblem('authentification-requise', 'Ajoutez un en-tête « Authorization: Bearer <jeton> ».');
    case 404:
      return notFound();
    case 413:
      return httpProblem('corps-trop-volumineux', 'Le corps de la requête est trop volumineux.');
    case 415:
      return httpProblem('type-de-contenu-non-supporte', 'Type de contenu non pris en charge.');
    default:
      return error.status >= 500
        ? httpProblem('erreur-interne', 'Une erreur inattendue est survenue ; elle a été consignée.')
        : new ApiProblem(error.status, 'requete-invalide', 'Requête refusée', { detail: 'La requête a été refusée.' });
  }
}

function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 10)
    .join('\n');
}
