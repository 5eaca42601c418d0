/**
 * Named guards of the definition language compiled to pure predicates over (context, event). Guards that
 * need the store (quotas) read facts the runtime put in the event before the pure step.
 */
import type { Effect, Guard } from '../definition/definition-types.ts';
import { assertNever } from '../errors.ts';
import { addDays, compareDates, isPlainDate, isWithin, periodEnd, subtractDuration, type PlainDateString } from '../time/index.ts';
import { formatMoney } from '../money/index.ts';
import { compileSchema } from './ajv.ts';
import type { InstanceContext, StepEvent } from './context.ts';
import { addMonths, dateOf } from './effects.ts';
import type { EligibilityCheck } from './eligibility.ts';
import { flatGrantGuard, type FlatGrant } from './flat-grant-guard.ts';
import { extendDurationGuards, startDurationGuards, type MeasureDuration } from './measure-duration-guard.ts';

/** A compiled guard: its French label is the reason given when it refuses. */
export interface CompiledGuard {
  id: string;
  kind: Guard['kind'] | 'effect';
  label: string;
  /** The quota it reads (kind `quota`). */
  quota?: string;
  /** The measure kind whose count under the instance it reads (`facts.measures`). */
  counts?: string;
  check(context: InstanceContext, event: StepEvent): boolean;
  /** A French reason with the figures of this refusal, said instead of `label` when present. */
  reason?(context: InstanceContext, event: StepEvent): string;
}

/** What a guard may need from the rest of the call. */
export interface GuardEnvironment {
  /** The eligibility rules of the lifecycle's subject (beneficiary or applicant). */
  eligibility: EligibilityCheck;
  /** The application period of the window that covers a territory. */
  applicationWindow(territory: string): { start?: PlainDateString; end: PlainDateString } | undefined;
  /** The call's quotas of agreements (`of: agreements`), implied by a `selection` milestone. */
  agreementQuotas: ReadonlyArray<{ id: string; label: string }>;
  /** An `upTo` grant capped per measure (`per: <measure kind>`), implied by a `signature` milestone with an amount. */
  grantCap?: GrantCap;
  /** A flat grant: a `signature` milestone with an amount agrees exactly that amount. */
  flatGrant?: FlatGrant;
  /** The call states no payment schedule (`funding.payment.kind: unknown`): a `signature` milestone is refused. */
  unknownPayment?: { note: string };
  /** The measure kind's `duration`: `start` and `extend` effects keep within it (`measure-duration-guard.ts`). */
  measureDuration?: MeasureDuration;
}

/** A grant of at most `maxCents` per measure of a kind: the agreed amount may not exceed max × their number. */
export interface GrantCap {
  /** The measure kind counted. */
  measure: string;
  /** The measure kind's label, for the message. */
  label: string;
  maxCents: number;
}

/** Compiles a named guard of a lifecycle. */
export function compileGuard(id: string, guard: Guard, env: GuardEnvironment): CompiledGuard {
  const base = { id, kind: guard.kind, label: guard.label };
  switch (guard.kind) {
    case 'eligibility':
      return { ...base, check: (context, event) => env.eligibility({ ...context.data, ...event.payload }, event.date).length === 0 };
    case 'schema': {
      const validate = compileSchema(guard.schema);
      return {
        ...base,
        check: (context, event) => validate({
          payload: event.payload,
          data: context.data,
          acts: Object.fromEntries(Object.entries(context.acts).map(([act, count]) => [act, count.quantity])),
          period: context.period ?? undefined,
          milestones: context.milestones,
        }),
      };
    }
    case 'maxDuration': {
      const max = guard.max;
      const adding = guard.adding;
      return {
        ...base,
        check: (context, event) => {
          const period = context.period;
          if (!period) return false;
          const added = adding === undefined ? 0 : Number(event.payload[adding]);
          if (!Number.isInteger(added) || added < 0) return false;
          return compareDates(periodEnd(period.start, addMonths(period.length, added)), periodEnd(period.start, max)) <= 0;
        },
      };
    }
    case 'range': {
      const { field, min, max } = guard;
      return {
        ...base,
        check: (_context, event) => {
          const value = event.payload[field];
          return typeof value === 'number' && (min === undefined || value >= min) && (max === undefined || value <= max);
        },
      };
    }
    case 'quota': {
      const quota = guard.quota;
      return { ...base, quota, check: (_context, event) => quotaLeft(event, quota) };
    }
    case 'window':
      return {
        ...base,
        check: (context, event) => {
          const window = context.territory === null ? undefined : env.applicationWindow(context.territory);
          return window !== undefined && isWithin(event.date, window.start, window.end);
        },
      };
    default:
      return assertNever(guard);
  }
}

/** True unless the quota's facts say it is reached and refusing (the runtime counts before the step). */
function quotaLeft(event: StepEvent, quota: string): boolean {
  const fact = event.facts.quotas[quota];
  return fact === undefined || fact.enforce === 'warn' || fact.count < fact.max;
}

/**
 * Guards implied by effects, so that an effect never applies to data it cannot read and never breaks a
 * rule of the call: a period starts on a real date (no earlier than `maxAdvance` before the entry date),
 * only an open period is extended, only a running period is suspended and only a suspended one resumed
 * (on a day that does not go back before the interruption), a `selection` milestone respects every quota
 * of agreements, and a `signature` milestone agrees no more than an `upTo` grant capped per measure allows,
 * exactly the amount of a `flat` grant (`flat-grant-guard.ts`), a measure's period keeps within its
 * `duration` (`measure-duration-guard.ts`),
 * and needs a known payment schedule (a signature makes an advance or a payment due: the engine does not
 * invent one).
 */
export function impliedGuards(where: string, effects: readonly Effect[], env: GuardEnvironment): CompiledGuard[] {
  const guards: CompiledGuard[] = [];
  effects.forEach((effect, index) => {
    const id = `${where}:effet-${index + 1}`;
    if (effect.kind === 'milestone' && effect.milestone === 'signature' && env.unknownPayment !== undefined) {
      const reason = `le calendrier de versement de l'appel n'est pas connu (« ${env.unknownPayment.note} ») : le moteur ne calcule pas l'avance ou le versement dû à la signature plutôt que d'en inventer un. Renseignez funding.payment (advanceAndBalance ou single) dans une nouvelle version de l'appel, puis signez.`;
      guards.push({ id: `${id}-versement`, kind: 'effect', label: "Le calendrier de versement de l'appel n'est pas connu : la signature attend qu'il soit renseigné.", check: () => false, reason: () => reason });
    }
    if (effect.kind === 'milestone' && effect.milestone === 'selection') {
      for (const quota of env.agreementQuotas) {
        guards.push({ id: `${id}-quota-${quota.id}`, kind: 'quota', quota: quota.id, label: `Quota atteint : ${quota.label}`, check: (_c, event) => quotaLeft(event, quota.id) });
      }
    } else if (effect.kind === 'milestone' && effect.milestone === 'signature' && effect.amount !== undefined && (env.grantCap !== undefined || env.flatGrant !== undefined)) {
      if (env.grantCap !== undefined) guards.push(grantCapGuard(`${id}-plafond`, effect.amount, env.grantCap));
      if (env.flatGrant !== undefined) guards.push(flatGrantGuard(`${id}-forfait`, effect.amount, env.flatGrant));
    } else if (effect.kind === 'start') {
      const { date, entry, maxAdvance } = effect;
      guards.push({
        id, kind: 'effect',
        label: `La date de début (« ${date} ») doit être une date AAAA-MM-JJ.`,
        check: (_c, event) => isPlainDate(event.payload[date]),
      });
      if (entry !== undefined && maxAdvance !== undefined) {
        guards.push({
          id: `${id}-avance`, kind: 'effect',
          label: `Le début ne peut précéder la date d'entrée (« ${entry} ») de plus de ${describeDuration(maxAdvance)}.`,
          check: (_c, event) => {
            const start = event.payload[date];
            const entered = event.payload[entry];
            if (!isPlainDate(start) || !isPlainDate(entered)) return true;
            return compareDates(subtractDuration(entered, maxAdvance), start) <= 0;
          },
        });
      }
      if (env.measureDuration !== undefined) guards.push(...startDurationGuards(id, effect, env.measureDuration));
    } else if (effect.kind === 'suspend') {
      const field = effect.date;
      guards.push({
        id, kind: 'effect',
        label: `Une interruption suppose un accompagnement commencé, en cours et pas déjà interrompu, à une date${field === undefined ? '' : ` (« ${field} », par défaut le jour du message)`} qui ne précède ni son début ni la dernière reprise.`,
        check: (context, event) => {
          const period = context.period;
          const date = dateOf(field, event);
          if (!period || period.ended !== undefined || !isPlainDate(date) || compareDates(date, period.start) < 0) return false;
          const last = period.suspensions?.at(-1);
          return last === undefined || (last.to !== undefined && compareDates(date, last.to) > 0);
        },
      });
    } else if (effect.kind === 'resume') {
      const field = effect.date;
      guards.push({
        id, kind: 'effect',
        label: `Une reprise suppose un accompagnement interrompu, à une date${field === undefined ? '' : ` (« ${field} », par défaut le jour du message)`} qui ne précède pas l'interruption.`,
        check: (context, event) => {
          const open = context.period?.suspensions?.at(-1);
          const date = dateOf(field, event);
          // the suspension starts the day after the interruption: a resume on the interruption's day is the earliest
          return open !== undefined && open.to === undefined && isPlainDate(date) && compareDates(addDays(date, 1), open.from) >= 0;
        },
      });
    } else if (effect.kind === 'extend') {
      const months = effect.months;
      guards.push({
        id, kind: 'effect',
        label: `Une prolongation suppose une période commencée et un nombre entier de mois (« ${months} »).`,
        check: (context, event) => context.period !== null && Number.isInteger(event.payload[months]),
      });
      if (env.measureDuration !== undefined) guards.push(...extendDurationGuards(id, months, env.measureDuration));
    }
  });
  return guards;
}

/**
 * The agreed amount (the payload's `amount` field, in cents) is at most max × the number of measures of
 * the capped kind already under the agreement (`facts.measures`, counted by the runtime before the step).
 */
function grantCapGuard(id: string, amount: string, cap: GrantCap): CompiledGuard {
  const count = (event: StepEvent) => event.facts.measures?.[cap.measure] ?? 0;
  const unit = `« ${cap.label} »`;
  return {
    id, kind: 'effect', counts: cap.measure,
    label: `Le montant conventionné ne peut dépasser ${formatMoney(cap.maxCents)} par mesure ${unit} rattachée à la convention : rattachez d'abord ces mesures à la candidature retenue, puis signez.`,
    check: (_c, event) => {
      const agreed = event.payload[amount];
      return typeof agreed !== 'number' || agreed <= cap.maxCents * count(event);
    },
    reason: (_c, event) => {
      const n = count(event);
      const agreed = Number(event.payload[amount]);
      const max = cap.maxCents * n;
      const which = n === 0 ? `aucune mesure ${unit} n'est encore rattachée à la convention` : `${n} mesure${n > 1 ? 's' : ''} ${unit} rattachée${n > 1 ? 's' : ''} à la convention`;
      return `le montant conventionné (${formatMoney(agreed)}) dépasse le plafond de ${formatMoney(cap.maxCents)} par mesure ${unit} : ${which}, soit ${formatMoney(max)} au plus. Rattachez les mesures prévues à la candidature retenue, ou signez pour ${formatMoney(max)} au plus.`;
    },
  };
}

function describeDuration(d: { years?: number; months?: number; weeks?: number; days?: number }): string {
  const parts = [
    d.years ? `${d.years} an${d.years > 1 ? 's' : ''}` : '',
    d.months ? `${d.months} mois` : '',
    d.weeks ? `${d.weeks} semaine${d.weeks > 1 ? 's' : ''}` : '',
    d.days ? `${d.days} jour${d.days > 1 ? 's' : ''}` : '',
  ].filter(Boolean);
  return parts.join(' et ') || '0 jour';
}
