/**
 * @module privacy
 * Household data that lives only as long as it must: where an instance's personal values are, what the
 * indicators keep, the retention plan, erasure (at expiry or before term), the right of access export and
 * the register of these acts.
 */
export { dataKindOf, personalPointers, subjectFields, type DataKind, type SubjectOwner } from './subject-fields.ts';
export { keptFields, keptValue, type KeptFields, type Keeping } from './statistics.ts';
export { compactStore, eraseSubject, type ErasureOutcome, type ErasureRequest } from './erase.ts';
export { planRetention, DEFAULT_WARNING, type RetentionItem, type RetentionPlan } from './retention-plan.ts';
export { ACTION_LABELS, erasedSubjects, privacyActs, type PrivacyAction, type RecordedPrivacyAct } from './privacy-log.ts';
export { RETENTION_ACTOR, eraseBeforeTerm, exportSubject, runRetention, type AccessExport, type CurrentCalls, type RetentionRun } from './retention.ts';
export { describeRetention, durationWords, type RetentionWords } from './retention-wording.ts';
