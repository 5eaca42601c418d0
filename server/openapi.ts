/**
 * The OpenAPI 3.1 document of the API, built at each request from the loaded definitions: the definition
 * language's schema and every event's payload schema are the ones the engine validates with.
 */
import type { ResolvedCall } from '../engine/definition/index.ts';
import { ENGINE_ERROR_CODES } from './engine-problem.ts';
import {
  DEFINITION_COMPONENT,
  eventComponents,
  hoistDefinitions,
  openApiCallsOf,
  readDefinitionSchema,
  type JsonSchema,
} from './openapi-schemas.ts';
import { sharedComponents } from './openapi-components.ts';
import { financeComponents, financePaths } from './openapi-finance.ts';
import { instancePaths } from './openapi-paths.ts';
import { HTTP_PROBLEMS } from './problem.ts';

let definitionComponents: Record<string, JsonSchema> | undefined;

/**
 * The OpenAPI document for the calls loaded now.
 * @example
 * app.get('/openapi.json', (c) => c.json(openApiDocument(repository.calls.values())));
 */
export function openApiDocument(calls: Iterable<ResolvedCall>): Record<string, unknown> {
  definitionComponents ??= hoistDefinitions(readDefinitionSchema(), DEFINITION_COMPONENT);
  const described = openApiCallsOf(calls);
  const events = eventComponents(described);
  const problemCodes = [...new Set([...ENGINE_ERROR_CODES, ...Object.keys(HTTP_PROBLEMS)])].sort();
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'API dispositifs',
      version: '0.1.0',
      description: [
        'Les appels à projets du Département du Pas-de-Calais : candidatures, conventions (avec leur grand livre et',
        'leur échéancier), mesures d’accompagnement des ménages, bilans, registre des organismes, ordres de paiement.',
        'Chaque requête porte un jeton (`Authorization: Bearer …`), sauf les données ouvertes ; chaque refus est un',
        'corps `application/problem+json` en français.',
        `Appels chargés : ${described.map((call) => `${call.id} (v${call.version})`).join(', ') || 'aucun'}.`,
      ].join(' '),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'Ce serveur' }],
    security: [{ jeton: [] }],
    tags: [
      { name: 'définitions', description: 'Les appels chargés et la validation d’un texte YAML.' },
      { name: 'candidatures', description: 'Les candidatures des opérateurs, de la demande à la convention.' },
      { name: 'conventions', description: 'Les candidatures retenues : grand livre et échéancier des versements.' },
      { name: 'mesures', description: 'Les mesures d’accompagnement des ménages.' },
      { name: 'bilans', description: 'Les bilans dus par les opérateurs.' },
      { name: 'rapports', description: 'Les indicateurs, le budget et le rapport d’un appel.' },
      { name: 'organismes', description: 'Le registre des organismes (opérateurs) : identité, coordonnées bancaires, historique.' },
      { name: 'paiements', description: 'Les ordres de paiement et l’échange avec le logiciel financier.' },
      { name: 'données ouvertes', description: 'Les subventions publiées au format SCDL, sans jeton.' },
    ],
    paths: { ...instancePaths(), ...financePaths() },
    components: {
      securitySchemes: {
        jeton: { type: 'http', scheme: 'bearer', description: 'Un jeton du fichier de jetons du serveur (voir config/tokens.demo.yaml).' },
      },
      schemas: {
        ...sharedComponents(problemCodes, events.byKind),
        ...financeComponents(),
        ...definitionComponents,
        ...events.schemas,
      },
    },
  };
}
