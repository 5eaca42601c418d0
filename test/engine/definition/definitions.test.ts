/**
 * Every definition the project ships validates: no error (warnings are allowed, as in CI).
 */
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';

const repository = await loadRepository('definitions');

describe('definitions/', () => {
  it('has no validation error', () => {
    const errors = repository.findings
      .filter((finding) => finding.severity === 'error')
      .map((finding) => `${finding.file}:${finding.line}:${finding.column}: [${finding.code}] ${finding.message}`);
    expect(errors).toEqual([]);
  });

  it('loads every call it defines, resolved', () => {
    for (const call of repository.calls.values()) {
      expect(call.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(call.definition.id).toBe(call.id);
      expect(JSON.stringify(call.definition)).not.toContain('"use"');
    }
  });

  it('resolves the calls written with extends through their parents', () => {
    for (const call of repository.calls.values()) {
      expect(call.definition).not.toHaveProperty('extends');
      for (const parent of call.parents) expect(repository.calls.has(parent)).toBe(true);
    }
  });
});
