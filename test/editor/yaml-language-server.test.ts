/**
 * The editor wiring, checked with the real yaml-language-server (the engine of VS Code's YAML extension),
 * driven headless over stdio with the project's .vscode/settings.json and the schema store off.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../engine/definition/index.ts';
import { startYamlLanguageServer, type Diagnostic, type YamlLanguageServer } from './yaml-language-server-client.ts';

const ROOT = resolve('.');
const settings = JSON.parse(readFileSync('.vscode/settings.json', 'utf8')) as { 'yaml.schemas': Record<string, string[]> };

const WITH_MISTAKES = `# yaml-language-server: $schema=../../schema/definition.schema.json
kind: call
id: essai-editeur
title: Essai
year: 2024
version: 1
status: publie
territories: [arras]
windows:
  tout:
    territories: [arras]
    application: { start: 2024-13-01, end: 2024-05-31 }
    agreement: { start: 2024-06-01, end: 2025-05-31 }
funding:
  grant: { kind: activity }
  payment: { kind: single, on: signature }
applicants:
  label: Opérateur
  lable: Opérateur agréé
measures:
  visite:
    tariff: { kind: perAct, act: visite, price: "162.38 €" }
`;

/** Diagnostics as "line:column message" with 1-based positions, sorted. */
function readable(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.message}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

describe('yaml-language-server with the project settings', () => {
  let server: YamlLanguageServer;
  beforeAll(async () => {
    server = await startYamlLanguageServer(ROOT, settings['yaml.schemas']);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('reports the known mistakes of a definition that names the schema in its modeline', async () => {
    const diagnostics = await server.open(pathToFileURL(`${ROOT}/test/editor/essai.yaml`).href, WITH_MISTAKES);
    expect(readable(diagnostics)).toEqual([
      '7:9 Valeur non acceptée. Valeurs valides: "draft", "published", "closed".',
      '12:27 Date invalide : écrivez AAAA-MM-JJ, par exemple « 2024-05-31 ».',
      "19:3 La propriété lable n'est pas autorisée.",
      '22:49 Montant invalide : écrivez les euros à la française, exacts au centime, par exemple « 162,38 € » ou « 5 000 € ».',
    ]);
  });

  it('applies the definition schema to definitions/ through the settings, and the scenario schema to scenarios', async () => {
    const text = WITH_MISTAKES.split('\n').slice(1).join('\n');
    const definition = await server.open(pathToFileURL(`${ROOT}/definitions/2099/essai.yaml`).href, text);
    expect(readable(definition)).toContain("18:3 La propriété lable n'est pas autorisée.");
    const scenario = await server.open(pathToFileURL(`${ROOT}/definitions/2099/essai.scenarios.yaml`).href, text);
    expect(readable(scenario).some((line) => line.includes('kind'))).toBe(true);
    expect(readable(scenario)).not.toContain("18:3 La propriété lable n'est pas autorisée.");
  });

  it('shows the French description of a key on hover', async () => {
    const uri = pathToFileURL(`${ROOT}/test/editor/survol.yaml`).href;
    await server.open(uri, WITH_MISTAKES.replace('status: publie', 'status: published'));
    expect(await server.hover(uri, 5, 2)).toContain('Version de la définition');
    expect(await server.hover(uri, 6, 2)).toContain('published (publié)');
  });

  it('never shows an internal definition name (…Patch, « X || X ») over the keys of a call and of a child call', async () => {
    const repository = await loadRepository('definitions');
    const calls = [...repository.calls.values()];
    const files = [calls.find((call) => call.parents.length === 0)?.file, calls.find((call) => call.parents.length > 0)?.file].filter((file) => file !== undefined);
    const schema = JSON.parse(readFileSync('schema/definition.schema.json', 'utf8')) as { definitions: Record<string, unknown> };
    const names = new Set(Object.keys(schema.definitions).flatMap((name) => [name, name[0]!.toUpperCase() + name.slice(1)]));
    const shown: string[] = [];
    for (const file of files) {
      const uri = pathToFileURL(resolve(file)).href;
      const text = readFileSync(file, 'utf8');
      await server.open(uri, text);
      for (const [line, row] of text.split('\n').entries()) {
        for (const match of row.matchAll(/(?:^\s*(?:-\s+)?|[{,]\s*)([A-Za-z$][\w$-]*):(?=\s|$)/g)) {
          const hover = await server.hover(uri, line, match.index! + match[0].length - match[1]!.length);
          const title = /^#### (.*)$/m.exec(hover)?.[1] ?? '';
          const parts = title.split(' || ');
          if (parts.some((part) => names.has(part) || /\wPatch\b/.test(part)) || (parts.length > 1 && new Set(parts).size < parts.length)) shown.push(`${file}:${line + 1} ${match[1]} → ${title}`);
        }
      }
    }
    expect(files).toHaveLength(2);
    expect(shown).toEqual([]);
  }, 120_000);

  it('finds nothing to say about the definitions the project ships (calls, children with extends, pieces)', async () => {
    const repository = await loadRepository('definitions');
    const complaints: string[] = [];
    for (const file of repository.files) {
      const diagnostics = await server.open(pathToFileURL(resolve(file)).href, readFileSync(file, 'utf8'));
      complaints.push(...readable(diagnostics).map((line) => `${file}:${line}`));
    }
    expect(complaints).toEqual([]);
  }, 120_000);
});
