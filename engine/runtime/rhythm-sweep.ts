/**
 * Missed follow-up of measures that have fallen silent. A missed rhythm period is recorded in the answer of
 * the first event after its end (`rhythm-missed.ts`); a measure that has had no event since would never
 * reveal it, and the indicators would miss exactly the follow-ups that stopped. Once a day the engine sweeps
 * the running measures whose rhythm counts an act, and for each one whose periods ended since its last event
 * without their contacts, appends an engine event (`@suivi-manque`) whose answer records them, like any
 * revealing event: the same periods are then never recorded twice (the next event starts after it).
 */
import type { Measure } from '../definition/index.ts';
import type { InstanceRecord, Store } from '../store/index.ts';
import type { PlainDateString } from '../time/index.ts';
import { recorded, SYSTEM_ACTOR } from './actor.ts';
import type { EngineDefinitions } from './definitions.ts';
import { EngineError } from '../errors.ts';
import { staleVersion } from './refusals.ts';
import { rhythmLogOf } from './rhythm.ts';
import { followsRhythm, missedSince, type MissedContacts } from './rhythm-missed.ts';
import type { StepResponse } from './step.ts';

/** The type, in the log, of the engine's record of periods missed by a measure that had no event since. */
export const RHYTHM_EVENT = '@suivi-manque';

/** A measure the sweep found with periods missed since its last event. */
export interface RhythmSweepRun {
  instanceId: string;
  callId: string;
  version: number;
  missedContacts: MissedContacts;
}

const PAGE = 200;

/**
 * Records, as of `today`, the periods missed by every running measure since its last event.
 * @example
 * await sweepMissedRhythms(store, definitions, '2025-01-10', '2025-01-10T05:00:00.000Z')
 * // [{ instanceId: 'm-…', callId: 'microcredit-2024', version: 7, missedContacts: { periods: 2, … } }]
 */
export async function sweepMissedRhythms(store: Store, definitions: EngineDefinitions, today: PlainDateString, at: string): Promise<RhythmSweepRun[]> {
  const runs: RhythmSweepRun[] = [];
  for (const callId of definitions.callIds()) {
    const measures = definitions.current(callId).definition.measures ?? {};
    for (const [measureKind, measure] of Object.entries(measures)) {
      if (!followsRhythm(measure)) continue;
      const states = rhythmStates(measure);
      let cursor: string | undefined;
      do {
        const page = await store.transaction((tx) => tx.listInstances({ callId, kind: 'measure', measureKind, ...(states && { states }) }, { limit: PAGE, ...(cursor !== undefined && { cursor }) }));
        for (const instance of page.items) {
          const run = await store.transaction((tx) => recordSilentMisses(tx, definitions, instance, today, at)).catch((error: unknown) => {
            if (error instanceof EngineError) return undefined;
            throw error;
          });
          if (run) runs.push(run);
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
  }
  return runs;
}

/** The states some rhythm of the measure applies to; undefined when one applies to every state. */
function rhythmStates(measure: Measure): string[] | undefined {
  const rhythms = measure.rhythm ?? [];
  if (rhythms.some((r) => r.states === undefined)) return undefined;
  return [...new Set(rhythms.flatMap((r) => r.states ?? []))];
}

type Session = Parameters<Parameters<Store['transaction']>[0]>[0];

async function recordSilentMisses(tx: Session, definitions: EngineDefinitions, listed: InstanceRecord, today: PlainDateString, at: string): Promise<RhythmSweepRun | undefined> {
  const instance = await tx.getInstance(listed.id);
  if (!instance || instance.version !== listed.version) return undefined;
  const call = await definitions.compiled(tx, instance.definitionHash);
  const measure = call.definition.measures?.[instance.measureKind ?? ''];
  const log = rhythmLogOf(await tx.listEvents(instance.id));
  if ((log.at(-1)?.date ?? today) >= today) return undefined;
  const missed = missedSince(measure, [...log, { type: RHYTHM_EVENT, date: today, state: instance.state }]);
  if (!missed) return undefined;
  const version = instance.version + 1;
  const state = call.lifecycle(instance.lifecycle)?.states.get(instance.state);
  const response: StepResponse = {
    instanceId: instance.id, version, state: instance.state, stateLabel: state?.label ?? instance.state, final: false, date: today,
    missedContacts: missed, warnings: missed.warnings,
  };
  await tx.appendEvent({
    instanceId: instance.id, callId: instance.callId, version, type: RHYTHM_EVENT, payload: {}, actor: recorded(SYSTEM_ACTOR), at,
    idempotencyKey: null, definitionHash: instance.definitionHash, response, sealed: [], personalDigest: null,
  });
  const written = await tx.updateInstance({
    id: instance.id, expectedVersion: instance.version, version, definitionHash: instance.definitionHash, state: instance.state, territory: instance.territory,
    data: instance.data, snapshot: instance.snapshot, selectedOn: instance.selectedOn, periodStart: instance.periodStart, periodEnd: instance.periodEnd, updatedAt: at,
  });
  // Changed meanwhile: the transaction rolls back, and its next event reveals the periods instead.
  if (!written) throw staleVersion(instance.version, instance.version + 1);
  return { instanceId: instance.id, callId: instance.callId, version, missedContacts: missed };
}
