/**
 * Dates moved by whole years, for a what-if against next year's call: the day an event counted on, and
 * every plain date of its message or of a creation's data (a referral date, a birthdate: the same
 * households, a year later, the same age). 29 February falls on 28 February.
 */
import { addDuration, type PlainDateString } from '../time/index.ts';

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `date` moved by `years` (month-end clamped). */
export function shiftDate(date: PlainDateString, years: number): PlainDateString {
  if (years === 0 || date === '') return date;
  // A year of activity has a few hundred distinct days: remember them rather than call Temporal each time.
  const key = `${date}|${years}`;
  let shifted = shifted_.get(key);
  if (shifted === undefined) {
    if (shifted_.size >= 10_000) shifted_.clear();
    shifted_.set(key, (shifted = addDuration(date, { years })));
  }
  return shifted;
}

const shifted_ = new Map<string, PlainDateString>();

/** A JSON value with every plain-date string moved by `years` (the value itself when `years` is 0). */
export function shiftValue<T>(value: T, years: number): T {
  if (years === 0) return value;
  return shift(value, years) as T;
}

function shift(value: unknown, years: number): unknown {
  if (typeof value === 'string') return PLAIN_DATE.test(value) ? shiftDate(value, years) : value;
  if (Array.isArray(value)) return value.map((v) => shift(v, years));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = shift(v, years);
    return out;
  }
  return value;
}
