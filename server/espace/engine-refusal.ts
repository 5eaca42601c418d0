/**
 * An engine refusal as a form shows it: the French message in the error summary, and each problem the
 * engine located in the message (« /semaines : doit être >= 1 ») beside its field.
 * @module
 */
import { EngineError } from '../../engine/errors.ts';
import type { FieldError, FormField } from './form-fields.ts';

/** The codes that mean « nothing here for you »: shown like an absent instance. */
export const UNSEEN = new Set(['instance-inconnue', 'hors-perimetre', 'role-non-autorise']);

/** The summary message and the field errors of a refusal; anything else is thrown on. */
export function refusalOf(error: unknown, fields: readonly FormField[]): { message: string; errors: FieldError[] } {
  if (!(error instanceof EngineError)) throw error;
  const errors: FieldError[] = [];
  const problems = error.details['problems'];
  if (Array.isArray(problems)) {
    for (const line of problems) {
      const match = typeof line === 'string' ? /^\/([^/\s]+)\S* : (.+)$/s.exec(line) : null;
      const field = match?.[1] === undefined ? undefined : fields.find((f) => f.name === match[1]);
      if (field !== undefined && match?.[2] !== undefined) errors.push({ field: field.name, message: `${field.label} : ${match[2]}` });
    }
  }
  const message = error.code === 'conflit-de-version'
    ? 'Le dossier a changé depuis l’affichage de cette page (une autre personne, ou une échéance) : voici son état actuel ; vérifiez puis recommencez.'
    : error.message;
  return { message, errors };
}
