/**
 * Reminders written by the engine in the step's own transaction (an outbox): what falls due for whom. A
 * state entered with calendar timers gives one « échéance proche » per timer, sent {@link REMINDER_LEAD_DAYS}
 * days before its day (or at once when nearer); leaving the state cancels those not yet sent. A deadline that
 * fired gives « échéance dépassée »; a late declaration gives « déclaration tardive » to the Département.
 * Who is reminded is said by roles within the instance's organisation and territory, the roles that may act
 * in the new state: no person is named here, and no household datum is written (subjects say the lifecycle,
 * the state and the day only). Ids are deterministic, so a step replayed writes nothing twice.
 * @module
 */
import type { CompiledCall, CompiledLifecycle, CompiledState, InstanceContext } from '../compile/index.ts';
import type { NotificationRecord, StoreSession } from '../store/index.ts';
import { compareDates, formatDate, subtractDuration, type PlainDateString } from '../time/index.ts';
import type { LateDeclaration } from './report-duty.ts';
import { dueDateOf } from './timers.ts';

/** How many days before a deadline its reminder is sent. */
export const REMINDER_LEAD_DAYS = 15;

/** The instance a reminder is about, and the step that writes it. */
export interface NotifiedStep {
  instance: { id: string; callId: string; operatorId: string | null; territory: string | null };
  version: number;
  lifecycle: CompiledLifecycle;
  /** The state left (undefined at creation) and the state entered. */
  from: string | undefined;
  to: CompiledState;
  context: InstanceContext;
  date: PlainDateString;
  at: string;
  /** The event's French label, and what the step declared (a timer fired, a late declaration). */
  event?: { label: string; fromTimer: boolean; late?: LateDeclaration };
}

/** The roles that may send an event in a state (the definition's own `system` timers aside). */
export function rolesActingIn(lifecycle: CompiledLifecycle, state: CompiledState): string[] {
  const roles = new Set<string>();
  for (const event of state.events) for (const role of lifecycle.events.get(event)?.roles ?? []) if (role !== 'system') roles.add(role);
  return [...roles].sort();
}

/** Writes the reminders of a step (nothing when the state did not change and nothing was late). */
export async function recordNotifications(tx: StoreSession, call: CompiledCall, step: NotifiedStep): Promise<void> {
  const { instance, lifecycle, to } = step;
  const base = { instanceId: instance.id, callId: instance.callId, operatorId: instance.operatorId, territory: instance.territory, createdAt: step.at };
  const rows: NotificationRecord[] = [];
  if (step.event?.late !== undefined) {
    rows.push({
      ...base, id: `${instance.id}:${step.version}:tardive`, kind: 'declaration-tardive', roles: ['departement'], dueDate: step.event.late.due, sendOn: step.date,
      subject: `${lifecycle.label} : « ${step.event.label} » déclaré le ${formatDate(step.date)}, ${step.event.late.days} jour(s) après l'échéance du ${formatDate(step.event.late.due)}`,
    });
  }
  if (step.from !== to.id) {
    // Only a state with timers has reminders to cancel (they are written for its timers, and a migration
    // cancels those of the state it leaves).
    if (step.from !== undefined && (lifecycle.states.get(step.from)?.timers.length ?? 1) > 0) await tx.cancelNotifications(instance.id);
    const roles = rolesActingIn(lifecycle, to);
    if (step.event?.fromTimer === true) {
      rows.push({
        ...base, id: `${instance.id}:${step.version}:depassee`, kind: 'echeance-depassee', roles: [...new Set([...roles, 'departement'])].sort(), dueDate: step.date, sendOn: step.date,
        subject: `${lifecycle.label} : échéance dépassée (${step.event.label}) ; le dossier est maintenant « ${to.label} »`,
      });
    }
    if (!to.final && roles.length > 0) {
      for (const timer of to.timers) {
        const due = dueDateOf(timer.at, step.context, step.date, call);
        if (due === undefined) continue;
        const early = subtractDuration(due, { days: REMINDER_LEAD_DAYS });
        rows.push({
          ...base, id: `${instance.id}:${step.version}:proche:${timer.name}`, kind: 'echeance-proche', roles, dueDate: due,
          sendOn: compareDates(early, step.date) < 0 ? step.date : early,
          subject: `${lifecycle.label} « ${to.label} » : ${timer.label.toLowerCase()} le ${formatDate(due)}`,
        });
      }
    }
  }
  for (const row of rows) await tx.insertNotification(row);
}
