/**
 * JSON Schema validators compiled once and kept as ajv standalone code in {@link CACHE_DIR}, keyed by the
 * hash of the schema, the ajv options and ajv's version: a start with warm caches loads a small CommonJS
 * module instead of instantiating ajv (and compiling its meta-schema) and generating the code again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject, Options } from 'ajv';
import { CACHE_DIR } from './cache-dir.ts';

// ajv itself loads only to compile: a cached validator needs its small runtime helpers, not ajv.
const require = createRequire(import.meta.url);

/** A compiled validator, as ajv's standalone code exports it. */
export type CachedValidate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The ajv options a cached validator may use: data only (a custom keyword or format function is not code ajv can save). */
export type CachedValidatorOptions = Pick<Options, 'allErrors' | 'strict' | 'strictTypes' | 'strictRequired' | 'allowUnionTypes' | 'verbose' | 'discriminator'>;

/** Where the cache lives and what prepares the ajv (tests and the definition validator give theirs). */
export interface CacheSettings {
  /** Default {@link CACHE_DIR}; a folder from which `ajv` resolves (the code requires its runtime helpers). */
  dir?: string;
  /** Adds keywords or formats to the ajv that compiles. */
  prepare?: (ajv: import('ajv').Ajv) => void;
  /**
   * Part of the key: change it when `prepare` changes. (Not the function's text: the compiled build and
   * tsx print it differently, and the two would recompile each other's validator at every start.)
   */
  revision?: string;
}

/** The hash a validator is kept under: ajv's version, the options, the preparation's revision and the schema. */
export function validatorKey(schema: object, options: CachedValidatorOptions = {}, revision = ''): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256').update(`${ajvVersion}\0${JSON.stringify(options)}\0${revision}\0${JSON.stringify(schema)}`).digest('hex').slice(0, 16);
}

/**
 * The validator of `schema`: from the cache when there, else compiled by ajv and saved (a read-only
 * checkout only compiles every time). `name` (kebab-case) names the file; older files of that name go.
 * @example
 * const validate = cachedValidator('tokens-file', TOKENS_FILE_SCHEMA, { allErrors: true });
 * if (!validate(content)) console.log(validate.errors);
 */
export function cachedValidator(name: string, schema: object, options: CachedValidatorOptions = {}, settings: CacheSettings = {}): CachedValidate {
  const dir = settings.dir ?? CACHE_DIR;
  const prefix = `validator-${name}-`;
  const file = join(dir, `${prefix}${validatorKey(schema, options, settings.revision)}.cjs`);
  try {
    return require(file) as CachedValidate;
  } catch {
    // Not compiled yet for this schema (or unreadable): compile below.
  }
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ ...options, code: { source: true } });
  settings.prepare?.(ajv);
  const validate = ajv.compile(schema);
  try {
    const standaloneModule = require('ajv/dist/standalone') as { default?: unknown };
    const standaloneCode = (standaloneModule.default ?? standaloneModule) as (ajv: import('ajv').Ajv, validate: import('ajv').ValidateFunction) => string;
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, standaloneCode(ajv, validate));
    renameSync(temporary, file);
    for (const old of readdirSync(dir)) {
      if (old.startsWith(prefix) && join(dir, old) !== file && !old.endsWith('.tmp')) rmSync(join(dir, old), { force: true });
    }
  } catch {
    // A read-only checkout still validates, only compiling at each start.
  }
  return validate as CachedValidate;
}

/**
 * A validator compiled (or read from the cache) on its first call, not when its module loads.
 * @example
 * const validateFile = lazyValidator('tokens-file', TOKENS_FILE_SCHEMA, { allErrors: true });
 */
export function lazyValidator(name: string, schema: object, options: CachedValidatorOptions = {}, settings: CacheSettings = {}): CachedValidate {
  let validate: CachedValidate | undefined;
  const lazy = ((data: unknown) => {
    validate ??= cachedValidator(name, schema, options, settings);
    const valid = validate(data);
    lazy.errors = validate.errors ?? null;
    return valid;
  }) as CachedValidate;
  return lazy;
}
