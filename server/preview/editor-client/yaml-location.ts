/**
 * Where a position of a YAML text sits in the document: the chain of keys (and list indexes) from the root
 * to it, with the map or list met at each step, and whether the position is on a key or a value. Runs in the
 * browser (bundled with the editor) and in tests; text being typed is often not valid YAML yet, so the
 * block context (a key being typed on its own line) is read from the indentation, the rest from `yaml`'s AST.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** One step from a container to a child: the key (or index) and the container's node, when parsed. */
export interface PathStep {
  segment: string | number;
  /** The map or list the segment is read in (absent when the text around could not be parsed). */
  container?: Node | undefined;
}

/** A position in a YAML text, located. */
export interface YamlLocation {
  /** Steps from the root to the map whose key (or the key whose value) is at the position. */
  steps: PathStep[];
  /** On a key (`steps` lead to its map), or on a value (`steps` end with its key). */
  role: 'key' | 'value';
  /** The word under the position and where it starts and ends. */
  word: string;
  from: number;
  to: number;
  /** The map the key is (or will be) written in, to leave out the keys already there. */
  map?: YAMLMap | undefined;
}

const BLOCK_KEY = /^(\s*)(?:-\s+)?([\w$-]*)$/;
const BLOCK_VALUE = /^(\s*)(?:-\s+)?([\w$-]+):\s+([\w .,€-]*)$/;
const KEY_LINE = /^(\s*)(?:-\s+)?([\w$-]+):\s*(?:#.*)?$/;

let lastText: string | undefined;
let lastDocument: Document | undefined;

/** The text parsed, once per text (hover and completion ask about the same text many times). */
function parsed(text: string): Document {
  if (text !== lastText || lastDocument === undefined) {
    lastDocument = parseDocument(text, { uniqueKeys: false });
    lastText = text;
  }
  return lastDocument;
}

/** Locates `offset` in `text`. */
export function locate(text: string, offset: number): YamlLocation | undefined {
  const document = parsed(text);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset);
  const before = text.slice(lineStart, offset);
  const after = /^[\w$-]*/.exec(text.slice(offset, lineEnd))?.[0] ?? '';
  const line = text.slice(lineStart, lineEnd);

  const typedKey = BLOCK_KEY.exec(before);
  if (typedKey !== null && !line.slice(before.length + after.length).trimStart().startsWith(':')) {
    const parent = parentSteps(document, text, lineStart, typedKey[1]!.length);
    const steps = before.trimStart().startsWith('-') ? [...parent, { segment: 0 }] : parent;
    const word = typedKey[2]! + after;
    return { steps, role: 'key', word, from: offset - typedKey[2]!.length, to: offset + after.length, map: mapAt(document, steps) };
  }
  const typedValue = BLOCK_VALUE.exec(before);
  if (typedValue !== null) {
    const keyOffset = lineStart + before.indexOf(typedValue[2]!, typedValue[1]!.length);
    const at = fromAst(document, keyOffset);
    if (at?.role === 'key') {
      const typed = typedValue[3]!.trimStart();
      return { steps: [...at.steps, { segment: at.word, container: at.map }], role: 'value', word: typed + after, from: offset - typed.length, to: offset + after.length };
    }
  }
  return fromAst(document, offset);
}

/** The steps to the map a key written at `indent` on the line starting at `lineStart` belongs to. */
function parentSteps(document: Document, text: string, lineStart: number, indent: number): PathStep[] {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const leading = line.length - line.trimStart().length;
    if (leading >= indent) continue;
    const key = KEY_LINE.exec(line);
    if (key === null) return [];
    const at = fromAst(document, start + line.indexOf(key[2]!, key[1]!.length));
    if (at?.role !== 'key') return [];
    return [...at.steps, { segment: at.word, container: at.map }];
  }
  return [];
}

/** The map reached by `steps` in the parsed document, if it is one. */
function mapAt(document: Document, steps: PathStep[]): YAMLMap | undefined {
  const node = steps.length === 0 ? document.contents : document.getIn(steps.map((step) => step.segment), true);
  return isMap(node) ? node : undefined;
}

/** Locates an offset through the parsed AST. */
function fromAst(document: Document, offset: number): YamlLocation | undefined {
  const walk = (node: unknown, steps: PathStep[]): YamlLocation | undefined => {
    if (isMap(node)) {
      for (const pair of node.items as Array<Pair<unknown, unknown>>) {
        const key = pair.key;
        if (isScalar(key) && key.range && key.range[0] <= offset && offset <= key.range[1]) {
          return { steps, role: 'key', word: String(key.value), from: key.range[0], to: key.range[1], map: node };
        }
        const value = pair.value;
        const keyName = isScalar(key) ? String(key.value) : '';
        if (isScalar(value) || isMap(value) || isSeq(value)) {
          if (value.range && value.range[0] <= offset && offset <= value.range[1]) return walk(value, [...steps, { segment: keyName, container: node }]);
        }
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        if ((isScalar(item) || isMap(item) || isSeq(item)) && item.range && item.range[0] <= offset && offset <= item.range[1]) {
          return walk(item, [...steps, { segment: index, container: node }]);
        }
      }
      return undefined;
    }
    if (isScalar(node) && node.range) {
      const word = typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean' ? String(node.value) : '';
      return { steps, role: 'value', word, from: node.range[0], to: node.range[1] };
    }
    return undefined;
  };
  return walk(document.contents, []);
}
