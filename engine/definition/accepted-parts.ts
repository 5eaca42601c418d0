/**
 * Every finding at once: the parts of a document the schema refused are taken out, so that the lint passes
 * still run on the rest and one run reports every independent mistake, each at its place. What lint then
 * says about a removed part (or inside it) is dropped: the schema already said it.
 */
import type { ErrorObject } from 'ajv';
import type { Finding } from './finding.ts';
import { childPointer, splitPointer } from './json-pointer.ts';
import { isJsonObject, type JsonObject } from './merge-patch.ts';

/** The pointers the schema refused: the wrong value itself, an unknown key; a missing key removes nothing. */
export function refusedPointers(errors: readonly ErrorObject[]): string[] {
  const pointers = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'required' || error.keyword === 'if') continue;
    if (error.keyword === 'additionalProperties') pointers.add(childPointer(error.instancePath, String(error.params.additionalProperty)));
    else if (error.propertyName !== undefined) pointers.add(childPointer(error.instancePath, error.propertyName));
    else pointers.add(error.instancePath);
  }
  return [...pointers];
}

/** A copy of `value` without the refused pointers (the root refused: nothing is left to lint). */
export function acceptedParts(value: JsonObject, refused: readonly string[]): JsonObject | undefined {
  if (refused.includes('')) return undefined;
  const copy = structuredClone(value);
  for (const pointer of refused) {
    const segments = splitPointer(pointer);
    const last = segments.pop();
    let node: unknown = copy;
    for (const segment of segments) node = isJsonObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
    if (last === undefined) continue;
    if (Array.isArray(node)) node.splice(Number(last), 1, null);
    else if (isJsonObject(node)) delete node[last];
  }
  return copy;
}

/** Lint findings that do not repeat the schema: none at or inside a refused pointer. */
export function beyondRefused(findings: readonly Finding[], refused: readonly string[]): Finding[] {
  return findings.filter((finding) => !refused.some((pointer) => finding.path === pointer || finding.path.startsWith(`${pointer}/`)));
}
