/**
 * An indicator of the definition, checked and resolved into a plan: what rows it reads, how it filters
 * them, what it aggregates, and the breakdowns it reports. Pure: no database here.
 */
import type { Call, Indicator } from '../definition/index.ts';
import { assertNever } from '../errors.ts';
import { ageBands, ascendingAges, DEFAULT_AGE_BANDS, type AgeBand } from './age-bands.ts';
import { lifecyclesOf, resolveIndicatorField, type IndicatorField } from './indicator-fields.ts';
import type { JsonScalar } from './sql-dialect.ts';

/**
 * A grouping of the rows: by territory, by Paris month, by operator, by the value of a field, or by the
 * age band of a birthdate at the instance's referral.
 */
export type Dimension =
  | { kind: 'territory' }
  | { kind: 'month' }
  | { kind: 'operator' }
  | { kind: 'field'; field: IndicatorField }
  | { kind: 'age'; field: IndicatorField; bands: AgeBand[] };

/** What a value of an indicator counts: rows, cents, a plain number, or a percentage (a ratio). */
export type IndicatorUnit = 'count' | 'money' | 'number' | 'percent';

/** A `where` filter resolved to its field. */
export interface FieldFilter {
  field: IndicatorField;
  value: JsonScalar;
}

/** A checked indicator, ready to compile to SQL. */
export interface IndicatorPlan {
  id: string;
  indicator: Indicator;
  unit: IndicatorUnit;
  /** The instance kind read (`of: events` reads the events of instances of any kind unless `measure` is set). */
  instanceKind: 'application' | 'measure' | 'report' | undefined;
  /** The field summed or averaged (a ratio's numerator). */
  value?: IndicatorField;
  /** A ratio's denominator, summed over the rows where both fields are filled in. */
  per?: IndicatorField;
  filters: FieldFilter[];
  /** Every dimension the queries group by: the `groupBy` entries in order, then a distribution's field. */
  dimensions: Dimension[];
  /** Each breakdown reported, as indexes into `dimensions` (a distribution's field is in each). */
  breakdowns: number[][];
  /** Every field the indicator reveals or filters on (privacy). */
  fields: IndicatorField[];
}

/** A plan, or what is wrong with the indicator (French). */
export type PlanResult = { ok: true; plan: IndicatorPlan } | { ok: false; message: string };

/**
 * Checks an indicator against its call and resolves its fields.
 * @example
 * const result = planIndicator(call, 'menages-eligibles', call.indicators['menages-eligibles']);
 * if (result.ok) compileIndicator(result.plan, …);
 */
export function planIndicator(call: Call, id: string, indicator: Indicator): PlanResult {
  const fail = (message: string): PlanResult => ({ ok: false, message: `Indicateur « ${id} » : ${message}` });
  if (indicator.measure !== undefined && !call.measures?.[indicator.measure]) {
    return fail(`le type de mesure « ${indicator.measure} » n'existe pas dans l'appel. Choisissez parmi : ${Object.keys(call.measures ?? {}).join(', ') || 'aucun'}.`);
  }
  if (indicator.of === 'events' && indicator.event === undefined && indicator.missedContacts !== true) return fail('of: events demande un événement (event: <identifiant>), sauf pour compter les suivis manqués (missedContacts: true).');
  if (indicator.of !== 'events' && indicator.event !== undefined) return fail(`event ne s'emploie qu'avec of: events (ici of: ${indicator.of}).`);
  if (indicator.late !== undefined && (indicator.of !== 'events' || !lifecyclesOf(call, indicator).some((l) => l.events?.[indicator.event ?? '']?.reportWithin))) {
    return fail(`late compte les déclarations tardives d'un événement soumis à un devoir de signalement (of: events, event avec reportWithin).`);
  }
  if (indicator.missedContacts !== undefined && (indicator.of !== 'events' || !call.measures?.[indicator.measure ?? '']?.rhythm?.some((r) => r.act !== undefined))) {
    return fail(`missedContacts compte les périodes de suivi manquées : of: events, et measure: une mesure dont un rythme (rhythm) nomme l'acte qu'il compte (act).`);
  }

  const fields: IndicatorField[] = [];
  const field = (fieldId: string, role: string): IndicatorField | string => {
    const found = resolveIndicatorField(call, indicator, fieldId);
    if (!found) return `le champ « ${fieldId} » (${role}) n'est déclaré ni dans les données ni dans le message d'un événement.`;
    if (!fields.some((f) => f.id === found.id && f.location === found.location)) fields.push(found);
    return found;
  };

  let value: IndicatorField | undefined;
  let per: IndicatorField | undefined;
  let distribution: IndicatorField | undefined;
  if (indicator.kind !== 'ratio' && (indicator.per !== undefined || indicator.change !== undefined)) {
    return fail(`per et change ne s'emploient qu'avec kind: ratio (ici kind: ${indicator.kind}).`);
  }
  switch (indicator.kind) {
    case 'count':
      break;
    case 'sum':
    case 'average': {
      if (indicator.field === undefined) return fail(`kind: ${indicator.kind} demande le champ à agréger (field: <identifiant>).`);
      const found = field(indicator.field, 'agrégé');
      if (typeof found === 'string') return fail(found);
      if (!NUMERIC.has(found.type)) return fail(`le champ « ${found.id} » est de type ${found.type} : seul un nombre ou un montant se somme ou se moyenne.`);
      value = found;
      break;
    }
    case 'ratio': {
      if (indicator.field === undefined || indicator.per === undefined) return fail('kind: ratio demande un numérateur (field: <champ>) et un dénominateur (per: <champ>).');
      const numerator = field(indicator.field, 'numérateur');
      if (typeof numerator === 'string') return fail(numerator);
      const denominator = field(indicator.per, 'dénominateur');
      if (typeof denominator === 'string') return fail(denominator);
      for (const found of [numerator, denominator]) {
        if (!NUMERIC.has(found.type)) return fail(`le champ « ${found.id} » est de type ${found.type} : un ratio rapporte deux nombres ou deux montants.`);
      }
      value = numerator;
      per = denominator;
      break;
    }
    case 'distribution': {
      if (indicator.field === undefined) return fail('kind: distribution demande le champ réparti (field: <identifiant>).');
      const found = field(indicator.field, 'réparti');
      if (typeof found === 'string') return fail(found);
      distribution = found;
      break;
    }
    default:
      return assertNever(indicator.kind);
  }

  const filters: FieldFilter[] = [];
  for (const [fieldId, expected] of Object.entries(indicator.where ?? {})) {
    if (expected === undefined) continue;
    const found = field(fieldId, 'filtre where');
    if (typeof found === 'string') return fail(found);
    filters.push({ field: found, value: expected });
  }

  const starts = indicator.ageBands ?? DEFAULT_AGE_BANDS;
  if (!ascendingAges(starts)) return fail(`les tranches d'âge (ageBands: ${starts.join(', ')}) doivent être croissantes.`);
  const dimensions: Dimension[] = [];
  for (const entry of indicator.groupBy ?? []) {
    const dimension = parseDimension(entry, (fieldId) => field(fieldId, `ventilation ${entry}`), starts);
    if (typeof dimension === 'string') return fail(dimension);
    if (dimensions.some((d) => dimensionId(d) === dimensionId(dimension))) return fail(`la ventilation « ${entry} » est écrite deux fois.`);
    dimensions.push(dimension);
  }
  const breakdowns = dimensions.map((_, index) => [index]);
  if (distribution) {
    const at = dimensions.length;
    dimensions.push({ kind: 'field', field: distribution });
    breakdowns.forEach((breakdown) => breakdown.push(at));
    breakdowns.unshift([at]);
  }

  const unit: IndicatorUnit =
    indicator.kind === 'count' || indicator.kind === 'distribution' ? 'count' : indicator.kind === 'ratio' ? 'percent' : value?.type === 'money' ? 'money' : 'number';
  const plan: IndicatorPlan = { id, indicator, unit, instanceKind: instanceKindOf(indicator), filters, dimensions, breakdowns, fields };
  if (value) plan.value = value;
  if (per) plan.per = per;
  return { ok: true, plan };
}

/** The stable id of a dimension, as written in `groupBy` (`territory`, `month`, `operator`, `field:<id>`). */
export function dimensionId(dimension: Dimension): string {
  switch (dimension.kind) {
    case 'territory':
    case 'month':
    case 'operator':
      return dimension.kind;
    case 'field':
      return `field:${dimension.field.id}`;
    case 'age':
      return `age:${dimension.field.id}`;
    default:
      return assertNever(dimension);
  }
}

/**
 * True when a dimension has few values (territories, months, operators, an enum, a boolean, age bands):
 * such dimensions share one query whose rows are then added up per breakdown.
 */
export function isBounded(dimension: Dimension): boolean {
  return dimension.kind !== 'field' || dimension.field.type === 'enum' || dimension.field.type === 'boolean' || dimension.field.type === 'territory';
}

const NUMERIC = new Set(['integer', 'number', 'money']);

function parseDimension(entry: string, field: (id: string) => IndicatorField | string, ageStarts: readonly number[]): Dimension | string {
  if (entry === 'territory' || entry === 'month' || entry === 'operator') return { kind: entry };
  if (entry.startsWith('field:')) {
    const found = field(entry.slice('field:'.length));
    if (typeof found !== 'string' && found.type === 'birthdate') {
      return `« ${entry} » ventilerait par date de naissance : écrivez age:${found.id} (tranches d'âge à la date d'orientation).`;
    }
    return typeof found === 'string' ? found : { kind: 'field', field: found };
  }
  if (entry.startsWith('age:')) {
    const found = field(entry.slice('age:'.length));
    if (typeof found === 'string') return found;
    if (found.type !== 'birthdate') return `« ${entry} » : une ventilation par âge lit une date de naissance (type birthdate), or « ${found.id} » est de type ${found.type}.`;
    return { kind: 'age', field: found, bands: ageBands(ageStarts) };
  }
  return `ventilation inconnue « ${entry} » : écrivez territory, month, operator, field:<champ> ou age:<champ>.`;
}

function instanceKindOf(indicator: Indicator): IndicatorPlan['instanceKind'] {
  switch (indicator.of) {
    case 'measures':
      return 'measure';
    case 'applications':
      return 'application';
    case 'reports':
      return 'report';
    case 'events':
      return indicator.measure === undefined ? undefined : 'measure';
    default:
      return assertNever(indicator.of);
  }
}
