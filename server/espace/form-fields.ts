/**
 * Forms generated from the definition: an event's payload schema (JSON Schema) or a call's fields
 * (applicant, beneficiary) become a list of form fields; what a browser posts back becomes the typed
 * message the engine validates. Nothing here knows a call: only the schema's types, titles, enums and
 * formats.
 * @module
 */
import type { Fields } from '../../engine/definition/index.ts';

/** What a field asks for. */
export type FieldInput =
  | { kind: 'text' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'choice'; options: ReadonlyArray<readonly [value: string, label: string]> }
  | { kind: 'list' };

/** One field of a generated form. */
export interface FormField {
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  /** The field's sensitivity when it is not `none` (marked on the form). */
  sensitivity?: string;
  input: FieldInput;
}

type JsonSchema = Readonly<Record<string, unknown>>;

function own<T>(record: unknown, key: string): T | undefined {
  return typeof record === 'object' && record !== null && Object.hasOwn(record, key) ? ((record as Record<string, unknown>)[key] as T) : undefined;
}

/**
 * The fields of an event's payload schema (an object schema; anything else gives no field).
 * @example
 * schemaFields({ type: 'object', required: ['issue'], properties: { issue: { title: 'Issue', enum: ['maintien'] } } })
 * // [{ name: 'issue', label: 'Issue', required: true, input: { kind: 'choice', options: [['maintien', 'maintien']] } }]
 */
export function schemaFields(schema: JsonSchema | undefined): FormField[] {
  const properties = own<Record<string, JsonSchema>>(schema, 'properties');
  if (properties === undefined) return [];
  const required = new Set(own<string[]>(schema, 'required') ?? []);
  return Object.keys(properties).map((name) => {
    const property = properties[name] ?? {};
    const title = own<string>(property, 'title');
    const description = own<string>(property, 'description');
    return { name, label: title ?? name, ...(description === undefined ? {} : { hint: description }), required: required.has(name), input: schemaInput(property) };
  });
}

function schemaInput(property: JsonSchema): FieldInput {
  const values = own<unknown[]>(property, 'enum');
  if (values !== undefined) return { kind: 'choice', options: values.map((v) => [String(v), String(v)] as const) };
  const type = own<string>(property, 'type');
  switch (type) {
    case 'integer': {
      const min = own<number>(property, 'minimum');
      const max = own<number>(property, 'maximum');
      return { kind: 'integer', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    case 'number': return { kind: 'number' };
    case 'boolean': return { kind: 'boolean' };
    case 'array': return { kind: 'list' };
    default: return own<string>(property, 'format') === 'date' ? { kind: 'date' } : { kind: 'text' };
  }
}

/** The fields of a call's applicant or beneficiary. */
export function definitionFields(fields: Fields | undefined): FormField[] {
  return Object.entries(fields ?? {}).map(([name, field]) => {
    const input: FieldInput = (() => {
      switch (field.type) {
        case 'integer': case 'money': return { kind: 'integer', min: 0 };
        case 'number': return { kind: 'number' };
        case 'boolean': return { kind: 'boolean' };
        case 'date': case 'birthdate': return { kind: 'date' };
        case 'enum': return { kind: 'choice', options: Object.entries(field.values ?? {}).map(([value, label]) => [value, label] as const) };
        case 'list': return { kind: 'list' };
        case 'string': case 'territory': return { kind: 'text' };
      }
    })();
    const hint = field.type === 'money' ? [field.description, 'Montant en centimes (1 000,00 € = 100000).'].filter(Boolean).join(' ') : field.description;
    return {
      name, label: field.label, ...(hint === undefined ? {} : { hint }), required: field.required === true,
      ...(field.sensitivity !== undefined && field.sensitivity !== 'none' ? { sensitivity: field.sensitivity } : {}), input,
    };
  });
}

/** A value the browser sent that cannot be read as the field's type. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Reads a posted form back into a message: empty optional fields are left out, numbers and booleans typed.
 * Type mistakes come back as errors at their field (the engine then checks the rest, as for the API).
 */
export function readForm(fields: readonly FormField[], form: Readonly<Record<string, unknown>>): { value: Record<string, unknown>; errors: FieldError[] } {
  const value: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const field of fields) {
    const raw = own<unknown>(form, field.name);
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (field.input.kind === 'boolean') {
      if (text === 'oui') value[field.name] = true;
      else if (text === 'non') value[field.name] = false;
      else if (field.required) errors.push({ field: field.name, message: `Répondez oui ou non à « ${field.label} ».` });
      continue;
    }
    if (text === '') {
      if (field.required) errors.push({ field: field.name, message: `Renseignez « ${field.label} ».` });
      continue;
    }
    switch (field.input.kind) {
      case 'integer': {
        const normalised = text.replace(/[\s\u202f\u00a0]/g, '');
        if (!/^-?\d{1,15}$/.test(normalised)) errors.push({ field: field.name, message: `« ${field.label} » attend un nombre entier, par exemple 12.` });
        else value[field.name] = Number(normalised);
        break;
      }
      case 'number': {
        const normalised = text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
        const n = Number(normalised);
        if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(normalised) || !Number.isFinite(n)) errors.push({ field: field.name, message: `« ${field.label} » attend un nombre, par exemple 12,5.` });
        else value[field.name] = n;
        break;
      }
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) errors.push({ field: field.name, message: `« ${field.label} » attend une date (JJ/MM/AAAA).` });
        else value[field.name] = text;
        break;
      case 'choice':
        if (!field.input.options.some(([v]) => v === text)) errors.push({ field: field.name, message: `Choisissez une valeur de la liste pour « ${field.label} ».` });
        else value[field.name] = text;
        break;
      case 'list':
        value[field.name] = text.split('\n').map((s) => s.trim()).filter((s) => s !== '');
        break;
      case 'text':
        value[field.name] = text;
        break;
    }
  }
  return { value, errors };
}
