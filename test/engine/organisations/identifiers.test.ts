import { describe, expect, it } from 'vitest';
import { emailProblem, ibanProblem, maskIban, normalizeIban, rnaProblem, siretProblem } from '../../../engine/organisations/index.ts';

/** Computes the Luhn check digit to append to 13 digits, independently of the module under test. */
function withLuhnKey(thirteen: string): string {
  for (let key = 0; key <= 9; key++) {
    const digits = `${thirteen}${key}`;
    const sum = [...digits].reverse().reduce((total, char, i) => {
      const d = Number(char) * (i % 2 === 1 ? 2 : 1);
      return total + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return digits;
  }
  throw new Error('unreachable');
}

describe('SIRET', () => {
  it('accepts a SIRET whose Luhn key is right and refuses every one-digit change of it', () => {
    const siret = withLuhnKey('7758013000001');
    expect(siretProblem(siret)).toBeUndefined();
    for (let i = 0; i < 14; i++) {
      const changed = siret.slice(0, i) + String((Number(siret[i]) + 1) % 10) + siret.slice(i + 1);
      expect(siretProblem(changed), changed).toMatch(/clé de contrôle/);
    }
  });
  it("accepts La Poste's establishments by the sum of their digits (SIREN 356000000), not the Luhn key", () => {
    expect(siretProblem('35600000000048')).toBeUndefined(); // the head office, Luhn-valid too
    expect(siretProblem('35600000000001')).toBeUndefined(); // sum 15: La Poste's rule, Luhn-invalid
    expect(siretProblem('35600000000002')).toMatch(/La Poste/);
  });
  it('refuses what is not 14 digits', () => {
    expect(siretProblem('7758013000000')).toMatch(/14 chiffres/);
    expect(siretProblem('7758 0130 00000')).toMatch(/14 chiffres/);
  });
});

describe('RNA, IBAN, e-mail', () => {
  it('reads an RNA number as W and 9 digits', () => {
    expect(rnaProblem('W623001234')).toBeUndefined();
    expect(rnaProblem('W62300123')).toMatch(/W suivi de 9 chiffres/);
    expect(rnaProblem('623001234')).toMatch(/W suivi/);
  });
  it('checks the IBAN by ISO 13616 (mod 97) and the country length, without repeating it', () => {
    const iban = normalizeIban('fr76 3000 6000 0112 3456 7890 189');
    expect(iban).toBe('FR7630006000011234567890189');
    expect(ibanProblem(iban)).toBeUndefined();
    expect(ibanProblem('FR7630006000011234567890188')).toMatch(/contrôle/);
    expect(ibanProblem('FR763000600001123456789018')).toMatch(/27 caractères/);
    expect(ibanProblem('FR7630006000011234567890188')).not.toContain('3000600001');
    expect(maskIban(iban)).toBe(`${'•'.repeat(23)}0189`);
  });
  it('checks a contact e-mail', () => {
    expect(emailProblem('contact@adil62.org')).toBeUndefined();
    expect(emailProblem('contact@adil62')).toMatch(/adresse électronique/);
  });
});
