/**
 * `validateText`: one YAML text checked against a repository, as the live editor and the API do.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRepository, validateText } from '../../../engine/definition/index.ts';

const base = await loadRepository('test/fixtures/broken/_context');
const BASE_FILE = 'test/fixtures/broken/_context/base.yaml';

describe('validateText', () => {
  it('returns the resolved call of a valid text that extends a call of the repository', () => {
    const text = 'kind: call\nid: enfant\nextends: base-valide\ntitle: Enfant\nyear: 2025\n';
    const { findings, call } = validateText(text, 'enfant.yaml', base);
    expect(findings).toEqual([]);
    expect(call?.id).toBe('enfant');
    expect(call?.parents).toEqual(['base-valide']);
    expect(call?.definition.year).toBe(2025);
    expect(call?.definition.windows.arras?.territories).toEqual(['arras']);
  });

  it('replaces the file it validates: an edit of a repository file is checked in place', () => {
    const edited = readFileSync(BASE_FILE, 'utf8').replace('target: close', 'target: fermee');
    const { findings, call } = validateText(edited, BASE_FILE, base);
    expect(call).toBeUndefined();
    expect(findings).toMatchObject([
      { code: 'etat-inconnu', severity: 'error', file: BASE_FILE, line: 49, column: 32 },
      { code: 'etat-inaccessible', severity: 'warning', file: BASE_FILE },
    ]);
  });

  it('reports only findings of its own file, syntax errors included', () => {
    const { findings } = validateText('kind: call\nid: [ouvert\n', 'casse.yaml', base);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.file === 'casse.yaml' && finding.code === 'yaml-syntaxe')).toBe(true);
  });

  it('works without a repository (no catalog: territories are unknown)', () => {
    const { findings } = validateText(readFileSync(BASE_FILE, 'utf8'), 'seul.yaml');
    expect(findings.map((finding) => finding.code)).toContain('piece-introuvable');
  });
});
