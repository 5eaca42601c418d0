/**
 * Values written against fields: an indicator's filter (`where`), an eligibility rule's `const`/`enum`, a
 * schema guard's `data` constraints must be values the field can hold (a value of an enum field, a boolean
 * for a yes/no field…). Otherwise the filter counts nothing, the rule refuses everyone, the guard never passes.
 */
import type { Field, Indicator, Rule } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { finding, knownHint, type LintContext } from './lint-context.ts';

type Fields = Record<string, Field> | undefined;

const NUMERIC = new Set<Field['type']>(['integer', 'number', 'money']);
const TEXT = new Set<Field['type']>(['string', 'date', 'birthdate', 'territory']);

/** Why `value` cannot be a value of `field` (French), or undefined when it can. */
export function fieldValueProblem(name: string, field: Field, value: unknown): string | undefined {
  if (field.type === 'enum') {
    const values = Object.keys(field.values ?? {});
    if (values.includes(String(value))) return undefined;
    return `La valeur « ${String(value)} » n'est pas une valeur du champ « ${name} » (${field.label})${knownHint(String(value), values)}`;
  }
  if (field.type === 'boolean' && typeof value !== 'boolean') return `Le champ « ${name} » (${field.label}) vaut true ou false, et non « ${String(value)} ».`;
  if (NUMERIC.has(field.type) && typeof value !== 'number') return `Le champ « ${name} » (${field.label}) est un nombre${field.type === 'money' ? ' (en centimes)' : ''}, et non « ${String(value)} ».`;
  if (TEXT.has(field.type) && typeof value !== 'string') return `Le champ « ${name} » (${field.label}) est un texte (${field.type}), et non ${String(value)}.`;
  return undefined;
}

/** The values an embedded JSON Schema allows for each property (`const`, `enum`), with their pointers. */
function schemaValues(schema: unknown, pointer: string): Array<{ name: string; value: unknown; pointer: string }> {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (properties === undefined || properties === null || typeof properties !== 'object') return [];
  const found: Array<{ name: string; value: unknown; pointer: string }> = [];
  for (const [name, property] of Object.entries(properties)) {
    if (property === null || typeof property !== 'object') continue;
    const at = childPointer(`${pointer}/properties`, name);
    const { const: only, enum: allowed } = property as { const?: unknown; enum?: unknown[] };
    if (only !== undefined) found.push({ name, value: only, pointer: `${at}/const` });
    if (Array.isArray(allowed)) allowed.forEach((value, index) => found.push({ name, value, pointer: `${at}/enum/${index}` }));
  }
  return found;
}

/** Checks every value written against a declared field. */
export function lintFieldValues(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  const check = (fields: Fields, name: string, value: unknown, pointer: string) => {
    const field = Object.hasOwn(fields ?? {}, name) ? fields?.[name] : undefined;
    if (field === undefined) return;
    const problem = fieldValueProblem(name, field, value);
    if (problem !== undefined) findings.push(finding(context, 'valeur-hors-champ', 'error', pointer, problem));
  };
  const rules = (list: Record<string, Rule> | undefined, fields: Fields, pointer: string) => {
    for (const [id, rule] of Object.entries(list ?? {})) {
      for (const item of schemaValues(rule.schema, `${childPointer(pointer, id)}/schema`)) check(fields, item.name, item.value, item.pointer);
    }
  };
  const { call } = context;
  rules(call.applicants.eligibility, call.applicants.fields, '/applicants/eligibility');
  for (const [id, measure] of Object.entries(call.measures ?? {})) {
    const pointer = childPointer('/measures', id);
    const fields = measure.beneficiary?.fields;
    rules(measure.beneficiary?.eligibility, fields, `${pointer}/beneficiary/eligibility`);
    for (const [guardId, guard] of Object.entries(measure.lifecycle?.guards ?? {})) {
      if (guard.kind !== 'schema') continue;
      const data = (guard.schema as { properties?: { data?: unknown } }).properties?.data;
      for (const item of schemaValues(data, `${childPointer(`${pointer}/lifecycle/guards`, guardId)}/schema/properties/data`)) check(fields, item.name, item.value, item.pointer);
    }
  }
  for (const [id, indicator] of Object.entries(call.indicators ?? {})) {
    const fields = indicatorFields(context, indicator);
    for (const [name, value] of Object.entries(indicator.where ?? {})) check(fields, name, value, childPointer(`${childPointer('/indicators', id)}/where`, name));
  }
  return findings;
}

/** The declared fields an indicator filters on: the applicant's, or its measures' (one measure, or all). */
function indicatorFields(context: LintContext, indicator: Indicator): Fields {
  const { call } = context;
  if (indicator.of === 'applications') return call.applicants.fields;
  if (indicator.of === 'reports') return undefined;
  const measures = Object.entries(call.measures ?? {}).filter(([id]) => indicator.measure === undefined || id === indicator.measure);
  const merged: Record<string, Field> = {};
  for (const [, measure] of measures) Object.assign(merged, measure.beneficiary?.fields ?? {});
  // An event indicator may also filter on the event's message, whose fields are not declared as fields.
  return indicator.of === 'events' ? Object.fromEntries(Object.entries(merged).filter(([name]) => !payloadNames(context, indicator).has(name))) : merged;
}

function payloadNames(context: LintContext, indicator: Indicator): Set<string> {
  const lifecycle = indicator.measure === undefined ? undefined : context.call.measures?.[indicator.measure]?.lifecycle;
  const payload = indicator.event === undefined ? undefined : lifecycle?.events?.[indicator.event]?.payload;
  return new Set(Object.keys((payload as { properties?: object } | undefined)?.properties ?? {}));
}
