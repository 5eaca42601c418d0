/**
 * One driver for every broken definition of test/fixtures/broken/: each file states, in `# attendu:` lines
 * at its top, exactly the findings (line:column severity code) the validator must report for it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';

const ROOT = 'test/fixtures/broken';
const repository = await loadRepository(ROOT);
const fixtures = repository.files.filter((file) => !file.includes('/_context/'));

function expectedOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('# attendu:'))
    .map((line) => line.slice('# attendu:'.length).trim());
}

describe('broken definitions', () => {
  it('has fixtures, and a context that is itself valid', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    expect(repository.findings.filter((finding) => finding.file.includes('/_context/'))).toEqual([]);
  });

  it.each(fixtures)('%s reports exactly its expected findings', (file) => {
    const expected = expectedOf(file);
    expect(expected.length, 'a broken fixture states at least one « # attendu: » line').toBeGreaterThan(0);
    const actual = repository.findings
      .filter((finding) => finding.file === file)
      .map((finding) => `${finding.line}:${finding.column} ${finding.severity === 'error' ? 'erreur' : 'avertissement'} ${finding.code}`);
    expect(actual).toEqual(expected);
  });

  it('writes every message in French with a location inside the file', () => {
    for (const finding of repository.findings) {
      expect(finding.message).not.toMatch(/\bmust\b|\bshould\b|\bproperty\b/);
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
    }
  });
});
