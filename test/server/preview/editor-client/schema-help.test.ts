/**
 * The editor's completion and hover documentation, read from the definition schema: on the definitions the
 * project ships (every key documented in French, never an internal definition name) and on text being typed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../../engine/definition/index.ts';
import { schemaHelp, type SchemaNode } from '../../../../server/preview/editor-client/schema-help.ts';

const schema = JSON.parse(readFileSync('schema/definition.schema.json', 'utf8')) as SchemaNode & { definitions: Record<string, SchemaNode & { title?: string }> };
const help = schemaHelp(schema);
/** Internal names: definition keys and the type names derived from them. */
const internal = new Set(Object.keys(schema.definitions).flatMap((name) => [name, name[0]!.toUpperCase() + name.slice(1)]));

/** Every `key:` written in a YAML text (block or flow), with the offset of its first letter. */
function keysOf(text: string): Array<{ key: string; offset: number; line: number }> {
  const found: Array<{ key: string; offset: number; line: number }> = [];
  let offset = 0;
  for (const [index, line] of text.split('\n').entries()) {
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const match of code.matchAll(/(?:^\s*(?:-\s+)?|[{,]\s*)([A-Za-z$][\w$-]*):(?=\s|$)/g)) {
      found.push({ key: match[1]!, offset: offset + match.index! + match[0].length - match[1]!.length - 1, line: index + 1 });
    }
    offset += line.length + 1;
  }
  return found;
}

describe('hover documentation', () => {
  it('never shows an internal definition name over a key of the shipped definitions, and documents each key of the language', async () => {
    const repository = await loadRepository('definitions');
    const undocumented: string[] = [];
    for (const file of repository.files) {
      const text = repository.sources.get(file) ?? readFileSync(file, 'utf8');
      for (const { key, offset, line } of keysOf(text)) {
        const doc = help.hover(text, offset + 1);
        if (doc === undefined) {
          // Ids of collections and keys inside an embedded JSON Schema are data: the editor does not propose them.
          // A key it proposes at that place is a key of the language, and must be documented.
          const proposed = help.complete(text, offset + key.length)?.options.some((option) => option.label === key) ?? false;
          if (proposed) undocumented.push(`${file}:${line} ${key} (sans documentation)`);
          continue;
        }
        for (const paragraph of doc.paragraphs) {
          if (paragraph.trim() === '' || [...internal].some((name) => paragraph === name) || /\wPatch\b/.test(paragraph)) undocumented.push(`${file}:${line} ${key}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('documents the keys of a call and of a child call, and the enumerated value under the pointer', () => {
    const text = 'kind: call\nextends: prevention-expulsions-2024\nid: essai-2026\nstatus: draft\nwindows:\n  ami:\n    application: { start: 2026-01-12, end: 2026-02-13 }\n';
    expect(help.hover(text, text.indexOf('extends') + 2)?.paragraphs[0]).toContain("Appel de l'année précédente");
    const status = help.hover(text, text.indexOf('draft') + 1);
    expect(status?.paragraphs).toEqual(['draft (brouillon), published (publié), closed (clos).', 'draft : brouillon : ne reçoit ni candidature ni orientation']);
    expect(help.hover(text, text.indexOf('start') + 1)?.paragraphs[0]).toBe('Premier jour (inclus).');
  });
});

describe('completion', () => {
  it('proposes the keys a map may still hold, each with its French description', () => {
    const text = 'kind: call\nid: essai\nsta';
    const result = help.complete(text, text.length);
    expect(result?.from).toBe(text.length - 3);
    const labels = result!.options.map((option) => option.label);
    expect(labels).toContain('status');
    expect(labels).not.toContain('id');
    expect(labels).not.toContain('kind');
    expect(result!.options.every((option) => option.documentation !== '')).toBe(true);
  });

  it('proposes the keys of a nested map from the indentation, and of a tagged union from its kind', () => {
    const window = 'kind: call\nwindows:\n  ami:\n    ';
    expect(help.complete(window, window.length)?.options.map((option) => option.label)).toEqual(expect.arrayContaining(['application', 'agreement', 'territories']));
    const tariff = 'kind: call\nmeasures:\n  em:\n    tariff: { kind: perAct, pr }\n';
    const labels = help.complete(tariff, tariff.indexOf('pr }') + 2)?.options.map((option) => option.label);
    expect(labels).toContain('price');
    expect(labels).not.toContain('amount');
  });

  it('proposes the values of a key with their French descriptions', () => {
    const text = 'kind: call\nstatus: pu';
    const result = help.complete(text, text.length);
    expect(result?.from).toBe(text.length - 2);
    expect(result?.options).toContainEqual({ label: 'published', kind: 'value', documentation: 'publié : ouvert selon ses fenêtres' });
  });
});
