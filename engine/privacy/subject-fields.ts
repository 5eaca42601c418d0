/**
 * Which values of an instance are its subject's personal data: a measure's household (the beneficiary's
 * declared fields) or an application's applicant (its declared fields). In a creation message they sit
 * under `beneficiary` or `applicant` (every value given there); in a later message, at the top, under the
 * name of a declared field (a `set` effect copies it into the data under the same name).
 */
import type { Call } from '../definition/index.ts';
import { pointerTo } from '../integrity/event-seal.ts';
import type { InstanceKind } from '../store/index.ts';

/** The type of the creation event in the log (as written by the runtime). */
const CREATION_EVENT = '@creation';

/** The kind of personal data an instance holds, as the definition's `retention` names it. */
export type DataKind = 'households' | 'operators';

/** Where an instance's personal values are declared. */
export interface SubjectOwner {
  kind: InstanceKind;
  measureKind: string | null;
}

/** The kind of personal data of an instance (reports hold none of their own). */
export function dataKindOf(kind: InstanceKind): DataKind | undefined {
  return kind === 'measure' ? 'households' : kind === 'application' ? 'operators' : undefined;
}

/** The declared subject fields of an instance under a definition (empty for a report). */
export function subjectFields(call: Call, owner: SubjectOwner): ReadonlySet<string> {
  const fields = owner.kind === 'measure' ? call.measures?.[owner.measureKind ?? '']?.beneficiary?.fields
    : owner.kind === 'application' ? call.applicants.fields : undefined;
  return new Set(Object.keys(fields ?? {}));
}

/** The member of a creation message that holds the subject's data. */
function creationMember(kind: InstanceKind): string | undefined {
  return kind === 'measure' ? 'beneficiary' : kind === 'application' ? 'applicant' : undefined;
}

/** The JSON pointers of the personal values of a message (sorted, stable). */
export function personalPointers(owner: SubjectOwner, fields: ReadonlySet<string>, type: string, payload: unknown): string[] {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return [];
  const message = payload as Record<string, unknown>;
  if (type === CREATION_EVENT) {
    const member = creationMember(owner.kind);
    const subject = member === undefined ? undefined : message[member];
    if (member === undefined || subject === null || typeof subject !== 'object' || Array.isArray(subject)) return [];
    return Object.keys(subject).sort().map((key) => pointerTo(pointerTo('', member), key));
  }
  if (type.startsWith('@') || fields.size === 0) return [];
  return Object.keys(message).filter((key) => fields.has(key)).sort().map((key) => pointerTo('', key));
}
