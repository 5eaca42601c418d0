import { describe, expect, it } from 'vitest';
import { buildLifecycleGraph, callMachines, pathThrough, type InstancePath } from '../../../engine/diagram/index.ts';
import { fixtureCall } from './fixture.ts';

function measureGraph(highlight?: InstancePath) {
  const machine = callMachines(fixtureCall()).find((candidate) => candidate.key === 'measure:em')!;
  return buildLifecycleGraph(machine.lifecycle, { ...machine.context, title: machine.title, highlight });
}

describe('the graph of a lifecycle', () => {
  it('lists the machines of a call: application, each measure kind, report', () => {
    const machines = callMachines(fixtureCall());
    expect(machines.map((machine) => [machine.key, machine.title])).toEqual([
      ['application', 'Candidature'],
      ['measure:em', 'Mesure : Équipe mobile de prévention des expulsions'],
      ['measure:vej', 'Mesure : Visite explicative de jugement'],
      ['report', 'Bilan'],
    ]);
  });

  it('marks the initial and the final states, with their French labels', () => {
    const graph = measureGraph();
    expect(graph.nodes.map((node) => node.label)).toEqual(['Orientée', 'Diagnostic réalisé', 'Accompagnée', 'Clôturée', 'Abandonnée']);
    expect(graph.nodes.filter((node) => node.initial).map((node) => node.id)).toEqual(['orientee']);
    expect(graph.nodes.filter((node) => node.final).map((node) => node.id)).toEqual(['cloturee', 'abandonnee']);
  });

  it('labels edges with the event, the guards, the effects and the timers that send the event', () => {
    const graph = measureGraph();
    const accompany = graph.edges.find((edge) => edge.event === 'accompagner')!;
    expect(accompany).toMatchObject({
      from: 'diagnostiquee',
      to: 'accompagnee',
      label: 'Accompagnement proposé',
      guards: ['Le ménage est éligible'],
      effects: ['ouvre la période (8 semaines)'],
      timers: [],
    });
    const close = graph.edges.find((edge) => edge.from === 'accompagnee' && edge.event === 'cloturer')!;
    expect(close.timers).toEqual(["fin de l'accompagnement : 8 semaines après le début de la période"]);
    expect(close.effects).toEqual(['clôt la période']);
  });

  it('names the fields a « set » effect copies by the titles of the event message', () => {
    const call = fixtureCall();
    const application = call.lifecycles!.application!;
    application.states!.deposee!.on!.rejeter = { target: 'rejetee', effects: [{ kind: 'set', fields: ['motif'] }] };
    application.events!.rejeter!.payload = { type: 'object', properties: { motif: { type: 'string', title: 'Motif du rejet' } } };
    const reject = buildLifecycleGraph(application).edges.find((edge) => edge.event === 'rejeter')!;
    expect(reject.effects).toEqual(['renseigne : Motif du rejet']);
  });

  it('draws a transition without target as a self-loop', () => {
    const week = measureGraph().edges.find((edge) => edge.event === 'semaine')!;
    expect([week.from, week.to]).toEqual(['accompagnee', 'accompagnee']);
    expect(week.effects).toEqual(["compte : semaine d'accompagnement"]);
  });

  it('keeps a timer on its state when no transition takes its event there', () => {
    const call = fixtureCall();
    const states = call.lifecycles!.application!.states!;
    delete states.conventionnee!.on!.relancer;
    const graph = buildLifecycleGraph(call.lifecycles!.application!);
    expect(graph.nodes.find((node) => node.id === 'conventionnee')!.timers).toEqual([
      'bilan final attendu : 3 mois après la fin de la convention',
    ]);
  });

  it('draws an undeclared target as a missing state instead of failing', () => {
    const call = fixtureCall();
    call.lifecycles!.report!.states!.depose!.on!.accepter = { target: 'archive' };
    const graph = buildLifecycleGraph(call.lifecycles!.report!);
    expect(graph.nodes.find((node) => node.id === 'archive')).toMatchObject({ missing: true, label: 'archive (état inconnu)' });
  });

  it('highlights the current state, the visited states and the transitions taken', () => {
    const graph = measureGraph({
      current: 'accompagnee',
      steps: [
        { from: 'orientee', event: 'diagnostiquer', to: 'diagnostiquee' },
        { from: 'diagnostiquee', event: 'accompagner', to: 'accompagnee' },
      ],
    });
    expect(graph.nodes.filter((node) => node.current).map((node) => node.id)).toEqual(['accompagnee']);
    expect(graph.nodes.filter((node) => node.visited).map((node) => node.id)).toEqual(['orientee', 'diagnostiquee', 'accompagnee']);
    expect(graph.edges.filter((edge) => edge.taken).map((edge) => edge.event)).toEqual(['diagnostiquer', 'accompagner']);
  });

  it('derives the path to highlight from the states an instance went through', () => {
    const lifecycle = fixtureCall().measures!.em!.lifecycle!;
    const path = pathThrough(lifecycle, ['orientee', 'diagnostiquee', 'accompagnee', 'accompagnee'])!;
    expect(path.current).toBe('accompagnee');
    expect(path.steps!.map((step) => step.event)).toEqual(['diagnostiquer', 'accompagner', 'semaine']);
    expect(measureGraph(path).edges.filter((edge) => edge.taken).map((edge) => edge.event)).toEqual(['diagnostiquer', 'accompagner', 'semaine']);
    expect(pathThrough(lifecycle, [])).toBeUndefined();
  });
});
