/**
 * Provenance: which file, line and column set each JSON pointer of a resolved definition
 * (the child call first, then its parents, then the shared pieces it uses).
 */
import type { SourceLocation } from './finding.ts';
import { parentPointer } from './json-pointer.ts';
import type { SourceDocument } from './yaml-source.ts';

/** One source of a resolved document: `document` at `sourcePrefix` provides the resolved `prefix`. */
export interface ProvenanceLayer {
  document: SourceDocument;
  prefix: string;
  sourcePrefix: string;
}

/** Maps pointers of a resolved document back to the text that set them. */
export class Provenance {
  readonly layers: ProvenanceLayer[] = [];

  /** Adds a source, with lower precedence than the ones already added. */
  add(document: SourceDocument, prefix = '', sourcePrefix = ''): void {
    this.layers.push({ document, prefix, sourcePrefix });
  }

  /** The location that set `pointer`; for a missing key, its nearest existing ancestor. */
  locate(pointer: string, options: { key?: boolean } = {}): SourceLocation {
    let current = pointer;
    let ascended = false;
    for (;;) {
      for (const layer of this.layers) {
        const source = translate(layer, current);
        if (source !== undefined && layer.document.has(source)) {
          return layer.document.locate(source, { key: options.key === true || ascended });
        }
      }
      if (current === '') break;
      current = parentPointer(current);
      ascended = true;
    }
    const first = this.layers[0];
    return first ? first.document.locate('') : { file: '', line: 1, column: 1 };
  }

  /** The location of `pointer` (or its nearest ancestor) in the first document only: the call's own file. */
  locateOwn(pointer: string): SourceLocation {
    const own = this.layers[0];
    if (own === undefined) return { file: '', line: 1, column: 1 };
    let current = pointer;
    while (current !== '' && !own.document.has(current)) current = parentPointer(current);
    return own.document.locate(current, { key: current !== pointer });
  }

  /** The files that contributed, in precedence order, without repeats. */
  files(): string[] {
    return [...new Set(this.layers.map((layer) => layer.document.file))];
  }
}

function translate(layer: ProvenanceLayer, pointer: string): string | undefined {
  if (pointer === layer.prefix) return layer.sourcePrefix;
  if (pointer.startsWith(`${layer.prefix}/`)) return layer.sourcePrefix + pointer.slice(layer.prefix.length);
  return undefined;
}
