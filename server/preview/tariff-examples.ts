/**
 * Worked examples of a measure kind's tariff, computed by the money module: a usual activity, then an
 * activity at and beyond the caps, each with its French breakdown.
 */
import type { Measure, Tariff } from '../../engine/definition/index.ts';
import { compileTariff, formatMoney, parseMoney, type Activity, type BreakdownLine } from '../../engine/money/index.ts';
import { assertNever } from '../../engine/errors.ts';
import { addDuration, compareDates, durationInMonths, subtractDuration } from '../../engine/time/index.ts';

/** One worked example: what was done, the breakdown lines and the total. */
export interface TariffExample {
  title: string;
  lines: BreakdownLine[];
  total: string;
}

/**
 * Computes two examples for a measure kind's tariff; none when the tariff cannot be computed (the page
 * then shows the tariff in words only).
 * @param start the first day of the agreement, where an example period begins
 */
export function tariffExamples(measure: Measure, start: string): TariffExample[] {
  const tariff = measure.tariff;
  if (tariff === undefined) return [];
  try {
    const earn = compileTariff(tariff, { acts: measure.acts });
    return [
      { title: 'Une activité courante', activity: activityOf(tariff, start, 'usual') },
      { title: 'Au plafond, et au-delà', activity: activityOf(tariff, start, 'beyond') },
    ].map(({ title, activity }) => {
      const earning = earn(activity);
      return { title, lines: earning.lines, total: formatMoney(earning.cents) };
    });
  } catch {
    return [];
  }
}

type Level = 'usual' | 'beyond';

function activityOf(tariff: Tariff, start: string, level: Level): Activity {
  const activity: Activity = { acts: {}, asOf: start };
  fill(tariff, activity, start, level);
  return activity;
}

function fill(tariff: Tariff, activity: Activity, start: string, level: Level): void {
  switch (tariff.kind) {
    case 'perAct': {
      const cap = tariff.maxUnits;
      const quantity = level === 'usual' ? (cap === undefined ? 2 : Math.max(1, Math.ceil(cap / 2))) : cap === undefined ? 4 : cap + 1;
      activity.acts[tariff.act] = { quantity };
      return;
    }
    case 'declared': {
      const max = parseMoney(tariff.max) ?? 0;
      activity.acts[tariff.act] = { quantity: 1, declaredCents: [level === 'usual' ? Math.round(max / 2) : max + 5_000] };
      return;
    }
    case 'prorata': {
      const per = durationInMonths(tariff.per) ?? 12;
      const months = level === 'usual' ? Math.max(1, Math.floor(per / 2)) : (tariff.maxMonths ?? per) + 1;
      const end = subtractDuration(addDuration(start, { months }), { days: 1 });
      activity.period = { start, end };
      if (compareDates(end, activity.asOf) > 0) activity.asOf = end;
      return;
    }
    case 'flat':
      return;
    case 'sum':
      for (const part of Object.values(tariff.parts)) fill(part, activity, start, level);
      return;
    default:
      assertNever(tariff);
  }
}
