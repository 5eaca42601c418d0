import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileCall, compileEligibility, compileLifecycle, emptyContext, extendDurationGuards, startDurationGuards,
  type CompiledGuard, type GuardEnvironment, type InstanceContext, type MeasureDuration, type StepEvent,
} from '../../../engine/compile/index.ts';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import type { Lifecycle } from '../../../engine/definition/definition-types.ts';
import { guardRefusal } from '../../../engine/runtime/refusals.ts';
import { durationInMonths, periodEnd } from '../../../engine/time/index.ts';

const env: GuardEnvironment = { eligibility: compileEligibility(undefined, undefined), applicationWindow: () => undefined, agreementQuotas: [] };
const duration: MeasureDuration = {
  initial: { months: 12 }, renewal: { min: { months: 6 }, max: { months: 12 } }, max: { months: 24 },
  source: { document: 'appels-a-projets-2024.md', section: 'CONTENU DU PROJET > 4. Résultat(s) attendu(s)', line: 618 },
};
const send = (type: string, payload: Record<string, unknown>, date = '2024-03-01'): StepEvent => ({ type, payload, date, facts: { quotas: {} } });

/** A lifecycle without any guard of its own: only what the measure's duration implies can refuse. */
function lifecycleOpening(months: number): Lifecycle {
  return {
    initial: 'orientee',
    states: {
      orientee: { label: 'Orientée', on: { activer: { target: 'active', effects: [{ kind: 'start', date: 'debut', duration: { months } }] } } },
      active: {
        label: 'Active',
        on: {
          renouveler: { effects: [{ kind: 'extend', months: 'mois' }] },
          interrompre: { effects: [{ kind: 'suspend', date: 'date' }] },
          reprendre: { effects: [{ kind: 'resume', date: 'date' }] },
        },
      },
    },
    events: { activer: { label: 'Activer' }, renouveler: { label: 'Renouveler' }, interrompre: { label: 'Interrompre' }, reprendre: { label: 'Reprendre' } },
  };
}

describe('a measure’s duration bites at each step', () => {
  const lifecycle = compileLifecycle('measure:m', lifecycleOpening(12), { ...env, measureDuration: duration });
  const start = lifecycle.start(emptyContext('arras', {})).snapshot;
  const active = lifecycle.step(start, send('activer', { debut: '2024-03-01' }));

  it('opens for the initial duration, and refuses a start longer than it, with the limit and the source', () => {
    expect(active).toMatchObject({ kind: 'taken', state: 'active', context: { period: { end: '2025-02-28' } } });
    const longer = compileLifecycle('measure:m', lifecycleOpening(13), { ...env, measureDuration: duration });
    const refused = longer.step(longer.start(emptyContext('arras', {})).snapshot, send('activer', { debut: '2024-03-01' }));
    expect(refused).toMatchObject({ kind: 'refused', guard: { id: 'orientee → activer:effet-1-duree-initiale' } });
    expect(refused.kind === 'refused' && refused.reason).toBe(
      "la période ouverte (13 mois) dépasse la durée initiale de la mesure (12 mois) (source : appels-a-projets-2024.md, CONTENU DU PROJET > 4. Résultat(s) attendu(s), ligne 618). Corrigez le message, ou publiez une nouvelle version de l'appel si la durée a changé.",
    );
  });

  it('accepts renewals from renewal.min to renewal.max while the total stays within max, and refuses the rest', () => {
    if (active.kind !== 'taken') throw new Error('not started');
    const renew = (mois: number) => lifecycle.step(active.snapshot, send('renouveler', { mois }, '2025-02-01'));
    expect(renew(5)).toMatchObject({ kind: 'refused', guard: { id: 'active → renouveler:effet-1-renouvellement' } });
    expect(renew(13)).toMatchObject({ kind: 'refused', guard: { id: 'active → renouveler:effet-1-renouvellement' } });
    const twelve = renew(12);
    expect(twelve).toMatchObject({ kind: 'taken', context: { period: { length: { months: 24 }, end: '2026-02-28' } } });
    if (twelve.kind !== 'taken') return;
    const past = lifecycle.step(twelve.snapshot, send('renouveler', { mois: 6 }, '2026-02-01'));
    expect(past).toMatchObject({ kind: 'refused', guard: { id: 'active → renouveler:effet-1-duree-max' } });
    expect(past.kind === 'refused' && past.reason).toContain('la mesure durerait 30 mois (24 mois déjà), au-delà de sa durée totale maximale de 24 mois (source : appels-a-projets-2024.md');
    expect(lifecycle.step(twelve.snapshot, send('renouveler', { mois: 6 }, '2026-02-01'))).toEqual(past); // the refusal changed nothing
  });

  it('counts active time: an interruption consumes none of the total max', () => {
    if (active.kind !== 'taken') throw new Error('not started');
    let snapshot = active.snapshot;
    for (const e of [send('interrompre', { date: '2024-06-10' }), send('reprendre', { date: '2024-07-01' }), send('renouveler', { mois: 6 }), send('renouveler', { mois: 6 })]) {
      const next = lifecycle.step(snapshot, e);
      if (next.kind !== 'taken') throw new Error(`${e.type} refused`);
      snapshot = next.snapshot;
    }
    const context = (snapshot as unknown as { context: InstanceContext }).context;
    expect(context.period?.length).toEqual({ months: 24 });
    expect(context.period?.end).toBe('2026-03-20'); // 24 months after 2024-03-01, pushed back by the 20 interrupted days
  });

  it('says a refusal as the engine’s French error, listed like every refusing guard', () => {
    if (active.kind !== 'taken') throw new Error('not started');
    const refused = lifecycle.step(active.snapshot, send('renouveler', { mois: 3 }));
    if (refused.kind !== 'refused') throw new Error('taken');
    const error = guardRefusal(lifecycle, 'active', 'renouveler', refused.guard, refused.reason);
    expect(error.code).toBe('garde-refusee');
    expect(error.message).toBe(
      "« Renouveler » est refusé dans l'état « Active » : un renouvellement de 3 mois est hors des limites de la mesure : chaque renouvellement est de 6 mois à 12 mois (source : appels-a-projets-2024.md, CONTENU DU PROJET > 4. Résultat(s) attendu(s), ligne 618). Corrigez le message, ou publiez une nouvelle version de l'appel si la durée a changé.",
    );
    expect(error.details).toMatchObject({ event: 'renouveler', guard: 'active → renouveler:effet-1-renouvellement' });
  });
});

describe('every shipped measure with a duration', () => {
  let repository: Repository;
  beforeAll(async () => {
    repository = await loadRepository('definitions');
  });

  /** Every (call, measure kind) whose measure states a duration, from the shipped files. */
  function measuresWithDuration() {
    return [...repository.calls.values()].flatMap((call) =>
      Object.entries(call.definition.measures ?? {}).flatMap(([id, measure]) => (measure.duration ? [{ call, id, duration: measure.duration }] : [])));
  }
  const months = (d: MeasureDuration['max']) => {
    const m = d === undefined ? undefined : durationInMonths(d);
    if (m === undefined) throw new Error('a shipped duration in weeks or days: extend this test');
    return m;
  };
  const failing = (guards: readonly CompiledGuard[], context: InstanceContext, event: StepEvent) => guards.filter((g) => !g.check(context, event)).map((g) => g.id);

  it('finds the shipped measures with a duration', () => {
    expect(measuresWithDuration().length).toBeGreaterThan(0);
  });

  it('opens for the initial duration, and refuses an extension past the max while one within bounds passes', () => {
    for (const { call, id, duration } of measuresWithDuration()) {
      const lifecycle = compileCall(call, { territories: repository.territories }).measures.get(id)!.lifecycle;
      const initial = months(duration.initial ?? duration.max);
      const max = duration.max === undefined ? undefined : months(duration.max);
      const context: InstanceContext = { ...emptyContext(null, {}), period: { start: '2024-03-01', length: { months: initial }, end: periodEnd('2024-03-01', { months: initial }), extensions: [] } };
      const extending: Array<{ state: string; event: string; field: string; guards: readonly CompiledGuard[] }> = [];
      for (const state of lifecycle.states.values()) {
        for (const event of state.events) {
          for (const transition of lifecycle.transitions(state.id, event)) {
            for (const effect of transition.effects) {
              if (effect.kind === 'start') {
                const ours = transition.guards.filter((g) => /-duree-(initiale|max)$/.test(g.id));
                expect(ours.length, `${call.id} ${id} ${state.id} → ${event}`).toBeGreaterThan(0);
                expect(failing(ours, emptyContext(null, {}), send(event, { [effect.date]: '2024-03-01' })), `${call.id} ${id}`).toEqual([]);
              }
              if (effect.kind === 'extend') extending.push({ state: state.id, event, field: effect.months, guards: transition.guards });
            }
          }
        }
      }
      // A measure whose lifecycle cannot extend is checked with the guards its duration implies for an extension.
      if (extending.length === 0) extending.push({ state: '', event: 'prolonger', field: 'mois', guards: extendDurationGuards('prolonger', 'mois', duration) });
      for (const { state, event, field, guards } of extending) {
        const ours = guards.filter((g) => /-(renouvellement|duree-max)$/.test(g.id));
        if (max !== undefined) {
          const past = send(event, { [field]: max - initial + 1 });
          expect(failing(ours, context, past), `${call.id} ${id}: ${max - initial + 1} mois de plus`).toContain(ours.find((g) => g.id.endsWith('-duree-max'))?.id);
          if (state !== '') expect(lifecycle.step(lifecycle.at(state, context), past)).toMatchObject({ kind: 'refused' });
        }
        const within = duration.renewal?.min === undefined ? (max === undefined ? 1 : max - initial) : months(duration.renewal.min);
        if (max === undefined || initial + within <= max) expect(failing(ours, context, send(event, { [field]: within })), `${call.id} ${id}: ${within} mois`).toEqual([]);
      }
    }
  });

  it('a start guard built from the definition refuses a period longer than the initial duration', () => {
    for (const { id, duration } of measuresWithDuration()) {
      const initial = months(duration.initial ?? duration.max);
      const guards = startDurationGuards('activer', { kind: 'start', date: 'debut', duration: { months: initial + 1 } }, duration);
      expect(failing(guards, emptyContext(null, {}), send('activer', { debut: '2024-03-01' })).length, id).toBeGreaterThan(0);
    }
  });
});
