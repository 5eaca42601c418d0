/**
 * A signed-in person as a principal: the provider's claims mapped by the settings to a role, an
 * organisation and territories. A person whose claims give no role, or a role without what it needs, is
 * refused with the reason in French (never the claims' values, which may be personal).
 * @module
 */
import { DEFAULT_SENSITIVITIES, type Principal, type Sensitivity } from '../tokens.ts';
import type { ClaimMapping } from './oidc-settings.ts';

/** The outcome of mapping claims. */
export type ClaimsOutcome = { kind: 'principal'; principal: Principal } | { kind: 'refused'; reason: string };

/** The claims of an ID token, as read (own properties only). */
export type Claims = Readonly<Record<string, unknown>>;

function claim(claims: Claims, name: string): unknown {
  return Object.hasOwn(claims, name) ? claims[name] : undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

/**
 * Maps the claims of a signed-in person.
 * @example
 * principalOfClaims({ sub: '42', groups: ['agents'] }, mapping) // { kind: 'principal', principal: { id: 'oidc:42', role: 'departement', … } }
 */
export function principalOfClaims(claims: Claims, mapping: ClaimMapping): ClaimsOutcome {
  const sub = claim(claims, 'sub');
  if (typeof sub !== 'string' || sub === '') return { kind: 'refused', reason: "Le fournisseur d'identité n'a pas donné d'identifiant (sub)." };
  const role = strings(claim(claims, mapping.roleClaim)).map((value) => mapping.roles.get(value)).find((r) => r !== undefined);
  if (role === undefined) {
    return { kind: 'refused', reason: `Votre compte n'a aucun rôle dans dispositifs (revendication « ${mapping.roleClaim} ») ; demandez à l'administrateur du Département de vous l'attribuer.` };
  }
  const name = [claim(claims, mapping.nameClaim), claim(claims, 'email'), sub].find((v): v is string => typeof v === 'string' && v !== '') ?? sub;
  const principal: Principal = { id: `oidc:${sub}`, name, role, sees: new Set<Sensitivity>(['none', ...DEFAULT_SENSITIVITIES[role]]) };
  if (role === 'operator') {
    const organisation = strings(claim(claims, mapping.organisationClaim))[0];
    if (organisation === undefined) {
      return { kind: 'refused', reason: `Votre compte d'opérateur n'est rattaché à aucune organisation (revendication « ${mapping.organisationClaim} »).` };
    }
    principal.operatorId = organisation;
  }
  if (role === 'coordinator') {
    const territories = strings(claim(claims, mapping.territoriesClaim));
    if (territories.length === 0) {
      return { kind: 'refused', reason: `Votre compte de coordination n'a aucun territoire (revendication « ${mapping.territoriesClaim} »).` };
    }
    principal.territories = territories;
  }
  return { kind: 'principal', principal };
}
