/**
 * The finance resources of the OpenAPI document (issue 15): the register of organisations, the payment
 * orders and the finance software's return, the printable conventions, and the public open data. The
 * organisation's body schema is built from the constants the register's checker enforces.
 */
import { MAX_ORGANISATION_TEXT, ORGANISATION_FIELDS, ORGANISATION_ID_PATTERN, ORGANISATION_LABELS } from '../engine/organisations/index.ts';
import { ORDER_STATUS_LABELS } from '../engine/payments/index.ts';
import type { JsonSchema } from './openapi-schemas.ts';
import { BODY_ERRORS, COMMON_ERRORS, json, problem, ref } from './openapi-responses.ts';

const TEXT = { type: 'string', maxLength: MAX_ORGANISATION_TEXT } as const;
const ID_PARAMETER = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const YEAR = { type: 'string', pattern: '^\\d{4}$' } as const;
const CSV_BODY = (description: string) => ({ required: true, description, content: { 'text/csv': { schema: { type: 'string' } } } });
const CSV_ERRORS = {
  '413': problem('Fichier trop volumineux.'),
  '415': problem('Type de contenu autre que text/csv.'),
  '422': problem('Fichier refusé, rien n’est appliqué : errors donne la ligne et la colonne de chaque cellule fautive.'),
};
const items = (item: JsonSchema): JsonSchema => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: item } } });

/** The finance resources' component schemas. */
export function financeComponents(): Record<string, JsonSchema> {
  const fields = Object.fromEntries(ORGANISATION_FIELDS.map((field) => [field, { ...TEXT, description: ORGANISATION_LABELS[field] }]));
  return {
    OrganisationInput: {
      type: 'object',
      description: 'Un organisme à créer ou à modifier. Le SIRET (clé de Luhn), le RNA, le courriel et l’IBAN (ISO 13616) sont vérifiés ; les textes sont rognés.',
      required: ['name', 'siret'],
      additionalProperties: false,
      properties: { ...fields, id: { ...fields['id'], pattern: ORGANISATION_ID_PATTERN, description: 'identifiant (facultatif : celui de l’adresse, qu’il doit répéter)' } },
    },
    Organisation: {
      type: 'object',
      description: 'Un organisme du registre : l’IBAN pour le service financier seulement, masqué (ibanMasked) pour les autres.',
      required: ['id', 'name', 'siret', 'version', 'createdAt', 'updatedAt'],
      properties: { ...fields, ibanMasked: { type: 'string' }, version: { type: 'integer', minimum: 1 }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' } },
    },
    OrganisationWrite: {
      type: 'object',
      required: ['outcome', 'organisation'],
      properties: { outcome: { enum: ['creation', 'modification', 'inchange'] }, organisation: ref('Organisation') },
    },
    OrganisationChange: {
      type: 'object',
      required: ['organisationId', 'version', 'at', 'by', 'kind', 'changes'],
      properties: {
        organisationId: { type: 'string' },
        version: { type: 'integer' },
        at: { type: 'string', format: 'date-time' },
        by: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } },
        kind: { enum: ['creation', 'modification', 'import'] },
        changes: { type: 'object', description: 'Champ → { from, to } (coordonnées bancaires masquées sauf pour le service financier).' },
      },
    },
    PaymentOrder: {
      type: 'object',
      description: 'Un ordre de paiement : une avance ou un solde devenu dû sur une convention. Montants en centimes.',
      required: ['id', 'agreementId', 'callId', 'kind', 'amountCents', 'dueOn', 'budgetYear', 'status', 'version'],
      properties: {
        id: { type: 'string' },
        agreementId: { type: 'string' },
        callId: { type: 'string' },
        operatorId: { type: ['string', 'null'] },
        kind: { enum: ['advance', 'balance'] },
        amountCents: { type: 'integer' },
        dueOn: { type: 'string', format: 'date' },
        budgetYear: { type: 'integer' },
        label: { type: 'string' },
        imputation: { type: ['object', 'null'] },
        serviceFait: { type: ['object', 'null'] },
        conventionReference: { type: 'string' },
        status: ref('PaymentStatus'),
        mandate: { type: ['string', 'null'] },
        paidOn: { type: ['string', 'null'], format: 'date' },
        rejection: { type: ['string', 'null'], description: 'Motif du dernier rejet, tant que l’ordre attend d’être émis de nouveau.' },
        version: { type: 'integer' },
      },
    },
    PaymentStatus: {
      enum: Object.keys(ORDER_STATUS_LABELS),
      description: Object.entries(ORDER_STATUS_LABELS).map(([status, label]) => `${status} : ${label}`).join(' ; '),
    },
    Convention: {
      type: 'object',
      description: 'La convention d’une candidature signée : parties, objet, montant (centimes), échéancier, bilans dus.',
      required: ['reference', 'departement', 'beneficiary', 'call', 'amountCents', 'schedule', 'date'],
      properties: {
        reference: { type: 'string' },
        departement: { type: 'object' },
        beneficiary: { type: 'object' },
        call: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, year: { type: 'integer' } } },
        measures: { type: 'array', items: { type: 'object' } },
        period: { type: 'object', properties: { start: { type: 'string', format: 'date' }, end: { type: 'string', format: 'date' } } },
        amountCents: { type: 'integer' },
        basis: { type: 'array', items: { type: 'string' } },
        schedule: { type: 'array', items: { type: 'object' } },
        reports: { type: 'array', items: { type: 'object' } },
        indicators: { type: 'array', items: { type: 'string' } },
        sources: { type: 'array', items: { type: 'string' } },
        date: { type: 'string', format: 'date' },
        deliberation: { type: 'string' },
      },
    },
  };
}

/** The finance resources' paths: `/organisations`, `/payments`, `/conventions` (bearer) and `/opendata` (public). */
export function financePaths(): Record<string, unknown> {
  const conventionErrors = {
    '409': problem('La convention n’est pas encore signée.'),
    '422': problem('Le bénéficiaire n’est pas au registre des organismes.'),
    ...COMMON_ERRORS,
  };
  return {
    '/organisations': {
      get: {
        tags: ['organismes'],
        summary: 'Liste les organismes (le Département tous, un opérateur le sien)',
        responses: { '200': json('Les organismes.', items(ref('Organisation'))), ...COMMON_ERRORS },
      },
    },
    '/organisations/import': {
      post: {
        tags: ['organismes'],
        summary: 'Importe des organismes depuis un CSV (point-virgule, UTF-8) : tout ou rien (Département)',
        requestBody: CSV_BODY('Une ligne d’en-tête (identifiant;raison sociale;siret;rna;adresse;courriel;iban), puis un organisme par ligne.'),
        responses: { '200': json('Les organismes créés, modifiés et inchangés.', {
          type: 'object',
          required: ['created', 'changed', 'unchanged'],
          properties: { created: { type: 'integer' }, changed: { type: 'integer' }, unchanged: { type: 'integer' }, findings: { type: 'array', maxItems: 0 } },
        }), '403': problem('Votre rôle n’importe pas d’organismes.'), ...CSV_ERRORS, ...COMMON_ERRORS },
      },
    },
    '/organisations/{id}': {
      get: {
        tags: ['organismes'],
        summary: 'Lit un organisme (IBAN pour le service financier seulement)',
        parameters: [ID_PARAMETER],
        responses: { '200': json('L’organisme.', ref('Organisation')), ...COMMON_ERRORS },
      },
      put: {
        tags: ['organismes'],
        summary: 'Crée ou modifie un organisme (Département)',
        parameters: [ID_PARAMETER],
        requestBody: { required: true, content: { 'application/json': { schema: ref('OrganisationInput') } } },
        responses: {
          '200': json('Organisme modifié.', ref('OrganisationWrite')),
          '201': json('Organisme créé.', ref('OrganisationWrite')),
          '403': problem('Votre rôle ne modifie pas le registre.'),
          ...BODY_ERRORS,
          ...COMMON_ERRORS,
        },
      },
    },
    '/organisations/{id}/history': {
      get: {
        tags: ['organismes'],
        summary: 'L’historique d’un organisme (chaque modification, la plus ancienne d’abord)',
        parameters: [ID_PARAMETER],
        responses: { '200': json('Les modifications.', items(ref('OrganisationChange'))), ...COMMON_ERRORS },
      },
    },
    '/payments': {
      get: {
        tags: ['paiements'],
        summary: 'Liste les ordres de paiement (créés d’abord pour tout montant devenu dû)',
        parameters: [
          { name: 'year', in: 'query', description: 'Exercice budgétaire (4 chiffres).', schema: YEAR },
          { name: 'call', in: 'query', description: 'Identifiant de l’appel.', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: ref('PaymentStatus') },
        ],
        responses: { '200': json('Les ordres de paiement.', items(ref('PaymentOrder'))), '400': problem('Paramètre year ou status invalide.'), '403': problem('Réservé au Département.'), ...COMMON_ERRORS },
      },
    },
    '/payments/{id}/history': {
      get: {
        tags: ['paiements'],
        summary: 'Les statuts par lesquels un ordre de paiement est passé',
        parameters: [ID_PARAMETER],
        responses: { '200': json('Les changements de statut.', items({ type: 'object' })), '403': problem('Réservé au Département.'), ...COMMON_ERRORS },
      },
    },
    '/payments/export': {
      post: {
        tags: ['paiements'],
        summary: 'Exporte en CSV les ordres à émettre de l’exercice, qui deviennent « émis » (service financier)',
        parameters: [{ name: 'year', in: 'query', required: true, description: 'Exercice budgétaire (4 chiffres).', schema: YEAR }],
        responses: {
          '200': {
            description: 'Le fichier pour le logiciel financier.',
            headers: { 'X-Ordres-Bloques': { description: 'Nombre d’ordres qui ne peuvent pas être émis (GET /payments?status=a-emettre).', schema: { type: 'integer' } } },
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '400': problem('Paramètre year manquant ou invalide.'),
          '403': problem('Réservé au service financier.'),
          ...COMMON_ERRORS,
        },
      },
    },
    '/payments/import': {
      post: {
        tags: ['paiements'],
        summary: 'Applique le retour du logiciel financier (payé, rejeté), une fois par ligne (service financier)',
        requestBody: CSV_BODY('En-tête reference_ordre;statut;date;mandat;motif, puis une ligne par ordre.'),
        responses: {
          '200': json('Ce que le retour a fait (lignes déjà appliquées comptées à part, constats ligne par ligne).', {
            type: 'object',
            required: ['paid', 'rejected', 'unchanged', 'findings'],
            properties: { paid: { type: 'integer' }, rejected: { type: 'integer' }, unchanged: { type: 'integer' }, findings: { type: 'array', items: { type: 'object' } } },
          }),
          '403': problem('Réservé au service financier.'),
          ...CSV_ERRORS,
          ...COMMON_ERRORS,
        },
      },
    },
    '/conventions/{id}': {
      get: { tags: ['conventions'], summary: 'La convention d’une candidature signée (Département et opérateur lié)', parameters: [ID_PARAMETER], responses: { '200': json('La convention.', ref('Convention')), ...conventionErrors } },
    },
    '/conventions/{id}/html': {
      get: { tags: ['conventions'], summary: 'La convention en page imprimable', parameters: [ID_PARAMETER], responses: { '200': { description: 'La page HTML.', content: { 'text/html': { schema: { type: 'string' } } } }, ...conventionErrors } },
    },
    '/conventions/{id}/pdf': {
      get: { tags: ['conventions'], summary: 'La convention en PDF', parameters: [ID_PARAMETER], responses: { '200': { description: 'Le PDF.', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } }, ...conventionErrors } },
    },
    '/opendata/subventions.csv': {
      get: {
        security: [],
        tags: ['données ouvertes'],
        summary: 'Les données essentielles des conventions signées dans l’année, au format SCDL « Subventions » (public)',
        description: 'Sans jeton. Aucune donnée de ménage : le Département, les organismes et les conventions. Par défaut celles de plus de 23 000 € par an.',
        parameters: [
          { name: 'year', in: 'query', description: 'Année (4 chiffres ; l’année en cours par défaut).', schema: YEAR },
          { name: 'all', in: 'query', description: '1 ou true : toutes les conventions, sous le seuil aussi.', schema: { enum: ['1', 'true', '0', 'false'] } },
        ],
        responses: { '200': { description: 'Le fichier CSV (SCDL).', content: { 'text/csv': { schema: { type: 'string' } } } }, '400': problem('Paramètre year invalide.') },
      },
    },
  };
}
