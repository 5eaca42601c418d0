/**
 * The identifiers of an organisation, checked as their registries define them: SIRET (14 digits, Luhn key;
 * La Poste's establishments, SIREN 356000000, sum of digits a multiple of 5), RNA (`W` + 9 digits), IBAN
 * (ISO 13616: country, check digits, mod 97 = 1) and a contact e-mail. Each check returns the French reason
 * a value is wrong, or undefined when it is right.
 */

/** La Poste's SIREN: its establishments' SIRET do not follow the Luhn key. */
const LA_POSTE_SIREN = '356000000';

/** IBAN lengths of the countries a French operator's bank account is usually in (others: 15 to 34). */
const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map([
  ['FR', 27], ['MC', 27], ['BE', 16], ['DE', 22], ['LU', 20], ['NL', 18], ['ES', 24], ['IT', 27], ['CH', 21], ['GB', 22],
]);

/** The digits' sum with every second digit from the right doubled (the Luhn algorithm); valid when ≡ 0 mod 10. */
function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/**
 * Why a SIRET is wrong, or undefined.
 * @example
 * siretProblem('35600000000048'); // undefined (La Poste's head office)
 * siretProblem('12345678901234'); // « la clé de contrôle (Luhn) … »
 */
export function siretProblem(siret: string): string | undefined {
  if (!/^\d{14}$/.test(siret)) return `« ${siret} » n'est pas un SIRET : attendu 14 chiffres sans espace (9 du SIREN puis 5 du NIC).`;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    if (sum % 5 === 0 || luhnSum(siret) % 10 === 0) return undefined;
    return `le SIRET « ${siret} » d'un établissement de La Poste doit avoir une somme de chiffres multiple de 5 : vérifiez-le sur l'avis de situation SIRENE.`;
  }
  if (luhnSum(siret) % 10 !== 0) return `la clé de contrôle (Luhn) du SIRET « ${siret} » est fausse : un chiffre est erroné ou inversé ; vérifiez-le sur l'avis de situation SIRENE.`;
  return undefined;
}

/** Why an RNA number is wrong (`W` followed by 9 digits), or undefined. */
export function rnaProblem(rna: string): string | undefined {
  return /^W\d{9}$/.test(rna) ? undefined : `« ${rna} » n'est pas un numéro RNA : attendu W suivi de 9 chiffres, par exemple W623001234.`;
}

/** An IBAN written with spaces or in lower case, as its electronic form (upper case, no space). */
export function normalizeIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/**
 * Why an IBAN is wrong (ISO 13616: two letters, two check digits, the account; the number moved and read
 * with A = 10 … Z = 35 is ≡ 1 mod 97), or undefined. Give it normalized ({@link normalizeIban}).
 */
export function ibanProblem(iban: string): string | undefined {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return "l'IBAN doit commencer par le code pays (FR) et deux chiffres de contrôle, suivis du numéro de compte (lettres et chiffres).";
  const expected = IBAN_LENGTHS.get(iban.slice(0, 2));
  if (expected !== undefined && iban.length !== expected) return `un IBAN ${iban.slice(0, 2)} compte ${expected} caractères (reçu ${iban.length}).`;
  let remainder = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? undefined : "les chiffres de contrôle de l'IBAN ne correspondent pas au numéro : recopiez-le depuis le RIB.";
}

/** Why a contact e-mail is wrong, or undefined (one @, a domain with a dot, no space). */
export function emailProblem(email: string): string | undefined {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? undefined : `« ${email} » n'est pas une adresse électronique : attendu nom@domaine.fr.`;
}

/** The last four characters of an IBAN, the rest masked: what people outside the finance service see. */
export function maskIban(iban: string): string {
  return `${'•'.repeat(Math.max(0, iban.length - 4))}${iban.slice(-4)}`;
}
