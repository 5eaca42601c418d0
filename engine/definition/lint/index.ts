/**
 * Checks a schema cannot express, run on a resolved call that the schema accepted.
 * @module
 */
import type { Call, PlanPiece } from '../definition-types.ts';
import type { Finding, SourceLocation } from '../finding.ts';
import type { TerritoryCatalog } from '../territory-catalog.ts';

/** What a check needs: the call, a locator, and the shared catalog. */
export interface LintContext {
  call: Call;
  locate(pointer: string, options?: { key?: boolean }): SourceLocation;
  catalog: TerritoryCatalog;
  plan: PlanPiece | undefined;
}

/** Runs every check on a resolved call. */
export function lintCall(context: LintContext): Finding[] {
  void context;
  return [];
}
