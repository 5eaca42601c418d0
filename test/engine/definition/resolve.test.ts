/**
 * Resolution of `extends` chains and `use` pieces, with provenance back to the text that set each value.
 */
import { describe, expect, it } from 'vitest';
import { buildRepository, canonicalHash } from '../../../engine/definition/index.ts';

const territories = `kind: territories
id: catalogue
territories:
  arras: { label: Arras }
  lens: { label: Lens }
`;

const lifecyclePiece = `kind: lifecycle
id: simple
lifecycle:
  initial: ouverte
  states:
    ouverte:
      label: Ouverte
      on:
        fermer: { target: fermee }
    fermee: { label: Fermée, type: final }
  events:
    fermer: { label: Fermer }
`;

const measurePiece = `kind: measure
id: visite
measure:
  label: Visite partagée
  acts:
    visite: { label: Visite }
  tariff: { kind: perAct, act: visite, price: "162,38 €" }
  lifecycle: { use: simple }
`;

const grandparent = `kind: call
id: appel-2023
title: Appel 2023
year: 2023
version: 1
status: closed
territories: [arras, lens]
windows:
  tout:
    territories: [arras, lens]
    application: { start: 2023-04-01, end: 2023-05-31 }
    agreement: { start: 2023-06-01, end: 2024-05-31 }
funding:
  grant: { kind: activity }
  payment: { kind: single, on: signature }
applicants:
  label: Opérateur
measures:
  visite:
    use: visite
    label: Visite 2023
`;

const parent = `kind: call
id: appel-2024
extends: appel-2023
title: Appel 2024
year: 2024
status: published
territories: [arras]
windows:
  tout:
    territories: [arras]
    application: { start: 2024-04-01, end: 2024-05-31 }
    agreement: { start: 2024-06-01, end: 2025-05-31 }
`;

const child = `kind: call
id: appel-2025
extends: appel-2024
title: Appel 2025
year: 2025
measures:
  visite:
    label: null
    tariff: { price: "170 €" }
`;

function build(changes: Record<string, string> = {}) {
  const files: Record<string, string> = {
    'territoires.yaml': territories,
    'cycles/simple.yaml': lifecyclePiece,
    'mesures/visite.yaml': measurePiece,
    '2023.yaml': grandparent,
    '2024.yaml': parent,
    '2025.yaml': child,
    ...changes,
  };
  return buildRepository(Object.entries(files).map(([file, text]) => ({ file, text })));
}

describe('resolution', () => {
  const repository = build();
  const call = repository.calls.get('appel-2025');

  it('resolves a chain of extends: objects merge, lists replace, null removes', () => {
    // The one finding: the 2024 call keeps its parent's « Visite 2023 », warned at the parent's line.
    expect(repository.findings).toEqual([expect.objectContaining({ code: 'annee-heritee-perimee', severity: 'warning', file: '2023.yaml', path: '/measures/visite/label' })]);
    expect(call?.parents).toEqual(['appel-2024', 'appel-2023']);
    const definition = call?.definition;
    expect(definition?.year).toBe(2025);
    expect(definition?.status).toBe('published');
    expect(definition?.territories).toEqual(['arras']);
    expect(definition?.funding.payment).toEqual({ kind: 'single', on: 'signature' });
    // null removes a key, even one that came from a piece through the parent.
    expect(definition?.measures?.visite).not.toHaveProperty('label');
  });

  it('uses pieces as bases that local keys patch, without the use key', () => {
    const measure = call?.definition.measures?.visite;
    expect(measure?.tariff).toEqual({ kind: 'perAct', act: 'visite', price: '170 €' });
    expect(measure?.lifecycle?.initial).toBe('ouverte');
    expect(measure).not.toHaveProperty('use');
    expect(measure?.lifecycle).not.toHaveProperty('use');
  });

  it('maps each pointer to the file that set it: child, then parents, then pieces', () => {
    expect(call?.locate('/year')).toEqual({ file: '2025.yaml', line: 5, column: 7 });
    expect(call?.locate('/status')).toEqual({ file: '2024.yaml', line: 6, column: 9 });
    expect(call?.locate('/version')).toEqual({ file: '2023.yaml', line: 5, column: 10 });
    expect(call?.locate('/measures/visite/tariff/price')).toEqual({ file: '2025.yaml', line: 9, column: 22 });
    expect(call?.locate('/measures/visite/tariff/act')).toEqual({ file: 'mesures/visite.yaml', line: 7, column: 32 });
    expect(call?.locate('/measures/visite/lifecycle/states/fermee/type')).toEqual({ file: 'cycles/simple.yaml', line: 10, column: 36 });
    // A missing key: its nearest existing ancestor.
    expect(call?.locate('/measures/visite/lifecycle/states/fermee/timers')).toEqual({ file: 'cycles/simple.yaml', line: 10, column: 5 });
  });

  it('hashes the resolved definition: stable, and changed by any change', () => {
    expect(call?.hash).toBe(canonicalHash(call?.definition));
    expect(build().calls.get('appel-2025')?.hash).toBe(call?.hash);
    const changed = build({ '2025.yaml': child.replace('170 €', '171 €') });
    expect(changed.calls.get('appel-2025')?.hash).not.toBe(call?.hash);
  });

  it('refuses an unknown parent and a cycle, at the extends key', () => {
    const broken = buildRepository([
      { file: 'a.yaml', text: 'kind: call\nid: a\nextends: b\n' },
      { file: 'b.yaml', text: 'kind: call\nid: b\nextends: a\n' },
      { file: 'c.yaml', text: 'kind: call\nid: c\nextends: inconnu\n' },
    ]);
    expect(broken.findings.map((finding) => [finding.file, finding.code, finding.line, finding.column])).toEqual([
      ['a.yaml', 'extends-cycle', 3, 10],
      ['b.yaml', 'extends-cycle', 3, 10],
      ['c.yaml', 'extends-introuvable', 3, 10],
    ]);
    expect(broken.calls.size).toBe(0);
  });

  it('restates in the child a problem that only the combination with its parent creates', () => {
    const removing = `kind: call\nid: appel-2026\nextends: appel-2025\ntitle: Appel 2026\nyear: 2026\nmeasures:\n  visite:\n    acts: null\n`;
    const result = build({ '2026.yaml': removing });
    const finding = result.findings.find((item) => item.code === 'acte-inconnu' && item.path.endsWith('/tariff/act'));
    expect(finding).toMatchObject({ file: '2026.yaml', line: 7, column: 3 });
    expect(finding?.message).toContain('mesures/visite.yaml:7:32');
    expect(result.findings.filter((item) => item.file !== '2026.yaml' && item.code !== 'annee-heritee-perimee')).toEqual([]);
  });
});
