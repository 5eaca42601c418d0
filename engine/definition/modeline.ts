/**
 * The editor modeline (`# yaml-language-server: $schema=…`) that makes VS Code check a definition file and
 * show the schema's French descriptions on hover.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from './finding.ts';
import { DEFINITION_SCHEMA_PATH } from './schema-compiler.ts';

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/;

/** The modeline a definition file at `file` should start with. */
export function expectedModeline(file: string): string {
  const target = relative(dirname(resolve(file)), fileURLToPath(DEFINITION_SCHEMA_PATH)).split(sep).join('/');
  return `# yaml-language-server: $schema=${target}`;
}

/** Warns when a definition file on disk has no modeline, or one that names another schema. */
export function modelineFindings(file: string, text: string): Finding[] {
  const comments: string[] = [];
  for (const line of text.split('\n', 1_000)) {
    if (!line.startsWith('#')) break;
    comments.push(line);
  }
  const index = comments.findIndex((line) => MODELINE.test(line));
  const expected = expectedModeline(file);
  if (index === -1) {
    return [warning('modeline-manquante', file, 1, `Pas de ligne « ${expected} » en tête du fichier : ajoutez-la pour que l'éditeur (VS Code) vérifie ce fichier et affiche l'aide de chaque clé.`)];
  }
  const named = MODELINE.exec(comments[index] ?? '')?.[1] ?? '';
  if (/^[a-z]+:\/\//.test(named) || resolve(dirname(resolve(file)), named) === fileURLToPath(DEFINITION_SCHEMA_PATH)) return [];
  return [warning('modeline-invalide', file, index + 1, `La ligne d'en-tête désigne « ${named} », qui n'est pas le schéma des définitions : écrivez « ${expected} ».`)];
}

function warning(code: string, file: string, line: number, message: string): Finding {
  return { code, severity: 'warning', message, file, line, column: 1, path: '' };
}
