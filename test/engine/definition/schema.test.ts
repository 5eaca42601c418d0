/**
 * The definition schema itself: it compiles with ajv in strict mode, and the generated types are current.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAjv, DEFINITION_SCHEMA_PATH } from '../../../engine/definition/schema-compiler.ts';

const schema = JSON.parse(readFileSync(DEFINITION_SCHEMA_PATH, 'utf8')) as Record<string, unknown> & {
  definitions: Record<string, Record<string, unknown>>;
};

describe('definition schema', () => {
  it('compiles with ajv in strict mode (draft-07, formats, discriminators)', () => {
    const ajv = createAjv();
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('gives every definition a title, so that the generated types have names', () => {
    const untitled = Object.entries(schema.definitions).filter(([, definition]) => typeof definition.title !== 'string');
    expect(untitled.map(([name]) => name)).toEqual([]);
  });

  it('dispatches tagged unions on kind with a discriminator', () => {
    for (const name of ['effect', 'guard', 'tariff', 'grant', 'payment']) {
      expect(schema.definitions[name]?.discriminator).toEqual({ propertyName: 'kind' });
    }
    expect(schema.discriminator).toEqual({ propertyName: 'kind' });
  });

  it('has generated types that match it (npm run gen:types)', () => {
    expect(() => execFileSync(process.execPath, ['bin/gen-types.js', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
