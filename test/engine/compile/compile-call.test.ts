import { beforeAll, describe, expect, it } from 'vitest';
import { CompiledCallCache, compileCall, emptyContext, type CompiledLifecycle, type PersistedSnapshot, type StepEvent } from '../../../engine/compile/index.ts';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';

let repository: Repository;
beforeAll(async () => {
  repository = await loadRepository('definitions');
});

function call(id: string) {
  const found = repository.calls.get(id);
  if (!found) throw new Error(`appel ${id} absent : ${repository.findings.map((f) => f.message).join('\n')}`);
  return found;
}

const event = (type: string, payload: Record<string, unknown> = {}, date = '2024-12-05'): StepEvent => ({ type, payload, date, facts: { quotas: {} } });

function run(lifecycle: CompiledLifecycle, snapshot: PersistedSnapshot, ...events: StepEvent[]) {
  let current = snapshot;
  let last;
  for (const e of events) {
    last = lifecycle.step(current, e);
    if (last.kind === 'taken') current = last.snapshot;
  }
  return { snapshot: current, last };
}

describe('compileCall', () => {
  it('compiles one machine per lifecycle: application, report and each measure kind', () => {
    const compiled = compileCall(call('prevention-expulsions-2024'), { territories: repository.territories });
    expect([...compiled.measures.keys()]).toEqual(['equipe-mobile', 'vej']);
    expect(compiled.lifecycle('measure:vej')?.initial).toBe('mandatee');
    expect(compiled.application.initial).toBe('deposee');
    expect(compiled.report.states.get('attendu')?.timers.map((t) => t.name)).toEqual(['echeance']);
    expect(compiled.application.machine.id).toBe('application');
  });

  it('names guards and actions in setup(), so the machine config only refers to them', () => {
    const lifecycle = compileCall(call('prevention-expulsions-2024'), { territories: repository.territories }).report;
    expect(Object.keys(lifecycle.machine.implementations.guards)).toContain('bilan-final');
    expect(Object.keys(lifecycle.machine.implementations.actions).sort()).toEqual(['act', 'end', 'extend', 'milestone', 'resume', 'set', 'start', 'suspend']);
    const json = JSON.stringify(lifecycle.machine.config);
    expect(json).toContain('"guard":"bilan-final"');
  });

  it('steps purely: counts acts, keeps a targetless transition, and refuses with the guard that failed', () => {
    const lifecycle = compileCall(call('prevention-expulsions-2024'), { territories: repository.territories }).measures.get('equipe-mobile')!.lifecycle;
    const start = lifecycle.start(emptyContext('lens-henin', {}));
    // weeks beyond the 8 paid are still counted: the tariff caps the pay, not the activity
    const weeks = Array.from({ length: 10 }, () => event('semaine'));
    const { snapshot, last } = run(lifecycle, start.snapshot, event('diagnostic-flash'), event('contact-bailleur'), ...weeks);
    expect(last).toMatchObject({ kind: 'taken', state: 'accompagnement', context: { acts: { semaine: { quantity: 10 }, 'diagnostic-flash': { quantity: 1 } } } });
    expect(lifecycle.step(snapshot, event('diagnostic-flash'))).toEqual({ kind: 'refused' });
    expect(lifecycle.step(snapshot, event('contact-bailleur'))).toMatchObject({ kind: 'taken', state: 'accompagnement' });
    // the input snapshot is not changed by a step
    expect(start.snapshot).toMatchObject({ value: 'reperee' });
    expect(lifecycle.step(snapshot, event('terminer', { issue: 'maintien' }))).toMatchObject({ kind: 'taken', state: 'terminee', done: true, context: { data: { issue: 'maintien' } } });
  });

  it('refuses with the guard that failed', () => {
    const lifecycle = compileCall(call('groupes-sante-mentale-2024'), { territories: repository.territories }).measures.get('groupe')!.lifecycle;
    const { snapshot } = run(lifecycle, lifecycle.start(emptyContext('artois', {})).snapshot, event('demarrer', { debut: '2024-11-05', frequence: 'mensuelle' }));
    const meeting = (date: string) => event('rencontre', { date, modalite: 'presentiel', participants: 12, provenances: [] }, date);
    expect(lifecycle.step(snapshot, meeting('2025-07-10'))).toMatchObject({ kind: 'refused', guard: { id: 'hors-juillet-aout' } });
    expect(lifecycle.step(snapshot, meeting('2025-06-10'))).toMatchObject({ kind: 'taken', state: 'actif-mensuel', context: { acts: { rencontre: { quantity: 1 } } } });
  });

  it('implies the quotas of agreements on a selection milestone', () => {
    const definition = structuredClone(call('prevention-expulsions-2024').definition);
    definition.funding.quotas = { 'operateur-unique': { label: 'Un seul opérateur retenu', of: 'agreements', max: 1, per: 'call' } };
    const compiled = compileCall({ id: definition.id, version: 1, hash: 'q', definition }, { territories: repository.territories });
    const start = compiled.application.start(emptyContext('lens-henin', {}));
    const full: StepEvent = { ...event('retenir'), facts: { quotas: { 'operateur-unique': { count: 1, max: 1, enforce: 'refuse' } } } };
    expect(compiled.application.step(start.snapshot, full)).toMatchObject({ kind: 'refused', guard: { kind: 'quota', quota: 'operateur-unique' } });
    const room: StepEvent = { ...full, facts: { quotas: { 'operateur-unique': { count: 0, max: 1, enforce: 'refuse' } } } };
    expect(compiled.application.step(start.snapshot, room)).toMatchObject({ kind: 'taken', state: 'retenue', context: { milestones: { selection: '2024-12-05' } } });
  });

  it('gives the window of a territory through its group', () => {
    const compiled = compileCall(call('equipes-mobiles-2025'), { territories: repository.territories });
    expect(compiled.windowFor('boulonnais')?.application).toEqual({ start: '2025-04-01', end: '2025-05-09' });
    expect(compiled.windowFor('ternois')).toBeUndefined();
  });

  it('compiles a definition once per hash', () => {
    const cache = new CompiledCallCache({ territories: repository.territories });
    const a = cache.get(call('equipes-mobiles-2025'));
    expect(cache.get(call('equipes-mobiles-2025'))).toBe(a);
    expect(cache.get(call('prevention-expulsions-2024'))).not.toBe(a);
  });
});
