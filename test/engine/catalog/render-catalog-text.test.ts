import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, renderCatalogText, type Catalog } from '../../../engine/catalog/index.ts';
import { loadRepository } from '../../../engine/definition/index.ts';

describe('renderCatalogText', () => {
  let catalog: Catalog;
  let text: string;
  beforeAll(async () => {
    catalog = buildCatalog(await loadRepository('definitions'));
    text = renderCatalogText(catalog);
  });

  const plural = (n: number) => `${n} appel${n > 1 ? 's' : ''}`;

  it('has one table per year of the catalog, newest first, each counting its calls', () => {
    const years = [...new Set(catalog.rows.map((r) => r.year))].sort((a, b) => b - a);
    const headings = text.split('\n').filter((line) => line.startsWith('Appels à projets'));
    expect(headings).toEqual(years.map((year) => `Appels à projets ${year} (${plural(catalog.rows.filter((r) => r.year === year).length)})`));
  });

  it('draws tables whose lines all have the same width, with nothing cut', () => {
    const tableLines = text.split('\n').filter((line) => /^[│┌├└]/.test(line));
    const widths = new Set(tableLines.map((line) => Array.from(line).length));
    expect(widths.size).toBe(1);
    expect(text).not.toContain('…');
  });

  it('writes amounts the French way, to the cent, never split across lines', () => {
    expect(text).toContain('162,38\u00a0€');
    expect(text).toContain('39,12\u00a0€');
    expect(text).toContain('18\u00a0000,00\u00a0€');
    // An amount cut in two would leave a no-break space at the end or the start of a cell line.
    expect(text).not.toMatch(/\u00a0 *│/);
    expect(text).not.toMatch(/│ *\u00a0/);
  });

  it('ends with the count of calls and a warning when definitions are in error', () => {
    expect(text.trimEnd().split('\n').at(-1)).toBe(`${plural(catalog.rows.length)} au catalogue. Dates incluses, heure de Paris ; montants exacts au centime.`);
    expect(renderCatalogText({ rows: [], invalid: 2 })).toContain('2 fichiers de définition en erreur, non repris');
  });
});
