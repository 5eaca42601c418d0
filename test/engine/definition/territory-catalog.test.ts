import { describe, expect, it } from 'vitest';
import { TerritoryCatalog } from '../../../engine/definition/index.ts';
import type { Window } from '../../../engine/definition/index.ts';

function catalog(): TerritoryCatalog {
  const result = new TerritoryCatalog();
  for (const id of ['arras', 'lens', 'calais', 'boulogne']) result.territories.set(id, { id, label: id, epcis: new Map() });
  result.territories.get('lens')?.epcis.set('ca-lens-lievin', 'CA de Lens-Liévin');
  result.groups.set('ami-1', { id: 'ami-1', label: 'AMI 1', members: ['lens', 'arras'] });
  result.groups.set('littoral', { id: 'littoral', label: 'Littoral', members: ['calais', 'boulogne'] });
  result.groups.set('tout', { id: 'tout', label: 'Tout', members: ['ami-1', 'littoral', 'tout'] });
  return result;
}

const known = { start: '2024-04-01', end: '2024-05-31' };
const window = (territories: [string, ...string[]]): Window => ({ territories, application: known, agreement: known });

describe('TerritoryCatalog', () => {
  it('expands groups, nested groups and territories to sorted territory ids', () => {
    expect(catalog().expand(['ami-1'])).toEqual(['arras', 'lens']);
    expect(catalog().expand(['tout', 'arras'])).toEqual(['arras', 'boulogne', 'calais', 'lens']);
  });

  it('ignores unknown ids (the validator reports them)', () => {
    expect(catalog().expand(['inconnu', 'calais'])).toEqual(['calais']);
    expect(catalog().has('inconnu')).toBe(false);
    expect(catalog().has('littoral')).toBe(true);
  });

  it('finds the territory of an EPCI', () => {
    expect(catalog().territoryOfEpci('ca-lens-lievin')?.id).toBe('lens');
    expect(catalog().territoryOfEpci('inconnu')).toBeUndefined();
  });

  it('finds the window of a call that covers a territory, first one first', () => {
    const call = { windows: { 'ami-1': window(['ami-1']), littoral: window(['littoral']), bis: window(['calais']) } };
    expect(catalog().windowFor(call, 'lens')?.id).toBe('ami-1');
    expect(catalog().windowFor(call, 'calais')?.id).toBe('littoral');
    expect(catalog().windowFor({ windows: { 'ami-1': window(['ami-1']) } }, 'calais')).toBeUndefined();
  });
});
