import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../engine/catalog/wrap-text.ts';

describe('wrapText', () => {
  it('never breaks an amount written with no-break spaces', () => {
    const text = 'Participation forfaitaire de 18\u00a0000,00\u00a0€ par convention';
    const lines = wrapText(text, 30).split('\n');
    expect(lines).toEqual(['Participation forfaitaire de', '18\u00a0000,00\u00a0€ par convention']);
  });

  it('keeps the indent of a line on its continuation lines', () => {
    expect(wrapText('  5 000 € pour 12 mois, compté au mois le mois', 20)).toBe('  5 000 € pour 12\n  mois, compté au\n  mois le mois');
  });

  it('cuts an identifier longer than the width after a hyphen', () => {
    expect(wrapText('logement-d-abord-nouveaux-territoires-2024 (v1)', 30)).toBe('logement-d-abord-nouveaux-\nterritoires-2024 (v1)');
  });

  it('keeps every line within the width', () => {
    const text = "Sous réserve : Mise en place et signature de la convention entre l'État et le Département au titre du Logement d'abord";
    for (const line of wrapText(text, 25).split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(25);
  });
});
