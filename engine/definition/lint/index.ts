/**
 * @module
 * Checks a schema cannot express, run on a resolved call that the schema accepted: references between
 * states, events, guards, timers, acts, fields, quotas and territories; reachability; dates; embedded schemas.
 */
import type { Finding } from '../finding.ts';
import type { LintContext } from './lint-context.ts';
import { lintLifecycles } from './lifecycles.ts';
import { lintReferences } from './references.ts';
import { lintWindows } from './windows.ts';
import { lintJsonSchemas } from './json-schemas.ts';
import { lintRetention } from './retention.ts';
import { lintFieldValues } from './field-values.ts';
import { lintMigration } from './migration.ts';
import { lintCostBound } from './cost-bound.ts';
import { lintMeasureDuration } from './measure-duration.ts';

export type { LintContext } from './lint-context.ts';

/** Runs every check on a resolved call. */
export function lintCall(context: LintContext): Finding[] {
  return [...lintLifecycles(context), ...lintReferences(context), ...lintWindows(context), ...lintJsonSchemas(context), ...lintFieldValues(context), ...lintMigration(context), ...lintCostBound(context), ...lintMeasureDuration(context), ...lintRetention(context)];
}
