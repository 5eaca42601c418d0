/**
 * French words for the parts of a lifecycle a diagram shows: durations, deadlines, timers and effects.
 */
import { assertNever } from '../errors.ts';
import type { Deadline, Duration, Effect, MilestoneEffect, Timer } from '../definition/definition-types.ts';

/** Labels the words may use: acts and fields of the measure (id → label). */
export interface WordingContext {
  acts?: Record<string, { label: string } | undefined>;
  fields?: Record<string, { label: string } | undefined>;
}

const UNITS: ReadonlyArray<[keyof Duration, string, string]> = [
  ['years', 'an', 'ans'],
  ['months', 'mois', 'mois'],
  ['weeks', 'semaine', 'semaines'],
  ['days', 'jour', 'jours'],
];

/**
 * A calendar duration in French.
 * @example
 * describeDuration({ years: 1, months: 6 }) // '1 an et 6 mois'
 */
export function describeDuration(duration: Duration): string {
  const parts = UNITS.flatMap(([key, one, many]) => {
    const value = duration[key];
    return value === undefined ? [] : [`${value} ${value > 1 ? many : one}`];
  });
  if (parts.length === 0) return '0 jour';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)!}`;
}

/** The reference date of a deadline in French, with its article: « le début de la période ». */
export function describeAnchor(anchor: string, context: WordingContext = {}): string {
  if (anchor.startsWith('field:')) {
    const field = anchor.slice('field:'.length);
    return `la date « ${context.fields?.[field]?.label ?? field} »`;
  }
  switch (anchor) {
    case 'entered':
      return "l'entrée dans l'état";
    case 'start':
      return 'le début de la période';
    case 'end':
      return 'la fin de la période';
    case 'agreement.start':
      return 'le début de la convention';
    case 'agreement.end':
      return 'la fin de la convention';
    default:
      return anchor;
  }
}

/**
 * A deadline in French.
 * @example
 * describeDeadline({ from: 'start', after: { months: 6 } }) // '6 mois après le début de la période'
 */
export function describeDeadline(deadline: Deadline, context: WordingContext = {}): string {
  return `${describeDuration(deadline.after)} après ${describeAnchor(deadline.from, context)}`;
}

/**
 * A timer in French: its label and when it fires.
 * @example
 * describeTimer({ label: 'bilan à 6 mois', at: { from: 'start', after: { months: 6 } }, send: 'bilan' })
 * // 'bilan à 6 mois : 6 mois après le début de la période'
 */
export function describeTimer(timer: Timer, context: WordingContext = {}): string {
  return `${timer.label} : ${describeDeadline(timer.at, context)}`;
}

const MILESTONES: Record<MilestoneEffect['milestone'], string> = {
  selection: 'candidature retenue',
  signature: 'convention signée',
  serviceFait: 'service fait',
  payment: 'versement effectué',
};

/** What an effect does, in a few French words: « compte : diagnostic flash ». */
export function describeEffect(effect: Effect, context: WordingContext = {}): string {
  const field = (id: string): string => context.fields?.[id]?.label ?? id;
  switch (effect.kind) {
    case 'set': {
      // A long list would bury the transition under its fields: three names, then a count.
      const names = effect.fields.map(field);
      const shown = names.length > 3 ? [...names.slice(0, 2), `${names.length - 2} autres champs`] : names;
      return `renseigne : ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} et ${shown.at(-1)!}` : shown[0]!}`;
    }
    case 'start':
      return `ouvre la période (${describeDuration(effect.duration)})`;
    case 'extend':
      return 'prolonge la période';
    case 'end':
      return 'clôt la période';
    case 'suspend':
      return 'interrompt la période';
    case 'resume':
      return 'reprend la période';
    case 'act':
      return `compte : ${context.acts?.[effect.act]?.label ?? effect.act}`;
    case 'milestone':
      return `jalon : ${MILESTONES[effect.milestone]}`;
    default:
      return assertNever(effect);
  }
}
