/**
 * French labels of breakdowns and of their keys (territory names, months in words, enum labels), and
 * the order rows are shown in.
 */
import type { TerritoryCatalog } from '../definition/index.ts';
import { assertNever } from '../errors.ts';
import { formatMoney } from '../money/index.ts';
import { formatDate } from '../time/index.ts';
import { ageBandStart } from './age-bands.ts';
import { formatMonth } from './french-format.ts';
import type { Dimension } from './indicator-plan.ts';

/** What labels are read from. */
export interface LabelContext {
  territories?: TerritoryCatalog;
  /** Operator names by id, when known. */
  operators?: ReadonlyMap<string, string>;
}

/** The label of a row whose key is missing. */
export const MISSING_LABEL = 'Non renseigné';

/**
 * The French label of a key of a dimension.
 * @example keyLabel({ kind: 'month' }, '2025-05', {}) // 'mai 2025'
 */
export function keyLabel(dimension: Dimension, key: string | null, context: LabelContext): string {
  if (key === null) return MISSING_LABEL;
  switch (dimension.kind) {
    case 'territory':
      return context.territories?.territories.get(key)?.label ?? key;
    case 'month':
      return formatMonth(key);
    case 'operator':
      return context.operators?.get(key) ?? key;
    case 'field': {
      const field = dimension.field;
      switch (field.type) {
        case 'boolean':
          return key === 'true' ? 'Oui' : key === 'false' ? 'Non' : key;
        case 'enum':
          return field.values?.[key] ?? key;
        case 'territory':
          return context.territories?.territories.get(key)?.label ?? key;
        case 'money':
          return Number.isFinite(Number(key)) ? formatMoney(Math.round(Number(key))) : key;
        case 'date':
        case 'birthdate':
          return /^\d{4}-\d{2}-\d{2}$/.test(key) ? formatDate(key) : key;
        default:
          return key;
      }
    }
    case 'age':
      return dimension.bands.find((band) => band.key === key)?.label ?? key;
    default:
      return assertNever(dimension);
  }
}

/**
 * The French title of a breakdown.
 * @example breakdownLabel([{ kind: 'territory' }, { kind: 'month' }]) // 'Par territoire et par mois'
 */
export function breakdownLabel(dimensions: Dimension[]): string {
  return dimensions.map((dimension) => `par ${dimensionLabel(dimension)}`).join(' et ').replace(/^p/, 'P');
}

/** The French name of a dimension (« territoire », « mois », « opérateur », « Issue de l'intervention »). */
export function dimensionLabel(dimension: Dimension): string {
  switch (dimension.kind) {
    case 'territory':
      return 'territoire';
    case 'month':
      return 'mois';
    case 'operator':
      return 'opérateur';
    case 'field':
      return `« ${dimension.field.label} »`;
    case 'age':
      return `âge (« ${dimension.field.label} »)`;
    default:
      return assertNever(dimension);
  }
}

/**
 * Orders two keys of a dimension: months, age bands and numbers ascending, enums in declaration order, other keys
 * by their French label; a missing key last.
 */
export function compareKeys(dimension: Dimension, a: string | null, b: string | null, context: LabelContext): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (dimension.kind === 'month') return a < b ? -1 : 1;
  if (dimension.kind === 'age') return ageBandStart(a) - ageBandStart(b);
  if (dimension.kind === 'field') {
    const field = dimension.field;
    if (field.type === 'enum' && field.values) {
      const order = Object.keys(field.values);
      const [i, j] = [order.indexOf(a), order.indexOf(b)];
      if (i !== -1 || j !== -1) return (i === -1 ? order.length : i) - (j === -1 ? order.length : j);
    }
    if (field.type === 'boolean') return a === 'true' ? -1 : 1;
    if (['integer', 'number', 'money'].includes(field.type) && Number.isFinite(Number(a)) && Number.isFinite(Number(b))) return Number(a) - Number(b);
    if (field.type === 'date' || field.type === 'birthdate') return a < b ? -1 : 1;
  }
  return keyLabel(dimension, a, context).localeCompare(keyLabel(dimension, b, context), 'fr');
}
