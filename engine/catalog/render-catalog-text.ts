/**
 * The catalog as text tables, one per year: the sheet a policy officer pins on the wall.
 */
import { createRequire } from 'node:module';
import type TableClass from 'cli-table3';
import type { Catalog, CatalogRow, CatalogWindow } from './catalog-types.ts';
import { wrapText } from './wrap-text.ts';

// cli-table3 loads with the first text table (the CLI), not with the catalog the server's pages use.
const require = createRequire(import.meta.url);

/** Column widths (characters, borders included) of the wall table. */
const WIDTHS = [38, 24, 30, 30, 38, 50];
const HEAD = ['Appel', 'Territoires', 'Candidatures', 'Convention', 'Financement', 'Mesures et tarifs'];

/**
 * Renders the catalog as text: a heading and a table per year, newest first, amounts to the cent.
 * @example
 * process.stdout.write(renderCatalogText(buildCatalog(repository)));
 */
export function renderCatalogText(catalog: Catalog): string {
  const years = [...new Set(catalog.rows.map((row) => row.year))];
  const parts = years.map((year) => {
    const rows = catalog.rows.filter((row) => row.year === year);
    const Table = require('cli-table3') as typeof TableClass;
    const table = new Table({ head: HEAD, colWidths: WIDTHS, wordWrap: false, style: { head: [], border: [] } });
    for (const row of rows) table.push(cells(row));
    return `Appels à projets ${year} (${rows.length} appel${rows.length > 1 ? 's' : ''})\n${table.toString()}`;
  });
  const footer = [`${catalog.rows.length} appel${catalog.rows.length > 1 ? 's' : ''} au catalogue. Dates incluses, heure de Paris ; montants exacts au centime.`];
  if (catalog.invalid > 0) {
    footer.push(`${catalog.invalid} fichier${catalog.invalid > 1 ? 's' : ''} de définition en erreur, non repris : lancez « dispositifs validate ».`);
  }
  return `${[...parts, footer.join('\n')].join('\n\n')}\n`;
}

function cells(row: CatalogRow): string[] {
  const texts = [callCell(row), row.territories.map((t) => t.label).join(', '), windowsCell(row, 'application'), windowsCell(row, 'agreement'), fundingCell(row), measuresCell(row)];
  // Each column loses two characters to its padding and one to its border.
  return texts.map((text, index) => wrapText(text, (WIDTHS[index] ?? 20) - 3));
}

function callCell(row: CatalogRow): string {
  const lines = [row.title, `${row.id} (v${row.version}, ${row.statusLabel.toLowerCase()})`];
  if (row.extends !== undefined) lines.push(`Reprend ${row.extends}`);
  if (row.plan !== undefined) {
    const sheet = row.plan.sheet === undefined ? '' : `, fiche ${row.plan.sheet}`;
    const orientations = row.plan.orientations.length === 0 ? '' : `, orientation${row.plan.orientations.length > 1 ? 's' : ''} ${row.plan.orientations.map((o) => o.id).join(', ')}`;
    lines.push(`PDALHPD : axe ${row.plan.axis}${sheet}${orientations}`);
  }
  return lines.join('\n');
}

function windowsCell(row: CatalogRow, which: 'application' | 'agreement'): string {
  const many = row.windows.length > 1;
  return row.windows.map((window) => windowLine(window, which, many)).join('\n');
}

function windowLine(window: CatalogWindow, which: 'application' | 'agreement', many: boolean): string {
  const period = window[which];
  const text = period.kind === 'unknown' && period.note !== undefined ? `${period.text} (${period.note})` : period.text;
  return many ? `${window.label} : ${text}` : text;
}

function fundingCell(row: CatalogRow): string {
  const funding = row.funding;
  const envelope = funding.envelope.note === undefined ? funding.envelope.text : `${funding.envelope.text} (${funding.envelope.note})`;
  const lines = [`Enveloppe : ${envelope}`];
  if (funding.sources.length > 0) lines.push(`Crédits : ${funding.sources.map((s) => s.label).join(', ')}`);
  lines.push(funding.grant, funding.payment);
  for (const condition of funding.conditions) lines.push(`Sous réserve : ${condition}`);
  for (const quota of funding.quotas) lines.push(`Quota : ${quota}`);
  lines.push(`Coût maximal : ${funding.bound.text}${funding.bound.envelope === undefined ? '' : `, ${funding.bound.envelope}`}`);
  for (const group of funding.bound.groups ?? []) lines.push(`  dont ${group.label} : ${group.text}`);
  return lines.join('\n');
}

function measuresCell(row: CatalogRow): string {
  if (row.measures.length === 0) return 'Pas de mesure : mission financée par la convention';
  return row.measures.map((measure) => [`• ${measure.label}`, ...measure.tariff.map((line) => `  ${line}`)].join('\n')).join('\n');
}
