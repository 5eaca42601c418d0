/**
 * `schema/scenario.schema.json` compiled once, and its errors turned into French findings at file:line.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import localizeFrModule from 'ajv-i18n/localize/fr/index.js';
import { closest, distance } from 'fastest-levenshtein';
import type { Finding, SourceLocation } from '../definition/index.ts';

/** Where the scenario schema lives. */
export const SCENARIO_SCHEMA_PATH = new URL('../../schema/scenario.schema.json', import.meta.url);

type Localize = (errors?: ErrorObject[] | null) => void;
const localizeFr = ((localizeFrModule as unknown as { default?: Localize }).default ?? localizeFrModule) as Localize;

let validator: ValidateFunction | undefined;

function validateScenarioSchema(value: unknown): ErrorObject[] {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as object;
    const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true, verbose: true, allowUnionTypes: true });
    // An editor annotation (VS Code, the preview's editor): the French description of each enumerated value.
    ajv.addKeyword({ keyword: 'enumDescriptions', schemaType: 'array' });
    // An annotation: the French message of a combinator whose raw errors would not help the author.
    ajv.addKeyword({ keyword: 'scenarioMessage', schemaType: 'string' });
    validator = ajv.compile(schema);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** Locates a JSON pointer of the file (the key with `key: true`). */
export type Locate = (pointer: string, options?: { key?: boolean }) => SourceLocation;

/** Validates a parsed scenario file; one French finding per problem, at its line. */
export function scenarioSchemaFindings(value: unknown, locate: Locate): Finding[] {
  const errors = pickBranches(validateScenarioSchema(value));
  const findings = errors.map((error) => toFinding(error, locate));
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.line}:${f.column}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A failed anyOf or not that carries its own French message (`scenarioMessage` in the schema) is said
 * once, without the errors of its branches; `if` errors repeat their `then`/`else` errors and are dropped.
 */
function pickBranches(errors: ErrorObject[]): ErrorObject[] {
  let result = errors.filter((e) => e.keyword !== 'if');
  for (const failed of errors.filter((e) => e.keyword === 'anyOf' && ownMessage(e) !== undefined)) {
    const prefix = `${failed.schemaPath}/`;
    result = result.filter((e) => !(e.instancePath === failed.instancePath && e.schemaPath.startsWith(prefix)));
  }
  return result;
}

/** The French message the schema gives next to a combinator (`scenarioMessage`), if any. */
function ownMessage(error: ErrorObject): string | undefined {
  const message = (error.parentSchema as Record<string, unknown> | undefined)?.scenarioMessage;
  return typeof message === 'string' ? message : undefined;
}

function toFinding(error: ErrorObject, locate: Locate): Finding {
  const { message, pointer, key } = describe(error);
  return { code: 'scenario-invalide', severity: 'error', message, ...locate(pointer, { key }), path: pointer };
}

function describe(error: ErrorObject): { message: string; pointer: string; key: boolean } {
  const at = error.instancePath;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const own = ownMessage(error);
  if (own !== undefined) return { message: own, pointer: at, key: false };
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const allowed = Object.keys((parent.properties as Record<string, unknown> | undefined) ?? {});
      const suggestion = suggest(name, allowed);
      const hint = suggestion !== undefined ? ` : vouliez-vous dire « ${suggestion} » ?` : ` ; clés permises : ${allowed.join(', ')}.`;
      return { message: `Clé « ${name} » inconnue${hint}`, pointer: `${at}/${escape(name)}`, key: true };
    }
    case 'required':
      return { message: `Clé obligatoire « ${String(error.params.missingProperty)} » manquante.`, pointer: at, key: true };
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestion = suggest(String(error.data), allowed);
      const hint = suggestion !== undefined ? ` : vouliez-vous dire « ${suggestion} » ?` : ` ; valeurs permises : ${allowed.join(', ')}.`;
      return { message: `Valeur « ${String(error.data)} » non permise${hint}`, pointer: at, key: false };
    }
    case 'const':
      return { message: `Valeur « ${String(error.data)} » non permise ici : la valeur attendue est « ${String(error.params.allowedValue)} ».`, pointer: at, key: false };
    case 'pattern':
      return { message: `« ${String(error.data)} » : ${patternHint(parent)}`, pointer: at, key: false };
    default: {
      const copy = { ...error };
      localizeFr([copy]);
      return { message: `La valeur ${copy.message ?? 'est invalide'}.`, pointer: at, key: false };
    }
  }
}

function patternHint(schema: Record<string, unknown>): string {
  const description = typeof schema.description === 'string' ? schema.description : '';
  return description !== '' ? `format attendu : ${description}` : 'format invalide.';
}

function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The closest candidate when it looks like a typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, best.length) / 3)));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}
