/**
 * The ajv instance that checks messages and data at run time, with French messages that never quote the
 * values checked (household data is sensitive).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeFrModule from 'ajv-i18n/localize/fr/index.js';

// Both packages are CommonJS: their default export arrives wrapped under tsx/NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
type Localize = (errors?: ErrorObject[] | null) => void;
const localizeFr = ((localizeFrModule as unknown as { default?: Localize }).default ?? localizeFrModule) as Localize;

let shared: Ajv | undefined;

/** Compiles a JSON Schema of a definition (payloads, eligibility rules, schema guards). */
export function compileSchema(schema: object): ValidateFunction {
  shared ??= addFormats(new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }));
  return shared.compile(schema);
}

/** One French line per problem, located by its JSON pointer (`/semaines : doit être >= 1`), without values. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  if (!errors || errors.length === 0) return [];
  const copy = errors.map((e) => ({ ...e }));
  localizeFr(copy);
  return copy.map((e) => {
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : '';
    const where = `${e.instancePath}${missing}` || '(message)';
    return `${where} : ${e.message ?? 'invalide'}`;
  });
}
