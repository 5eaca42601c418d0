/**
 * The one place the runtime seals what it logs: before an event row is appended, the personal values of
 * its message are located (`engine/privacy/subject-fields.ts`) and committed to under the subject's key
 * (`engine/integrity/event-seal.ts`); the store then chains the row. A creation that carries personal
 * values gives its subject a fresh key, in the same transaction.
 */
import type { Call } from '../definition/index.ts';
import { newSealKey, sealEvent, type EventSeal } from '../integrity/event-seal.ts';
import { personalPointers, subjectFields, type SubjectOwner } from '../privacy/subject-fields.ts';
import type { StoreSession } from '../store/index.ts';

/** The instance an event belongs to, as sealing reads it. */
export interface SealedSubject extends SubjectOwner {
  id: string;
}

/**
 * The seal of an event's message. `created` is the instant of a creation: the subject's key is made then;
 * otherwise it is read from the store, only when the message holds personal values.
 */
export async function sealFor(tx: StoreSession, call: Call, subject: SealedSubject, type: string, payload: unknown, created?: string): Promise<EventSeal> {
  const sealed = personalPointers(subject, subjectFields(call, subject), type, payload);
  if (sealed.length === 0) return { sealed, personalDigest: null };
  let key: string | undefined;
  if (created !== undefined) {
    key = newSealKey();
    await tx.putSealKey(subject.id, key, created);
  } else {
    key = await tx.sealKey(subject.id);
  }
  return sealEvent(payload, sealed, () => key);
}
