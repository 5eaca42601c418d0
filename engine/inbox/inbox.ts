/**
 * A person's inbox: what is due for them and when, nearest first, what is late marked. Built from the
 * engine's own answers for that person (the instances they may see, the events their role may send now,
 * the pending calendar timers), so that it knows no call by name: a new call's deadlines appear in it
 * from its YAML alone. The work is bounded: at most `scan` instances are read.
 * @module
 */
import type { CompiledLifecycle } from '../compile/index.ts';
import type { Actor, Engine, InstanceView } from '../runtime/index.ts';
import { compareDates, type PlainDateString } from '../time/index.ts';

/** One thing to do. */
export interface InboxItem {
  instanceId: string;
  kind: InstanceView['kind'];
  callId: string;
  /** The lifecycle's French label (« Candidature », « Équipe mobile », « Bilan »). */
  lifecycleLabel: string;
  state: { id: string; label: string };
  territory: string | null;
  operatorId: string | null;
  /** The nearest deadline (a pending timer), if any, with what happens then. */
  due?: { date: PlainDateString; label: string };
  /** A deadline has passed: a pending timer's day is before today, or a deadline put the instance in this state. */
  late: boolean;
  /** The French labels of what the person may do now. */
  actions: string[];
}

/** The inbox, with how many instances were read and whether the bound cut it. */
export interface Inbox {
  items: InboxItem[];
  /** Every instance read, counted by lifecycle and state label (« households in my territories by state »). */
  byState: Array<{ lifecycle: string; state: string; count: number }>;
  scanned: number;
  truncated: boolean;
}

/** Options of {@link buildInbox}. */
export interface InboxOptions {
  today: PlainDateString;
  /** Most instances read (default 500). */
  scan?: number;
}

/**
 * The states a deadline puts an instance in: targets of an event that a timer sends, and of no other.
 * An instance there is late whatever its timers say (a report « en retard »).
 */
export function deadlineStates(lifecycle: CompiledLifecycle): Set<string> {
  const timerEvents = new Set<string>();
  for (const state of lifecycle.states.values()) for (const timer of state.timers) timerEvents.add(timer.event);
  const byTimer = new Set<string>();
  const byPerson = new Set<string>();
  for (const state of lifecycle.states.values()) {
    for (const event of state.events) {
      for (const transition of lifecycle.transitions(state.id, event)) {
        if (transition.target === undefined) continue;
        (timerEvents.has(event) ? byTimer : byPerson).add(transition.target);
      }
    }
  }
  return new Set([...byTimer].filter((s) => !byPerson.has(s)));
}

/**
 * Builds the inbox of `actor`.
 * @example
 * const inbox = await buildInbox(engine, { id: 'asso-a-1', role: 'operator', operatorId: 'asso-a' }, { today: '2024-09-15' });
 * inbox.items[0]; // { instanceId, lifecycleLabel: 'Bilan', state: { label: 'Attendu' }, due: { date: '2025-06-30', … }, late: false, actions: ['Déposer le bilan'] }
 */
export async function buildInbox(engine: Engine, actor: Actor, options: InboxOptions): Promise<Inbox> {
  const limit = options.scan ?? 500;
  if (actor.role === 'evaluator') return { items: [], byState: [], scanned: 0, truncated: false };
  const items: InboxItem[] = [];
  const counts = new Map<string, { lifecycle: string; state: string; count: number }>();
  const lateStates = new Map<string, Set<string>>();
  let scanned = 0;
  let cursor: string | undefined;
  do {
    const page = await engine.list({ limit: Math.min(200, limit - scanned), ...(cursor === undefined ? {} : { cursor }) }, actor);
    for (const summary of page.items) {
      scanned += 1;
      const view = await engine.get(summary.id, actor);
      const lifecycle = lifecycleOf(engine, view);
      const lifecycleLabel = lifecycle?.label ?? view.lifecycle;
      const key = `${lifecycleLabel}\u0000${view.state.label}`;
      const counted = counts.get(key) ?? { lifecycle: lifecycleLabel, state: view.state.label, count: 0 };
      counted.count += 1;
      counts.set(key, counted);
      if (view.state.final) continue;
      const actions = view.allowedEvents.map((e) => e.label);
      const nearest = [...view.timers].sort((a, b) => compareDates(a.dueDate, b.dueDate))[0];
      const lateKey = `${view.definition.hash}\u0000${view.lifecycle}`;
      if (!lateStates.has(lateKey)) lateStates.set(lateKey, lifecycle === undefined ? new Set() : deadlineStates(lifecycle));
      const late = (nearest !== undefined && compareDates(nearest.dueDate, options.today) < 0) || (lateStates.get(lateKey)?.has(view.state.id) ?? false);
      if (actions.length === 0 && !late) continue;
      items.push({
        instanceId: view.id, kind: view.kind, callId: view.callId, lifecycleLabel, state: { id: view.state.id, label: view.state.label },
        territory: view.territory, operatorId: view.operatorId, late, actions,
        ...(nearest === undefined ? {} : { due: { date: nearest.dueDate as PlainDateString, label: nearest.label } }),
      });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && scanned < limit);
  items.sort((a, b) => Number(b.late) - Number(a.late) || dueOrder(a, b) || a.instanceId.localeCompare(b.instanceId));
  const byState = [...counts.values()].sort((a, b) => a.lifecycle.localeCompare(b.lifecycle, 'fr') || b.count - a.count);
  return { items, byState, scanned, truncated: cursor !== undefined };
}

function dueOrder(a: InboxItem, b: InboxItem): number {
  if (a.due === undefined) return b.due === undefined ? 0 : 1;
  if (b.due === undefined) return -1;
  return compareDates(a.due.date, b.due.date);
}

function lifecycleOf(engine: Engine, view: InstanceView): CompiledLifecycle | undefined {
  try {
    return engine.compiled(view.callId).lifecycle(view.lifecycle);
  } catch {
    return undefined; // a call no longer loaded: its instances still show, labelled by their ids
  }
}
