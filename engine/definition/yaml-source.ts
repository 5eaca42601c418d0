/**
 * A YAML file parsed with positions: its plain value and, for every JSON pointer in it, where it was written.
 */
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import { childPointer, parentPointer } from './json-pointer.ts';
import type { Finding, SourceLocation } from './finding.ts';
import { cachedParse, rememberParse, type ParsedYaml } from './parse-cache.ts';

/** Where a key or value sits in the text (character offsets). */
interface NodePosition {
  key?: number;
  value: number;
  block: boolean;
}

/** A parsed YAML file: its value and a way back from a JSON pointer to the text. */
export interface SourceDocument {
  file: string;
  /** The plain JSON value (undefined when the text did not parse). */
  value: unknown;
  /** True when the file wrote something at this pointer. */
  has(pointer: string): boolean;
  /**
   * Where the value at `pointer` was written; for a block mapping or sequence, its key (the line a reader
   * looks at); for a missing pointer, its nearest written ancestor. With `key: true`, the key when there is one.
   */
  locate(pointer: string, options?: { key?: boolean }): SourceLocation;
}

// The YAML parser loads only when a text is not in the parse cache (it is most of the start-up cost).
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= require('yaml') as typeof import('yaml'));

const SYNTAX_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'clé en double dans le même objet : chaque clé ne doit apparaître qu’une fois',
  BAD_INDENT: 'indentation incorrecte : alignez les clés d’un même objet sur la même colonne',
  TAB_AS_INDENT: 'tabulation utilisée pour indenter : utilisez des espaces',
  MISSING_CHAR: 'caractère manquant (guillemet, crochet ou accolade fermante ?)',
  MULTILINE_IMPLICIT_KEY: 'clé sur plusieurs lignes : il manque probablement « : » ou un guillemet fermant',
  BLOCK_AS_IMPLICIT_KEY: 'bloc utilisé comme clé : vérifiez l’indentation et les « : »',
  UNEXPECTED_TOKEN: 'élément inattendu',
  BAD_SCALAR_START: 'une valeur ne peut pas commencer par ce caractère : mettez-la entre guillemets',
  MULTIPLE_DOCS: 'un fichier de définition ne contient qu’un seul document YAML (retirez « --- »)',
  BAD_ALIAS: 'alias inconnu',
  NON_STRING_KEY: 'les clés doivent être des textes',
};

/** Parses one YAML file; syntax errors become `yaml-syntaxe` findings at their line and column. */
export function parseYamlSource(text: string, file: string): { document: SourceDocument; findings: Finding[] } {
  const cached = cachedParse(text);
  if (cached !== undefined) return { document: sourceDocument(file, cached), findings: [] };
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const findings: Finding[] = doc.errors.map((error) => {
    const [start] = error.linePos ?? [];
    const detail = SYNTAX_MESSAGES[error.code] ?? `YAML illisible (${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')})`;
    return {
      code: 'yaml-syntaxe',
      severity: 'error',
      message: `Syntaxe YAML invalide : ${detail}.`,
      file,
      line: start?.line ?? 1,
      column: start?.col ?? 1,
      path: '',
    };
  });
  const positions = new Map<string, NodePosition>();
  // One walk gives both the plain value and the positions (no second traversal through toJS).
  const value = findings.length === 0 ? collect(doc, doc.contents, '', undefined, positions, 0) : undefined;
  const parsed: ParsedYaml = {
    value,
    positions: [...positions].map(([pointer, position]) => [pointer, position.key ?? -1, position.value, position.block ? 1 : 0]),
    lineStarts: [...lineCounter.lineStarts],
  };
  if (findings.length === 0) rememberParse(text, parsed);
  return { document: sourceDocument(file, parsed), findings };
}

/** A document over a parse: pointers located through the offsets and the line starts. */
function sourceDocument(file: string, parsed: ParsedYaml): SourceDocument {
  const positions = new Map<string, NodePosition>(
    parsed.positions.map(([pointer, key, value, block]) => [pointer, { ...(key >= 0 && { key }), value, block: block === 1 }]),
  );
  const { lineStarts } = parsed;
  const toLocation = (offset: number): SourceLocation => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { file, line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
  const has = (pointer: string) => positions.has(pointer);
  const locate = (pointer: string, options: { key?: boolean } = {}): SourceLocation => {
    let current = pointer;
    let position = positions.get(current);
    let missing = false;
    while (position === undefined && current !== '') {
      current = parentPointer(current);
      position = positions.get(current);
      missing = true;
    }
    if (position === undefined) return { file, line: 1, column: 1 };
    const useKey = position.key !== undefined && (options.key === true || missing || position.block);
    return toLocation(useKey ? (position.key as number) : position.value);
  };
  return { file, value: parsed.value, has, locate };
}

const MAX_ALIASES = 100;

/** The plain value of `node`, recording where each pointer under it is written. */
function collect(
  doc: Document,
  node: unknown,
  pointer: string,
  keyOffset: number | undefined,
  positions: Map<string, NodePosition>,
  aliases: number,
): unknown {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const resolved = isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
  const depth = isAlias(node) ? aliases + 1 : aliases;
  const range = (resolved as Node | null | undefined)?.range;
  const block = (isMap(resolved) || isSeq(resolved)) && resolved.flow !== true;
  positions.set(pointer, { key: keyOffset, value: range?.[0] ?? keyOffset ?? 0, block });
  if (depth > MAX_ALIASES) return null;
  if (isMap(resolved)) {
    const result: Record<string, unknown> = {};
    for (const pair of resolved.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyStart = (pair.key as Node | null)?.range?.[0];
      const child = childPointer(pointer, key);
      const item = pair.value ?? undefined;
      const empty = isScalar(item) && item.value === null && item.range?.[0] === item.range?.[1];
      if (item === undefined || item === null || empty) {
        positions.set(child, { key: keyStart, value: keyStart ?? 0, block: false });
        result[key] = null;
      } else {
        result[key] = collect(doc, item, child, keyStart, positions, depth);
      }
    }
    return result;
  }
  if (isSeq(resolved)) {
    return resolved.items.map((item, index) => collect(doc, item, childPointer(pointer, index), undefined, positions, depth));
  }
  return isScalar(resolved) ? resolved.value : null;
}
