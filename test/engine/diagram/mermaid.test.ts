import { describe, expect, it } from 'vitest';
import { buildLifecycleGraph, callMachines, mermaidId, toMermaid } from '../../../engine/diagram/index.ts';
import { fixtureCall } from './fixture.ts';

function emMermaid(highlight?: { current: string; steps?: { from: string; event: string; to: string }[] }): string[] {
  const machine = callMachines(fixtureCall()).find((candidate) => candidate.key === 'measure:em')!;
  return toMermaid(buildLifecycleGraph(machine.lifecycle, { ...machine.context, title: machine.title, highlight })).split('\n');
}

describe('Mermaid printing', () => {
  it('prints a titled stateDiagram-v2 with labelled states', () => {
    const lines = emMermaid();
    expect(lines.slice(0, 5)).toEqual(['---', 'title: Mesure : Équipe mobile de prévention des expulsions', '---', 'stateDiagram-v2', '  direction LR']);
    expect(lines).toContain('  state "Diagnostic réalisé" as diagnostiquee');
    expect(lines).toContain('  [*] --> orientee');
  });

  it('ends final states on [*]', () => {
    const lines = emMermaid();
    expect(lines).toContain('  cloturee --> [*]');
    expect(lines).toContain('  abandonnee --> [*]');
    expect(lines).not.toContain('  accompagnee --> [*]');
  });

  it('labels transitions with the event, guards, effects and timers', () => {
    const lines = emMermaid();
    expect(lines).toContain('  diagnostiquee --> accompagnee : Accompagnement proposé<br/>si : Le ménage est éligible<br/>· ouvre la période (8 semaines)');
    expect(lines).toContain(
      "  accompagnee --> cloturee : Clôture<br/>· clôt la période<br/>minuterie — fin de l'accompagnement : 8 semaines après le début de la période",
    );
  });

  it('colours the current and visited states and ticks the transitions taken', () => {
    const lines = emMermaid({ current: 'accompagnee', steps: [{ from: 'diagnostiquee', event: 'accompagner', to: 'accompagnee' }] });
    expect(lines).toContain('  class accompagnee courant');
    expect(lines).toContain('  class orientee,diagnostiquee parcouru');
    expect(lines.find((line) => line.startsWith('  diagnostiquee --> accompagnee'))).toContain(': ✔ Accompagnement proposé');
    expect(emMermaid().some((line) => line.includes('classDef'))).toBe(false);
  });

  it('makes ids and labels safe for Mermaid', () => {
    expect(mermaidId('en-instruction')).toBe('en_instruction');
    expect(mermaidId('end')).toBe('end_');
    const text = toMermaid({ title: 'T', nodes: [{ id: 'a', label: 'dit "non"; fin', initial: true, final: false, current: false, visited: false, missing: false, timers: [] }], edges: [] });
    expect(text).toContain(`state "dit 'non', fin" as a`);
  });
});
