/**
 * The definition JSON Schema compiled once per process by ajv (strict mode, draft-07, formats, discriminators).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** Where the one definition schema lives. */
export const DEFINITION_SCHEMA_PATH = new URL('../../schema/definition.schema.json', import.meta.url);

// ajv-formats is CommonJS: its default export arrives wrapped under tsx/NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Creates an ajv instance configured like the validator (strict, all errors, verbose, discriminators). */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    verbose: true,
    discriminator: true,
    allowUnionTypes: true,
  });
  // An editor annotation (VS Code): the French message shown when a pattern does not match.
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  addFormats(ajv);
  return ajv;
}

/** The compiled definition validator and the ajv instance that owns it (to reach sub-schemas). */
export interface CompiledDefinitionSchema {
  ajv: Ajv;
  schema: Record<string, unknown>;
  validate: ValidateFunction;
  /** The validator of a sub-schema of the definition schema, by JSON pointer (`#/definitions/state`). */
  subschema(pointer: string): ValidateFunction | undefined;
}

let compiled: CompiledDefinitionSchema | undefined;

/** The definition schema, compiled on first use and then reused. */
export function definitionSchema(): CompiledDefinitionSchema {
  if (compiled !== undefined) return compiled;
  const schema = JSON.parse(readFileSync(DEFINITION_SCHEMA_PATH, 'utf8')) as Record<string, unknown> & { $id: string };
  const ajv = createAjv();
  const validate = ajv.compile(schema);
  const subschema = (pointer: string) => ajv.getSchema(`${schema.$id}${pointer}`);
  compiled = { ajv, schema, validate, subschema };
  return compiled;
}

/** Validates `value` against the definition schema; ajv's raw errors (empty when valid). */
export function schemaErrors(value: unknown): ErrorObject[] {
  const { validate } = definitionSchema();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
