/**
 * Signing in through the test OpenID Connect provider as a person would: to the provider, its login and
 * consent pages, back to the server with a code.
 */
import { expect } from 'vitest';
import { oidcSettings, type OidcSettings } from '../../../server/signin/oidc-settings.ts';
import type { TestOidcProvider } from '../../support/oidc-provider.ts';
import type { BrowserSession } from './browser-session.ts';

/** The server's settings for the test provider: the claims `groupes`, `organisation`, `territoires`. */
export function testOidcSettings(provider: TestOidcProvider, redirectUri: string): OidcSettings {
  return oidcSettings({
    issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, redirectUri, allowInsecure: true,
    scopes: ['openid', 'email', 'profile'],
    claims: {
      role: 'groupes',
      roles: { 'dispositifs-departement': 'departement', 'dispositifs-coordination': 'coordinator', 'dispositifs-operateur': 'operator', 'dispositifs-evaluation': 'evaluator' },
      organisation: 'organisation', territories: 'territoires',
    },
  }, 'test', {});
}

/** Goes through the provider's login and consent pages as `login`; returns the callback's response. */
export async function signInAt(browser: BrowserSession, apiUrl: string, login: string): Promise<{ callback: Response; callbackUrl: string }> {
  const start = await browser.fetch(`${apiUrl}/connexion?retour=%2Fespace`);
  expect(start.status).toBe(302);
  let { response, url } = await browser.follow(start, `${apiUrl}/connexion`);
  for (let step = 0; step < 4 && !url.startsWith(apiUrl); step += 1) {
    const page = await response.text();
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(page)![1]!, url).href;
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)![1]!;
    const fields: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'indifferent' } : { prompt };
    let current = await browser.post(action, fields);
    let at = action;
    // Follow redirects only while they stay at the provider: the callback to our server is the caller's to check.
    while (current.status >= 300 && current.status < 400) {
      const next = new URL(current.headers.get('location')!, at).href;
      if (next.startsWith(apiUrl)) return { callback: await browser.fetch(next), callbackUrl: next };
      await current.arrayBuffer();
      current = await browser.fetch(next);
      at = next;
    }
    response = current;
    url = at;
  }
  throw new Error('the provider never sent the browser back');
}
