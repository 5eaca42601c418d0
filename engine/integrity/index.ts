/**
 * @module integrity
 * The tamper-evident log: what an event row's hash covers (personal values masked and committed to under
 * the subject's key), the chains' verification, and the daily digest for third-party timestamping.
 */
export { GENESIS, PERSONAL_MARK, chainHash, contentHash, hashedPayload, personalDigest, rowHashOf, sealEvent, type EventSeal } from './event-seal.ts';
export { verifyLog, type BreakKind, type LogBreak, type LogVerification } from './verify-log.ts';
export { dailyDigest, type DailyDigest } from './daily-digest.ts';
