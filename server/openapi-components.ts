/**
 * The component schemas of the API's own shapes in the OpenAPI document: instances, pages, problems,
 * ledgers, and the request bodies the API checks with.
 */
import type { JsonSchema } from './openapi-schemas.ts';
import { REQUEST_SCHEMAS } from './request-schemas.ts';

type Kind = 'application' | 'measure' | 'report';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** The schemas of the API's own shapes; `events` lists the event body components of each instance kind. */
export function sharedComponents(problemCodes: readonly string[], events: Record<Kind, string[]>): Record<string, JsonSchema> {
  const eventBody = (kind: Kind): JsonSchema =>
    events[kind].length === 0 ? ref('EventRequest') : { allOf: [ref('EventRequest'), { anyOf: events[kind].map(ref) }] };
  const page = (item: string): JsonSchema => ({
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } },
  });
  return {
    Problem: {
      type: 'object',
      description: 'RFC 9457, en français.',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string', description: 'Adresse de la page qui explique le problème (/problemes/<code>).' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        code: { enum: [...problemCodes] },
        errors: {
          type: 'array',
          items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } },
        },
        allowedEvents: { type: 'array', items: { type: 'string' } },
        currentVersion: { type: 'integer' },
      },
    },
    AllowedEvent: {
      type: 'object',
      required: ['type', 'label'],
      properties: { type: { type: 'string' }, label: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } },
    },
    Instance: {
      type: 'object',
      required: ['id', 'kind', 'callId', 'state', 'version', 'data', 'allowedEvents'],
      properties: {
        id: { type: 'string' },
        kind: { enum: ['application', 'measure', 'report'] },
        callId: { type: 'string' },
        definition: { type: 'object', description: 'La version de la définition à laquelle l’instance est attachée.', properties: { hash: { type: 'string' }, version: { type: 'integer' } } },
        lifecycle: { type: 'string' },
        measureKind: { type: ['string', 'null'] },
        reportId: { type: ['string', 'null'] },
        operatorId: { type: ['string', 'null'] },
        territory: { type: ['string', 'null'] },
        parentId: { type: ['string', 'null'], description: 'La convention d’une mesure ou d’un bilan.' },
        state: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' }, final: { type: 'boolean' } } },
        version: { type: 'integer' },
        data: { type: 'object', description: 'Les champs que votre rôle peut voir (les données sensibles sont retirées sinon).' },
        hidden: { type: 'array', items: { type: 'string' }, description: 'Les champs retirés pour votre rôle.' },
        acts: { type: 'object', description: 'Actes comptés (le tarif les lit).' },
        period: { type: ['object', 'null'] },
        milestones: { type: 'object', description: 'Jalons de paiement atteints (sélection, signature, versements).' },
        allowedEvents: { type: 'array', items: ref('AllowedEvent') },
        timers: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, label: { type: 'string' }, event: { type: 'string' }, dueDate: { type: 'string', format: 'date' } } } },
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
    InstanceSummary: {
      type: 'object',
      description: 'Une instance dans une liste (sans ses données : GET /<ressource>/{id} pour les lire).',
      properties: {
        id: { type: 'string' },
        kind: { enum: ['application', 'measure', 'report'] },
        callId: { type: 'string' },
        state: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } },
        version: { type: 'integer' },
        operatorId: { type: ['string', 'null'] },
        territory: { type: ['string', 'null'] },
        parentId: { type: ['string', 'null'] },
      },
    },
    StepResponse: {
      type: 'object',
      description: 'La réponse à une création ou à un événement (rejouée à l’identique pour la même Idempotency-Key).',
      required: ['instanceId', 'version', 'state', 'stateLabel', 'final', 'date'],
      properties: {
        instanceId: { type: 'string' },
        version: { type: 'integer' },
        state: { type: 'string' },
        stateLabel: { type: 'string' },
        final: { type: 'boolean' },
        date: { type: 'string', format: 'date', description: 'Le jour (heure de Paris) où l’événement compte.' },
        late: {
          type: 'object',
          description: 'Un fait déclaré après le délai de son devoir de signalement (reportWithin) : enregistré, pas refusé.',
          required: ['fact', 'due', 'days'],
          properties: { fact: { type: 'string', format: 'date' }, due: { type: 'string', format: 'date' }, days: { type: 'integer', minimum: 1 } },
        },
        warnings: { type: 'array', items: { type: 'string' }, description: 'Ce que l’émetteur doit savoir, en français (une déclaration tardive).' },
      },
    },
    InstancePage: page('InstanceSummary'),
    HistoryEvent: {
      type: 'object',
      required: ['seq', 'version', 'type', 'actor', 'at'],
      properties: {
        seq: { type: 'integer' },
        version: { type: 'integer' },
        type: { type: 'string', description: '@creation pour la création.' },
        label: { type: 'string' },
        payload: { type: 'object', description: 'Le message, sans les champs que votre rôle ne peut pas voir.' },
        actor: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } },
        at: { type: 'string', format: 'date-time' },
      },
    },
    HistoryPage: page('HistoryEvent'),
    DefinitionSummary: {
      type: 'object',
      required: ['id', 'version', 'title', 'hash'],
      properties: {
        id: { type: 'string' },
        version: { type: 'integer' },
        title: { type: 'string' },
        year: { type: 'integer' },
        status: { type: 'string' },
        hash: { type: 'string' },
        file: { type: 'string' },
        parents: { type: 'array', items: { type: 'string' } },
      },
    },
    DefinitionPage: page('DefinitionSummary'),
    DefinitionDetail: { allOf: [ref('DefinitionSummary'), { type: 'object', properties: { definition: ref('Definition') } }] },
    Finding: {
      type: 'object',
      required: ['code', 'severity', 'message', 'file', 'line', 'column', 'path'],
      properties: {
        code: { type: 'string' },
        severity: { enum: ['error', 'warning'] },
        message: { type: 'string' },
        file: { type: 'string' },
        line: { type: 'integer' },
        column: { type: 'integer' },
        path: { type: 'string' },
      },
    },
    ValidationResult: {
      type: 'object',
      required: ['valid', 'file', 'findings'],
      properties: { valid: { type: 'boolean' }, file: { type: 'string' }, findings: { type: 'array', items: ref('Finding') }, call: ref('DefinitionSummary') },
    },
    ...REQUEST_SCHEMAS,
    'EventBody.application': eventBody('application'),
    'EventBody.measure': eventBody('measure'),
    'EventBody.report': eventBody('report'),
    Ledger: {
      type: 'object',
      description: 'Montants en centimes ; lines explique chaque montant en français.',
      properties: Object.fromEntries(
        ['agreed', 'earned', 'retained', 'advance', 'balance', 'due', 'paid', 'remaining']
          .map((key) => [key, { type: 'integer' }] as [string, JsonSchema])
          .concat([['lines', { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, cents: { type: 'integer' } } } }]]),
      ),
    },
    ScheduleRow: {
      type: 'object',
      description: 'Une ligne de l’échéancier : une avance ou un solde devenu dû, un versement fait.',
      properties: {
        kind: { enum: ['advance', 'balance', 'paid'] },
        amountCents: { type: 'integer' },
        at: { type: 'string' },
        label: { type: 'string' },
        instanceId: { type: 'string' },
      },
    },
    Agreement: {
      type: 'object',
      required: ['agreement', 'ledger', 'schedule'],
      properties: { agreement: ref('Instance'), ledger: ref('Ledger'), schedule: { type: 'array', items: ref('ScheduleRow') } },
    },
    LedgerRowPage: {
      type: 'object',
      required: ['items', 'nextCursor'],
      properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } },
    },
    AgreementLedger: {
      type: 'object',
      required: ['ledger', 'rows', 'schedule', 'nextCursor'],
      properties: {
        ledger: ref('Ledger'), rows: { type: 'array', items: { type: 'object' } }, schedule: { type: 'array', items: ref('ScheduleRow') },
        nextCursor: { type: ['string', 'null'], description: 'Le curseur de la page suivante des lignes (`?cursor=`), null à la dernière.' },
      },
    },
  };
}
