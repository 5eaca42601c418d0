/**
 * The retention periods of the definition language: checked by the validator (located findings in
 * French) and said on the call sheet, with what erasure keeps for the indicators.
 */
import { describe, expect, it } from 'vitest';
import { buildRepository } from '../../../engine/definition/index.ts';
import { describeRetention, durationWords } from '../../../engine/privacy/index.ts';
import { definitionSources, RETENTION, repositoryWithRetention } from './household-fixture.ts';

/** The findings of the real definitions with the ADSL call's retention replaced by `yaml`. */
function findingsWith(yaml: string) {
  const sources = definitionSources().map((s) => (s.file.endsWith('adsl-2024.yaml') ? { ...s, text: s.text.replace(RETENTION, yaml) } : s));
  return buildRepository(sources).findings.filter((f) => f.file.endsWith('adsl-2024.yaml')).map((f) => [f.code, f.severity, f.path]);
}

describe('retention in the definition language', () => {
  it('refuses a period of nothing, a warning before the milestone, a balance no final report makes', () => {
    expect(findingsWith('\nretention:\n  households: { keep: { days: 0 }, after: end }\n')).toEqual([['conservation-nulle', 'error', '/retention/households/keep']]);
    expect(findingsWith('\nretention:\n  households: { keep: { months: 1 }, after: end, warnBefore: { months: 2 } }\n')).toEqual([['avertissement-trop-tot', 'error', '/retention/households/warnBefore']]);
    expect(findingsWith('\nretention:\n  households: { keep: { years: 1 }, after: fin }\n').map(([code]) => code)).toEqual(['valeur-non-permise']);
    expect(findingsWith('\nretention:\n  households: { keep: { years: 5 }, after: balance }\n')).toEqual([]);
  });

  it('says each period on the sheet, and what stays for the indicators', () => {
    const call = repositoryWithRetention().calls.get('adsl-2024')!.definition;
    const [households, operators] = describeRetention(call);
    expect(households).toMatchObject({
      kind: 'households', label: 'Données des ménages',
      sentence: 'conservées 5 ans après la fin du dossier (arrivé à un état final), puis effacées ; le Département est averti 1 mois avant.',
    });
    expect(households!.kept[0]!.fields).toContain("Date de naissance (l'âge à l'orientation seulement)");
    expect(households!.kept[0]!.fields).not.toContain('Composition familiale');
    expect(operators).toMatchObject({ kind: 'operators', sentence: 'aucune durée de conservation déclarée : ces données sont gardées sans limite.' });
    expect(durationWords({ years: 1, months: 6 })).toBe('1 an et 6 mois');
  });
});
