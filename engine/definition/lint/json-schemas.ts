/**
 * Embedded JSON Schemas (eligibility rules, event payloads, schema guards) must compile with ajv in strict
 * mode, so that a misspelt keyword (`requird`) is an error rather than a rule silently ignored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv, ErrorObject } from 'ajv';
import localizeFrModule from 'ajv-i18n/localize/fr/index.js';
import type { Rules } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { getAtPointer, splitPointer } from '../json-pointer.ts';
import { suggest, unknownValueMessage } from '../schema-errors.ts';
import { CACHE_DIR } from '../../cache/index.ts';
import { finding, type LintContext } from './lint-context.ts';

type Localize = (errors?: ErrorObject[] | null) => void;
const localizeFr = ((localizeFrModule as unknown as { default?: Localize }).default ?? localizeFrModule) as Localize;

let ajv: Ajv | undefined;

/** The ajv that checks embedded schemas: strict about keywords, lenient about omitted types. */
function embeddedAjv(): Ajv {
  if (ajv !== undefined) return ajv;
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  ajv = new AjvClass({ strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, validateFormats: false, addUsedSchema: false, verbose: true });
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
    const problem = compileProblem(schema);
    if (problem === undefined) return [];
    const onKey = problem.at === '' || problem.message.startsWith('mot-clé');
    return [finding(context, 'schema-json-invalide', 'error', pointer + problem.at, `Schéma JSON invalide : ${problem.message}`, onKey)];
  });
}

type Verdict = { at: string; message: string } | null;

/** Why ajv refuses `schema` (and where in it), or undefined; remembered per schema text, on disk too. */
function compileProblem(schema: Record<string, unknown>): { at: string; message: string } | undefined {
  const verdicts = verdictCache();
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
  const known = verdicts.get(key);
  if (known !== undefined) {
    verdicts.delete(key);
    verdicts.set(key, known); // most recently used last
    return known ?? undefined;
  }
  const ajv = embeddedAjv();
  let verdict: { at: string; message: string } | undefined;
  if (!ajv.validateSchema(schema)) {
    verdict = explainMetaErrors(ajv.errors ?? []);
  } else {
    try {
      ajv.compile(schema);
    } catch (error) {
      const keyword = /unknown keyword: "([^"]+)"/.exec(String(error))?.[1];
      verdict = { at: keyword === undefined ? '' : (findKey(schema, keyword, '') ?? ''), message: explain(error) };
    }
  }
  verdicts.set(key, verdict ?? null);
  // Bounded: schemas posted by strangers must not grow the cache without end (least recently used dropped).
  for (const oldest of verdicts.keys()) {
    if (verdicts.size <= MAX_VERDICTS) break;
    verdicts.delete(oldest);
  }
  saveVerdicts();
  return verdict;
}

// Compiling every embedded schema costs more than all the rest of a validation: verdicts are kept on disk,
// keyed by the schema's text (and ajv's version through the file name).
const VERDICTS_FILE = join(CACHE_DIR, `embedded-schemas-${(createRequire(import.meta.url)('ajv/package.json') as { version: string }).version}.json`);
let verdicts: Map<string, Verdict> | undefined;
/** The most verdicts kept (the shipped definitions embed about a hundred schemas; an entry is ~100 bytes). */
const MAX_VERDICTS = 4096;
let saving: NodeJS.Timeout | undefined;

function verdictCache(): Map<string, Verdict> {
  if (verdicts === undefined) {
    try {
      verdicts = new Map(Object.entries(JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as Record<string, Verdict>));
    } catch {
      verdicts = new Map();
    }
  }
  return verdicts;
}

/** Writes the verdicts once the current validation is over (one write per run). */
function saveVerdicts(): void {
  if (saving !== undefined) return;
  saving = setTimeout(() => {
    saving = undefined;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const temporary = `${VERDICTS_FILE}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(Object.fromEntries(verdictCache())));
      renameSync(temporary, VERDICTS_FILE);
    } catch {
      // A read-only checkout only loses the cache.
    }
  }, 0);
}

/** The first meta-schema error, in French: an unknown value with the allowed ones, else ajv's message translated. */
function explainMetaErrors(errors: ErrorObject[]): { at: string; message: string } {
  const first = errors.find((error) => error.keyword === 'enum') ?? errors.find((error) => error.keyword !== 'anyOf') ?? errors[0];
  if (first === undefined) return { at: '', message: 'refusé par ajv.' };
  const at = first.instancePath;
  const keyword = splitPointer(at).at(-1) ?? '';
  if (first.keyword === 'enum') {
    const allowed = (first.params.allowedValues as unknown[]).map(String);
    const value = String(getAtPointer(first.data, '') ?? '');
    return { at, message: `${keyword ? `« ${keyword} » : ` : ''}${lowerFirst(unknownValueMessage(value, allowed))}` };
  }
  const copy = { ...first };
  localizeFr([copy]);
  return { at, message: `${keyword ? `« ${keyword} » ` : 'le schéma '}${copy.message ?? 'est invalide'}.` };
}

/** The pointer of the first place where an object has `key` (depth first). */
function findKey(node: unknown, key: string, pointer: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (!Array.isArray(node) && Object.hasOwn(node, key)) return childPointer(pointer, key);
  for (const [name, child] of Object.entries(node)) {
    const found = findKey(child, key, childPointer(pointer, name));
    if (found !== undefined) return found;
  }
  return undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
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
