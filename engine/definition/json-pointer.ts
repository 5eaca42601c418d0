/**
 * JSON pointers (RFC 6901): the paths findings and provenance speak in.
 */

/** Escapes one segment of a JSON pointer (`~` → `~0`, `/` → `~1`). */
export function escapeSegment(segment: string | number): string {
  if (typeof segment === 'number') return String(segment);
  // Most keys need no escape: skip the two scans and copies (a 1 MiB definition has tens of thousands).
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Splits a JSON pointer into its unescaped segments (`''` → `[]`). */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Joins segments into a JSON pointer. */
export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapeSegment(segment)}`).join('');
}

/** The pointer of a child of `parent`. */
export function childPointer(parent: string, segment: string | number): string {
  return `${parent}/${escapeSegment(segment)}`;
}

/** The parent pointer (`''` stays `''`). */
export function parentPointer(pointer: string): string {
  const slash = pointer.lastIndexOf('/');
  return slash <= 0 ? '' : pointer.slice(0, slash);
}

/** The value at `pointer` in a plain JSON value, or `undefined`. */
export function getAtPointer(value: unknown, pointer: string): unknown {
  let current: unknown = value;
  for (const segment of splitPointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
