/**
 * A real OpenID Connect provider for the tests (the `oidc-provider` package, certified by the OpenID
 * Foundation), on 127.0.0.1: one confidential client, PKCE required, its development login page (any login
 * name is an account; the accounts below carry the claims a Département's provider would give).
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import Provider from 'oidc-provider';

/** The accounts of the test provider: login name → claims. */
export const OIDC_ACCOUNTS = {
  'agent-dupont': { name: 'Agent Dupont', email: 'agent.dupont@pasdecalais.fr', groupes: ['dispositifs-departement'] },
  'coord-lens': { name: 'Coordination Lens', email: 'coord@lens.example', groupes: ['dispositifs-coordination'], territoires: ['lens-henin'] },
  'asso-a-travailleuse': { name: 'Travailleuse sociale A', email: 'ts@asso-a.example', groupes: ['dispositifs-operateur'], organisation: 'asso-a' },
  'evaluatrice': { name: 'Évaluatrice', email: 'eval@example.org', groupes: ['dispositifs-evaluation'] },
  'sans-role': { name: 'Sans rôle', email: 'x@example.org', groupes: ['autre-chose'] },
} as const;

/** A running provider. */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts the provider, with `redirectUri` as the client's only redirection. */
export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'dispositifs';
  const clientSecret = 'secret-du-client-de-test';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    cookies: { keys: ['cle-des-cookies-du-fournisseur-de-test'] },
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'groupes', 'organisation', 'territoires'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, sub: string) {
      const claims = Object.hasOwn(OIDC_ACCOUNTS, sub) ? OIDC_ACCOUNTS[sub as keyof typeof OIDC_ACCOUNTS] : undefined;
      return { accountId: sub, async claims() { return { sub, ...(claims ?? {}) }; } };
    },
  });
  const server: Server = createServer(provider.callback());
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { issuer, clientId, clientSecret, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
