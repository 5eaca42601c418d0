/**
 * Sign-in through a real OpenID Connect provider started on this machine: the browser is sent to the
 * provider, logs in on its page, consents, comes back with a code; the server checks state, nonce and
 * PKCE, maps the claims to a role, an organisation and territories, and opens a session. A person whose
 * claims give no role is refused in French; a callback replayed or forged opens nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAt as signInWith, testOidcSettings } from '../support/oidc-signin.ts';
import { BrowserSession } from '../support/browser-session.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { freePort, startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';

let api: TestServer;
let provider: TestOidcProvider;

beforeAll(async () => {
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/connexion/retour`;
  provider = await startOidcProvider(redirectUri);
  const oidc = testOidcSettings(provider, redirectUri);
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'), { port, oidc });
});
afterAll(async () => {
  await api?.stop();
  await provider?.stop();
});

const signInAt = (browser: BrowserSession, login: string) => signInWith(browser, api.url, login);

describe('sign-in through OpenID Connect', () => {
  it('maps an agent of the Département and lands on the inbox', async () => {
    const browser = new BrowserSession();
    const { callback } = await signInAt(browser, 'agent-dupont');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/espace');
    const inbox = await (await browser.fetch(`${api.url}/espace`)).text();
    expect(inbox).toContain('Agent Dupont');
    expect(inbox).toContain('Département');
  });

  it('gives an operator its organisation and a coordinator its territories', async () => {
    const operator = new BrowserSession();
    expect((await signInAt(operator, 'asso-a-travailleuse')).callback.status).toBe(303);
    expect(await (await operator.fetch(`${api.url}/espace`)).text()).toContain('Opérateur');
    const coordinator = new BrowserSession();
    expect((await signInAt(coordinator, 'coord-lens')).callback.status).toBe(303);
    expect(await (await coordinator.fetch(`${api.url}/espace`)).text()).toContain('Coordination territoriale');
  });

  it('refuses, in French, a person whose claims give no role', async () => {
    const browser = new BrowserSession();
    const { callback } = await signInAt(browser, 'sans-role');
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('aucun rôle');
    expect((await browser.fetch(`${api.url}/espace`)).status).toBe(303);
  });

  it('opens nothing for a callback replayed, or sent without the browser that started it', async () => {
    const browser = new BrowserSession();
    const { callbackUrl } = await signInAt(browser, 'agent-dupont');
    const replay = await browser.fetch(callbackUrl);
    expect(replay.status).toBe(400);
    const stranger = new BrowserSession();
    const forged = await stranger.fetch(callbackUrl);
    expect(forged.status).toBe(400);
    expect((await stranger.fetch(`${api.url}/espace`)).status).toBe(303);
  });
});
