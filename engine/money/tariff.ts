/**
 * Tariffs compiled to pure functions: activity in, exact cents and a French breakdown out.
 */
import { assertNever, EngineError } from '../errors.ts';
import { activeMonthsBegun, durationInMonths, formatDate, minDate, suspendedDays, type PlainDateString, type Suspension } from '../time/index.ts';
import { countOf, type BreakdownLine, type Earning } from './breakdown.ts';
import type { ActLabels, Tariff } from './funding-types.ts';
import { formatMoney, requireMoney, type Cents } from './money.ts';

/** What a measure did, as a tariff reads it. */
export interface Activity {
  /** Counted acts by act id: how many, and for `declared` tariffs the amount declared for each act. */
  acts: Record<string, { quantity: number; declaredCents?: Cents[] }>;
  /**
   * The measure's period (inclusive end) and its interruptions; a prorata tariff pays the months begun in
   * it while active (see `activeMonthsBegun`).
   */
  period?: { start: PlainDateString; end?: PlainDateString; suspensions?: readonly Suspension[] };
  /** The day the activity is valued: months after it are not counted yet. */
  asOf: PlainDateString;
}

/**
 * A compiled tariff: pure. Called, it returns the amount and its French breakdown; `cents` returns the
 * same amount alone, without building a word (the hot path: a step's money, an agreement's ledger), so the
 * breakdown is built only where someone reads it.
 */
export type TariffFunction = ((activity: Activity) => Earning) & {
  /** The amount alone, equal to the call's `cents`. */
  cents: (activity: Activity) => Cents;
};

/** One tariff compiled twice over: the amount alone, and the amount with its words. */
interface Compiled {
  cents: (activity: Activity) => Cents;
  earn: (activity: Activity) => Earning;
}

/** Options of {@link compileTariff}. */
export interface CompileTariffOptions {
  /** The measure kind's acts (labels and units), so that lines read « 8 semaines » rather than « 8 × semaine ». */
  acts?: ActLabels;
}

/**
 * Compiles a tariff of the definition language into a pure function. Amounts are integer cents; a
 * prorata amount is computed once on the total, `round(amount × months ÷ months of the period)` rounded
 * half up, so that no per-month rounding drifts (12 months of 5 000 € / 12 is exactly 5 000 €). The months
 * are those begun while the measure is active: an interruption stops the count, the resume starts it again
 * where it stopped (a month begun before the interruption is not paid twice).
 * Throws `donnees-invalides` when an amount or a duration cannot be read (a checked definition never does).
 * @example
 * const earn = compileTariff({ kind: 'perAct', act: 'semaine', price: '55 €', maxUnits: 8 }, { acts: { semaine: { label: 'Semaine', unit: 'semaine' } } });
 * earn({ acts: { semaine: { quantity: 9 } }, asOf: '2025-02-01' }).cents // 44000
 */
export function compileTariff(tariff: Tariff, options: CompileTariffOptions = {}): TariffFunction {
  const { cents, earn } = compile(tariff, options.acts ?? {}, undefined, tariff.label);
  return Object.assign((activity: Activity) => earn(activity), { cents });
}

function compile(tariff: Tariff, acts: ActLabels, part: string | undefined, title: string | undefined): Compiled {
  const line = (text: string, cents: Cents): BreakdownLine => (part === undefined ? { text, cents } : { text, cents, part });
  switch (tariff.kind) {
    case 'perAct': {
      const price = requireMoney(tariff.price, `le prix de l'acte « ${tariff.act} »`);
      const act = acts[tariff.act];
      const unit = act?.unit ?? 'acte';
      const prefix = title !== undefined ? `${title} : ` : act?.unit === undefined ? `${act?.label ?? tariff.act} : ` : '';
      const max = tariff.maxUnits;
      const paidOf = (activity: Activity) => {
        const done = activity.acts[tariff.act]?.quantity ?? 0;
        return max === undefined ? done : Math.min(done, max);
      };
      return { cents: (activity) => paidOf(activity) * price, earn: (activity) => {
        const done = activity.acts[tariff.act]?.quantity ?? 0;
        const paid = paidOf(activity);
        const cents = paid * price;
        let note = '';
        if (max !== undefined && done > max) note = ` (plafond de ${countOf(max, unit)} atteint : ${countOf(done - max, unit)} non ${payable(done - max)})`;
        else if (max !== undefined && done === max) note = ` (plafond de ${countOf(max, unit)} atteint)`;
        return { cents, lines: [line(`${prefix}${countOf(paid, unit)} × ${formatMoney(price)} = ${formatMoney(cents)}${note}`, cents)] };
      } };
    }
    case 'declared': {
      const max = requireMoney(tariff.max, `le plafond de l'acte « ${tariff.act} »`);
      const name = title ?? acts[tariff.act]?.label ?? tariff.act;
      const cents = (activity: Activity) => {
        let sum = 0;
        for (const amount of activity.acts[tariff.act]?.declaredCents ?? []) sum += Math.min(amount, max);
        return sum;
      };
      return { cents, earn: (activity) => {
        const declared = activity.acts[tariff.act]?.declaredCents ?? [];
        if (declared.length === 0) return { cents: 0, lines: [line(`${name} : aucun montant déclaré = ${formatMoney(0)}`, 0)] };
        const lines = declared.map((amount, index) => {
          const paid = Math.min(amount, max);
          const numbered = declared.length > 1 ? `${name} n° ${index + 1}` : name;
          const note = amount > max ? `, ramené au plafond de ${formatMoney(max)} par acte (${formatMoney(amount - max)} non ${payable(2)})` : '';
          return line(`${numbered} : ${formatMoney(amount)} déclarés${note} = ${formatMoney(paid)}`, paid);
        });
        return { cents: lines.reduce((sum, l) => sum + l.cents, 0), lines };
      } };
    }
    case 'prorata': {
      const amount = requireMoney(tariff.amount, 'le montant du tarif au prorata');
      const perMonths = durationInMonths(tariff.per);
      if (perMonths === undefined || perMonths <= 0) {
        throw new EngineError('donnees-invalides', `Un tarif au prorata se compte en mois : « per » doit être en mois ou en années (par exemple { months: 12 }).`, { per: tariff.per });
      }
      const prefix = title !== undefined ? `${title} : ` : '';
      const maxMonths = tariff.maxMonths;
      const begunOf = (period: NonNullable<Activity['period']>, asOf: PlainDateString) =>
        activeMonthsBegun(period.start, period.end === undefined ? asOf : minDate(period.end, asOf), period.suspensions ?? []);
      const centsOf = (begun: number) => {
        const months = maxMonths === undefined ? begun : Math.min(begun, maxMonths);
        return Math.floor((2 * amount * months + perMonths) / (2 * perMonths));
      };
      return { cents: (activity) => (activity.period === undefined ? 0 : centsOf(begunOf(activity.period, activity.asOf))), earn: (activity) => {
        const period = activity.period;
        if (period === undefined) return { cents: 0, lines: [line(`${prefix}période non commencée : 0 mois = ${formatMoney(0)}`, 0)] };
        const suspensions = period.suspensions ?? [];
        const begun = begunOf(period, activity.asOf);
        const months = maxMonths === undefined ? begun : Math.min(begun, maxMonths);
        const cents = centsOf(begun);
        const notes: string[] = [];
        if (maxMonths !== undefined && begun > maxMonths) notes.push(`plafond de ${countOf(maxMonths, 'mois')} atteint : ${countOf(begun - maxMonths, 'mois')} non ${payable(begun - maxMonths)}`);
        if (suspensions.length > 0) notes.push(interrupted(suspensions, activity.asOf));
        if ((amount * months) % perMonths !== 0) notes.push('arrondi au centime une seule fois, sur le total');
        const note = notes.length > 0 ? ` (${notes.join(' ; ')})` : '';
        const text = `${prefix}${countOf(months, 'mois')} × ${formatMoney(amount)} / ${countOf(perMonths, 'mois')} = ${formatMoney(cents)}${note}`;
        return { cents, lines: [line(text, cents)] };
      } };
    }
    case 'flat': {
      const amount = requireMoney(tariff.amount, 'le forfait');
      const text = `${title ?? 'Forfait par mesure'} : ${formatMoney(amount)}`;
      return { cents: () => amount, earn: () => ({ cents: amount, lines: [line(text, amount)] }) };
    }
    case 'sum': {
      const max = tariff.max === undefined ? undefined : requireMoney(tariff.max, 'le plafond de la somme');
      const parts = Object.entries(tariff.parts).map(([id, sub]) => compile(sub, acts, part === undefined ? id : `${part}.${id}`, sub.label ?? labelOfPart(id, sub, acts)));
      const name = title ?? 'Total';
      const cents = (activity: Activity) => {
        let total = 0;
        for (const p of parts) total += p.cents(activity);
        return max === undefined ? total : Math.min(total, max);
      };
      return { cents, earn: (activity) => {
        const earnings = parts.map((p) => p.earn(activity));
        const total = earnings.reduce((sum, e) => sum + e.cents, 0);
        const cents = max === undefined ? total : Math.min(total, max);
        const sum = earnings.map((e) => formatMoney(e.cents)).join(' + ');
        const note = max !== undefined && total > max ? `, ramené au plafond de ${formatMoney(max)} (${formatMoney(total - max)} non ${payable(2)})` : '';
        const lines = earnings.flatMap((e) => e.lines);
        lines.push(line(`${name} : ${sum} = ${formatMoney(total)}${note}`, cents));
        return { cents, lines };
      } };
    }
    default:
      return assertNever(tariff);
  }
}

/** « hors interruption du 16/04/2024 au 14/05/2024 (29 jours, aucun mois n'y commence) », or since a day while it lasts. */
function interrupted(suspensions: readonly Suspension[], asOf: PlainDateString): string {
  const spans = suspensions.map((s) => (s.to === undefined ? `depuis le ${formatDate(s.from)}` : `du ${formatDate(s.from)} au ${formatDate(s.to)}`));
  const days = suspendedDays(suspensions, asOf);
  const word = suspensions.length > 1 ? 'interruptions' : 'interruption';
  return `hors ${word} ${spans.join(', ')} (${countOf(days, 'jour')}, aucun mois n'y commence)`;
}

/** A part without its own label is named by its act's label, else by its id. */
function labelOfPart(id: string, tariff: Tariff, acts: ActLabels): string | undefined {
  if (tariff.kind === 'perAct' && acts[tariff.act]?.unit !== undefined) return undefined;
  if ((tariff.kind === 'perAct' || tariff.kind === 'declared') && acts[tariff.act] !== undefined) return acts[tariff.act]?.label;
  return id;
}

function payable(count: number): string {
  return count > 1 ? 'payables' : 'payable';
}
