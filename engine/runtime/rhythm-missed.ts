/**
 * Missed rhythm periods made countable. The view of a measure shows its rhythm (see `rhythm.ts`), but a view
 * is not stored: for the call's indicators to count missed contacts, each event of a measure whose rhythm
 * counts an act records, in the step's answer kept with the event, the periods that became known as missed
 * since the previous event (a period is known missed the day after it ended without its contacts: the
 * next contact, a move to another state or the end of the follow-up reveals it). Each missed period is so
 * recorded once, on the first event after its end; indicators filter on it (`missedContacts`).
 */
import type { Measure } from '../definition/index.ts';
import { compareDates, type PlainDateString } from '../time/index.ts';
import { followRhythms, type RhythmLogEntry } from './rhythm.ts';

/** A period of a rhythm over without its contacts. */
export interface MissedRhythmPeriod {
  label: string;
  start: PlainDateString;
  end: PlainDateString;
  expected: number;
  done: number;
}

/** What an event's answer records of the missed periods it revealed. */
export interface MissedContacts {
  /** Periods newly known as missed. */
  periods: number;
  /** Contacts missing over those periods (expected minus done). */
  contacts: number;
  list: MissedRhythmPeriod[];
  /** A French sentence per missed period. */
  warnings: string[];
}

/** True when a measure kind has a rhythm the engine follows (one that names the act it counts). */
export function followsRhythm(measure: Measure | undefined): boolean {
  return measure?.rhythm?.some((r) => r.act !== undefined && r.per !== undefined && (r.min ?? 0) > 0) === true;
}

/**
 * The periods that became known as missed with the last entry of `log` (the event being recorded), that is
 * those ended on or after the day of the entry before it; undefined when there is none.
 * @example
 * missedSince(measure, [...earlier, { type: 'contact', date: '2024-05-20', state: 'suivi-3-premiers-mois' }])
 * // { periods: 1, contacts: 1, list: [{ start: '2024-04-06', end: '2024-05-05', … }], warnings: [...] }
 */
export function missedSince(measure: Measure | undefined, log: readonly RhythmLogEntry[]): MissedContacts | undefined {
  const current = log.at(-1);
  if (current === undefined) return undefined;
  const previous = log.at(-2)?.date;
  const list: MissedRhythmPeriod[] = [];
  const warnings: string[] = [];
  for (const follow of followRhythms(measure, log, current.date)) {
    follow.periods.filter((p) => p.status === 'manquee').forEach((period, i) => {
      if (previous !== undefined && compareDates(period.end, previous) < 0) return;
      list.push({ label: follow.label, start: period.start, end: period.end, expected: period.expected, done: period.done });
      warnings.push(follow.warnings[i]!);
    });
  }
  if (list.length === 0) return undefined;
  return { periods: list.length, contacts: list.reduce((sum, p) => sum + p.expected - p.done, 0), list, warnings };
}
