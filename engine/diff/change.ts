/**
 * One difference between a call and the call it extends, and its French sentence.
 */
import { assertNever } from '../errors.ts';

/** Grammatical gender and number of a subject, so that « retiré » agrees: « mesure vej : retirée ». */
export type Agreement = 'm' | 'f' | 'mp' | 'fp';

/** A compared part of two calls (tagged on `kind`). */
export type Change =
  | { kind: 'changed'; subject: string; agreement: Agreement; path: string; before: string; after: string }
  | { kind: 'unchanged'; subject: string; agreement: Agreement; path: string; value: string }
  | { kind: 'added'; subject: string; agreement: Agreement; path: string; after: string }
  | { kind: 'removed'; subject: string; agreement: Agreement; path: string; before: string }
  /** Changed in a way a sentence does not say (a JSON schema, a lifecycle detail): named key by key. */
  | { kind: 'modified'; subject: string; agreement: Agreement; path: string; details: string[] };

const ENDINGS: Record<Agreement, string> = { m: '', f: 'e', mp: 's', fp: 'es' };

/** A participle that agrees: `agree('retiré', 'f')` → « retirée ». */
export function agree(participle: string, agreement: Agreement): string {
  return `${participle}${ENDINGS[agreement]}`;
}

/**
 * The French sentence of a change.
 * @example
 * formatChange({ kind: 'changed', subject: 'fenêtre ami', agreement: 'f', path: '/windows/ami/application',
 *   before: '01/04/2024–31/05/2024', after: '01/04/2025–09/05/2025' })
 * // 'fenêtre ami : 01/04/2024–31/05/2024 → 01/04/2025–09/05/2025'
 */
export function formatChange(change: Change): string {
  switch (change.kind) {
    case 'changed':
      return `${change.subject} : ${change.before} → ${change.after}`;
    case 'unchanged':
      return `${change.subject} : ${agree('inchangé', change.agreement)}`;
    case 'added':
      return `${change.subject} : ${agree('ajouté', change.agreement)}${change.after === '' ? '' : ` — ${change.after}`}`;
    case 'removed':
      return `${change.subject} : ${agree('retiré', change.agreement)}${change.before === '' ? '' : ` — ${change.before}`}`;
    case 'modified':
      return `${change.subject} : ${agree('modifié', change.agreement)}${change.details.length === 0 ? '' : ` — ${change.details.join(' ; ')}`}`;
    default:
      return assertNever(change);
  }
}
