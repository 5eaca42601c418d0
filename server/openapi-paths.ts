/**
 * The paths of the OpenAPI document: every resource of the API, its parameters, bodies and answers.
 */
import { BODY_ERRORS, COMMON_ERRORS, json, problem, ref } from './openapi-responses.ts';

type Kind = 'application' | 'measure' | 'report';

const ETAG_HEADER = { ETag: { description: 'Version de l’instance, à renvoyer dans If-Match.', schema: { type: 'string' } } };
const LINK_HEADER = { Link: { description: 'Page suivante (rel="next"), absente sur la dernière page.', schema: { type: 'string' } } };

const PAGE_PARAMETERS = [
  { name: 'limit', in: 'query', description: 'Nombre d’éléments (1 à 200, 50 par défaut).', schema: { type: 'integer', minimum: 1, maximum: 200 } },
  { name: 'cursor', in: 'query', description: 'Curseur nextCursor de la page précédente.', schema: { type: 'string' } },
];
const ID_PARAMETER = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const IDEMPOTENCY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  description: 'Clé unique par action : une requête rejouée avec la même clé est appliquée une fois et reçoit la même réponse.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const IF_MATCH_PARAMETER = {
  name: 'If-Match',
  in: 'header',
  description: 'ETag lu sur l’instance : l’événement est refusé (409) si elle a changé depuis.',
  schema: { type: 'string' },
};

const RESOURCES: Record<Kind, { path: string; tag: string; one: string; many: string; create?: string }> = {
  application: { path: '/applications', tag: 'candidatures', one: 'la candidature', many: 'les candidatures', create: 'CreateApplication' },
  measure: { path: '/measures', tag: 'mesures', one: 'la mesure', many: 'les mesures', create: 'CreateMeasure' },
  // Reports are created by the engine when an agreement is signed.
  report: { path: '/reports', tag: 'bilans', one: 'le bilan', many: 'les bilans' },
};

function instanceResourcePaths(kind: Kind): Record<string, unknown> {
  const { path, tag, one, many, create } = RESOURCES[kind];
  const eventBody = `EventBody.${kind}`;
  return {
    [path]: {
      get: {
        tags: [tag],
        summary: `Liste ${many} de votre périmètre`,
        parameters: [
          ...PAGE_PARAMETERS,
          { name: 'call', in: 'query', schema: { type: 'string' } },
          { name: 'state', in: 'query', schema: { type: 'string' } },
          { name: 'territory', in: 'query', schema: { type: 'string' } },
          { name: 'operator', in: 'query', description: 'Organisme (un opérateur ne voit que le sien).', schema: { type: 'string' } },
          ...(kind === 'application' ? [] : [{ name: 'agreement', in: 'query', description: 'Convention (identifiant de la candidature retenue).', schema: { type: 'string' } }]),
          ...(kind === 'measure' ? [{ name: 'measure', in: 'query', description: 'Type de mesure.', schema: { type: 'string' } }] : []),
        ],
        responses: { '200': json(`Une page de ${many}.`, ref('InstancePage'), LINK_HEADER), ...COMMON_ERRORS },
      },
      ...(create === undefined
        ? {
            post: {
              tags: [tag],
              summary: `Refusé : ${many} sont créé(e)s par le moteur`,
              description: 'Le moteur crée un bilan par bilan dû de l’appel à la signature de la convention ; GET /reports?agreement=<convention> les liste.',
              responses: { '405': { ...problem('Méthode non permise (Allow: GET).'), headers: { Allow: { schema: { type: 'string' } } } }, ...COMMON_ERRORS },
            },
          }
        : {
            post: {
              tags: [tag],
              summary: `Crée ${one}`,
              parameters: [IDEMPOTENCY_PARAMETER],
              requestBody: { required: true, content: { 'application/json': { schema: ref(create) } } },
              responses: {
                '201': json(`${capitalize(one)} créé(e) ; Location donne son adresse.`, ref('StepResponse'), { ...ETAG_HEADER, Location: { schema: { type: 'string' } } }),
                '403': problem('Votre rôle ne crée pas cette ressource.'),
                '409': problem('Hors fenêtre, quota atteint.'),
                ...BODY_ERRORS,
                ...COMMON_ERRORS,
              },
            },
          }),
    },
    [`${path}/{id}`]: {
      get: {
        tags: [tag],
        summary: `Lit ${one} : état, données (selon votre rôle), événements permis maintenant`,
        parameters: [ID_PARAMETER],
        responses: { '200': json(`${capitalize(one)}.`, ref('Instance'), ETAG_HEADER), ...COMMON_ERRORS },
      },
    },
    [`${path}/{id}/events`]: {
      post: {
        tags: [tag],
        summary: `Envoie un événement à ${one}`,
        parameters: [ID_PARAMETER, IDEMPOTENCY_PARAMETER, IF_MATCH_PARAMETER],
        requestBody: { required: true, content: { 'application/json': { schema: ref(eventBody) } } },
        responses: {
          '200': json('Événement appliqué : le nouvel état (GET de l’instance pour les événements permis ensuite).', ref('StepResponse'), ETAG_HEADER),
          '403': problem('Votre rôle n’envoie pas cet événement.'),
          '409': problem('Événement non permis dans l’état actuel (allowedEvents), règle refusée, ou conflit de version (currentVersion).'),
          ...BODY_ERRORS,
          ...COMMON_ERRORS,
        },
      },
    },
    [`${path}/{id}/history`]: {
      get: {
        tags: [tag],
        summary: `L’historique de ${one} (événements dans l’ordre)`,
        parameters: [ID_PARAMETER, ...PAGE_PARAMETERS],
        responses: { '200': json('Une page d’événements.', ref('HistoryPage'), LINK_HEADER), ...COMMON_ERRORS },
      },
    },
  };
}

/** Every path of the API (the preview pages and the indicators describe their own). */
export function instancePaths(): Record<string, unknown> {
  const open = { security: [] };
  return {
    '/health': { get: { ...open, summary: 'Le serveur répond', responses: { '200': json('En service.', { type: 'object' }) } } },
    '/openapi.json': { get: { ...open, summary: 'Ce document', responses: { '200': json('OpenAPI 3.1.', { type: 'object' }) } } },
    '/definitions': {
      get: {
        tags: ['définitions'],
        summary: 'Liste les appels chargés',
        parameters: PAGE_PARAMETERS,
        responses: { '200': json('Une page d’appels.', ref('DefinitionPage'), LINK_HEADER), ...COMMON_ERRORS },
      },
    },
    '/definitions/validate': {
      post: {
        tags: ['définitions'],
        summary: 'Valide un texte YAML de définition (rien n’est enregistré)',
        parameters: [{ name: 'file', in: 'query', description: 'Nom sous lequel le texte est validé.', schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/yaml': { schema: { type: 'string' } } } },
        responses: { '200': json('Les constats (fichier, ligne, colonne, message).', ref('ValidationResult')), ...BODY_ERRORS, ...COMMON_ERRORS },
      },
    },
    '/definitions/{callId}': {
      get: {
        tags: ['définitions'],
        summary: 'Un appel, résolu (extends et use appliqués)',
        parameters: [{ name: 'callId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json('L’appel résolu.', ref('DefinitionDetail')), ...COMMON_ERRORS },
      },
    },
    ...instanceResourcePaths('application'),
    '/agreements': {
      get: {
        tags: ['conventions'],
        summary: 'Liste les conventions (candidatures retenues) de votre périmètre',
        parameters: [...PAGE_PARAMETERS, { name: 'call', in: 'query', schema: { type: 'string' } }],
        responses: { '200': json('Une page de conventions.', ref('InstancePage'), LINK_HEADER), ...COMMON_ERRORS },
      },
    },
    '/agreements/{id}': {
      get: {
        tags: ['conventions'],
        summary: 'Une convention, son grand livre et son échéancier',
        parameters: [ID_PARAMETER],
        responses: { '200': json('La convention.', ref('Agreement')), ...COMMON_ERRORS },
      },
    },
    '/agreements/{id}/ledger': {
      get: {
        tags: ['conventions'],
        summary: 'Le grand livre d’une convention (montants en centimes, explication en français)',
        description: 'Les sommes et l’échéancier en entier, et la première page des lignes (une par acte payé), dans l’ordre où elles ont été écrites ; les pages suivantes sur `/agreements/{id}/ledger/rows?cursor=` (l’en-tête `Link` y mène).',
        parameters: [ID_PARAMETER, ...PAGE_PARAMETERS],
        responses: { '200': json('Le grand livre, une page de ses lignes et l’échéancier.', ref('AgreementLedger'), LINK_HEADER), ...COMMON_ERRORS },
      },
    },
    '/agreements/{id}/ledger/rows': {
      get: {
        tags: ['conventions'],
        summary: 'Les lignes du grand livre d’une convention, une page à la fois (dans l’ordre où elles ont été écrites)',
        parameters: [ID_PARAMETER, ...PAGE_PARAMETERS],
        responses: { '200': json('Une page de lignes du grand livre.', ref('LedgerRowPage'), LINK_HEADER), ...COMMON_ERRORS },
      },
    },
    ...instanceResourcePaths('measure'),
    ...instanceResourcePaths('report'),
    ...callReportPaths(),
    '/appels/{callId}/diagrammes/{file}': {
      get: {
        ...open,
        tags: ['définitions'],
        summary: 'Un diagramme de cycle de vie de l’appel (candidature.svg, bilan.dot, mesure-<id>.mmd…)',
        parameters: [
          { name: 'callId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'file', in: 'path', required: true, description: '<machine>.svg, .dot ou .mmd', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'Le diagramme (SVG, Graphviz DOT ou Mermaid).',
            content: { 'image/svg+xml': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } },
          },
          '404': problem('Appel ou diagramme inconnu.'),
        },
      },
    },
  };
}

/** The paths of a call's report (`server/routes/reports.ts`, mounted at `/calls`). */
function callReportPaths(): Record<string, unknown> {
  const call = { name: 'callId', in: 'path', required: true, schema: { type: 'string' } };
  const scoped = 'Selon votre rôle : un opérateur ses conventions, un coordinateur ses territoires, un évaluateur des agrégats (petits effectifs masqués, aucun champ sensible).';
  const get = (summary: string, parameters: unknown[], content: Record<string, unknown>) => ({
    get: { tags: ['rapports'], summary, description: scoped, parameters, responses: { '200': { description: summary, content }, ...COMMON_ERRORS } },
  });
  const anyJson = { 'application/json': { schema: { type: 'object' } } };
  return {
    '/calls/{callId}/report': get(
      'Le rapport de l’appel : indicateurs, budget et quotas, bilans des opérateurs',
      [call, { name: 'format', in: 'query', schema: { enum: ['json', 'csv', 'html'] } }],
      { ...anyJson, 'text/csv': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } },
    ),
    '/calls/{callId}/report.csv': get('Le rapport en CSV (point-virgule, virgule décimale)', [call], { 'text/csv': { schema: { type: 'string' } } }),
    '/calls/{callId}/report.html': get('Le rapport en page HTML (graphiques par mois et par territoire)', [call], { 'text/html': { schema: { type: 'string' } } }),
    '/calls/{callId}/indicators': get('Les indicateurs de l’appel, par territoire et par mois', [call], anyJson),
    '/calls/{callId}/indicators/{indicatorId}': get(
      'Un indicateur',
      [call, { name: 'indicatorId', in: 'path', required: true, schema: { type: 'string' } }],
      anyJson,
    ),
    '/calls/{callId}/budget': get('Le budget et les quotas de l’appel', [call], anyJson),
    '/calls/{callId}/impact': {
      post: {
        tags: ['rapports'],
        summary: 'L’impact d’une définition candidate sur l’activité enregistrée de l’appel (Département seulement)',
        description:
          'Le corps est le YAML de l’appel candidat (une correction, ou l’appel de l’année suivante) ; l’activité enregistrée sous callId est rejouée en mémoire, rien n’est écrit. Dates décalées de la différence des années (ou de decalage). Le travail est borné : au-delà d’un nombre d’événements, la requête est refusée (utiliser la commande dispositifs impact).',
        parameters: [call, { name: 'format', in: 'query', schema: { enum: ['json', 'html'] } }, { name: 'decalage', in: 'query', schema: { type: 'integer' } }],
        requestBody: { required: true, content: { 'application/yaml': { schema: { type: 'string' } } } },
        responses: { '200': { description: 'L’impact, en JSON ou en page HTML.', content: { ...anyJson, 'text/html': { schema: { type: 'string' } } } }, ...COMMON_ERRORS },
      },
    },
    '/calls/{callId}/migrations': {
      post: {
        tags: ['définitions'],
        summary: 'Migre les dossiers en cours vers la version publiée de l’appel, selon son plan « migration » (Département seulement)',
        description: 'Corps { "toVersion": N, "dryRun": true } : la simulation n’écrit rien et rend le plan et son impact ; sinon un événement de migration par dossier, chacun dans sa transaction. Un plan incomplet est refusé (422) et rien n’est écrit ; relancer ne refait rien.',
        parameters: [call],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['toVersion'], properties: { toVersion: { type: 'integer', minimum: 1 }, dryRun: { type: 'boolean' } } } } } },
        responses: { '200': { description: 'Le plan, les dossiers migrés et ceux non couverts.', content: anyJson }, ...COMMON_ERRORS },
      },
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
