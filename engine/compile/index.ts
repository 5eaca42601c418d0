/**
 * @module compile
 * A resolved call compiled to XState v5 machines (one per lifecycle, `setup()` with named guards and
 * actions), tariffs and eligibility rules: pure values, cached per definition hash.
 */
export {
  compileCall,
  CompiledCallCache,
  type CallToCompile,
  type CompileOptions,
  type CompiledCall,
  type CompiledMeasure,
  type KnownBounds,
  type TerritoryExpander,
  type TerritoryWindow,
} from './compile-call.ts';
export {
  compileLifecycle,
  type CompiledEvent,
  type CompiledLifecycle,
  type CompiledState,
  type CompiledTimer,
  type CompiledTransition,
  type LiveSnapshot,
  type LiveStepResult,
  type PersistedSnapshot,
  type StepResult,
} from './lifecycle.ts';
export { compileGuard, type CompiledGuard, type GrantCap, type GuardEnvironment } from './guards.ts';
export { extendDurationGuards, startDurationGuards, type MeasureDuration } from './measure-duration-guard.ts';
export { applyEffect, EFFECT_KINDS } from './effects.ts';
export { compileEligibility, type EligibilityCheck, type FailedRule } from './eligibility.ts';
export { compileSchema, describeErrors } from './ajv.ts';
export { compileFields, fieldsSchema } from './fields-schema.ts';
export {
  emptyContext,
  type ActCount,
  type InstanceContext,
  type InstanceMilestones,
  type InstancePeriod,
  type QuotaFact,
  type StepEvent,
  type StepFacts,
} from './context.ts';
