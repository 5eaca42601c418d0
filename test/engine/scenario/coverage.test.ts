import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { compileEligibility, compileLifecycle } from '../../../engine/compile/index.ts';
import { createEngine } from '../../../engine/runtime/index.ts';
import { lifecycleCoverage, machineGraph } from '../../../engine/scenario/index.ts';
import { openSqliteStore } from '../../../engine/store/index.ts';
import { systemClock } from '../../../engine/time/index.ts';

const repository = await loadRepository('test/fixtures/scenarios');
const store = await openSqliteStore({ file: ':memory:' });
const compiled = createEngine({ store, repository, clock: systemClock }).compiled('essai-2024');
await store.close();
const suivi = compiled.lifecycle('measure:suivi')!.machine;
const here = { file: 'x.scenarios.yaml', line: 3, column: 5 };

describe('coverage of a lifecycle', () => {
  it('walks the states and transitions of the compiled machine with xstate/graph', () => {
    const graph = machineGraph(suivi);
    expect(graph.initial).toBe('oriente');
    expect(graph.states).toEqual(['oriente', 'suivi', 'bilan-attendu', 'termine', 'sans-suite']);
    expect(graph.transitions.map((t) => `${t.name} → ${t.to}`)).toEqual([
      'oriente.commencer → suivi',
      'oriente.abandon → sans-suite',
      'suivi.semaine → suivi',
      'suivi.echeance-bilan → bilan-attendu',
      'suivi.terminer → termine',
      'bilan-attendu.semaine → bilan-attendu',
      'bilan-attendu.terminer → termine',
    ]);
  });

  it('numbers the transitions of an event that has several, from 1', () => {
    const lifecycle = compileLifecycle(
      'measure:essai',
      {
        initial: 'a',
        states: {
          a: { label: 'A', on: { aller: [{ target: 'b', guard: 'petit' }, { target: 'c' }], rester: {} } },
          b: { label: 'B', on: { aller: { target: 'c' } } },
          c: { label: 'C', type: 'final' },
        },
        events: { aller: { label: 'Aller' }, rester: { label: 'Rester' } },
        guards: { petit: { kind: 'range', label: 'Petit.', field: 'n', max: 3 } },
      },
      { eligibility: compileEligibility(undefined, undefined), applicationWindow: () => undefined, agreementQuotas: [] },
    );
    expect(machineGraph(lifecycle.machine).transitions.map((t) => `${t.name} → ${t.to}`)).toEqual(['a.aller[1] → b', 'a.aller[2] → c', 'a.rester → a', 'b.aller → c']);
  });

  it('lists what no scenario reached, with the reasons the files give, and reasons that name nothing', () => {
    const { coverage, stale } = lifecycleCoverage(
      'essai-2024',
      'measure:suivi',
      suivi,
      [
        { lifecycle: 'measure:suivi', from: 'oriente', event: 'commencer', to: 'suivi' },
        { lifecycle: 'measure:suivi', from: 'suivi', event: 'semaine', to: 'suivi' },
        { lifecycle: 'application', from: 'suivi', event: 'terminer', to: 'termine' },
      ],
      new Set(['oriente']),
      { 'sans-suite': 'Sans effet.', 'oriente.abandonner': 'Faute de frappe.' },
      { 'sans-suite': here, 'oriente.abandonner': here },
    );
    expect(coverage.states).toEqual({ total: 5, covered: 2 });
    expect(coverage.transitions).toEqual({ total: 7, covered: 2 });
    expect(coverage.uncovered).toEqual([
      { kind: 'state', name: 'bilan-attendu' },
      { kind: 'state', name: 'termine' },
      { kind: 'state', name: 'sans-suite', reason: { text: 'Sans effet.', location: here } },
      { kind: 'transition', name: 'oriente.abandon' },
      { kind: 'transition', name: 'suivi.echeance-bilan' },
      { kind: 'transition', name: 'suivi.terminer' },
      { kind: 'transition', name: 'bilan-attendu.semaine' },
      { kind: 'transition', name: 'bilan-attendu.terminer' },
    ]);
    expect(stale).toEqual([{ call: 'essai-2024', lifecycle: 'measure:suivi', name: 'oriente.abandonner', location: here }]);
  });
});
