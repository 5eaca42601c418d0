import { describe, expect, it } from 'vitest';
import { applyEffect, compileEligibility, compileLifecycle, emptyContext, type InstanceContext, type StepEvent } from '../../../engine/compile/index.ts';
import type { Lifecycle } from '../../../engine/definition/index.ts';

const event = (type: string, date: string, payload: Record<string, unknown> = {}): StepEvent => ({ type, payload, date, facts: { quotas: {} } });

function started(start = '2024-03-01'): InstanceContext {
  return applyEffect(emptyContext('artois', {}), { kind: 'start', date: 'debut', duration: { months: 12 } }, event('activer', start, { debut: start }));
}

describe('period effects', () => {
  it('suspend stops the period the day after the interruption; resume ends the suspension the day before and pushes the end back', () => {
    const suspended = applyEffect(started(), { kind: 'suspend', date: 'date' }, event('interruption', '2024-04-17', { date: '2024-04-15' }));
    expect(suspended.period).toEqual({ start: '2024-03-01', length: { months: 12 }, end: '2025-02-28', extensions: [], suspensions: [{ from: '2024-04-16' }] });
    const resumed = applyEffect(suspended, { kind: 'resume' }, event('reprendre', '2024-05-15'));
    expect(resumed.period).toEqual({ start: '2024-03-01', length: { months: 12 }, end: '2025-03-29', extensions: [], suspensions: [{ from: '2024-04-16', to: '2024-05-14' }] });
    // a renewal keeps the days suspended
    const renewed = applyEffect(resumed, { kind: 'extend', months: 'mois' }, event('renouveler', '2025-03-30', { mois: 6 }));
    expect(renewed.period).toMatchObject({ length: { months: 18 }, end: '2025-09-29' });
  });

  it('a resume on the day of the interruption, or the next day, leaves no suspension', () => {
    for (const day of ['2024-04-15', '2024-04-16']) {
      const suspended = applyEffect(started(), { kind: 'suspend' }, event('interruption', '2024-04-15'));
      const resumed = applyEffect(suspended, { kind: 'resume', date: 'date' }, event('reprendre', '2024-04-20', { date: day }));
      expect(resumed.period).toEqual(started().period);
    }
  });
});

describe('guards implied by suspend and resume', () => {
  const lifecycle: Lifecycle = {
    initial: 'orientee',
    states: {
      orientee: { label: 'Orientée', on: { activer: { target: 'active', effects: [{ kind: 'start', date: 'debut', duration: { months: 12 } }] }, interruption: { target: 'interrompue', effects: [{ kind: 'suspend' }] } } },
      active: { label: 'Active', on: { interruption: { target: 'interrompue', effects: [{ kind: 'suspend', date: 'date' }] }, sortie: { target: 'close', effects: [{ kind: 'end' }] } } },
      interrompue: { label: 'Interrompue', on: { reprendre: { target: 'active', effects: [{ kind: 'resume', date: 'date' }] }, interruption: { effects: [{ kind: 'suspend', date: 'date' }] } } },
      close: { label: 'Close', type: 'final' },
    },
    events: { activer: { label: 'Activer' }, interruption: { label: 'Interruption' }, reprendre: { label: 'Reprise' }, sortie: { label: 'Sortie' } },
  };
  const compiled = compileLifecycle('measure:test', lifecycle, { eligibility: compileEligibility(undefined, undefined), applicationWindow: () => undefined, agreementQuotas: [] });
  const run = (...events: StepEvent[]) => {
    let snapshot = compiled.start(emptyContext('artois', {})).snapshot;
    let last;
    for (const e of events) {
      last = compiled.step(snapshot, e);
      if (last.kind === 'taken') snapshot = last.snapshot;
    }
    return last;
  };
  const activate = event('activer', '2024-03-01', { debut: '2024-03-01' });

  it('refuses to suspend a period not started, or from a day before its start or before the last resume', () => {
    expect(run(event('interruption', '2024-02-01'))).toMatchObject({ kind: 'refused', guard: { kind: 'effect' } });
    expect(run(activate, event('interruption', '2024-04-15', { date: '2024-02-28' }))).toMatchObject({ kind: 'refused' });
    expect(run(activate, event('interruption', '2024-04-15', { date: '2024-04-15' }))).toMatchObject({ kind: 'taken', state: 'interrompue' });
    // already suspended: a second interruption is refused
    expect(run(activate, event('interruption', '2024-04-15', { date: '2024-04-15' }), event('interruption', '2024-04-20', { date: '2024-04-20' }))).toMatchObject({ kind: 'refused' });
    const again = (date: string) => run(activate, event('interruption', '2024-04-15', { date: '2024-04-15' }), event('reprendre', '2024-05-15'), event('interruption', date, { date }));
    expect(again('2024-05-14')).toMatchObject({ kind: 'refused' });
    expect(again('2024-05-15')).toMatchObject({ kind: 'taken', context: { period: { suspensions: [{ from: '2024-04-16', to: '2024-05-14' }, { from: '2024-05-16' }] } } });
  });

  it('refuses a resume dated before the interruption, and resumes on the interruption day or later', () => {
    const interrupted = [activate, event('interruption', '2024-04-15', { date: '2024-04-15' })];
    expect(run(...interrupted, event('reprendre', '2024-05-15', { date: '2024-04-14' }))).toMatchObject({ kind: 'refused' });
    expect(run(...interrupted, event('reprendre', '2024-05-15', { date: '2024-04-15' }))).toMatchObject({ kind: 'taken', state: 'active' });
    expect(run(...interrupted, event('reprendre', '2024-05-15'))).toMatchObject({ kind: 'taken', context: { period: { end: '2025-03-29' } } });
  });
});
