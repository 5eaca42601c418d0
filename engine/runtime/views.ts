/**
 * What the engine shows of an instance: its state with its French label, its data, what can be sent now
 * (for the reader's role), its pending timers, and its history.
 */
import type { RhythmFollowUp } from './rhythm.ts';
import type { CompiledLifecycle, InstanceContext, InstancePeriod, InstanceMilestones, ActCount } from '../compile/index.ts';
import type { EventRecord, InstanceRecord, InstanceKind, TimerRecord } from '../store/index.ts';
import type { Actor } from './actor.ts';
import { CREATION_EVENT } from './instances.ts';
import { MIGRATION_EVENT } from './migrate.ts';
import { RHYTHM_EVENT } from './rhythm-sweep.ts';

/** An event that can be sent now. */
export interface AllowedEvent {
  type: string;
  label: string;
  roles: readonly string[];
}

/** A pending calendar timer. */
export interface PendingTimer {
  name: string;
  label: string;
  event: string;
  dueDate: string;
}

/** An instance as read through the engine. */
export interface InstanceView {
  id: string;
  kind: InstanceKind;
  callId: string;
  definition: { hash: string; version: number };
  lifecycle: string;
  measureKind: string | null;
  reportId: string | null;
  operatorId: string | null;
  territory: string | null;
  parentId: string | null;
  state: { id: string; label: string; final: boolean };
  version: number;
  data: Record<string, unknown>;
  acts: Record<string, ActCount>;
  period: InstancePeriod | null;
  milestones: InstanceMilestones;
  /** The events the reader's role may send in this state. */
  allowedEvents: AllowedEvent[];
  timers: PendingTimer[];
  createdAt: string;
  updatedAt: string;
  /** A measure's rhythms that count an act: the contacts expected period by period, and the periods missed. */
  rhythm?: RhythmFollowUp[];
}

/** An instance in a list (no business data: lists are for finding, `get` is for reading). */
export type InstanceSummary = Pick<InstanceView, 'id' | 'kind' | 'callId' | 'lifecycle' | 'measureKind' | 'reportId' | 'operatorId' | 'territory' | 'parentId' | 'version' | 'createdAt' | 'updatedAt'> & {
  state: { id: string; label: string };
};

/** One entry of an instance's history. */
export interface HistoryEntry {
  seq: number;
  version: number;
  type: string;
  label: string;
  payload: unknown;
  actor: { id: string; role: string };
  at: string;
  /** The calendar day the event counts on. */
  date: string | undefined;
  /** The state the event led to (absent for events recorded before answers carried it). */
  state: string | undefined;
  definitionHash: string;
}

/** The view of an instance for `actor`. */
export function instanceView(instance: InstanceRecord, lifecycle: CompiledLifecycle, version: number, timers: TimerRecord[], actor: Actor): InstanceView {
  const context = (instance.snapshot as { context: InstanceContext }).context;
  const state = lifecycle.states.get(instance.state);
  const allowedEvents = (state?.events ?? []).flatMap((type) => {
    const event = lifecycle.events.get(type);
    if (!event || !(event.roles as readonly string[]).includes(actor.role)) return [];
    return [{ type, label: event.label, roles: event.roles }];
  });
  const labels = new Map((state?.timers ?? []).map((t) => [t.name, t.label]));
  return {
    id: instance.id, kind: instance.kind, callId: instance.callId, definition: { hash: instance.definitionHash, version },
    lifecycle: instance.lifecycle, measureKind: instance.measureKind, reportId: instance.reportId, operatorId: instance.operatorId,
    territory: instance.territory, parentId: instance.parentId,
    state: { id: instance.state, label: state?.label ?? instance.state, final: state?.final ?? false },
    version: instance.version, data: context.data, acts: context.acts, period: context.period, milestones: context.milestones,
    allowedEvents,
    timers: timers.map((t) => ({ name: t.name, label: labels.get(t.name) ?? t.name, event: t.event, dueDate: t.dueDate })),
    createdAt: instance.createdAt, updatedAt: instance.updatedAt,
  };
}

/** The summary of an instance in a list. */
export function instanceSummary(instance: InstanceRecord, lifecycle: CompiledLifecycle | undefined): InstanceSummary {
  return {
    id: instance.id, kind: instance.kind, callId: instance.callId, lifecycle: instance.lifecycle, measureKind: instance.measureKind,
    reportId: instance.reportId, operatorId: instance.operatorId, territory: instance.territory, parentId: instance.parentId,
    state: { id: instance.state, label: lifecycle?.states.get(instance.state)?.label ?? instance.state },
    version: instance.version, createdAt: instance.createdAt, updatedAt: instance.updatedAt,
  };
}

/** A history entry with its French label. */
export function historyEntry(event: EventRecord, lifecycle: CompiledLifecycle | undefined): HistoryEntry {
  const label = event.type === CREATION_EVENT ? 'Création du dossier'
    : event.type === MIGRATION_EVENT ? 'Migration vers une nouvelle version de la définition'
    : event.type === RHYTHM_EVENT ? 'Suivi manqué relevé (période du rythme terminée sans ses contacts)'
    : lifecycle?.events.get(event.type)?.label ?? event.type;
  return {
    seq: event.seq, version: event.version, type: event.type, label, payload: event.payload, actor: event.actor, at: event.at,
    date: (event.response as { date?: string } | null)?.date, state: (event.response as { state?: string } | null)?.state, definitionHash: event.definitionHash,
  };
}
