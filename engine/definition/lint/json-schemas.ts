/**
 * Embedded JSON Schemas (eligibility rules, event payloads, schema guards) must compile with ajv in strict
 * mode, so that a misspelt keyword (`requird`) is an error rather than a rule silently ignored.
 */
import { Ajv } from 'ajv';
import type { Rules } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { suggest } from '../schema-errors.ts';
import { finding, type LintContext } from './lint-context.ts';

let ajv: Ajv | undefined;

/** The ajv that checks embedded schemas: strict about keywords, lenient about omitted types. */
function embeddedAjv(): Ajv {
  ajv ??= new Ajv({ strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, validateFormats: false, addUsedSchema: false });
  return ajv;
}

const KEYWORDS = [
  'type', 'properties', 'required', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else',
  'items', 'minItems', 'maxItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
  'maxLength', 'pattern', 'format', 'additionalProperties', 'title', 'description', 'default', 'contains',
  'uniqueItems', 'propertyNames', 'dependencies', 'multipleOf', 'minProperties', 'maxProperties', 'examples',
];

/** Checks that every embedded schema of the call compiles. */
export function lintJsonSchemas(context: LintContext): Finding[] {
  const schemas: { schema: Record<string, unknown>; pointer: string }[] = [];
  const rules = (value: Rules | undefined, pointer: string) => {
    for (const [id, rule] of Object.entries(value ?? {})) schemas.push({ schema: rule.schema, pointer: `${childPointer(pointer, id)}/schema` });
  };
  const { call } = context;
  rules(call.applicants.eligibility, '/applicants/eligibility');
  for (const [id, measure] of Object.entries(call.measures ?? {})) {
    const pointer = childPointer('/measures', id);
    rules(measure.beneficiary?.eligibility, `${pointer}/beneficiary/eligibility`);
  }
  const lifecycles = [
    ...Object.entries(call.measures ?? {}).map(([id, measure]) => ({ lifecycle: measure.lifecycle, pointer: `${childPointer('/measures', id)}/lifecycle` })),
    { lifecycle: call.lifecycles?.application, pointer: '/lifecycles/application' },
    { lifecycle: call.lifecycles?.report, pointer: '/lifecycles/report' },
  ];
  for (const { lifecycle, pointer } of lifecycles) {
    for (const [id, event] of Object.entries(lifecycle?.events ?? {})) {
      if (event.payload !== undefined) schemas.push({ schema: event.payload, pointer: `${childPointer(`${pointer}/events`, id)}/payload` });
    }
    for (const [id, guard] of Object.entries(lifecycle?.guards ?? {})) {
      if (guard.kind === 'schema') schemas.push({ schema: guard.schema, pointer: `${childPointer(`${pointer}/guards`, id)}/schema` });
    }
  }
  return schemas.flatMap(({ schema, pointer }) => {
    try {
      embeddedAjv().compile(schema);
      return [];
    } catch (error) {
      return [finding(context, 'schema-json-invalide', 'error', pointer, `Schéma JSON invalide : ${explain(error)}`, true)];
    }
  });
}

function explain(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const unknownKeyword = /unknown keyword: "([^"]+)"/.exec(text);
  if (unknownKeyword?.[1] !== undefined) {
    const keyword = unknownKeyword[1];
    const suggestion = suggest(keyword, KEYWORDS);
    return `mot-clé « ${keyword} » inconnu${suggestion === undefined ? '.' : ` : vouliez-vous dire « ${suggestion} » ?`}`;
  }
  const invalid = /^schema is invalid: (.*)$/.exec(text);
  if (invalid?.[1] !== undefined) return `${invalid[1].replace(/^data/, 'schéma')} (ajv).`;
  return `${text} (ajv).`;
}
