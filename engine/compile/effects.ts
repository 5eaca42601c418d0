/**
 * Effects of the definition language as pure functions over the context. The compiler wraps each in a
 * named XState `assign` action (`set`, `start`, `extend`, `end`, `act`, `milestone`, `suspend`, `resume`).
 */
import type { Effect } from '../definition/definition-types.ts';
import { assertNever } from '../errors.ts';
import { activePeriodEnd, addDays, compareDates, periodEnd, type CalendarDuration, type PlainDateString } from '../time/index.ts';
import type { InstanceContext, StepEvent } from './context.ts';

/** The effect kinds, each a named action of every compiled machine. */
export const EFFECT_KINDS = ['set', 'start', 'extend', 'end', 'act', 'milestone', 'suspend', 'resume'] as const;

/** Applies one effect; returns the new context (the old one is not changed). */
export function applyEffect(context: InstanceContext, effect: Effect, event: StepEvent): InstanceContext {
  const payload = event.payload;
  switch (effect.kind) {
    case 'set': {
      const data = { ...context.data };
      for (const field of effect.fields) if (payload[field] !== undefined) data[field] = payload[field];
      return { ...context, data };
    }
    case 'start': {
      const start = String(payload[effect.date]);
      const length = { ...effect.duration };
      return { ...context, period: { start, length, end: periodEnd(start, length), extensions: [] } };
    }
    case 'extend': {
      const period = context.period;
      if (!period) return context;
      const months = Number(payload[effect.months]);
      const length = addMonths(period.length, months);
      return { ...context, period: { ...period, length, end: activePeriodEnd(period.start, length, period.suspensions ?? []), extensions: [...period.extensions, months] } };
    }
    case 'suspend': {
      const period = context.period;
      if (!period) return context;
      // The day of the interruption is still a day of support, as the day of an exit is (`end`).
      const from = addDays(dateOf(effect.date, event), 1);
      return { ...context, period: { ...period, suspensions: [...(period.suspensions ?? []), { from }] } };
    }
    case 'resume': {
      const period = context.period;
      const open = period?.suspensions?.at(-1);
      if (!period?.suspensions || !open || open.to !== undefined) return context;
      const to = addDays(dateOf(effect.date, event), -1);
      // Resumed the day after the interruption (or the same day): nothing was suspended.
      const closed = compareDates(to, open.from) < 0 ? [] : [{ from: open.from, to }];
      const suspensions = [...period.suspensions.slice(0, -1), ...closed];
      const { suspensions: _, ...rest } = period;
      const next = suspensions.length > 0 ? { ...rest, suspensions } : rest;
      return { ...context, period: { ...next, end: activePeriodEnd(period.start, period.length, suspensions) } };
    }
    case 'end': {
      if (!context.period) return context;
      return { ...context, period: { ...context.period, ended: dateOf(effect.date, event) } };
    }
    case 'act': {
      const previous = context.acts[effect.act] ?? { quantity: 0 };
      const quantity = effect.quantity !== undefined ? Number(payload[effect.quantity] ?? 1) : 1;
      const next = { ...previous, quantity: previous.quantity + quantity };
      if (effect.amount !== undefined) next.declaredCents = [...(previous.declaredCents ?? []), Number(payload[effect.amount] ?? 0)];
      // Copied then set, not a computed key in the literal: same object, without V8's slow path for it.
      const acts = { ...context.acts };
      acts[effect.act] = next;
      return { ...context, acts };
    }
    case 'milestone': {
      const m = context.milestones;
      const amount = effect.amount !== undefined && typeof payload[effect.amount] === 'number' ? Number(payload[effect.amount]) : undefined;
      switch (effect.milestone) {
        case 'selection':
          return { ...context, milestones: { ...m, selection: event.date } };
        case 'signature':
          return { ...context, milestones: amount === undefined ? { ...m, signature: event.date } : { ...m, signature: event.date, agreedCents: amount } };
        case 'serviceFait':
          return { ...context, milestones: { ...m, serviceFait: event.date } };
        case 'payment':
          return { ...context, milestones: { ...m, payments: [...m.payments, { date: event.date, cents: amount ?? 0 }] } };
        default:
          return assertNever(effect.milestone);
      }
    }
    default:
      return assertNever(effect);
  }
}

/** The date an effect reads from the message (`field`), or the event's own day when the message has none. */
export function dateOf(field: string | undefined, event: StepEvent): PlainDateString {
  const value = field === undefined ? undefined : event.payload[field];
  return typeof value === 'string' ? value : event.date;
}

/** A length plus whole months (a renewal). */
export function addMonths(length: CalendarDuration, months: number): CalendarDuration {
  return { ...length, months: (length.months ?? 0) + months };
}
