/**
 * The fields of a definition (applicant, beneficiary) as a JSON Schema, so that the data given at creation
 * is checked like a message: types, enums, required fields, and no field the definition does not declare.
 */
import type { ValidateFunction } from 'ajv';
import type { Field, Fields } from '../definition/definition-types.ts';
import { assertNever } from '../errors.ts';
import { MAX_AMOUNT_CENTS } from '../money/bounds.ts';
import { compileSchema } from './ajv.ts';

function fieldSchema(field: Field): Record<string, unknown> {
  const title = { title: field.label };
  switch (field.type) {
    case 'string':
    case 'territory':
      return { ...title, type: 'string' };
    case 'integer':
      return { ...title, type: 'integer' };
    case 'number':
      return { ...title, type: 'number' };
    case 'boolean':
      return { ...title, type: 'boolean' };
    case 'money':
      return { ...title, type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS };
    case 'date':
    case 'birthdate':
      return { ...title, type: 'string', format: 'date' };
    case 'enum':
      return { ...title, enum: Object.keys(field.values ?? {}) };
    case 'list':
      return { ...title, type: 'array', items: { type: 'string' } };
    default:
      return assertNever(field.type);
  }
}

/** The JSON Schema of data made of these fields. */
export function fieldsSchema(fields: Fields | undefined): Record<string, unknown> {
  const entries = Object.entries(fields ?? {});
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(entries.map(([id, field]) => [id, fieldSchema(field)])),
    required: entries.filter(([, field]) => field.required).map(([id]) => id),
  };
}

/** A validator of data made of these fields. */
export function compileFields(fields: Fields | undefined): ValidateFunction {
  return compileSchema(fieldsSchema(fields));
}
