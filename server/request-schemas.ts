/**
 * The JSON Schemas of the API's request bodies: one source for the check of each request (422 with the
 * path and message of each problem) and for the OpenAPI document.
 */
import type { ErrorObject } from 'ajv';
import { lazyValidator, type CachedValidate } from '../engine/cache/index.ts';
import localizeFrModule from 'ajv-i18n/localize/fr/index.js';
import { isObject } from './body.ts';
import { httpProblem, type ProblemError } from './problem.ts';
import type { JsonSchema } from './openapi-schemas.ts';

type Localize = (errors?: ErrorObject[] | null) => void;
// CommonJS module: its default export arrives wrapped under tsx/NodeNext.
const localizeFr = ((localizeFrModule as unknown as { default?: Localize }).default ?? localizeFrModule) as Localize;

const ID = { type: 'string', minLength: 1, maxLength: 200 } as const;
const DATA = { type: 'object', description: 'Des champs de la définition : identifiant du champ → valeur.' } as const;

/** The request bodies, by their OpenAPI component name. */
export const REQUEST_SCHEMAS = {
  CreateApplication: {
    type: 'object',
    description: 'Le dépôt d’une candidature, pendant la fenêtre du territoire.',
    required: ['call', 'territory'],
    additionalProperties: false,
    properties: {
      call: { ...ID, description: 'Identifiant de l’appel (GET /definitions).' },
      territory: { ...ID, description: 'Territoire du catalogue : il choisit la fenêtre de candidature.' },
      operatorId: { ...ID, description: 'Organisme candidat ; un opérateur candidate pour le sien (par défaut).' },
      applicant: { ...DATA, description: 'Les champs du porteur (applicants.fields de l’appel).' },
    },
  },
  CreateMeasure: {
    type: 'object',
    description: 'L’orientation d’un bénéficiaire vers une mesure d’une convention.',
    required: ['agreement', 'measure'],
    additionalProperties: false,
    properties: {
      agreement: { ...ID, description: 'La convention : l’identifiant de la candidature retenue.' },
      measure: { ...ID, description: 'Le type de mesure (measures de l’appel).' },
      territory: { ...ID, description: 'Territoire du bénéficiaire (par défaut celui de la convention).' },
      beneficiary: { ...DATA, description: 'Les champs du bénéficiaire (measures.<id>.beneficiary.fields).' },
    },
  },
  EventRequest: {
    type: 'object',
    description: 'Un événement : son type (un événement du cycle de vie) et son message.',
    required: ['type'],
    additionalProperties: false,
    properties: {
      type: { ...ID, description: 'L’événement (allowedEvents de l’instance).' },
      payload: { type: 'object', description: 'Le message, selon le schéma de l’événement.' },
    },
  },
} as const satisfies Record<string, JsonSchema>;

/** The name of a request body schema. */
export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;

// Compiled on the first request that needs one, from the validator cache when the schema is unchanged.
const validators = Object.fromEntries(
  Object.entries(REQUEST_SCHEMAS).map(([name, schema]) => [name, lazyValidator(`request-${name}`, schema, { allErrors: true, strict: false })]),
) as Record<RequestSchemaName, CachedValidate>;

/**
 * Checks a parsed body against its schema; throws a 422 problem listing each problem (JSON pointer and
 * French message, never the value) when it does not match.
 * @example
 * const body = checkBody<{ type: string }>('EventRequest', await readJson(c));
 */
export function checkBody<T>(name: RequestSchemaName, body: unknown): T {
  const validate = validators[name];
  if (validate(body) && isObject(body)) return body as T;
  const errors = [...(validate.errors ?? [])];
  localizeFr(errors);
  const list: ProblemError[] = errors.map((error) => {
    const missing = error.keyword === 'required' ? `/${String((error.params as { missingProperty?: string }).missingProperty)}` : '';
    const extra = error.keyword === 'additionalProperties' ? `/${String((error.params as { additionalProperty?: string }).additionalProperty)}` : '';
    return { path: `${error.instancePath}${missing}${extra}`, message: error.message ?? 'invalide', code: error.keyword };
  });
  throw httpProblem('donnees-invalides', `Le corps de la requête ne respecte pas le schéma ${name} (voir /openapi.json).`, { errors: list });
}
