/**
 * A measure's `duration` against its own lifecycle: what the engine would refuse every time (a `start`
 * longer than the initial duration, a renewal with nothing left to add), and what disagrees with it (a
 * `start` shorter than the initial duration, a `maxDuration` guard looser than the total max, bounds out of
 * order). The engine enforces the duration at each step (engine/compile/measure-duration-guard.ts).
 */
import { describeDuration } from '../../diagram/wording.ts';
import { compareDurations, type CalendarDuration } from '../../time/index.ts';
import type { Measure } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { finding, type LintContext } from './lint-context.ts';
import { transitionsOf } from './lifecycles.ts';

/** Durations are compared laid from one neutral first day (the first of a month). */
const FROM = '2001-01-01';

const longer = (a: CalendarDuration, b: CalendarDuration) => compareDurations(a, b, FROM) > 0;

/** Checks every measure kind that states a `duration` against its lifecycle. */
export function lintMeasureDuration(context: LintContext): Finding[] {
  return Object.entries(context.call.measures ?? {}).flatMap(([id, measure]) =>
    measure.duration === undefined ? [] : lintMeasure(context, id, measure, childPointer('/measures', id)));
}

function lintMeasure(context: LintContext, id: string, measure: Measure, at: string): Finding[] {
  const duration = measure.duration!;
  const findings: Finding[] = [];
  const { initial, renewal, max } = duration;
  const d = `${at}/duration`;
  if (initial !== undefined && max !== undefined && longer(initial, max)) {
    findings.push(finding(context, 'duree-initiale-au-dela-du-max', 'error', `${d}/initial`, `La durée initiale de la mesure « ${id} » (${describeDuration(initial)}) dépasse sa durée totale maximale (${describeDuration(max)}) : aucune mesure ne pourrait s'ouvrir. Corrigez initial ou max.`));
  }
  if (renewal?.min !== undefined && renewal.max !== undefined && longer(renewal.min, renewal.max)) {
    findings.push(finding(context, 'renouvellement-bornes-inversees', 'error', `${d}/renewal/min`, `Le renouvellement minimal de la mesure « ${id} » (${describeDuration(renewal.min)}) dépasse le maximal (${describeDuration(renewal.max)}) : aucun renouvellement ne serait accepté. Échangez min et max.`));
  }
  const lifecycle = measure.lifecycle;
  if (lifecycle === undefined) return findings;
  const l = `${at}/lifecycle`;
  for (const [stateId, state] of Object.entries(lifecycle.states ?? {})) {
    for (const [eventId, entry] of Object.entries(state.on ?? {})) {
      const onPointer = childPointer(`${childPointer(`${l}/states`, stateId)}/on`, eventId);
      for (const { transition, pointer } of transitionsOf(entry, onPointer)) {
        (transition.effects ?? []).forEach((effect, index) => {
          const where = `${pointer}/effects/${index}`;
          if (effect.kind === 'start' && initial !== undefined) {
            const opened = describeDuration(effect.duration);
            if (longer(effect.duration, initial)) {
              findings.push(finding(context, 'debut-au-dela-de-la-duree-initiale', 'error', `${where}/duration`, `L'ouverture de la période (${opened}) dépasse la durée initiale de la mesure « ${id} » (${describeDuration(initial)}) : le moteur refusera chaque « ${eventId} ». Ouvrez pour ${describeDuration(initial)}.`));
            } else if (longer(initial, effect.duration)) {
              findings.push(finding(context, 'debut-plus-court-que-la-duree-initiale', 'warning', `${where}/duration`, `L'ouverture de la période (${opened}) est plus courte que la durée initiale de la mesure « ${id} » (${describeDuration(initial)}) : ouvrez pour ${describeDuration(initial)}, ou corrigez duration.initial.`));
            }
          }
          if (effect.kind === 'extend' && initial !== undefined && max !== undefined && !longer(max, initial)) {
            findings.push(finding(context, 'renouvellement-impossible', 'warning', where, `La mesure « ${id} » dure ${describeDuration(max)} au plus, autant que sa durée initiale : le moteur refusera toute prolongation « ${eventId} ». Retirez cet effet, ou corrigez duration.max.`));
          }
        });
      }
    }
  }
  if (max !== undefined) {
    for (const [guardId, guard] of Object.entries(lifecycle.guards ?? {})) {
      if (guard.kind !== 'maxDuration' || !longer(guard.max, max)) continue;
      findings.push(finding(context, 'garde-duree-au-dela-du-max', 'warning', `${childPointer(`${l}/guards`, guardId)}/max`, `La garde « ${guardId} » permet ${describeDuration(guard.max)}, plus que la durée totale maximale de la mesure « ${id} » (${describeDuration(max)}), que le moteur applique aussi : alignez les deux.`));
    }
  }
  return findings;
}
