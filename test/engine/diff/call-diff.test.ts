import { describe, expect, it } from 'vitest';
import { diffCalls, formatChange, type CallDiff } from '../../../engine/diff/index.ts';
import { fixturePair } from './fixture.ts';

function sentences(diff: CallDiff): string[] {
  return diff.sections.flatMap((section) => section.changes.map(formatChange));
}

describe('a call against the call it extends', () => {
  it('says the new windows and agreement periods in French dates', async () => {
    const { parent, child } = await fixturePair();
    const lines = sentences(diffCalls(parent, child));
    expect(lines).toContain('fenêtre ami : 01/04/2024–31/05/2024 → 01/04/2025–09/05/2025');
    expect(lines).toContain('convention ami : 01/12/2024–30/11/2025 → 01/01/2025–31/12/2025');
    expect(lines).toContain('territoires de la fenêtre ami : inchangés');
  });

  it('says what stayed, what was removed and what was added, with agreeing participles', async () => {
    const { parent, child } = await fixturePair();
    const lines = sentences(diffCalls(parent, child));
    expect(lines).toContain("tarif « semaine d'accompagnement » : inchangé");
    expect(lines).toContain('mesure vej : retirée — Visite explicative de jugement');
    expect(lines).toContain('indicateur vej-realisees : retiré — Nombre de VEJ réalisées (nombre de mesures vej, états visitee)');
    expect(lines).toContain('condition budget-2025 : ajoutée — Adoption du budget 2025 du Département (mars 2025)');
    expect(lines).toContain('versement : inchangé');
    expect(lines).toContain('année : 2024 → 2025');
  });

  it('groups changes in titled sections and counts them', async () => {
    const { parent, child } = await fixturePair();
    const diff = diffCalls(parent, child);
    expect(diff.parent).toEqual({ id: 'prevention-expulsions-2024', title: parent.title, year: 2024 });
    expect(diff.sections.map((section) => section.title)).toContain('Mesure « Équipe mobile de prévention des expulsions »');
    expect(diff.counts.removed).toBe(2);
    expect(diff.counts.added).toBe(2);
  });

  it('says a changed price of one part of a tariff', async () => {
    const { parent, child } = await fixturePair();
    const tariff = child.measures!.em!.tariff!;
    if (tariff.kind !== 'sum') throw new Error('tarif somme attendu');
    tariff.parts.semaine = { kind: 'perAct', act: 'semaine', price: '60 €', maxUnits: 8, label: "semaine d'accompagnement" };
    expect(sentences(diffCalls(parent, child))).toContain(
      "tarif « semaine d'accompagnement » : 55,00\u00a0€ par semaine, 8 au plus → 60,00\u00a0€ par semaine, 8 au plus",
    );
  });

  it('lists only what changed in a lifecycle: a new state and a redirected transition', async () => {
    const { parent, child } = await fixturePair();
    const lifecycle = child.measures!.em!.lifecycle!;
    lifecycle.states!.suspendue = { label: 'Suspendue', on: { reprendre: { target: 'accompagnee' } } };
    lifecycle.states!.orientee!.on!.abandonner = { target: 'suspendue' };
    const lines = sentences(diffCalls(parent, child));
    expect(lines).toContain('cycle de vie, état « Suspendue » : ajouté — Suspendue');
    expect(lines).toContain('cycle de vie, transition « Ménage injoignable » depuis « Orientée » : vers « Abandonnée » → vers « Suspendue »');
    expect(lines.filter((line) => line.startsWith('cycle de vie, état « Orientée »'))).toEqual([]);
    expect(lines).toContain('cycle de vie de la candidature : inchangé');
  });

  it('says « modifiée » and names what changed when the words do not show it, and ignores citations', async () => {
    const { parent, child } = await fixturePair();
    child.applicants.eligibility = { agrement: { label: 'Agréé ISFT', schema: { required: ['agrement'] } } };
    parent.applicants.eligibility = { agrement: { label: 'Agréé ISFT', schema: {} } };
    child.windows.ami!.source = { document: 'autre.md', section: 'ailleurs' };
    parent.windows.ami!.application = child.windows.ami!.application;
    const lines = sentences(diffCalls(parent, child));
    expect(lines).toContain("règle d'éligibilité agrement : modifiée — schema › required : ajouté — [\"agrement\"]");
    expect(lines).toContain('fenêtre ami : inchangée');
  });
});
