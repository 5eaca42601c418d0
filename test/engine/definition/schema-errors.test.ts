/**
 * Schema errors as a policy officer reads them: French, one per problem, at the key or value concerned.
 */
import { describe, expect, it } from 'vitest';
import { buildRepository, type Finding } from '../../../engine/definition/index.ts';
import { suggest } from '../../../engine/definition/schema-errors.ts';

function check(text: string): Finding[] {
  return buildRepository([{ file: 'piece.yaml', text }]).findings;
}

const lifecycle = (states: string) => `kind: lifecycle
id: essai
lifecycle:
  initial: a
  states:
${states}
`;

describe('schema findings', () => {
  it('suggests the closest allowed key for an unknown key, at the key', () => {
    const findings = check(lifecycle('    a:\n      lable: A\n'));
    expect(findings).toMatchObject([
      { code: 'cle-manquante', line: 6, column: 5 },
      { code: 'cle-inconnue', line: 7, column: 7, message: 'Clé « lable » inconnue : vouliez-vous dire « label » ? (dans « lifecycle.states.a »)' },
    ]);
  });

  it('explains a transition written as an object through the object branch, not the list branch', () => {
    const findings = check(lifecycle('    a:\n      label: A\n      on:\n        go: { target: b, gard: g }\n'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'cle-inconnue', line: 9, column: 26 });
    expect(findings[0]?.message).toContain('vouliez-vous dire « guard » ?');
  });

  it('says which types a value may take when no branch fits', () => {
    const findings = check(lifecycle('    a:\n      label: A\n      on:\n        go: 3\n'));
    expect(findings).toMatchObject([{ code: 'type-invalide', line: 9, column: 13 }]);
    expect(findings[0]?.message).toContain('un objet (des clés et leurs valeurs) ou une liste');
  });

  it('lists the allowed kinds of a tagged union, with a suggestion', () => {
    const findings = check('kind: lifecycle\nid: essai\nlifecycle:\n  guards:\n    g: { kind: quotas, label: Quota }\n');
    expect(findings).toMatchObject([{ code: 'valeur-non-permise', line: 5, column: 16 }]);
    expect(findings[0]?.message).toContain('vouliez-vous dire « quota » ?');
    expect(findings[0]?.message).toContain('« eligibility »');
  });

  it('reports the keys of the chosen branch only', () => {
    const findings = check('kind: lifecycle\nid: essai\nlifecycle:\n  guards:\n    g: { kind: quota, label: Quota }\n');
    expect(findings).toMatchObject([{ code: 'cle-manquante', message: expect.stringContaining('« quota »') }]);
  });

  it('names an invalid id key at the key', () => {
    const findings = check(lifecycle('    Etat A:\n      label: A\n'));
    expect(findings).toMatchObject([{ code: 'nom-invalide', line: 6, column: 5 }]);
  });
});

describe('suggest', () => {
  it('finds typos and case differences, not unrelated words', () => {
    expect(suggest('titel', ['title', 'summary'])).toBe('title');
    expect(suggest('Kind', ['kind'])).toBe('kind');
    expect(suggest('budget', ['title', 'summary'])).toBeUndefined();
  });
});
