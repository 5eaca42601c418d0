/**
 * The event of an agreement's lifecycle that records a payment in its current state: the transition that
 * stays in the state and carries a `payment` milestone (`verser` in the shared lifecycle). A payment the
 * finance software reports is sent as that event, so the ledger's `paid` comes from the finance return.
 */
import type { Call, Transition } from '../definition/index.ts';

/** The payment event of `state` and the payload field that carries the amount, or undefined. */
export function paymentEventOf(call: Call, state: string): { event: string; amountField: string } | undefined {
  const transitions = call.lifecycles?.application?.states?.[state]?.on ?? {};
  for (const [event, value] of Object.entries(transitions)) {
    const list: Transition[] = Array.isArray(value) ? value : [value];
    for (const transition of list) {
      if (transition.target !== undefined && transition.target !== state) continue;
      if (transition.guard !== undefined) continue;
      for (const effect of transition.effects ?? []) {
        if (effect.kind === 'milestone' && effect.milestone === 'payment' && effect.amount !== undefined) return { event, amountField: effect.amount };
      }
    }
  }
  return undefined;
}
