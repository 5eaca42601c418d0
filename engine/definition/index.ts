/**
 * @module
 * The definition language: load YAML files with positions, resolve `extends` and `use`, validate against the
 * JSON Schema (French messages at file:line:column) and lint what a schema cannot say.
 *
 * @example
 * import { loadRepository } from './engine/definition/index.ts';
 * const repository = await loadRepository('definitions');
 * for (const finding of repository.findings) console.log(finding.file, finding.line, finding.message);
 */
export type * from './definition-types.ts';
export { canonicalHash, canonicalJson } from './canonical-hash.ts';
export { hasErrors, sortFindings, type Finding, type SourceLocation } from './finding.ts';
export { applyMergePatch } from './merge-patch.ts';
export { buildRepository, loadRepository, type BuildOptions, type DefinitionSource, type Piece, type Repository } from './repository.ts';
export type { ResolvedCall } from './resolved-call.ts';
export { expectedModeline } from './modeline.ts';
export { ownEntry } from './own-entry.ts';
export { FORBIDDEN_KEYS } from './yaml-expansion.ts';
export { YAML_LIMITS } from './yaml-limits.ts';
export { TerritoryCatalog, type Territory, type TerritoryGroup } from './territory-catalog.ts';
export { validateText } from './validate-text.ts';
export { annotatedYaml } from './annotated-yaml.ts';
export type { SharedEnvelope } from './shared-envelopes.ts';
