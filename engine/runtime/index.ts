/**
 * @module runtime
 * The engine: create applications and measures, send events (pure XState transition + one transaction),
 * read instances and their history, agreements' ledgers, the timers scheduler, migrations, access checks.
 */
export { createEngine, SCHEDULE_KINDS, type AgreementLedger, type Engine, type EngineOptions, type LedgerQuery, type ListQuery } from './engine.ts';
export { authorize, authorizeEvent, authorizeReader, readsInstances, roleLabel, SYSTEM_ACTOR, type Actor, type ActorRole } from './actor.ts';
export type { CreateApplicationInput, CreateMeasureInput } from './create.ts';
export type { SendInput, StepResponse } from './step.ts';
export type { LateDeclaration } from './report-duty.ts';
export { followRhythms, rhythmLogOf, type RhythmFollowUp, type RhythmLogEntry, type RhythmPeriod } from './rhythm.ts';
export type { MigrationInput, MigratedInstance } from './migrate.ts';
export type { TimerRun } from './scheduler.ts';
export type { Replayed } from './replay.ts';
export type { EngineRepository } from './definitions.ts';
export { checkPublishedContent, contentHash, type PublishedContentCheck } from './published-content.ts';
export { admitCallAction, type CallAction, type CallStatus, type GatedCall, type StatusPolicy } from './call-status.ts';
export type { AllowedEvent, HistoryEntry, InstanceSummary, InstanceView, PendingTimer } from './views.ts';
export { CREATION_EVENT } from './instances.ts';
export { MIGRATION_EVENT } from './migrate.ts';
export { RHYTHM_EVENT, type RhythmSweepRun } from './rhythm-sweep.ts';
