/**
 * RFC 9457 problem details: every refusal of the API is an `application/problem+json` body in French.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The media type of a problem details body. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** One finding attached to a 422 problem: where (a JSON pointer, or a file position) and what. */
export interface ProblemError {
  /** JSON pointer in the request body (or the definition), `''` for the root. */
  path: string;
  message: string;
  code?: string;
  line?: number;
  column?: number;
  file?: string;
}

/** An RFC 9457 problem details object, with the extension members this API uses. */
export interface ProblemDetails {
  /** A relative URI naming the kind of problem: `/problemes/<code>`, documented at that address. */
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable code (the engine's error code, or an HTTP-level code such as `corps-trop-volumineux`). */
  code: string;
  errors?: ProblemError[];
  /** For 409 on an event: the events the instance accepts now. */
  allowedEvents?: string[];
  /** For a version conflict: the current version of the instance. */
  currentVersion?: number;
  [extension: string]: unknown;
}

/** What a handler throws to answer with a problem; the app's error handler turns it into a response. */
export class ApiProblem extends Error {
  readonly problem: ProblemDetails;
  /** Response headers that go with the problem (a `WWW-Authenticate` challenge, for instance). */
  readonly headers: Record<string, string>;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    title: string,
    extra: Partial<ProblemDetails> = {},
    headers: Record<string, string> = {},
  ) {
    super(title);
    this.name = 'ApiProblem';
    this.problem = { type: problemType(code), title, status, code, ...extra };
    this.headers = headers;
  }
  get status(): ContentfulStatusCode {
    return this.problem.status as ContentfulStatusCode;
  }
}

/** The `type` URI of a problem code. */
export function problemType(code: string): string {
  return `/problemes/${code}`;
}

/**
 * Answers with a problem details body (and `instance` set to the request path when absent).
 * @example
 * return problemResponse(c, new ApiProblem(404, 'ressource-inconnue', 'Ressource introuvable'));
 */
export function problemResponse(c: Context, problem: ApiProblem | ProblemDetails): Response {
  const body = problem instanceof ApiProblem ? problem.problem : problem;
  const headers: Record<string, string> = problem instanceof ApiProblem ? { ...problem.headers } : {};
  // Refused before its body was read (413, 401, 415…): the rest of the body is still on the wire, so the
  // connection cannot carry another request; say so rather than let the client reuse it.
  const raw = c.req.raw;
  if (raw.body !== null && !raw.bodyUsed) headers['connection'] = 'close';
  const withInstance: ProblemDetails = { ...body, instance: body.instance ?? c.req.path };
  return new Response(JSON.stringify(withInstance), {
    status: withInstance.status,
    headers: { 'content-type': `${PROBLEM_MEDIA_TYPE}; charset=utf-8`, ...headers },
  });
}

/** The problems the HTTP layer itself raises (not the engine's), with their French titles. */
export const HTTP_PROBLEMS = {
  'authentification-requise': { status: 401, title: 'Authentification requise' },
  'jeton-invalide': { status: 401, title: 'Jeton invalide' },
  'role-non-autorise': { status: 403, title: 'Action non permise à votre rôle' },
  'ressource-inconnue': { status: 404, title: 'Ressource introuvable' },
  'methode-non-permise': { status: 405, title: 'Méthode non permise' },
  'corps-trop-volumineux': { status: 413, title: 'Corps de requête trop volumineux' },
  'type-de-contenu-non-supporte': { status: 415, title: 'Type de contenu non pris en charge' },
  'donnees-invalides': { status: 422, title: 'Données invalides' },
  'json-invalide': { status: 400, title: 'JSON mal formé' },
  'requete-invalide': { status: 400, title: 'Requête invalide' },
  'version-attendue-invalide': { status: 400, title: 'En-tête If-Match invalide' },
  'erreur-interne': { status: 500, title: 'Erreur interne' },
  'service-indisponible': { status: 503, title: 'Service en cours d’arrêt' },
  'validations-en-attente': { status: 503, title: 'Trop de validations en attente' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

/** A code of {@link HTTP_PROBLEMS}. */
export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

/**
 * Builds the problem of an HTTP-level refusal.
 * @example
 * throw httpProblem('type-de-contenu-non-supporte', 'Envoyez du JSON (Content-Type: application/json).');
 */
export function httpProblem(
  code: HttpProblemCode,
  detail: string,
  extra: Partial<ProblemDetails> = {},
  headers: Record<string, string> = {},
): ApiProblem {
  const { status, title } = HTTP_PROBLEMS[code];
  return new ApiProblem(status, code, title, { detail, ...extra }, headers);
}

/** The one answer for an address with nothing the caller may see: absent and out of scope look the same. */
export function notFound(): ApiProblem {
  return httpProblem('ressource-inconnue', 'Aucune ressource à cette adresse.');
}
