/**
 * A call after resolution and validation: the object the engine compiles and runs.
 */
import type { Call } from './definition-types.ts';
import type { SourceLocation } from './finding.ts';

/** A resolved, valid call: its parents applied, its pieces used, with a way back to the YAML text. */
export interface ResolvedCall {
  id: string;
  version: number;
  /** sha256 of the canonical JSON of `definition`: equal definitions, equal hashes. */
  hash: string;
  /** The file of the call itself (not of its parents). */
  file: string;
  /** The ids of the calls it extends, nearest first. */
  parents: string[];
  definition: Call;
  /** Where the value at a JSON pointer of `definition` was written (child first, then parents, then pieces). */
  locate(pointer: string, options?: { key?: boolean }): SourceLocation;
}
