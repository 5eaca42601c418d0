/**
 * The definition JSON Schema compiled by ajv (strict mode, draft-07, formats, discriminators), once:
 * the generated validation code is cached on disk (keyed by the schema's hash and ajv's version), so that
 * `dispositifs validate` does not pay ajv's compilation at each run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject } from 'ajv';
import { cachedValidator } from '../cache/index.ts';

/** Where the one definition schema lives. */
export const DEFINITION_SCHEMA_PATH = new URL('../../schema/definition.schema.json', import.meta.url);

// ajv loads only to compile (no cached validator yet) or to explain an error: a cached validator needs
// none of it, and ajv is a good part of the start-up cost.
const require = createRequire(import.meta.url);

function unwrap(module: unknown): unknown {
  return (module as { default?: unknown }).default ?? module;
}

/** The options of the ajv that checks definitions (strict, all errors, verbose, discriminators). */
const DEFINITION_AJV_OPTIONS = { strict: true, allErrors: true, verbose: true, discriminator: true, allowUnionTypes: true } as const;

/** Names what {@link prepareDefinitionAjv} adds: change it with the function (it keys the cached validator). */
const DEFINITION_AJV_REVISION = 'patternErrorMessage+enumDescriptions+ajv-formats';

/** Adds what the definition schema uses beyond JSON Schema: editor annotations and formats. */
function prepareDefinitionAjv(ajv: Ajv): void {
  // An editor annotation (VS Code): the French message shown when a pattern does not match.
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  // An editor annotation (VS Code, the preview's editor): the French description of each enumerated value.
  ajv.addKeyword({ keyword: 'enumDescriptions', schemaType: 'array' });
  const addFormats = unwrap(require('ajv-formats')) as (ajv: Ajv) => Ajv;
  addFormats(ajv);
}

/** Creates an ajv instance configured like the validator (strict, all errors, verbose, discriminators). */
export function createAjv(): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass(DEFINITION_AJV_OPTIONS);
  prepareDefinitionAjv(ajv);
  return ajv;
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

let schemaText: string | undefined;
let schemaJson: Record<string, unknown> | undefined;
let validator: Validate | undefined;
let lazyAjv: Ajv | undefined;

/**
 * The definition schema as the validator uses it (read once): for resolved documents only. A resolved
 * document has no `extends` or `use`, so each entry that chooses between a patch and a whole object is
 * replaced by the whole object, and the `*Patch` definitions (for editors) are left out: half the code.
 */
export function definitionSchemaJson(): Record<string, unknown> & { $id: string } {
  schemaText ??= readFileSync(DEFINITION_SCHEMA_PATH, 'utf8');
  schemaJson ??= resolvedOnly(JSON.parse(schemaText) as Record<string, unknown> & { definitions: Record<string, Record<string, unknown>> });
  return schemaJson as Record<string, unknown> & { $id: string };
}

function resolvedOnly(schema: Record<string, unknown> & { definitions: Record<string, Record<string, unknown>> }): Record<string, unknown> {
  const wholeOf = new Map<string, string>();
  for (const [name, definition] of Object.entries(schema.definitions)) {
    const then = (definition.then as { $ref?: string } | undefined)?.$ref;
    const otherwise = (definition.else as { $ref?: string } | undefined)?.$ref;
    if (then?.endsWith('Patch') && otherwise !== undefined) wholeOf.set(`#/definitions/${name}`, otherwise);
  }
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? (wholeOf.get(value) ?? value) : rewrite(value)]),
    );
  };
  const definitions = Object.fromEntries(
    Object.entries(schema.definitions).filter(([name]) => !name.endsWith('Patch') && !wholeOf.has(`#/definitions/${name}`)),
  );
  return rewrite({ ...schema, definitions }) as Record<string, unknown>;
}

/**
 * An ajv that knows the definition schema without compiling all of it: sub-schemas (the branches of an
 * anyOf) compile on demand when an error needs explaining.
 */
export function definitionAjv(): Ajv {
  if (lazyAjv === undefined) {
    lazyAjv = createAjv();
    lazyAjv.addSchema(definitionSchemaJson());
  }
  return lazyAjv;
}

/** The compiled validator: from the disk cache when it matches the schema, else compiled (and cached). */
export function definitionValidator(): Validate {
  validator ??= cachedValidator('definition', definitionSchemaJson(), DEFINITION_AJV_OPTIONS, { prepare: prepareDefinitionAjv, revision: DEFINITION_AJV_REVISION });
  return validator;
}

/** Validates `value` against the definition schema; ajv's raw errors (empty when valid). */
export function schemaErrors(value: unknown): ErrorObject[] {
  const validate = definitionValidator();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
