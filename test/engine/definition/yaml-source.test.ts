import { describe, expect, it } from 'vitest';
import { parseCacheSize } from '../../../engine/definition/parse-cache.ts';
import { parseYamlSource } from '../../../engine/definition/yaml-source.ts';

const text = ['kind: call', 'windows:', '  ami-1:', '    territories: [arras, lens]', '    note:', 'empty: ~', ''].join('\n');

describe('parseYamlSource', () => {
  const { document, findings } = parseYamlSource(text, 'appel.yaml');

  it('gives the plain value', () => {
    expect(findings).toEqual([]);
    expect(document.value).toEqual({ kind: 'call', windows: { 'ami-1': { territories: ['arras', 'lens'], note: null } }, empty: null });
  });

  it('locates a scalar value, a flow sequence item and a block mapping by its key', () => {
    expect(document.locate('/kind')).toEqual({ file: 'appel.yaml', line: 1, column: 7 });
    expect(document.locate('/windows/ami-1/territories/1')).toEqual({ file: 'appel.yaml', line: 4, column: 26 });
    expect(document.locate('/windows/ami-1')).toEqual({ file: 'appel.yaml', line: 3, column: 3 });
    expect(document.locate('/windows/ami-1/territories', { key: true })).toEqual({ file: 'appel.yaml', line: 4, column: 5 });
  });

  it('locates an empty value at its key, and a missing pointer at its nearest ancestor', () => {
    expect(document.locate('/windows/ami-1/note')).toEqual({ file: 'appel.yaml', line: 5, column: 5 });
    expect(document.has('/windows/ami-1/application')).toBe(false);
    expect(document.locate('/windows/ami-1/application/start')).toEqual({ file: 'appel.yaml', line: 3, column: 3 });
  });

  it('reports syntax errors in French at their line and column', () => {
    const broken = parseYamlSource('kind: call\nid: a\nid: b\n', 'double.yaml');
    expect(broken.findings).toMatchObject([{ code: 'yaml-syntaxe', severity: 'error', file: 'double.yaml', line: 3, column: 1 }]);
    expect(broken.findings[0]?.message).toContain('clé en double');
    const unclosed = parseYamlSource('kind: call\ntitle: "pas fermé\n', 'guillemet.yaml');
    expect(unclosed.findings[0]).toMatchObject({ code: 'yaml-syntaxe', message: expect.stringContaining('guillemet') });
  });

  it('locates the same from the parse cache as from a fresh parse', () => {
    const unique = `# ${Math.random()}\n${text}`;
    const fresh = parseYamlSource(unique, 'frais.yaml', { cache: true }).document;
    const before = parseCacheSize().entries;
    const cached = parseYamlSource(unique, 'cache.yaml', { cache: true }).document;
    expect(parseCacheSize().entries).toBe(before);
    expect(cached.value).toEqual(fresh.value);
    for (const pointer of ['', '/kind', '/windows/ami-1', '/windows/ami-1/territories/1', '/windows/ami-1/note', '/absent']) {
      expect({ ...cached.locate(pointer), file: '' }).toEqual({ ...fresh.locate(pointer), file: '' });
      expect(cached.locate(pointer, { key: true }).line).toBe(fresh.locate(pointer, { key: true }).line);
    }
  });

  it('keeps no parse of a text that is not a file on disk (a posted text)', () => {
    const before = parseCacheSize();
    parseYamlSource(`# ${Math.random()}\n${text}`, 'poste.yaml');
    expect(parseCacheSize()).toEqual(before);
  });
});
