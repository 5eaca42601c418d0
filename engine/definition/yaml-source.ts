/**
 * A YAML file parsed with positions: its plain value and, for every JSON pointer in it, where it was written.
 */
import { createRequire } from 'node:module';
import type { Alias, Node, Pair } from 'yaml';
import { childPointer, parentPointer } from './json-pointer.ts';
import type { Finding, SourceLocation } from './finding.ts';
import { cachedParse, rememberParse, type ParsedYaml } from './parse-cache.ts';
import { measureExpansion } from './yaml-expansion.ts';
import { parseBounded, sizeProblem } from './yaml-limits.ts';

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
  ALIAS_PROPS: 'un alias (*nom) ne porte ni ancre ni étiquette',
  BAD_DIRECTIVE: 'directive « % » inconnue : retirez-la',
  BAD_DQ_ESCAPE: 'séquence d’échappement « \\ » invalide entre guillemets doubles',
  BAD_PROP_ORDER: 'ancre (&) ou étiquette (!) mal placée',
  BLOCK_IN_FLOW: 'bloc à l’intérieur de crochets ou d’accolades : écrivez la liste ou l’objet sur une ligne, ou sans crochets',
  IMPOSSIBLE: 'structure illisible',
  KEY_OVER_1024_CHARS: 'clé de plus de 1 024 caractères',
  MULTIPLE_ANCHORS: 'plusieurs ancres (&) sur la même valeur',
  MULTIPLE_TAGS: 'plusieurs étiquettes (!) sur la même valeur',
  RESOURCE_EXHAUSTION: `imbrication trop profonde : une définition n'a pas besoin d'autant de niveaux, aplatissez cette partie`,
  TAG_RESOLVE_FAILED: 'étiquette (!) inconnue : retirez-la',
  BAD_COLLECTION_TYPE: 'type de liste ou d’objet inattendu',
};

/** Parses one YAML file; syntax errors and crossed limits become findings at their line and column. */
export function parseYamlSource(text: string, file: string, options: { cache?: boolean } = {}): { document: SourceDocument; findings: Finding[] } {
  const cached = options.cache === true ? cachedParse(text) : undefined;
  if (cached !== undefined) return { document: sourceDocument(file, cached.value, positionsOf(cached), cached.lineStarts), findings: [] };
  const { parsed, findings } = parseText(text, file);
  if (findings.length === 0 && options.cache === true) {
    const positions = [...parsed.positions].map(([pointer, p]): ParsedYaml['positions'][number] => [pointer, p.key ?? -1, p.value, p.block ? 1 : 0]);
    rememberParse(text, { value: parsed.value, positions, lineStarts: parsed.lineStarts });
  }
  return { document: sourceDocument(file, parsed.value, parsed.positions, parsed.lineStarts), findings };
}

/** A fresh parse: the positions stay a map (the cache's flat rows are built only for what it keeps). */
interface FreshParse {
  value: unknown;
  positions: Map<string, NodePosition>;
  lineStarts: number[];
}

/** The positions of a cached parse, as a map. */
function positionsOf(parsed: ParsedYaml): Map<string, NodePosition> {
  return new Map(parsed.positions.map(([pointer, key, value, block]) => [pointer, { ...(key >= 0 && { key }), value, block: block === 1 }]));
}

function parseText(text: string, file: string): { parsed: FreshParse; findings: Finding[] } {
  const module = yaml();
  const lineCounter = new module.LineCounter();
  const finding = (offset: number, message: string, code = 'yaml-syntaxe'): Finding => {
    const { line, col } = lineCounter.linePos(offset);
    const sentence = code === 'yaml-syntaxe' ? `Syntaxe YAML invalide : ${message}.` : `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    return { code, severity: 'error', message: sentence, file, line, column: col, path: '' };
  };
  const failed = (found: Finding[]) => ({ parsed: { value: undefined, positions: new Map<string, NodePosition>(), lineStarts: [...lineCounter.lineStarts] }, findings: found });
  const tooLarge = sizeProblem(text);
  if (tooLarge !== undefined) {
    lineCounter.addNewLine(0);
    for (const match of text.slice(0, tooLarge.offset).matchAll(/\n/g)) lineCounter.addNewLine(match.index + 1);
    return failed([finding(tooLarge.offset, tooLarge.message, tooLarge.code)]);
  }
  const bounded = parseBounded(text, lineCounter, module);
  if (bounded.problem !== undefined) return failed([finding(bounded.problem.offset, bounded.problem.message, bounded.problem.code)]);
  const [doc, ...others] = bounded.documents;
  const errors = [...(doc?.errors ?? []), ...others.map((other) => ({ code: 'MULTIPLE_DOCS', pos: other.range, message: '' }))];
  const findings: Finding[] = errors.map((error) =>
    finding(error.pos[0], SYNTAX_MESSAGES[error.code] ?? 'YAML illisible à cet endroit'),
  );
  if (doc === undefined || findings.length > 0) return failed(findings);
  const expansion = measureExpansion(doc, module);
  if (expansion.problem !== undefined) return failed([finding(expansion.problem.offset, expansion.problem.message, expansion.problem.code)]);
  const positions = new Map<string, NodePosition>();
  // One walk gives both the plain value and the positions (no second traversal through toJS).
  const value = collect(expansion, doc.contents, '', undefined, positions);
  return { parsed: { value, positions, lineStarts: lineCounter.lineStarts }, findings: [] };
}

/** A document over a parse: pointers located through the offsets and the line starts. */
function sourceDocument(file: string, value: unknown, positions: ReadonlyMap<string, NodePosition>, lineStarts: readonly number[]): SourceDocument {
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
  return { file, value, has, locate };
}

/**
 * The plain value of `node`, recording where each pointer under it is written. Runs only on a document
 * `measureExpansion` accepted: aliases resolved, keys checked, depth and size bounded.
 */
function collect(
  expansion: { targets: Map<Alias, Node>; keys: Map<Pair, string> },
  node: unknown,
  pointer: string,
  keyOffset: number | undefined,
  positions: Map<string, NodePosition>,
): unknown {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  const resolved = isAlias(node) ? expansion.targets.get(node) : node;
  const range = (resolved as Node | null | undefined)?.range;
  const block = (isMap(resolved) || isSeq(resolved)) && resolved.flow !== true;
  positions.set(pointer, { key: keyOffset, value: range?.[0] ?? keyOffset ?? 0, block });
  if (isMap(resolved)) {
    const result: Record<string, unknown> = {};
    for (const pair of resolved.items) {
      const key = expansion.keys.get(pair as Pair);
      if (key === undefined) continue;
      const keyStart = (pair.key as Node | null)?.range?.[0];
      const child = childPointer(pointer, key);
      const item = pair.value ?? undefined;
      const empty = isScalar(item) && item.value === null && item.range?.[0] === item.range?.[1];
      if (item === undefined || item === null || empty) {
        positions.set(child, { key: keyStart, value: keyStart ?? 0, block: false });
        result[key] = null;
      } else {
        result[key] = collect(expansion, item, child, keyStart, positions);
      }
    }
    return result;
  }
  if (isSeq(resolved)) {
    return resolved.items.map((item, index) => collect(expansion, item, childPointer(pointer, index), undefined, positions));
  }
  return isScalar(resolved) ? resolved.value : null;
}
