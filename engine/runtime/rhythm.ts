/**
 * The follow-up of a measure's rhythm (« 1 contact par mois les 3 premiers mois de remboursement, puis tous
 * les 3 mois la 1re année, puis 3 par an »): for every rhythm entry that names the `act` it counts, the
 * periods of `per` from the day the measure entered one of its `states` (every state when none is named)
 * until it left them or until today, each with the contacts expected (`min`, none in `excludedMonths`), the
 * contacts made (events of the log that record the act) and a status. A period over without its contacts
 * is « manquée »; the view of the measure lists them and counts them. Pure: the log is given.
 */
import type { Effect, Measure } from '../definition/index.ts';
import type { EventRecord } from '../store/index.ts';
import { addDays, addDuration, compareDates, formatDate, type PlainDateString } from '../time/index.ts';

/** A period of a rhythm. */
export interface RhythmPeriod {
  start: PlainDateString;
  /** Inclusive. */
  end: PlainDateString;
  expected: number;
  done: number;
  /** `en-cours`: not over yet; `respectee`; `manquee`: over with fewer contacts than expected; `interrompue`: the measure left the rhythm's states before its end. */
  status: 'en-cours' | 'respectee' | 'manquee' | 'interrompue';
}

/** One rhythm entry followed. */
export interface RhythmFollowUp {
  label: string;
  act: string;
  /** Periods planned so far, oldest first. */
  periods: RhythmPeriod[];
  /** Periods over without their contacts. */
  missed: number;
  /** A French sentence per missed period. */
  warnings: string[];
}

/** An event of the log, as the rhythm reads it: its type, its day, the state it led to and its message. */
export interface RhythmLogEntry {
  type: string;
  date: PlainDateString;
  state: string;
  /** The message, where an act effect reads the day of the act (`date`). */
  payload?: Readonly<Record<string, unknown>>;
}

/** The rhythm's reading of stored events: each one's type, the day and state its answer recorded, its message. */
export function rhythmLogOf(events: readonly EventRecord[]): RhythmLogEntry[] {
  return events.map((e) => {
    const answer = e.response as { date: PlainDateString; state: string };
    return { type: e.type, date: answer.date, state: answer.state, payload: e.payload as Record<string, unknown> };
  });
}

/** Periods planned per rhythm at most (bounded work, whatever the dates). */
const MAX_PERIODS = 500;

/**
 * Follows the rhythms of a measure kind over its log, as of `today`.
 * @example
 * followRhythms(call.definition.measures.microcredit, log, '2025-03-01')
 * // [{ label: 'Suivi budgétaire, les 3 premiers mois…', periods: [{ start: '2024-10-01', end: '2024-10-31', expected: 1, done: 0, status: 'manquee' }, …], missed: 1, … }]
 */
export function followRhythms(measure: Measure | undefined, log: readonly RhythmLogEntry[], today: PlainDateString): RhythmFollowUp[] {
  const counted = (measure?.rhythm ?? []).filter((rhythm) => rhythm.act !== undefined && rhythm.per !== undefined && (rhythm.min ?? 0) > 0);
  return counted.map((rhythm) => {
    const act = rhythm.act!;
    const recording = eventsRecording(measure, act);
    const contacts = log.flatMap((entry) => (recording.has(entry.type) ? [actDay(entry, recording.get(entry.type))] : []));
    const periods: RhythmPeriod[] = [];
    for (const block of blocksIn(log, rhythm.states, today)) {
      for (let start = block.start; compareDates(start, block.end) <= 0 && periods.length < MAX_PERIODS; start = addDuration(start, rhythm.per!)) {
        const natural = addDays(addDuration(start, rhythm.per!), -1);
        const cut = compareDates(natural, block.end) > 0;
        const end = cut ? block.end : natural;
        const excluded = monthsOf(start, natural).every((month) => (rhythm.excludedMonths ?? []).includes(month));
        const expected = excluded ? 0 : rhythm.min!;
        const done = contacts.filter((date) => compareDates(start, date) <= 0 && compareDates(date, end) <= 0).length;
        const status = cut ? (block.open ? 'en-cours' : done >= expected ? 'respectee' : 'interrompue') : compareDates(natural, today) >= 0 ? 'en-cours' : done >= expected ? 'respectee' : 'manquee';
        periods.push({ start, end, expected, done, status });
      }
    }
    const missed = periods.filter((p) => p.status === 'manquee');
    const participants = rhythm.maxParticipants === undefined ? '' : ` (${rhythm.maxParticipants} participants au plus)`;
    return {
      label: rhythm.label, act, periods, missed: missed.length,
      warnings: missed.map((p) => `« ${rhythm.label} »${participants} : ${p.done} contact${p.done > 1 ? 's' : ''} sur ${p.expected} attendu${p.expected > 1 ? 's' : ''} du ${formatDate(p.start)} au ${formatDate(p.end)}.`),
    };
  });
}

/**
 * The events whose transitions record `act` (an `act` effect), anywhere in the measure's lifecycle, each with
 * the message field that gives the day of the act (`date`), if any.
 */
function eventsRecording(measure: Measure | undefined, act: string): Map<string, string | undefined> {
  const events = new Map<string, string | undefined>();
  const states = (measure?.lifecycle as { states?: Record<string, { on?: Record<string, unknown> }> } | undefined)?.states ?? {};
  for (const state of Object.values(states)) {
    for (const [type, transitions] of Object.entries(state.on ?? {})) {
      for (const transition of [transitions].flat() as Array<{ effects?: Effect[] } | null>) {
        for (const effect of transition?.effects ?? []) {
          if (effect.kind === 'act' && effect.act === act && !events.has(type)) events.set(type, effect.date);
        }
      }
    }
  }
  return events;
}

/** The day an act took place: the message's date field when it names an earlier day, else the event's day. */
function actDay(entry: RhythmLogEntry, field: string | undefined): PlainDateString {
  const value = field === undefined || entry.payload === undefined || !Object.hasOwn(entry.payload, field) ? undefined : entry.payload[field];
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && compareDates(value, entry.date) < 0 ? value : entry.date;
}

/** The spans of days the measure spent in `states` (every state when undefined); the last one open if it still is. */
function blocksIn(log: readonly RhythmLogEntry[], states: readonly string[] | undefined, today: PlainDateString): Array<{ start: PlainDateString; end: PlainDateString; open: boolean }> {
  const blocks: Array<{ start: PlainDateString; end: PlainDateString; open: boolean }> = [];
  let current: { start: PlainDateString } | undefined;
  for (const entry of log) {
    const inside = states === undefined || states.includes(entry.state);
    if (inside && current === undefined) current = { start: entry.date };
    if (!inside && current !== undefined) {
      blocks.push({ start: current.start, end: addDays(entry.date, -1), open: false });
      current = undefined;
    }
  }
  if (current !== undefined && compareDates(current.start, today) <= 0) blocks.push({ start: current.start, end: today, open: true });
  return blocks;
}

/** The months (1–12) a span of days touches. */
function monthsOf(start: PlainDateString, end: PlainDateString): number[] {
  const months: number[] = [];
  for (let day = `${start.slice(0, 7)}-01`; compareDates(day, end) <= 0 && months.length < 12; day = addDuration(day, { months: 1 })) months.push(Number(day.slice(5, 7)));
  return months;
}
