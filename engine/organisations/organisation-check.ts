/**
 * Checks what a user writes about an organisation: every field, every problem at once, as findings located
 * on the field (and on the CSV line for an import). Returns the normalized input when nothing is wrong.
 */
import { emailProblem, ibanProblem, normalizeIban, rnaProblem, siretProblem } from './identifiers.ts';
import type { OrganisationInput } from './organisation-types.ts';

/** A problem with one field of an organisation. */
export interface OrganisationFinding {
  code: 'champ-requis' | 'siret-invalide' | 'rna-invalide' | 'iban-invalide' | 'courriel-invalide' | 'identifiant-invalide' | 'champ-inconnu' | 'texte-trop-long' | 'identifiant-en-double';
  /** JSON pointer of the field (`/siret`). */
  path: string;
  /** Line of the CSV file (1 = the header), or 0 outside a file. */
  line: number;
  /** Column of the CSV file (1-based), or 0 outside a file. */
  column: number;
  message: string;
}

/** The French name of each field, in messages and in the API's documentation. */
export const ORGANISATION_LABELS = { id: 'identifiant', name: 'raison sociale', siret: 'SIRET', rna: 'RNA', address: 'adresse', email: 'courriel', iban: 'IBAN' } as const;
const LABELS = ORGANISATION_LABELS;

/** Longest text accepted in a field (a name, an address): a bound on what one request stores. */
export const MAX_ORGANISATION_TEXT = 300;
const MAX_TEXT = MAX_ORGANISATION_TEXT;

/** What an organisation's identifier looks like (lower-case letters, digits, dashes; 64 characters at most). */
export const ORGANISATION_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

/**
 * Checks and normalizes an organisation (trimmed texts, empty optional fields dropped, IBAN without spaces).
 * @example
 * checkOrganisation({ id: 'adil-62', name: 'ADIL 62', siret: '35600000000048' }); // { organisation: {…}, findings: [] }
 */
export function checkOrganisation(raw: Record<string, unknown>): { organisation?: OrganisationInput; findings: OrganisationFinding[] } {
  const findings: OrganisationFinding[] = [];
  const say = (code: OrganisationFinding['code'], field: string, message: string) => findings.push({ code, path: `/${field}`, line: 0, column: 0, message });
  const text = (field: keyof typeof LABELS): string | undefined => {
    const value = Object.hasOwn(raw, field) ? raw[field] : undefined;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      say('champ-requis', field, `${LABELS[field]} : attendu un texte.`);
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length > MAX_TEXT) say('texte-trop-long', field, `${LABELS[field]} : ${trimmed.length} caractères, au plus ${MAX_TEXT}.`);
    return trimmed === '' ? undefined : trimmed;
  };
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(LABELS, key)) say('champ-inconnu', key, `champ inconnu « ${key} » : les champs d'un organisme sont ${Object.keys(LABELS).join(', ')}.`);
  }
  const id = text('id');
  const name = text('name');
  const siret = text('siret')?.replace(/\s+/g, '');
  const rna = text('rna')?.toUpperCase();
  const address = text('address');
  const email = text('email');
  const iban = text('iban');
  if (id === undefined) say('champ-requis', 'id', "identifiant manquant : donnez l'identifiant de l'opérateur dans les candidatures et les jetons (par exemple asso-a).");
  else if (!new RegExp(ORGANISATION_ID_PATTERN).test(id)) say('identifiant-invalide', 'id', `identifiant « ${id} » invalide : lettres minuscules, chiffres et tirets, 64 caractères au plus (par exemple adil-62).`);
  if (name === undefined) say('champ-requis', 'name', "raison sociale manquante : donnez le nom officiel de l'organisme.");
  if (siret === undefined) say('champ-requis', 'siret', "SIRET manquant : il figure sur l'avis de situation SIRENE de l'organisme.");
  else {
    const problem = siretProblem(siret);
    if (problem !== undefined) say('siret-invalide', 'siret', problem);
  }
  if (rna !== undefined) {
    const problem = rnaProblem(rna);
    if (problem !== undefined) say('rna-invalide', 'rna', problem);
  }
  if (email !== undefined) {
    const problem = emailProblem(email);
    if (problem !== undefined) say('courriel-invalide', 'email', problem);
  }
  const normalizedIban = iban === undefined ? undefined : normalizeIban(iban);
  if (normalizedIban !== undefined) {
    const problem = ibanProblem(normalizedIban);
    // The IBAN itself is never repeated in a message: errors are shown to people and logged.
    if (problem !== undefined) say('iban-invalide', 'iban', `IBAN invalide : ${problem}`);
  }
  if (findings.length > 0 || id === undefined || name === undefined || siret === undefined) return { findings };
  return {
    organisation: {
      id, name, siret,
      ...(rna !== undefined && { rna }),
      ...(address !== undefined && { address }),
      ...(email !== undefined && { email }),
      ...(normalizedIban !== undefined && { iban: normalizedIban }),
    },
    findings,
  };
}
