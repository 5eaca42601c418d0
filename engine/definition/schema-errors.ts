/**
 * ajv's raw errors made readable: the errors of the branch that was meant (anyOf/oneOf), one finding
 * per problem, in French, at the key or value it concerns.
 */
import type { ErrorObject } from 'ajv';
import localizeFrModule from 'ajv-i18n/localize/fr/index.js';
import { closest, distance } from 'fastest-levenshtein';
import type { Finding, SourceLocation } from './finding.ts';
import { childPointer, getAtPointer, splitPointer } from './json-pointer.ts';
import { definitionAjv, definitionSchemaJson } from './schema-compiler.ts';

type Localize = (errors?: ErrorObject[] | null) => void;
const localizeFr = ((localizeFrModule as unknown as { default?: Localize }).default ?? localizeFrModule) as Localize;

/** Locates a pointer of the validated document (`key: true` for the key rather than the value). */
export type Locator = (pointer: string, options?: { key?: boolean }) => SourceLocation;

/** Turns ajv's errors on `value` into findings located by `locate`. */
export function schemaFindings(errors: ErrorObject[], locate: Locator): Finding[] {
  return pruneBranches(errors).map((error) => toFinding(error, locate));
}

/**
 * Replaces each failed anyOf/oneOf (and the errors of all its branches) by the errors of the branch the
 * author most likely meant: not one whose type differs, then the one with the fewest errors.
 */
function pruneBranches(errors: ErrorObject[]): ErrorObject[] {
  let result = errors.filter((error) => error.keyword !== 'if' && error.keyword !== 'propertyNames');
  for (;;) {
    const index = result.findIndex((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
    if (index === -1) return result;
    const failed = result[index] as ErrorObject;
    let first = index;
    while (first > 0 && isUnder((result[first - 1] as ErrorObject).instancePath, failed.instancePath)) first -= 1;
    result = [...result.slice(0, first), ...bestBranchErrors(failed), ...result.slice(index + 1)];
  }
}

function isUnder(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

const branchValidators = new WeakMap<object, (data: unknown) => ErrorObject[]>();

function bestBranchErrors(failed: ErrorObject): ErrorObject[] {
  const branches = Array.isArray(failed.schema) ? (failed.schema as object[]) : [];
  const candidates = branches.map((branch) => {
    const errors = branchValidator(branch)(failed.data).map((error) => ({
      ...error,
      instancePath: failed.instancePath + error.instancePath,
    }));
    const mismatched = errors.some((error) => error.instancePath === failed.instancePath && error.keyword === 'type');
    return { errors: pruneBranches(errors), mismatched };
  });
  const matching = candidates.filter((candidate) => !candidate.mismatched);
  if (matching.length === 0) {
    const types = candidates.flatMap((candidate) =>
      candidate.errors.filter((error) => error.keyword === 'type').map((error) => String(error.params.type)),
    );
    return [{ ...failed, keyword: 'type', params: { type: [...new Set(types)].join(',') } }];
  }
  matching.sort((a, b) => a.errors.length - b.errors.length);
  return (matching[0] as { errors: ErrorObject[] }).errors;
}

/** A validator for one branch; its local `$ref`s point into the definition schema. */
function branchValidator(branch: object): (data: unknown) => ErrorObject[] {
  const cached = branchValidators.get(branch);
  if (cached !== undefined) return cached;
  const validate = definitionAjv().compile(absoluteRefs(branch, definitionSchemaJson().$id) as object);
  const run = (data: unknown) => (validate(data) ? [] : [...(validate.errors ?? [])]);
  branchValidators.set(branch, run);
  return run;
}

function absoluteRefs(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((item) => absoluteRefs(item, base));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#') ? base + value : absoluteRefs(value, base),
    ]),
  );
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  integer: 'un nombre entier',
  number: 'un nombre',
  boolean: 'vrai ou faux (true ou false)',
  object: 'un objet (des clés et leurs valeurs)',
  array: 'une liste',
  null: 'vide (null)',
};

function toFinding(error: ErrorObject, locate: Locator): Finding {
  const { code, message, pointer, key } = describe(error);
  // Context for the reader: the object that holds a key problem, the value itself otherwise.
  const where = readablePath(key ? error.instancePath : pointer);
  return {
    code,
    severity: 'error',
    message: where === '' ? message : `${message} (dans ${where})`,
    ...locate(pointer, { key }),
    path: pointer,
  };
}

interface Described {
  code: string;
  message: string;
  pointer: string;
  key: boolean;
}

function describe(error: ErrorObject): Described {
  const at = error.instancePath;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  if (error.propertyName !== undefined) {
    const hint = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : 'identifiant invalide';
    return { code: 'nom-invalide', message: `Nom « ${error.propertyName} » invalide : ${lowerFirst(hint)}`, pointer: childPointer(at, error.propertyName), key: true };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const allowed = Object.keys((parent.properties as Record<string, unknown> | undefined) ?? {});
      return { code: 'cle-inconnue', message: unknownKeyMessage(name, allowed), pointer: childPointer(at, name), key: true };
    }
    case 'required': {
      const name = String(error.params.missingProperty);
      const description = describeProperty(parent, name);
      return {
        code: 'cle-manquante',
        message: `Clé obligatoire « ${name} » manquante${description ? ` : ${lowerFirst(description)}` : '.'}`,
        pointer: at,
        key: true,
      };
    }
    case 'pattern': {
      const hint = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `la valeur doit respecter le motif ${String(error.params.pattern)}.`;
      return { code: 'format-invalide', message: `« ${String(error.data)} » : ${lowerFirst(hint)}`, pointer: at, key: false };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      return { code: 'valeur-non-permise', message: unknownValueMessage(String(error.data), allowed), pointer: at, key: false };
    }
    case 'const':
      return { code: 'valeur-non-permise', message: `Valeur « ${String(error.data)} » non permise ici : la valeur attendue est ${JSON.stringify(error.params.allowedValue)}.`, pointer: at, key: false };
    case 'type': {
      // The money definition is recognised by where the rule lives, not by its title (titles are for people).
      if (error.schemaPath.startsWith('#/definitions/money/') && typeof error.data === 'number') {
        return { code: 'type-invalide', message: `Un montant s'écrit en texte, à la française : écrivez « ${frenchMoney(error.data)} » (et non le nombre ${String(error.data)}).`, pointer: at, key: false };
      }
      const expected = String(error.params.type).split(',').map((type) => TYPE_NAMES[type] ?? type);
      return { code: 'type-invalide', message: `La valeur doit être ${expected.join(' ou ')}, et non ${describeValue(error.data)}.`, pointer: at, key: false };
    }
    case 'discriminator':
      return describeDiscriminator(error, parent);
    default: {
      const [copy] = [{ ...error }];
      localizeFr([copy]);
      return { code: 'valeur-invalide', message: `La valeur ${copy.message ?? 'est invalide'}.`, pointer: at, key: false };
    }
  }
}

function describeDiscriminator(error: ErrorObject, parent: Record<string, unknown>): Described {
  const tag = String(error.params.tag);
  const allowed = discriminatorValues(parent, tag);
  const at = error.instancePath;
  if (error.params.tagValue === undefined) {
    return { code: 'cle-manquante', message: `Clé obligatoire « ${tag} » manquante : précisez la nature parmi ${list(allowed)}.`, pointer: at, key: true };
  }
  return {
    code: 'valeur-non-permise',
    message: unknownValueMessage(String(error.params.tagValue), allowed),
    pointer: childPointer(at, tag),
    key: false,
  };
}

function discriminatorValues(parent: Record<string, unknown>, tag: string): string[] {
  const schema = definitionSchemaJson();
  const branches = (parent.oneOf as { $ref?: string }[] | undefined) ?? [];
  return branches.flatMap((branch) => {
    const target = branch.$ref?.startsWith('#') ? getAtPointer(schema, branch.$ref.slice(1)) : branch;
    const value = getAtPointer(target, `/properties/${tag}/const`);
    return typeof value === 'string' ? [value] : [];
  });
}

/** A number as the French money text the schema expects (« 58 € », « 1 234,50 € »). */
function frenchMoney(value: number): string {
  const cents = Math.round(Math.abs(value) * 100);
  const euros = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return cents % 100 === 0 ? `${euros} €` : `${euros},${String(cents % 100).padStart(2, '0')} €`;
}

/** "clé inconnue" with a suggestion among the allowed keys. */
export function unknownKeyMessage(name: string, allowed: string[]): string {
  const suggestion = suggest(name, allowed);
  if (suggestion !== undefined) return `Clé « ${name} » inconnue : vouliez-vous dire « ${suggestion} » ?`;
  return allowed.length > 0 ? `Clé « ${name} » inconnue ici ; clés permises : ${list(allowed)}.` : `Clé « ${name} » inconnue ici.`;
}

/** "valeur non permise" with a suggestion among the allowed values. */
export function unknownValueMessage(value: string, allowed: string[]): string {
  const suggestion = suggest(value, allowed);
  const hint = suggestion !== undefined ? ` : vouliez-vous dire « ${suggestion} » ?` : '.';
  return `Valeur « ${value} » non permise ; valeurs permises : ${list(allowed)}${hint}`;
}

/** The closest candidate when it is close enough to be a typo (or differs only by case). */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const sameCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const best = closest(word, [...candidates]);
  const limit = word.length <= 3 ? 1 : word.length <= 8 ? 2 : 3;
  return distance(lower, best.toLowerCase()) <= limit ? best : undefined;
}

function describeProperty(parent: Record<string, unknown>, name: string): string | undefined {
  const property = (parent.properties as Record<string, Record<string, unknown>> | undefined)?.[name];
  if (property === undefined) return undefined;
  if (typeof property.description === 'string') return property.description;
  if (typeof property.$ref === 'string') {
    const target = getAtPointer(definitionSchemaJson(), property.$ref.slice(1)) as Record<string, unknown> | undefined;
    if (typeof target?.description === 'string') return target.description;
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'vide (null)';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'object') return 'un objet';
  if (typeof value === 'string') return `le texte « ${value} »`;
  return `« ${String(value)} »`;
}

function readablePath(pointer: string): string {
  const segments = splitPointer(pointer);
  return segments.length === 0 ? '' : `« ${segments.join('.')} »`;
}

function list(values: readonly string[]): string {
  return values.map((value) => `« ${value} »`).join(', ');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
