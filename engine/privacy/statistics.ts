/**
 * The values erasure keeps: those the call's indicators read (a count by sex, a share of households
 * rehoused, a distribution of exit reasons), so that the reports of past years give the same figures once
 * the households' other data is gone. A birthdate is kept only as the age it gave at referral: it becomes
 * the day of referral that many years earlier (age bands, whatever they are, fall the same).
 */
import type { Call, Indicator } from '../definition/index.ts';
import { ageOn, isPlainDate, subtractDuration, type PlainDateString } from '../time/index.ts';
import type { SubjectOwner } from './subject-fields.ts';

/** How a kept value is kept. */
export type Keeping = 'as-is' | 'age';

/** The values an erasure keeps: data fields (and the same names in messages), and message fields per event. */
export interface KeptFields {
  data: ReadonlyMap<string, Keeping>;
  events: ReadonlyMap<string, ReadonlySet<string>>;
}

function readFields(indicator: Indicator): Array<[string, Keeping]> {
  const fields: Array<[string, Keeping]> = [];
  if (indicator.field !== undefined) fields.push([indicator.field, 'as-is']);
  if (indicator.per !== undefined) fields.push([indicator.per, 'as-is']);
  for (const key of Object.keys(indicator.where ?? {})) fields.push([key, 'as-is']);
  for (const group of indicator.groupBy ?? []) {
    if (group.startsWith('field:')) fields.push([group.slice('field:'.length), 'as-is']);
    if (group.startsWith('age:')) fields.push([group.slice('age:'.length), 'age']);
  }
  return fields;
}

/** What the indicators of these versions of a call read of an instance's data and messages. */
export function keptFields(calls: readonly Call[], owner: SubjectOwner): KeptFields {
  const data = new Map<string, Keeping>();
  const events = new Map<string, Set<string>>();
  const of = owner.kind === 'measure' ? 'measures' : owner.kind === 'application' ? 'applications' : 'reports';
  for (const call of calls) {
    const birthdates = new Set(Object.entries((owner.kind === 'measure' ? call.measures?.[owner.measureKind ?? '']?.beneficiary?.fields : call.applicants.fields) ?? {})
      .filter(([, field]) => field.type === 'birthdate').map(([id]) => id));
    for (const indicator of Object.values(call.indicators ?? {})) {
      const mine = indicator.measure === undefined || (owner.kind === 'measure' && indicator.measure === owner.measureKind);
      if (indicator.of === of && mine) {
        for (const [field, keeping] of readFields(indicator)) {
          const how: Keeping = keeping === 'age' || birthdates.has(field) ? 'age' : 'as-is';
          if (data.get(field) !== 'age') data.set(field, how);
        }
      }
      if (indicator.of === 'events' && indicator.event !== undefined && mine) {
        const fields = events.get(indicator.event) ?? new Set<string>();
        for (const [field] of readFields(indicator)) fields.add(field);
        events.set(indicator.event, fields);
      }
    }
  }
  // A value kept in a message is kept in the data it was copied to (a replay copies it again).
  for (const fields of events.values()) for (const field of fields) if (!data.has(field)) data.set(field, 'as-is');
  return { data, events };
}

/**
 * A kept value as erasure leaves it: as is, or a birthdate turned into the day of referral `age` years
 * earlier (the same age in whole years at referral, nothing more).
 */
export function keptValue(value: unknown, keeping: Keeping, referral: PlainDateString): unknown {
  if (keeping === 'as-is' || !isPlainDate(value)) return value;
  return subtractDuration(referral, { years: ageOn(value, referral) });
}
