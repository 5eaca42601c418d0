/**
 * @module impact
 * A call's recorded activity replayed in memory, without the store: verification of a store against its
 * log, the impact of a candidate definition (a correction, next year's call) on the same households and
 * acts, in euros.
 */
export { eventCount, type RecordedActivity, type RecordedEvent, type RecordedInstance } from './recorded-activity.ts';
export { loadActivity, type LoadActivityOptions, type LoadedActivity } from './load-activity.ts';
export { replayActivity, type ReplayOptions, type ReplayRules } from './replay-activity.ts';
export type { ActivityReplay, Refusal, ReplayedInstance, ReplayStatus } from './replay-types.ts';
export { agreementLedgerIn, measureEarning } from './replay-money.ts';
export { expectedTimers, type ExpectedTimer } from './expected-timers.ts';
export { shiftDate, shiftValue } from './shift-dates.ts';
export { compareWithReplay, readStoredCall, type StoredCall, type VerifyDifference } from './verify-activity.ts';
export { replayRecorded, verifyStore, type CallVerification, type StoreVerification, type VerifyOptions } from './verify-store.ts';
export { computeImpact, type ImpactInput } from './compute-impact.ts';
export { candidateFromRepository, candidateFromText, type CandidateResult } from './candidate.ts';
export type { ImpactLine, ImpactOutcome, ImpactReport, ImpactSide, InstanceImpact, QuotaImpact, RefusedHousehold } from './impact-types.ts';
export { headline, percentChange } from './impact-wording.ts';
export { renderImpactHtml, renderImpactText } from './render-impact.ts';
export { callVersion, migrateInstances, type MigrateInstancesInput, type MigrationOutcome, type PlannedMove, type Uncovered } from './migrate-instances.ts';
