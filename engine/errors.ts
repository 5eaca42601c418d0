/**
 * Errors the engine refuses with: one class, one registry of codes (French messages are built by callers).
 * @module
 */

/** Stable codes of what the engine refuses. The HTTP status mapping lives only in `server/`. */
export type EngineErrorCode =
  | 'definition-inconnue'
  | 'instance-inconnue'
  | 'evenement-inconnu'
  | 'evenement-non-permis'
  | 'message-invalide'
  | 'garde-refusee'
  | 'non-eligible'
  | 'hors-fenetre'
  | 'quota-atteint'
  | 'conflit-de-version'
  | 'role-non-autorise'
  | 'hors-perimetre'
  | 'migration-incomplete'
  | 'cle-idempotence-reutilisee'
  | 'donnees-invalides'
  | 'appel-brouillon'
  | 'appel-clos';

/** What the engine refuses: a code, a French message (what, where, how to fix) and data. */
export class EngineError<Code extends EngineErrorCode = EngineErrorCode> extends Error {
  readonly code: Code;
  readonly details: Record<string, unknown>;
  constructor(code: Code, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
}

/** Ends an exhaustive switch: a new case that is not handled fails the type check. */
export function assertNever(value: never): never {
  throw new Error(`Cas non traité : ${JSON.stringify(value)}`);
}
