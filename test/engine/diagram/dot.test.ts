import { describe, expect, it } from 'vitest';
import { buildLifecycleGraph, callMachines, drawCall, renderSvg, toDot } from '../../../engine/diagram/index.ts';
import { fixtureCall } from './fixture.ts';

const path = {
  current: 'accompagnee',
  steps: [
    { from: 'orientee', event: 'diagnostiquer', to: 'diagnostiquee' },
    { from: 'diagnostiquee', event: 'accompagner', to: 'accompagnee' },
  ],
};

function emDot(highlight?: typeof path): string {
  const machine = callMachines(fixtureCall()).find((candidate) => candidate.key === 'measure:em')!;
  return toDot(buildLifecycleGraph(machine.lifecycle, { ...machine.context, title: machine.title, highlight }), { id: 'mesure-em' });
}

function statement(dot: string, start: string): string {
  return dot.split('\n').find((line) => line.trimStart().startsWith(start)) ?? '';
}

describe('DOT printing', () => {
  it('prints a titled digraph with a start point on the initial state', () => {
    const dot = emDot();
    expect(dot.startsWith('digraph "Mesure : Équipe mobile de prévention des expulsions" {')).toBe(true);
    expect(dot).toContain('id="mesure-em";');
    expect(statement(dot, '"__debut" -> "orientee"')).not.toBe('');
  });

  it('gives final states a double border and the class « final »', () => {
    const line = statement(emDot(), '"cloturee" [');
    expect(line).toContain('peripheries=2');
    expect(line).toContain('class="etat final"');
    expect(statement(emDot(), '"accompagnee" [')).not.toContain('peripheries');
  });

  it('writes guards, effects and timers in French under the event', () => {
    const dot = emDot();
    expect(statement(dot, '"diagnostiquee" -> "accompagnee"')).toContain(
      'label="Accompagnement proposé\\nsi : Le ménage est éligible\\n· ouvre la période (8 semaines)"',
    );
    const timed = statement(dot, '"accompagnee" -> "cloturee"');
    expect(timed).toContain("minuterie — fin de l'accompagnement : 8\\nsemaines après le début de la période");
    expect(timed).toContain('style=dashed');
  });

  it('highlights the current state and the path taken', () => {
    const dot = emDot(path);
    expect(statement(dot, '"accompagnee" [')).toContain('class="etat courant parcouru"');
    expect(statement(dot, '"diagnostiquee" [')).toContain('class="etat parcouru"');
    expect(statement(dot, '"orientee" -> "diagnostiquee"')).toContain('class="transition emprunte"');
    expect(statement(dot, '"orientee" -> "abandonnee"')).toContain('class="transition"');
    expect(statement(emDot(), '"accompagnee" [')).not.toContain('courant');
  });

  it('escapes quotes and backslashes in labels', () => {
    const dot = toDot({ title: 'Dit "oui"', nodes: [{ id: 'a', label: 'a\\b "c"', initial: true, final: false, current: false, visited: false, missing: false, timers: [] }], edges: [] });
    expect(dot).toContain('digraph "Dit \\"oui\\""');
    expect(dot).toContain('label="a\\\\b \\"c\\""');
  });

  it('renders to SVG in process, with the ids and classes of the states', async () => {
    const svg = await renderSvg(emDot(path));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<g id="mesure&#45;em&#45;etat&#45;accompagnee" class="node etat courant parcouru">');
    expect(svg).toContain('Clôturée');
  });

  it('draws every lifecycle of a call, each SVG with its own ids', async () => {
    const drawn = await drawCall(fixtureCall(), { format: 'svg' });
    expect(drawn.map((machine) => machine.key)).toEqual(['application', 'measure:em', 'measure:vej', 'report']);
    expect(drawn[3]!.text).toContain('id="bilan&#45;etat&#45;attendu"');
    const mermaid = await drawCall(fixtureCall(), { format: 'mermaid', only: ['report'] });
    expect(mermaid.map((machine) => machine.key)).toEqual(['report']);
  });

  it('lays a long lifecycle out top to bottom, and leaves the title to the page when asked', async () => {
    const states = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`etape-${i}`, { label: `Étape numéro ${i}`, on: i < 11 ? { suivante: { target: `etape-${i + 1}` } } : undefined }]),
    );
    const lifecycle = { initial: 'etape-0', states, events: { suivante: { label: 'Passer à l’étape suivante' } } };
    const [long] = await drawCall({ lifecycles: { application: lifecycle } }, { format: 'dot', titled: false });
    expect(long!.text).toContain('rankdir=TB');
    expect(long!.text).not.toContain('labelloc=t');
    const [short] = await drawCall(fixtureCall(), { format: 'dot', only: ['report'] });
    expect(short!.text).toContain('rankdir=LR');
    expect(short!.text).toContain('label="Bilan", labelloc=t');
  });

  it('draws several self-loops of one state as one loop listing each event', () => {
    const call = fixtureCall();
    const lifecycle = call.measures!.em!.lifecycle!;
    lifecycle.states!.accompagnee!.on!.contact = {};
    lifecycle.events!.contact = { label: 'Bailleur contacté' };
    const dot = toDot(buildLifecycleGraph(lifecycle, { acts: call.measures!.em!.acts }));
    const loops = dot.split('\n').filter((line) => line.trimStart().startsWith('"accompagnee" -> "accompagnee"'));
    expect(loops).toHaveLength(1);
    expect(loops[0]).toContain("label=\"Semaine d'accompagnement\\nsi : L'accompagnement est\\nlimité à 8 semaines\\n· compte : semaine d'accompagnement\\n\\nBailleur contacté\"");
    expect(loops[0]).toContain('class="transition boucle"');
  });
});
