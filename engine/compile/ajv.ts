/**
 * The ajv instance that checks messages and data at run time, with French messages that never quote the
 * values checked (household data is sensitive).
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import localizeFrModule from 'ajv-i18n/localize/fr/index.js';
import { boundMessage, isPlausibleDate } from '../money/bounds.ts';

// ajv loads with the first schema a call compiles, not when the server starts (CommonJS: required).
const require = createRequire(import.meta.url);
const unwrap = <T>(module: unknown): T => ((module as { default?: T }).default ?? module) as T;
type Localize = (errors?: ErrorObject[] | null) => void;
// CommonJS: its default export arrives wrapped under tsx/NodeNext.
const localizeFr = unwrap<Localize>(localizeFrModule);

let shared: Ajv | undefined;

/** Compiles a JSON Schema of a definition (payloads, eligibility rules, schema guards). */
export function compileSchema(schema: object): ValidateFunction {
  if (shared === undefined) {
    const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
    const addFormats = unwrap<(ajv: Ajv) => Ajv>(require('ajv-formats'));
    shared = addFormats(new AjvClass({ strict: false, allErrors: true, allowUnionTypes: true }));
    // A date of a message or a field is a real day within the plausible range (engine/money/bounds.ts).
    shared.addFormat('date', { type: 'string', validate: isPlausibleDate });
  }
  return shared.compile(schema);
}

/** One French line per problem, located by its JSON pointer (`/semaines : doit être >= 1`), without values. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  if (!errors || errors.length === 0) return [];
  const copy = errors.map((e) => ({ ...e }));
  localizeFr(copy);
  return copy.map((e, index) => {
    const bound = boundMessage(errors[index] as ErrorObject);
    if (bound !== undefined) e.message = bound;
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : '';
    const where = `${e.instancePath}${missing}` || '(message)';
    return `${where} : ${e.message ?? 'invalide'}`;
  });
}
