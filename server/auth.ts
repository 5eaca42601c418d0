/**
 * Bearer authentication: the `Authorization: Bearer <token>` header names the caller's principal.
 */
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { httpProblem } from './problem.ts';
import type { Principal, TokenRegistry } from './tokens.ts';

/** The Hono environment of the API's routes: the authenticated principal is in `c.var.principal`. */
export interface ApiEnv {
  Variables: { principal: Principal };
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="dispositifs"' };

/**
 * Requires a known bearer token; answers 401 (problem details, with a `WWW-Authenticate` challenge)
 * when it is missing or unknown.
 * @example
 * app.use('/applications/*', requireToken(registry));
 */
export function requireToken(registry: TokenRegistry): MiddlewareHandler<ApiEnv> {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') {
      throw httpProblem('authentification-requise', 'Ajoutez un en-tête « Authorization: Bearer <jeton> ».', {}, CHALLENGE);
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match?.[1] === undefined ? undefined : registry.find(match[1]);
    if (principal === undefined) {
      throw httpProblem('jeton-invalide', 'Ce jeton n’est pas reconnu ; vérifiez le fichier de jetons du serveur.', {}, CHALLENGE);
    }
    c.set('principal', principal);
    await next();
  });
}
