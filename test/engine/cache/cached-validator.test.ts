import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_DIR, cachedValidator, lazyValidator, validatorKey } from '../../../engine/cache/index.ts';

// Inside the checkout's cache folder: the saved code requires ajv's runtime helpers from node_modules.
mkdirSync(CACHE_DIR, { recursive: true });
const dir = mkdtempSync(join(CACHE_DIR, 'test-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

const PERSON = { type: 'object', required: ['nom'], additionalProperties: false, properties: { nom: { type: 'string', minLength: 1 } } };

describe('cachedValidator', () => {
  it('compiles a schema once and keeps its code under the hash of the schema and options, then loads it from there', () => {
    const first = cachedValidator('personne', PERSON, { allErrors: true }, { dir });
    expect(first({ nom: 'Dupont' })).toBe(true);
    expect(first({ age: 3 })).toBe(false);
    expect(first.errors?.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'required']);
    const file = join(dir, `validator-personne-${validatorKey(PERSON, { allErrors: true })}.cjs`);
    expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);

    const second = cachedValidator('personne', PERSON, { allErrors: true }, { dir });
    expect(second).toBe(require(file));
    expect(second({ nom: '' })).toBe(false);
  });

  it('compiles again when the schema or the options change, and drops the code of the old schema', () => {
    const changed = { ...PERSON, properties: { nom: { type: 'string', minLength: 2 } } };
    expect(validatorKey(changed)).not.toBe(validatorKey(PERSON));
    expect(validatorKey(PERSON, { allErrors: true })).not.toBe(validatorKey(PERSON));
    expect(validatorKey(PERSON, {}, 'formats-2')).not.toBe(validatorKey(PERSON, {}, 'formats-1'));
    const validate = cachedValidator('personne', changed, { allErrors: true }, { dir });
    expect(validate({ nom: 'A' })).toBe(false);
    expect(readdirSync(dir)).toEqual([`validator-personne-${validatorKey(changed, { allErrors: true })}.cjs`]);
  });

  it('gives a lazy validator the errors of its last call', () => {
    const validate = lazyValidator('personne-paresseuse', PERSON, {}, { dir });
    expect(validate({})).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('required');
    expect(validate({ nom: 'Martin' })).toBe(true);
    expect(validate.errors).toBeNull();
  });
});
