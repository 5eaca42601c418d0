/**
 * The signed-in pages' guard: the session cookie names the principal (`c.var.principal`, as a bearer
 * token does for the API) and the session (`c.var.session`); a page asked without one redirects to the
 * sign-in. Every form sent back must carry the session's CSRF token, and come from this site (Origin).
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { CookieOptions } from 'hono/utils/cookie';
import type { Principal } from '../tokens.ts';
import { sameSecret, type Session, type SessionStore } from './sessions.ts';

/** The Hono environment of the signed-in pages. */
export interface SigninEnv {
  Variables: { principal: Principal; session: Session };
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'dispositifs-session';

/** HTTP-only, same-site, and secure whenever the page was reached over https. */
export function sessionCookieOptions(c: Context): CookieOptions {
  const secure = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  return { httpOnly: true, sameSite: 'Lax', secure, path: '/' };
}

/**
 * Requires a session: GET and HEAD redirect to the sign-in (and back afterwards); other methods answer 401.
 * @example
 * app.use('/espace/*', requireSession(sessions));
 */
export function requireSession(sessions: SessionStore): MiddlewareHandler<SigninEnv> {
  return createMiddleware<SigninEnv>(async (c, next) => {
    const session = await sessions.find(getCookie(c, SESSION_COOKIE));
    if (session === undefined) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        const url = new URL(c.req.url);
        return c.redirect(`/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return c.text('Votre session a expiré : reconnectez-vous puis recommencez.', 401);
    }
    c.set('session', session);
    c.set('principal', session.principal);
    await next();
  });
}

/**
 * Refuses a form whose `_csrf` field is not the session's token, or that a page of another site sent
 * (its `Origin` is not ours). Reads the form once; handlers read it again from Hono's cache.
 */
export function requireCsrf(): MiddlewareHandler<SigninEnv> {
  return createMiddleware<SigninEnv>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== new URL(c.req.url).origin) {
      return c.text('Formulaire refusé : il ne vient pas de ce site.', 403);
    }
    const form = await c.req.parseBody();
    const sent = form._csrf;
    if (typeof sent !== 'string' || !sameSecret(sent, c.var.session.csrf)) {
      return c.text('Jeton de formulaire invalide ou expiré : rechargez la page puis recommencez.', 403);
    }
    await next();
  });
}
