/**
 * The building blocks of the OpenAPI document's operations: component references, JSON answers, problem
 * details, and the refusals every protected resource shares.
 */
import type { JsonSchema } from './openapi-schemas.ts';

/** A reference to a component schema. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A JSON answer with its schema (and headers, when it has some). */
export const json = (description: string, schema: JsonSchema, headers?: Record<string, unknown>) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers === undefined ? {} : { headers }),
});

/** A refusal, as problem details (RFC 9457) in French. */
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/** The refusals of every protected resource. */
export const COMMON_ERRORS = {
  '401': problem('Jeton absent ou inconnu.'),
  '404': problem('Ressource introuvable, ou hors de votre périmètre (son existence n’est pas révélée).'),
};

/** The refusals of a request that carries a body. */
export const BODY_ERRORS = {
  '400': problem('JSON mal formé, ou paramètre invalide.'),
  '413': problem('Corps trop volumineux.'),
  '415': problem('Type de contenu autre que application/json.'),
  '422': problem('Données refusées : errors donne le chemin et la raison de chaque écart.'),
};
