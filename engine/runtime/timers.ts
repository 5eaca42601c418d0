/**
 * Calendar timers owned by the engine: armed on entry into a state, cancelled on exit, in the step's
 * transaction. A due date is a calendar date (month-end clamped); the timer falls due at the start of that
 * day in Europe/Paris.
 */
import type { CompiledCall, CompiledState, InstanceContext } from '../compile/index.ts';
import type { Anchor, Deadline } from '../definition/index.ts';
import { activeDate, addDuration, isPlainDate, startOfParisDay, type PlainDateString } from '../time/index.ts';
import type { StoreSession } from '../store/index.ts';

/** The calendar date an anchor names for an instance, if it is known yet. */
export function anchorDate(anchor: Anchor, context: InstanceContext, entered: PlainDateString, call: CompiledCall): PlainDateString | undefined {
  if (anchor === 'entered') return entered;
  if (anchor === 'start') return context.period?.start;
  if (anchor === 'end') return context.period?.end;
  if (anchor === 'agreement.start' || anchor === 'agreement.end') {
    const agreement = context.territory === null ? undefined : call.windowFor(context.territory)?.agreement;
    return anchor === 'agreement.start' ? agreement?.start : agreement?.end;
  }
  if (anchor.startsWith('field:')) {
    const value = context.data[anchor.slice('field:'.length)];
    return isPlainDate(value) ? value : undefined;
  }
  return undefined;
}

/**
 * The due date of a deadline. One counted from the period's start is counted in active time: the days of
 * its suspensions push it back (the review « at 6 months » comes after 6 months of support), and it is not
 * known while the period is suspended.
 */
export function dueDateOf(at: Deadline, context: InstanceContext, entered: PlainDateString, call: CompiledCall): PlainDateString | undefined {
  const from = anchorDate(at.from, context, entered, call);
  if (from === undefined) return undefined;
  const due = addDuration(from, at.after);
  const suspensions = context.period?.suspensions;
  return at.from === 'start' && suspensions !== undefined ? activeDate(due, suspensions) : due;
}

/** What changed between two states of an instance, for its timers. */
export interface TimerChange {
  instanceId: string;
  version: number;
  from: string | undefined;
  to: CompiledState;
  context: InstanceContext;
  /** The day the new state was entered. */
  date: PlainDateString;
  /**
   * Whether the state left arms timers (default: assume so). Only the current state's timers are ever
   * pending (a migration cancels and arms anew), so leaving a state without any has nothing to cancel.
   */
  leftArmsTimers?: boolean;
}

/**
 * Cancels the timers of the state left and arms those of the state entered (nothing when the state did
 * not change). A timer whose due date is not known yet (a period not started, or suspended) is not armed.
 */
export async function moveTimers(tx: StoreSession, call: CompiledCall, change: TimerChange): Promise<void> {
  if (change.from === change.to.id) return;
  if (change.from !== undefined && change.leftArmsTimers !== false) await tx.cancelTimers(change.instanceId);
  if (change.to.final) return;
  for (const timer of change.to.timers) {
    const dueDate = dueDateOf(timer.at, change.context, change.date, call);
    if (dueDate === undefined) continue;
    await tx.insertTimer({
      id: `${change.instanceId}:${change.version}:${timer.name}`,
      instanceId: change.instanceId,
      name: timer.name,
      event: timer.event,
      dueDate,
      dueAt: startOfParisDay(dueDate).toISOString(),
      status: 'pending',
      firedAt: null,
    });
  }
}
