/**
 * A measure's `duration` (initial, each renewal's min and max, total max) bites: a `start` effect opens no
 * longer than the initial duration, an `extend` effect adds between the renewal's min and max, and neither
 * makes the period longer than the total max. Lengths are counted in active time (the period's `length`):
 * an interruption (`suspend` … `resume`, engine/time/suspensions.ts) consumes none of the total, as the
 * `maxDuration` guard counts it.
 */
import type { Measure, StartEffect } from '../definition/definition-types.ts';
import { describeDuration } from '../diagram/wording.ts';
import { addDuration, compareDurations, isPlainDate } from '../time/index.ts';
import type { InstanceContext, StepEvent } from './context.ts';
import { addMonths } from './effects.ts';
import type { CompiledGuard } from './guards.ts';

/** A measure kind's `duration`, as the definition states it. */
export type MeasureDuration = NonNullable<Measure['duration']>;

/** Where the rule comes from, for a message: « (appels-a-projets-2024.md, CONTENU DU PROJET, ligne 618) ». */
function cited(duration: MeasureDuration): string {
  const s = duration.source;
  if (s === undefined) return '';
  const where = [s.document, s.section, s.line === undefined ? undefined : `ligne ${s.line}`].filter(Boolean).join(', ');
  return ` (source : ${where})`;
}

/** A guard of this module: refuses when `problem` names one, and says it with the measure's rule. */
function durationGuard(id: string, label: string, problem: (context: InstanceContext, event: StepEvent) => string | undefined): CompiledGuard {
  return {
    id, kind: 'effect', label,
    check: (context, event) => problem(context, event) === undefined,
    reason: (context, event) => `${problem(context, event) ?? label} Corrigez le message, ou publiez une nouvelle version de l'appel si la durée a changé.`,
  };
}

/**
 * The guards a `start` effect implies: the period it opens (the effect's own `duration`, from the message's
 * start date) is no longer than `initial`, nor than `max`.
 * @example startDurationGuards('activer:effet-1', effect, { initial: { months: 12 }, max: { months: 24 } })
 */
export function startDurationGuards(id: string, effect: StartEffect, duration: MeasureDuration): CompiledGuard[] {
  const opened = describeDuration(effect.duration);
  const from = (event: StepEvent) => {
    const date = event.payload[effect.date];
    return isPlainDate(date) ? date : event.date;
  };
  const guards: CompiledGuard[] = [];
  const { initial, max } = duration;
  if (initial !== undefined) {
    guards.push(durationGuard(`${id}-duree-initiale`,
      `La mesure s'ouvre pour ${describeDuration(initial)} au plus (durée initiale)${cited(duration)}.`,
      (_c, event) => compareDurations(effect.duration, initial, from(event)) > 0
        ? `la période ouverte (${opened}) dépasse la durée initiale de la mesure (${describeDuration(initial)})${cited(duration)}.`
        : undefined));
  }
  if (max !== undefined) {
    guards.push(durationGuard(`${id}-duree-max`,
      `La mesure dure ${describeDuration(max)} au plus${cited(duration)}.`,
      (_c, event) => compareDurations(effect.duration, max, from(event)) > 0
        ? `la période ouverte (${opened}) dépasse la durée totale maximale de la mesure (${describeDuration(max)})${cited(duration)}.`
        : undefined));
  }
  return guards;
}

/**
 * The guards an `extend` effect implies: the months it adds (the message's `months` field) are within
 * `renewal.min..max`, and the period's active length with them stays within `max`. A message without a
 * whole number of months is left to the effect's own guard.
 * @example extendDurationGuards('renouveler:effet-1', 'mois', { renewal: { min: { months: 6 }, max: { months: 12 } }, max: { months: 24 } })
 */
export function extendDurationGuards(id: string, months: string, duration: MeasureDuration): CompiledGuard[] {
  const added = (context: InstanceContext, event: StepEvent) => {
    const value = event.payload[months];
    return context.period !== null && Number.isInteger(value) ? { period: context.period, months: value as number } : undefined;
  };
  const guards: CompiledGuard[] = [];
  const { renewal, max } = duration;
  if (renewal?.min !== undefined || renewal?.max !== undefined) {
    const bounds = renewal.min !== undefined && renewal.max !== undefined
      ? `de ${describeDuration(renewal.min)} à ${describeDuration(renewal.max)}`
      : renewal.min !== undefined ? `d'au moins ${describeDuration(renewal.min)}` : `d'au plus ${describeDuration(renewal.max ?? {})}`;
    guards.push(durationGuard(`${id}-renouvellement`,
      `Un renouvellement de la mesure est ${bounds}${cited(duration)}.`,
      (context, event) => {
        const given = added(context, event);
        if (given === undefined) return undefined;
        // laid from the day after the current length (active time), where the renewal begins
        const from = addDuration(given.period.start, given.period.length);
        const asked = { months: given.months };
        const short = renewal.min !== undefined && compareDurations(asked, renewal.min, from) < 0;
        const long = renewal.max !== undefined && compareDurations(asked, renewal.max, from) > 0;
        return short || long
          ? `un renouvellement de ${describeDuration(asked)} est hors des limites de la mesure : chaque renouvellement est ${bounds}${cited(duration)}.`
          : undefined;
      }));
  }
  if (max !== undefined) {
    guards.push(durationGuard(`${id}-duree-max`,
      `La mesure dure ${describeDuration(max)} au plus, renouvellements compris, interruptions non comptées${cited(duration)}.`,
      (context, event) => {
        const given = added(context, event);
        if (given === undefined) return undefined;
        const length = addMonths(given.period.length, given.months);
        return compareDurations(length, max, given.period.start) > 0
          ? `avec ce renouvellement de ${describeDuration({ months: given.months })}, la mesure durerait ${describeDuration(length)} (${describeDuration(given.period.length)} déjà), au-delà de sa durée totale maximale de ${describeDuration(max)}${cited(duration)}.`
          : undefined;
      }));
  }
  return guards;
}
