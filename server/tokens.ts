/**
 * Bearer tokens from configuration: a YAML or JSON file maps each token (or its SHA-256) to a role.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { EngineError } from '../engine/errors.ts';
import { lazyValidator } from '../engine/cache/index.ts';

/** The roles a caller of the API may hold (the engine's `system` role is never given to a token). */
export type ApiRole = 'departement' | 'coordinator' | 'operator' | 'evaluator';

/** Sensitivity levels of definition fields (see the definition schema's `field.sensitivity`). */
export type Sensitivity = 'none' | 'personal' | 'health' | 'debts' | 'family' | 'resources';

/** Every sensitivity level, `none` first. */
export const SENSITIVITIES: readonly Sensitivity[] = ['none', 'personal', 'health', 'debts', 'family', 'resources'];

/**
 * What each role may see by default. Health data is kept to the Département and the coordinators who
 * refer households; an evaluator sees aggregates only. A token entry may narrow or widen its own list.
 */
export const DEFAULT_SENSITIVITIES: Record<ApiRole, readonly Sensitivity[]> = {
  departement: SENSITIVITIES,
  coordinator: SENSITIVITIES,
  operator: ['none', 'personal', 'debts', 'family', 'resources'],
  evaluator: ['none'],
};

/** Who is calling: the engine's actor and what the caller may see. */
export interface Principal {
  /** Stable id written in the event log as the author (never the token). */
  id: string;
  name: string;
  role: ApiRole;
  operatorId?: string;
  territories?: string[];
  sees: ReadonlySet<Sensitivity>;
  /** The Département's finance service: reads bank details, emits payment orders, imports their return. */
  finance?: boolean;
}

/** Looks up the principal of a presented bearer token. */
export interface TokenRegistry {
  find(token: string): Principal | undefined;
  readonly size: number;
}

interface TokenEntry {
  id: string;
  name?: string;
  token?: string;
  sha256?: string;
  role: ApiRole;
  operatorId?: string;
  territories?: string[];
  sensitivity?: Sensitivity[];
  finance?: boolean;
}

const TOKENS_FILE_SCHEMA = {
  type: 'object',
  required: ['tokens'],
  properties: {
    demo: { type: 'boolean' },
    tokens: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'role'],
        oneOf: [{ required: ['token'] }, { required: ['sha256'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          token: { type: 'string', minLength: 12 },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          role: { enum: ['departement', 'coordinator', 'operator', 'evaluator'] },
          operatorId: { type: 'string', minLength: 1 },
          territories: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
          sensitivity: { type: 'array', items: { enum: [...SENSITIVITIES] } },
          finance: { type: 'boolean' },
        },
        allOf: [
          { if: { properties: { role: { const: 'operator' } } }, then: { required: ['operatorId'] } },
          { if: { properties: { role: { const: 'coordinator' } } }, then: { required: ['territories'] } },
          // The finance service is part of the Département.
          { if: { required: ['finance'], properties: { finance: { const: true } } }, then: { properties: { role: { const: 'departement' } } } },
        ],
      },
    },
  },
} as const;

const validateFile = lazyValidator('tokens-file', TOKENS_FILE_SCHEMA, { allErrors: true });

/** The SHA-256 of a token, in hex: what a tokens file may hold instead of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Builds a registry from the parsed content of a tokens file; refuses a malformed file with the place of
 * each problem (never the token values).
 * @example
 * const registry = tokenRegistry({ tokens: [{ id: 'dep', role: 'departement', token: 'a-long-secret-token' }] }, 'tokens.yaml');
 */
export function tokenRegistry(content: unknown, file = 'jetons'): TokenRegistry {
  if (!validateFile(content)) {
    const where = (validateFile.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join(' ; ');
    throw new EngineError('donnees-invalides', `Fichier de jetons ${file} invalide : ${where}. Voir config/tokens.demo.yaml pour un exemple.`);
  }
  const byHash = new Map<string, Principal>();
  for (const entry of (content as { tokens: TokenEntry[] }).tokens) {
    const hash = entry.sha256 ?? hashToken(entry.token ?? '');
    if (byHash.has(hash)) {
      throw new EngineError('donnees-invalides', `Fichier de jetons ${file} : le jeton de « ${entry.id} » est déjà attribué.`);
    }
    byHash.set(hash, principalOf(entry));
  }
  return {
    // Looking up by hash keeps the comparison independent of where two tokens first differ.
    find: (token) => byHash.get(hashToken(token)),
    size: byHash.size,
  };
}

/** Reads a tokens file (YAML or JSON) and builds its registry. */
export async function loadTokenRegistry(file: string): Promise<{ registry: TokenRegistry; demo: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new EngineError('donnees-invalides', `Fichier de jetons introuvable : ${file}. Indiquez-le avec --tokens ou DISPOSITIFS_TOKENS.`);
  }
  let content: unknown;
  try {
    content = parseYaml(text);
  } catch (error) {
    throw new EngineError('donnees-invalides', `Fichier de jetons ${file} illisible : ${(error as Error).message.split('\n')[0]}`);
  }
  const demo = typeof content === 'object' && content !== null && (content as { demo?: unknown }).demo === true;
  return { registry: tokenRegistry(content, file), demo };
}

function principalOf(entry: TokenEntry): Principal {
  const principal: Principal = {
    id: entry.id,
    name: entry.name ?? entry.id,
    role: entry.role,
    sees: new Set<Sensitivity>(['none', ...(entry.sensitivity ?? DEFAULT_SENSITIVITIES[entry.role])]),
  };
  if (entry.operatorId !== undefined) principal.operatorId = entry.operatorId;
  if (entry.territories !== undefined) principal.territories = [...entry.territories];
  if (entry.finance === true) principal.finance = true;
  return principal;
}
