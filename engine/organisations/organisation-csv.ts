/**
 * The register imported from a spreadsheet: a CSV the French way (`;` between columns, UTF-8 with or
 * without BOM, a header line), read with csv-parse. The whole file is checked first: one wrong cell and
 * nothing is written, every problem is reported with its line and column.
 */
import { parse } from 'csv-parse/sync';
import { checkOrganisation, type OrganisationFinding } from './organisation-check.ts';
import type { OrganisationRegister, RegisterOutcome } from './organisation-register.ts';
import type { OrganisationField, OrganisationInput, RegisterActor } from './organisation-types.ts';

/** Column headers accepted for each field (compared without case, accents or spaces). */
const HEADERS: ReadonlyMap<string, OrganisationField> = new Map([
  ['id', 'id'], ['identifiant', 'id'], ['operateur', 'id'],
  ['name', 'name'], ['nom', 'name'], ['raisonsociale', 'name'], ['denomination', 'name'],
  ['siret', 'siret'], ['rna', 'rna'],
  ['address', 'address'], ['adresse', 'address'],
  ['email', 'email'], ['courriel', 'email'], ['mel', 'email'],
  ['iban', 'iban'],
]);

/** Rows one file may hold: a bound on the work one import causes. */
export const MAX_IMPORT_ROWS = 5_000;

function headerKey(header: string): string {
  return header.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s_'-]+/g, '').toLowerCase();
}

/** The organisations of a CSV text, or every problem found in it (line 1 is the header). */
export function readOrganisationsCsv(text: string): { organisations: OrganisationInput[]; findings: OrganisationFinding[] } {
  const findings: OrganisationFinding[] = [];
  let records: string[][];
  try {
    records = parse(text, { delimiter: ';', bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, to: MAX_IMPORT_ROWS + 2 }) as string[][];
  } catch (error) {
    const { lines, column } = error as { lines?: number; column?: number };
    return { organisations: [], findings: [{ code: 'champ-inconnu', path: '', line: lines ?? 1, column: column ?? 1, message: `Fichier CSV illisible : ${(error as Error).message}. Enregistrez-le en « CSV (séparateur : point-virgule) », encodage UTF-8.` }] };
  }
  const [header, ...rows] = records;
  if (header === undefined) return { organisations: [], findings: [{ code: 'champ-requis', path: '', line: 1, column: 1, message: 'Fichier vide : la première ligne nomme les colonnes (identifiant;raison sociale;siret;rna;adresse;courriel;iban).' }] };
  if (rows.length > MAX_IMPORT_ROWS) return { organisations: [], findings: [{ code: 'texte-trop-long', path: '', line: MAX_IMPORT_ROWS + 2, column: 1, message: `Plus de ${MAX_IMPORT_ROWS} organismes dans un fichier : découpez-le.` }] };
  const columns: (OrganisationField | undefined)[] = header.map((name) => HEADERS.get(headerKey(name)));
  header.forEach((name, index) => {
    if (columns[index] === undefined) findings.push({ code: 'champ-inconnu', path: '', line: 1, column: index + 1, message: `colonne « ${name} » inconnue : les colonnes sont identifiant, raison sociale, siret, rna, adresse, courriel, iban.` });
  });
  for (const required of ['id', 'name', 'siret'] as const) {
    if (!columns.includes(required)) findings.push({ code: 'champ-requis', path: `/${required}`, line: 1, column: 1, message: `colonne « ${required === 'id' ? 'identifiant' : required === 'name' ? 'raison sociale' : 'siret'} » manquante dans la ligne d'en-tête.` });
  }
  if (findings.length > 0) return { organisations: [], findings };

  const organisations: OrganisationInput[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const line = index + 2;
    const raw: Record<string, unknown> = {};
    columns.forEach((field, column) => {
      if (field !== undefined && cells[column] !== undefined) raw[field] = cells[column];
    });
    const { organisation, findings: rowFindings } = checkOrganisation(raw);
    for (const finding of rowFindings) {
      const column = columns.indexOf(finding.path.slice(1) as OrganisationField) + 1;
      findings.push({ ...finding, line, column: Math.max(column, 1), message: `ligne ${line} : ${finding.message}` });
    }
    if (organisation === undefined) return;
    const previous = seen.get(organisation.id);
    if (previous !== undefined) {
      findings.push({ code: 'identifiant-en-double', path: '/id', line, column: columns.indexOf('id') + 1, message: `ligne ${line} : l'identifiant « ${organisation.id} » est déjà à la ligne ${previous}.` });
      return;
    }
    seen.set(organisation.id, line);
    organisations.push(organisation);
  });
  return { organisations, findings };
}

/** What an import did, organisation by organisation. */
export interface ImportResult {
  findings: OrganisationFinding[];
  created: number;
  changed: number;
  unchanged: number;
}

/**
 * Imports a CSV into the register: all or nothing on bad cells (findings, nothing written); otherwise each
 * organisation is created or changed (an import of the same file again changes nothing).
 * @example
 * const result = await importOrganisationsCsv(register, readFileSync('operateurs.csv', 'utf8'), agent);
 */
export async function importOrganisationsCsv(register: OrganisationRegister, text: string, actor: RegisterActor): Promise<ImportResult> {
  const { organisations, findings } = readOrganisationsCsv(text);
  const result: ImportResult = { findings, created: 0, changed: 0, unchanged: 0 };
  if (findings.length > 0) return result;
  const counters: Record<RegisterOutcome, 'created' | 'changed' | 'unchanged'> = { creation: 'created', modification: 'changed', inchange: 'unchanged' };
  for (const organisation of organisations) {
    const { outcome } = await register.put({ ...organisation }, actor, { kind: 'import' });
    result[counters[outcome]] += 1;
  }
  return result;
}
