/**
 * Sensitive fields never reach a role without access: each field's `sensitivity` is read from the very
 * definition version the instance runs under, and what the caller may not see is removed from the data
 * and from the messages of the history.
 */
import type { Call, Field } from '../engine/definition/index.ts';
import type { Store } from '../engine/store/index.ts';
import type { Principal, Sensitivity } from './tokens.ts';

/** Where an instance's fields are declared. */
export interface FieldOwner {
  definitionHash: string;
  kind: 'application' | 'measure' | 'report';
  measureKind: string | null;
}

/** The sensitivity of each declared field of the instances of one definition version and lifecycle. */
export type FieldSensitivities = ReadonlyMap<string, Sensitivity>;

/**
 * Reads the fields' sensitivities from the stored definitions (a version is immutable: cached by hash).
 * @example
 * const fields = await sensitivities.of(instance);
 * const { data, hidden } = redactData(instance.data, fields, principal);
 */
export class SensitivityIndex {
  readonly #store: Pick<Store, 'getDefinition'>;
  readonly #cache = new Map<string, FieldSensitivities>();

  constructor(store: Pick<Store, 'getDefinition'>) {
    this.#store = store;
  }

  /** The declared fields of the owner and their sensitivity (`none` when the field does not say). */
  async of(owner: FieldOwner): Promise<FieldSensitivities> {
    const key = `${owner.definitionHash}\0${owner.kind}\0${owner.measureKind ?? ''}`;
    const known = this.#cache.get(key);
    if (known !== undefined) return known;
    const stored = await this.#store.getDefinition(owner.definitionHash);
    const call = stored?.json as Call | undefined;
    const fields: Record<string, Field> =
      (owner.kind === 'measure'
        ? call?.measures?.[owner.measureKind ?? '']?.beneficiary?.fields
        : owner.kind === 'application'
          ? call?.applicants.fields
          : undefined) ?? {};
    const result = new Map(Object.entries(fields).map(([id, field]) => [id, (field.sensitivity ?? 'none') as Sensitivity]));
    this.#cache.set(key, result);
    return result;
  }
}

/** The fields the principal may not see. */
export function hiddenFields(fields: FieldSensitivities, principal: Pick<Principal, 'sees'>): Set<string> {
  const hidden = new Set<string>();
  for (const [id, sensitivity] of fields) if (!principal.sees.has(sensitivity)) hidden.add(id);
  return hidden;
}

/** The data without the hidden fields, and the names of those removed (present in the data). */
export function redactData(
  data: Record<string, unknown>,
  fields: FieldSensitivities,
  principal: Pick<Principal, 'sees'>,
): { data: Record<string, unknown>; hidden: string[] } {
  const hidden = hiddenFields(fields, principal);
  const visible: Record<string, unknown> = {};
  const removed: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (hidden.has(key)) removed.push(key);
    else visible[key] = value;
  }
  return { data: visible, hidden: removed.sort() };
}

/**
 * A message of the history without the hidden fields, wherever they sit in it (the creation message
 * nests the beneficiary's data; an event may copy a field).
 */
export function redactPayload(payload: unknown, hidden: ReadonlySet<string>): unknown {
  if (hidden.size === 0) return payload;
  if (Array.isArray(payload)) return payload.map((item) => redactPayload(item, hidden));
  if (typeof payload !== 'object' || payload === null) return payload;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    if (!hidden.has(key)) copy[key] = redactPayload(value, hidden);
  }
  return copy;
}
