/**
 * Reporting duties (`reportWithin` on an event): « toute sortie ou rupture devra être signalée sans délai »,
 * « le contrat devra être envoyé dans le mois qui suit la mise en place ». A declaration later than allowed
 * is not refused (the fact happened); it is recorded as late: the step's answer, kept in the event's row,
 * carries the lateness and a French warning, and indicators count late declarations (`late: true`).
 */
import type { InstanceContext } from '../compile/index.ts';
import type { ReportDuty } from '../definition/index.ts';
import { addDuration, compareDates, daysBetween, formatDate, isPlainDate, type PlainDateString } from '../time/index.ts';

/** A declaration made after its deadline: the fact's date, the last day allowed, and the days late. */
export interface LateDeclaration {
  fact: PlainDateString;
  due: PlainDateString;
  days: number;
}

/**
 * The lateness of a declaration made on `declared`, or undefined when it is on time or when the fact's date
 * is not known (a message without the date, a measure not started).
 * @example
 * lateDeclaration({ from: 'field:date', within: { days: 0 } }, { date: '2025-01-10' }, context, '2025-01-15')
 * // { fact: '2025-01-10', due: '2025-01-10', days: 5 }
 */
export function lateDeclaration(duty: ReportDuty, payload: Record<string, unknown>, before: InstanceContext, declared: PlainDateString): LateDeclaration | undefined {
  const fact = duty.from === 'start' ? before.period?.start : payload[duty.from.slice('field:'.length)];
  if (!isPlainDate(fact)) return undefined;
  const due = addDuration(fact, duty.within);
  if (compareDates(declared, due) <= 0) return undefined;
  return { fact, due, days: daysBetween(due, declared) };
}

/** The French warning of a late declaration, for the one who sent it. */
export function lateWarning(eventLabel: string, late: LateDeclaration, declared: PlainDateString): string {
  const days = `${late.days} jour${late.days > 1 ? 's' : ''} de retard`;
  return `Déclaration tardive de « ${eventLabel} » : le fait du ${formatDate(late.fact)} devait être déclaré au plus tard le ${formatDate(late.due)} ; il l'est le ${formatDate(declared)} (${days}). L'événement est enregistré et compté comme tardif.`;
}
