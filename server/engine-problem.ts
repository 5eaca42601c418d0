/**
 * The one place where the engine's refusals become HTTP statuses.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { assertNever, EngineError, type EngineErrorCode } from '../engine/errors.ts';
import { ApiProblem, notFound, type ProblemDetails, type ProblemError } from './problem.ts';

/** Every engine error code (the `satisfies` fails the type check when the registry grows). */
export const ENGINE_ERROR_CODES = Object.keys({
  'definition-inconnue': true,
  'instance-inconnue': true,
  'evenement-inconnu': true,
  'evenement-non-permis': true,
  'message-invalide': true,
  'garde-refusee': true,
  'non-eligible': true,
  'hors-fenetre': true,
  'quota-atteint': true,
  'conflit-de-version': true,
  'role-non-autorise': true,
  'hors-perimetre': true,
  'migration-incomplete': true,
  'cle-idempotence-reutilisee': true,
  'donnees-invalides': true,
  'appel-brouillon': true,
  'appel-clos': true,
} satisfies Record<EngineErrorCode, true>) as EngineErrorCode[];

/** The HTTP status and French title of an engine error code. */
export function engineErrorStatus(code: EngineErrorCode): { status: ContentfulStatusCode; title: string } {
  switch (code) {
    case 'definition-inconnue':
      return { status: 404, title: 'Définition introuvable' };
    case 'instance-inconnue':
    case 'hors-perimetre':
      // Outside the caller's scope looks exactly like absent: existence is not revealed.
      return { status: 404, title: 'Ressource introuvable' };
    case 'role-non-autorise':
      return { status: 403, title: 'Action non permise à votre rôle' };
    case 'evenement-non-permis':
      return { status: 409, title: 'Événement non permis dans l’état actuel' };
    case 'conflit-de-version':
      return { status: 409, title: 'Conflit de version' };
    case 'garde-refusee':
      return { status: 409, title: 'Condition non remplie' };
    case 'quota-atteint':
      return { status: 409, title: 'Quota atteint' };
    case 'hors-fenetre':
      return { status: 409, title: 'Hors de la fenêtre de candidature' };
    case 'migration-incomplete':
      return { status: 409, title: 'Migration incomplète' };
    case 'appel-brouillon':
      return { status: 409, title: 'Appel en brouillon' };
    case 'appel-clos':
      return { status: 409, title: 'Appel clos' };
    case 'evenement-inconnu':
      return { status: 422, title: 'Événement inconnu' };
    case 'message-invalide':
      return { status: 422, title: 'Message de l’événement invalide' };
    case 'non-eligible':
      return { status: 422, title: 'Bénéficiaire non éligible' };
    case 'cle-idempotence-reutilisee':
      return { status: 422, title: 'Clé d’idempotence déjà utilisée pour une autre requête' };
    case 'donnees-invalides':
      return { status: 422, title: 'Données invalides' };
    default:
      return assertNever(code);
  }
}

/**
 * Turns an engine refusal into a problem. Only the detail members known to carry no personal data are
 * copied (allowed events, current version, validation findings); the rest of `details` stays inside.
 */
export function engineProblem(error: EngineError, options: { pathPrefix?: string } = {}): ApiProblem {
  if (error.code === 'hors-perimetre' || error.code === 'instance-inconnue') {
    // The very problem of an unknown address: same code, same words, nothing of the engine's detail.
    return notFound();
  }
  const { status, title } = engineErrorStatus(error.code);
  const extra: Partial<ProblemDetails> = { detail: error.message };
  const details = error.details;
  const allowed = details['allowedEvents'] ?? details['allowed'];
  if (Array.isArray(allowed)) extra.allowedEvents = allowed.filter((e): e is string => typeof e === 'string');
  const current = details['currentVersion'] ?? details['current'];
  if (typeof current === 'number') extra.currentVersion = current;
  const errors = findingsOf(details, options.pathPrefix ?? '');
  if (errors.length > 0) extra.errors = errors;
  for (const key of ['guard', 'quota', 'window', 'event', 'state'] as const) {
    const value = details[key];
    if (typeof value === 'string') extra[key] = value;
  }
  return new ApiProblem(status, error.code, title, extra);
}

function findingsOf(details: Record<string, unknown>, prefix: string): ProblemError[] {
  const errors: ProblemError[] = [];
  // The engine says each problem as « /semaines : doit être >= 1 » (a pointer in the message or data).
  const problems = details['problems'];
  if (Array.isArray(problems)) {
    for (const line of problems) {
      if (typeof line !== 'string') continue;
      const match = /^(\/\S*|\(message\)) : (.+)$/s.exec(line);
      const pointer = match?.[1] === undefined || match[1] === '(message)' ? '' : match[1];
      errors.push({ path: `${prefix}${pointer}`, message: match?.[2] ?? line });
    }
  }
  // Eligibility rules that failed: their ids (the French labels are in the detail).
  const rules = details['rules'];
  if (Array.isArray(rules)) {
    for (const rule of rules) if (typeof rule === 'string') errors.push({ path: prefix, code: rule, message: `règle d’éligibilité « ${rule} » non remplie` });
  }
  const list = details['findings'] ?? details['errors'];
  if (Array.isArray(list)) {
    for (const item of list) {
      if (typeof item !== 'object' || item === null) continue;
      const record = item as Record<string, unknown>;
      const message = record['message'];
      if (typeof message !== 'string') continue;
      const path = record['path'] ?? record['instancePath'] ?? '';
      const error: ProblemError = { path: `${prefix}${typeof path === 'string' ? path : ''}`, message };
      if (typeof record['code'] === 'string') error.code = record['code'];
      errors.push(error);
    }
  }
  return errors;
}

/**
 * Runs `work`, locating the engine's validation problems under `prefix` in the request body (the engine
 * locates them in the message: `/issue` becomes `/payload/issue`).
 * @example
 * await locatedUnder('/payload', () => engine.send(id, input));
 */
export async function locatedUnder<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EngineError) throw engineProblem(error, { pathPrefix: prefix });
    throw error;
  }
}
