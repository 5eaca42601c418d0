/**
 * What editors show of the two schemas (the definition language and the scenarios): every key and every
 * enumerated value has a French description, and no title is an internal definition name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Node = Record<string, unknown>;

const SCHEMAS = ['schema/definition.schema.json', 'schema/scenario.schema.json'] as const;

function load(path: string): Node & { definitions: Record<string, Node> } {
  return JSON.parse(readFileSync(path, 'utf8')) as Node & { definitions: Record<string, Node> };
}

/** Calls `visit` on every schema object, with its JSON pointer. */
function walk(node: unknown, pointer: string, visit: (node: Node, pointer: string) => void): void {
  if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${pointer}/${index}`, visit));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Node, pointer);
    for (const [key, value] of Object.entries(node)) walk(value, `${pointer}/${key}`, visit);
  }
}

/** A key's description: its own, or the one of what it refers to, or of its non-null branch. */
function described(schema: { definitions: Record<string, Node> }, node: unknown, depth = 0): boolean {
  if (typeof node !== 'object' || node === null || depth > 6) return node === true;
  const value = node as Node;
  if (typeof value.description === 'string' && value.description.trim() !== '') return true;
  if (typeof value.$ref === 'string') return described(schema, schema.definitions[value.$ref.replace('#/definitions/', '')], depth + 1);
  const branches = (value.anyOf ?? value.oneOf) as unknown[] | undefined;
  return branches !== undefined && branches.filter((branch) => (branch as Node).type !== 'null').every((branch) => described(schema, branch, depth + 1));
}

describe.each(SCHEMAS)('%s', (path) => {
  const schema = load(path);

  it('describes every key in French', () => {
    const missing: string[] = [];
    walk(schema, '', (node, pointer) => {
      if (/\/(if|then|else|not)$/.test(pointer) || typeof node.properties !== 'object' || node.properties === null) return;
      for (const [key, property] of Object.entries(node.properties as Record<string, unknown>)) {
        if (!described(schema, property)) missing.push(`${pointer}/properties/${key}`);
      }
    });
    expect(missing).toEqual([]);
  });

  it('describes every enumerated value in French (enumDescriptions, one per value)', () => {
    const missing: string[] = [];
    walk(schema, '', (node, pointer) => {
      if (!Array.isArray(node.enum)) return;
      const descriptions = node.enumDescriptions;
      node.enum.forEach((value, index) => {
        const text = Array.isArray(descriptions) ? descriptions[index] : undefined;
        if (typeof text !== 'string' || text.trim() === '') missing.push(`${pointer}: ${String(value)}`);
      });
      if (Array.isArray(descriptions) && descriptions.length !== node.enum.length) missing.push(`${pointer}: ${descriptions.length} descriptions pour ${node.enum.length} valeurs`);
    });
    expect(missing).toEqual([]);
  });

  it('titles nothing with an internal definition name (editors show titles on hover)', () => {
    const names = new Set(Object.keys(schema.definitions).flatMap((name) => [name, name[0]!.toUpperCase() + name.slice(1)]));
    const internal: string[] = [];
    walk(schema, '', (node, pointer) => {
      if (typeof node.title === 'string' && (names.has(node.title) || /\wPatch\b/.test(node.title))) internal.push(`${pointer}: ${node.title}`);
    });
    expect(internal).toEqual([]);
  });
});
