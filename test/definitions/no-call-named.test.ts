/**
 * Nothing in `server/` or `engine/` names a call (issue 16, « done when »): every page, form, button,
 * deadline and rule comes from the definitions. The ids are read from `definitions/` (and the test-only
 * calls under `test/fixtures/`), so a call added there is checked too. What runs is read, token by token
 * (TypeScript's parser): strings, templates and identifiers; a comment's example may cite a real call.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../engine/definition/index.ts';

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** The code's literals and names (comments are no nodes), each with its line, from TypeScript's parser. */
function tokens(text: string): Array<{ text: string; line: number }> {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const out: Array<{ text: string; line: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isIdentifier(node) || ts.isRegularExpressionLiteral(node)) {
      out.push({ text: node.getText(source), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('no call named in the code', () => {
  it('finds no call id of definitions/ in the code of server/ or engine/', async () => {
    const ids = [...(await loadRepository('definitions')).calls.keys(), ...(await loadRepository(['definitions/shared', 'test/fixtures/espace/definitions'])).calls.keys()];
    expect(ids.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of [...(await sourceFiles('server')), ...(await sourceFiles('engine'))]) {
      for (const token of tokens(await readFile(file, 'utf8'))) {
        for (const id of ids) if (new RegExp(`(^|[^a-z0-9-])${id}($|[^a-z0-9-])`).test(token.text)) found.push(`${file}:${token.line}: ${id}`);
      }
    }
    expect(found).toEqual([]);
  });
});
