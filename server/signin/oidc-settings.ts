/**
 * The OpenID Connect settings of the sign-in (ProConnect, or any provider): where the provider is, the
 * client's credentials, and how the provider's claims map to a role, an organisation and territories.
 * Read from a YAML file named by `--oidc` or `DISPOSITIFS_OIDC`; the client secret may come from
 * `DISPOSITIFS_OIDC_SECRET` so that the file holds none.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { EngineError } from '../../engine/errors.ts';
import { lazyValidator } from '../../engine/cache/index.ts';
import type { ApiRole } from '../tokens.ts';

/** How the claims of an ID token (or of the userinfo answer) become a principal. */
export interface ClaimMapping {
  /** The claim that names the role (a string, or a list of strings: the first mapped one wins). */
  roleClaim: string;
  /** Claim value → role; a value absent here gives no role, and the sign-in is refused. */
  roles: ReadonlyMap<string, ApiRole>;
  /** The claim that names the operator's organisation (required for the operator role). */
  organisationClaim: string;
  /** The claim that lists a coordinator's territories (a list, or a comma-separated string). */
  territoriesClaim: string;
  /** The claim shown as the person's name (falls back to `email`, then `sub`). */
  nameClaim: string;
}

/** The sign-in settings. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The URL of `/connexion/retour` as the provider knows it. */
  redirectUri: string;
  scopes: string[];
  mapping: ClaimMapping;
  /** Accept an `http:` issuer (a provider on this machine, for tests and demonstrations). */
  allowInsecure: boolean;
}

const SETTINGS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['issuer', 'clientId', 'redirectUri', 'claims'],
  properties: {
    issuer: { type: 'string', pattern: '^https?://' },
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { type: 'string', minLength: 1 },
    redirectUri: { type: 'string', pattern: '^https?://' },
    scopes: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    allowInsecure: { type: 'boolean' },
    claims: {
      type: 'object',
      additionalProperties: false,
      required: ['role', 'roles'],
      properties: {
        role: { type: 'string', minLength: 1 },
        roles: { type: 'object', additionalProperties: { enum: ['departement', 'coordinator', 'operator', 'evaluator'] } },
        organisation: { type: 'string', minLength: 1 },
        territories: { type: 'string', minLength: 1 },
        name: { type: 'string', minLength: 1 },
      },
    },
  },
} as const;

const validateSettings = lazyValidator('oidc-settings', SETTINGS_SCHEMA, { allErrors: true });

interface SettingsFile {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scopes?: string[];
  allowInsecure?: boolean;
  claims: { role: string; roles: Record<string, ApiRole>; organisation?: string; territories?: string; name?: string };
}

/**
 * Checks parsed settings; refuses them with the place of each problem, in French.
 * @example
 * oidcSettings({ issuer: 'https://auth.example', clientId: 'dispositifs', clientSecret: 's', redirectUri: 'https://app/connexion/retour',
 *   claims: { role: 'groups', roles: { agents: 'departement' } } }, 'oidc.yaml', {})
 */
export function oidcSettings(content: unknown, file: string, env: Record<string, string | undefined>): OidcSettings {
  if (!validateSettings(content)) {
    const where = (validateSettings.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join(' ; ');
    throw new EngineError('donnees-invalides', `Fichier de connexion OpenID Connect ${file} invalide : ${where}. Voir config/oidc.example.yaml.`);
  }
  const raw = content as SettingsFile;
  const clientSecret = env.DISPOSITIFS_OIDC_SECRET ?? raw.clientSecret;
  if (clientSecret === undefined || clientSecret === '') {
    throw new EngineError('donnees-invalides', `Fichier de connexion ${file} : aucun secret client ; indiquez clientSecret ou la variable DISPOSITIFS_OIDC_SECRET.`);
  }
  const issuer = new URL(raw.issuer);
  const allowInsecure = raw.allowInsecure === true;
  if (issuer.protocol === 'http:' && !allowInsecure) {
    throw new EngineError('donnees-invalides', `Fichier de connexion ${file} : le fournisseur ${raw.issuer} n'est pas en https ; ajoutez « allowInsecure: true » seulement pour un fournisseur sur cette machine.`);
  }
  return {
    issuer,
    clientId: raw.clientId,
    clientSecret,
    redirectUri: raw.redirectUri,
    scopes: raw.scopes ?? ['openid', 'email', 'profile'],
    allowInsecure,
    mapping: {
      roleClaim: raw.claims.role,
      roles: new Map(Object.entries(raw.claims.roles)),
      organisationClaim: raw.claims.organisation ?? 'organisation',
      territoriesClaim: raw.claims.territories ?? 'territoires',
      nameClaim: raw.claims.name ?? 'name',
    },
  };
}

/** Reads the settings file (YAML or JSON). */
export async function loadOidcSettings(file: string, env: Record<string, string | undefined>): Promise<OidcSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new EngineError('donnees-invalides', `Fichier de connexion OpenID Connect introuvable : ${file}. Indiquez-le avec --oidc ou DISPOSITIFS_OIDC.`);
  }
  let content: unknown;
  try {
    content = parseYaml(text);
  } catch (error) {
    throw new EngineError('donnees-invalides', `Fichier de connexion ${file} illisible : ${(error as Error).message.split('\n')[0]}`);
  }
  return oidcSettings(content, file, env);
}
