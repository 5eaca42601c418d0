/**
 * A keyword of the language that nothing enforces is a defect: every property the definition schema
 * declares must be read by some module of the engine, the server or the CLI other than lint (lint checks a
 * keyword, it does not make it do anything). The check is by name: a property counts as read when a
 * non-lint source file accesses it (`.name`, `['name']`, `name:` in a pattern or a literal, `{ name }`).
 * Only the keys listed below are exempt, each for a stated reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Keys that only document, and why. */
const DOCUMENTATION_ONLY: Record<string, string> = {
  $schema: "l'indication de schéma pour les éditeurs (yaml-language-server) : lue par l'éditeur, pas par le moteur",
};

const ROOTS = ['engine', 'server', 'cli'];
/** Lint, and the generated types (they name every key by construction). */
const EXCLUDED = [join('engine', 'definition', 'lint'), join('engine', 'definition', 'definition-types.ts')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (EXCLUDED.some((excluded) => path === excluded)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every property name the hand-written definitions declare (the derived `*Patch` ones repeat them), with where. */
function schemaProperties(): Map<string, string> {
  const schema = JSON.parse(readFileSync('schema/definition.schema.json', 'utf8')) as { definitions: Record<string, unknown> };
  const names = new Map<string, string>();
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, where));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value !== null && typeof value === 'object') {
        for (const [name, child] of Object.entries(value)) {
          if (!names.has(name)) names.set(name, `${where}/${name}`);
          walk(child, `${where}/${name}`);
        }
      } else {
        walk(value, where);
      }
    }
  };
  for (const [id, definition] of Object.entries(schema.definitions)) if (!id.endsWith('Patch')) walk(definition, `#/definitions/${id}`);
  walk({ ...schema, definitions: undefined }, '#');
  return names;
}

function isRead(name: string, sources: string): boolean {
  const n = name.replace(/[$]/g, '\\$');
  return new RegExp(`(\\.${n}\\b|['"\`]${n}['"\`]|[{,]\\s*${n}\\??\\s*[:,}]|\\b${n}\\??:)`).test(sources);
}

describe('the definition language', () => {
  const sources = ROOTS.flatMap(sourceFiles).map((file) => readFileSync(file, 'utf8')).join('\n');
  const properties = schemaProperties();

  it('has no keyword that only lint reads', () => {
    const unread = [...properties].filter(([name]) => !(name in DOCUMENTATION_ONLY) && !isRead(name, sources)).map(([name, where]) => `${name} (${where})`);
    expect(unread, 'mots-clés que seul le lint lit : faites-les appliquer par le moteur, ou retirez-les du schéma').toEqual([]);
  });

  it('exempts only keys the schema still declares', () => {
    for (const name of Object.keys(DOCUMENTATION_ONLY)) expect(properties.has(name), name).toBe(true);
  });

  it('would catch a keyword nobody reads', () => {
    expect(isRead('motCleJamaisLu', sources)).toBe(false);
    expect(isRead('excludedMonths', sources)).toBe(true);
    expect(isRead('excludedMonths', sources.replaceAll('excludedMonths', 'x'))).toBe(false);
  });
});
