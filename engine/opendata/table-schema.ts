/**
 * Checks rows against a Table Schema (frictionlessdata.io), as the SCDL standards publish them: per field,
 * `required`, `pattern`, `maxLength`, `enum`, `minimum`/`maximum`, the types `string`, `number`, `date`
 * and `boolean` (with `trueValues`/`falseValues`), and the `french-siret-value` custom check (the SIRET's
 * Luhn key, La Poste's exception). Each problem names its row and column.
 */
import { siretProblem } from '../organisations/index.ts';
import { isPlainDate } from '../time/index.ts';

/** A field of a Table Schema (the parts checked here). */
export interface TableField {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; pattern?: string; maxLength?: number; enum?: string[]; minimum?: number; maximum?: number };
}

/** A Table Schema (the parts checked here). */
export interface TableSchema {
  fields: TableField[];
  custom_checks?: { name: string; params: { column: string } }[];
}

/** A cell that breaks the schema. */
export interface CellProblem {
  /** 1-based data row (the header is row 0). */
  row: number;
  column: string;
  message: string;
}

/** The problems of one row (its cells by column name); empty when the row is valid. */
export function checkRow(schema: TableSchema, row: Readonly<Record<string, string>>, rowNumber = 1): CellProblem[] {
  const problems: CellProblem[] = [];
  const say = (column: string, message: string) => problems.push({ row: rowNumber, column, message: `colonne ${column} : ${message}` });
  for (const field of schema.fields) {
    const value = Object.hasOwn(row, field.name) ? row[field.name] ?? '' : '';
    const c = field.constraints ?? {};
    if (value === '') {
      if (c.required === true) say(field.name, 'valeur obligatoire manquante.');
      continue;
    }
    if (c.pattern !== undefined && !new RegExp(`^(?:${c.pattern})$`).test(value)) say(field.name, `« ${value} » ne suit pas le motif ${c.pattern}.`);
    if (c.maxLength !== undefined && [...value].length > c.maxLength) say(field.name, `${[...value].length} caractères, au plus ${c.maxLength}.`);
    if (c.enum !== undefined && !c.enum.includes(value)) say(field.name, `« ${value} » n'est pas une valeur permise (${c.enum.join(' | ')}).`);
    switch (field.type) {
      case 'number': {
        const number = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
        if (Number.isNaN(number)) say(field.name, `« ${value} » n'est pas un nombre (point décimal).`);
        else {
          if (c.minimum !== undefined && number < c.minimum) say(field.name, `${value} est inférieur au minimum ${c.minimum}.`);
          if (c.maximum !== undefined && number > c.maximum) say(field.name, `${value} est supérieur au maximum ${c.maximum}.`);
        }
        break;
      }
      case 'date':
        if (!isPlainDate(value)) say(field.name, `« ${value} » n'est pas une date AAAA-MM-JJ.`);
        break;
      case 'boolean':
        if (![...(field.trueValues ?? ['true']), ...(field.falseValues ?? ['false'])].includes(value)) say(field.name, `« ${value} » n'est pas une valeur booléenne permise.`);
        break;
      default:
        break;
    }
  }
  for (const check of schema.custom_checks ?? []) {
    if (check.name !== 'french-siret-value') continue;
    const value = Object.hasOwn(row, check.params.column) ? row[check.params.column] ?? '' : '';
    const problem = value === '' ? undefined : siretProblem(value);
    if (problem !== undefined) say(check.params.column, problem);
  }
  return problems;
}
