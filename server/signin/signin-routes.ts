/**
 * Sign-in and sign-out pages: OpenID Connect (authorization code with PKCE, state and nonce, through
 * `openid-client`) when the server has settings for a provider, and a sign-in with an access token of the
 * tokens file (the same credential programs use), for local use and demonstrations. A session is opened on
 * success (a new id each time) and held in a secure, HTTP-only cookie.
 * @module
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type * as OpenId from 'openid-client';
import { page } from '../preview/layout.ts';
import type { Principal, TokenRegistry } from '../tokens.ts';
import { principalOfClaims, type Claims } from './claims-principal.ts';
import type { OidcSettings } from './oidc-settings.ts';
import { SESSION_COOKIE, sessionCookieOptions, type SigninEnv } from './session-auth.ts';
import { sameSecret, type SessionStore } from './sessions.ts';

/** What the sign-in runs on. */
export interface SigninDeps {
  sessions: SessionStore;
  tokens: TokenRegistry;
  /** The provider's settings, when sign-in through OpenID Connect is configured. */
  oidc?: OidcSettings;
  /** Told of every sign-in, with the verified e-mail address the provider gave (reminders are sent there). */
  onSignIn?: (principal: Principal, email: string | undefined) => Promise<void>;
}

/** A sign-in under way: what the callback must find again. */
interface Pending {
  verifier: string;
  nonce: string;
  returnTo: string;
  at: number;
}

const PENDING_COOKIE = 'dispositifs-connexion';
const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

/** Only a path of this site is a place to return to (never `//host` or an absolute URL). */
export function safeReturn(path: string | undefined): string {
  return path !== undefined && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(path) ? path : '/espace';
}

/** The provider's library and its discovered configuration. */
interface Provider {
  client: typeof OpenId;
  config: OpenId.Configuration;
}

/**
 * The sign-in routes, mounted at `/`: `GET /connexion`, `GET /connexion/retour`, `POST /connexion/jeton`,
 * `POST /deconnexion`.
 * @example
 * app.route('/', signinRoutes({ sessions, tokens, oidc }));
 */
export function signinRoutes(deps: SigninDeps): Hono<SigninEnv> {
  const app = new Hono<SigninEnv>();
  const pending = new Map<string, Pending>();
  // openid-client loads with the first sign-in through the provider, not when the server starts.
  let discovered: Promise<Provider> | undefined;
  const configuration = (settings: OidcSettings): Promise<Provider> => {
    discovered ??= import('openid-client')
      .then(async (client) => ({
        client,
        config: await client.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, settings.allowInsecure ? { execute: [client.allowInsecureRequests] } : undefined),
      }))
      .catch((error: unknown) => {
        discovered = undefined; // try again at the next sign-in
        throw error;
      });
    return discovered;
  };

  app.get('/connexion', async (c) => {
    const returnTo = safeReturn(c.req.query('retour'));
    if (deps.oidc === undefined || c.req.query('jeton') !== undefined) return c.html(signinPage(returnTo, deps.oidc !== undefined));
    const settings = deps.oidc;
    let provider: Provider;
    try {
      provider = await configuration(settings);
    } catch {
      return c.html(signinPage(returnTo, true, "Le fournisseur d'identité ne répond pas ; réessayez dans un instant."), 503);
    }
    const { client, config } = provider;
    const state = client.randomState();
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    prune(pending);
    pending.set(state, { verifier, nonce, returnTo, at: Date.now() });
    setCookie(c, PENDING_COOKIE, state, { ...sessionCookieOptions(c), path: '/connexion', maxAge: PENDING_TTL_MS / 1000 });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return c.redirect(url.href, 302);
  });

  app.get('/connexion/retour', async (c) => {
    const settings = deps.oidc;
    const state = getCookie(c, PENDING_COOKIE);
    deleteCookie(c, PENDING_COOKIE, { path: '/connexion' });
    const started = state === undefined ? undefined : pending.get(state);
    if (settings === undefined || state === undefined || started === undefined || Date.now() - started.at > PENDING_TTL_MS) {
      return c.html(signinPage('/espace', settings !== undefined, 'Cette connexion a expiré ou a été commencée ailleurs ; recommencez.'), 400);
    }
    pending.delete(state);
    const providerError = c.req.query('error');
    if (providerError !== undefined) {
      return c.html(signinPage(started.returnTo, true, "Le fournisseur d'identité a refusé la connexion ; recommencez ou contactez l'administrateur."), 401);
    }
    let claims: Claims;
    try {
      const { client, config } = await configuration(settings);
      // The URL the provider redirected to, as the provider knows it (a proxy may change the host we see).
      const current = new URL(settings.redirectUri);
      current.search = new URL(c.req.url).search;
      const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: started.verifier, expectedState: state, expectedNonce: started.nonce, idTokenExpected: true });
      const idClaims: Claims = tokens.claims() ?? {};
      let userinfo: Claims = {};
      if (typeof idClaims.sub === 'string') {
        try {
          userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        } catch {
          userinfo = {}; // the ID token's claims are enough when the provider has no userinfo
        }
      }
      claims = { ...userinfo, ...idClaims };
    } catch {
      return c.html(signinPage(started.returnTo, true, "La réponse du fournisseur d'identité n'a pas pu être vérifiée ; recommencez."), 401);
    }
    const outcome = principalOfClaims(claims, settings.mapping);
    if (outcome.kind === 'refused') return c.html(signinPage(started.returnTo, true, outcome.reason), 403);
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : undefined;
    await deps.onSignIn?.(outcome.principal, email);
    const session = deps.sessions.open(outcome.principal);
    setCookie(c, SESSION_COOKIE, session.id, sessionCookieOptions(c));
    return c.redirect(started.returnTo, 303);
  });

  app.post('/connexion/jeton', async (c) => {
    const form = await c.req.parseBody();
    const returnTo = safeReturn(typeof form.retour === 'string' ? form.retour : undefined);
    const token = typeof form.jeton === 'string' ? form.jeton.trim() : '';
    const principal = token === '' ? undefined : deps.tokens.find(token);
    if (principal === undefined) {
      return c.html(signinPage(returnTo, deps.oidc !== undefined, token === '' ? 'Saisissez votre jeton d’accès.' : 'Ce jeton n’est pas reconnu ; vérifiez-le.', true), 401);
    }
    await deps.onSignIn?.(principal, undefined);
    const session = deps.sessions.open(principal);
    setCookie(c, SESSION_COOKIE, session.id, sessionCookieOptions(c));
    return c.redirect(returnTo, 303);
  });

  app.post('/deconnexion', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    const session = deps.sessions.find(id);
    const form = await c.req.parseBody();
    if (session !== undefined && typeof form._csrf === 'string' && sameSecret(form._csrf, session.csrf)) deps.sessions.close(session.id);
    else if (session !== undefined) return c.text('Jeton de formulaire invalide : rechargez la page puis recommencez.', 403);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/connexion?deconnecte=1', 303);
  });

  return app;
}

function prune(pending: Map<string, Pending>): void {
  const now = Date.now();
  for (const [state, entry] of pending) {
    if (now - entry.at <= PENDING_TTL_MS && pending.size < MAX_PENDING) break;
    pending.delete(state);
  }
}

function signinPage(returnTo: string, oidc: boolean, error?: string, tokenField = false) {
  const body = html`<h1>Se connecter</h1>
${error === undefined ? '' : html`<div class="error-summary" role="alert" tabindex="-1"><h2>La connexion n'a pas abouti</h2><p>${error}</p>${tokenField ? html`<ul><li><a href="#jeton">Jeton d'accès</a></li></ul>` : ''}</div>`}
${oidc ? html`<section><h2>Avec votre compte professionnel</h2><p><a class="button" href="/connexion?retour=${encodeURIComponent(returnTo)}">Se connecter avec le fournisseur d'identité</a></p></section>` : ''}
<section><h2>Avec un jeton d'accès</h2>
<form method="post" action="/connexion/jeton">
<input type="hidden" name="retour" value="${returnTo}">
<div class="field${tokenField ? ' invalid' : ''}"><label for="jeton">Jeton d'accès</label>
<p class="hint" id="jeton-aide">Le jeton que le Département vous a remis (en démonstration : demo-operateur-asso-a, demo-departement…).</p>
${tokenField && error !== undefined ? html`<p class="error-message" id="jeton-erreur">${error}</p>` : ''}
<input type="password" id="jeton" name="jeton" autocomplete="current-password" aria-describedby="jeton-aide${tokenField ? ' jeton-erreur' : ''}" required></div>
<button class="primary" type="submit">Se connecter</button>
</form></section>`;
  return page({ title: 'Se connecter', section: 'espace', body });
}
