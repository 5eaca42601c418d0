import { describe, expect, it } from 'vitest';
import { instantOf, parseScenarioText } from '../../../engine/scenario/index.ts';

const FILE = 'essai.scenarios.yaml';
const problems = (text: string) => parseScenarioText(text, FILE).findings.map((f) => `${f.line}:${f.column} ${f.message}`);

describe('reading scenario files', () => {
  it('reads a valid file with the line of each step', () => {
    const { scenarios, findings } = parseScenarioText(
      [
        'call: essai-2024',
        'actors:',
        '  agent: { role: departement }',
        'scenarios:',
        '  un:',
        '    label: Un scénario',
        '    steps:',
        '      - at: 2024-04-15',
        '        create: application',
        '        as: candidature',
        '        with: { operatorId: asso-a, territory: nord }',
        '      - send: { to: candidature, type: retenir, actor: agent }',
        '        expect: { state: retenue, ledger: { advance: "600,00 €" } }',
        'coverage:',
        '  application:',
        '    rejetee: Sans effet.',
      ].join('\n'),
      FILE,
    );
    expect(findings).toEqual([]);
    expect(scenarios?.call).toBe('essai-2024');
    expect(scenarios?.callLocation.line).toBe(1);
    expect(scenarios?.scenarios[0]?.steps.map((s) => s.location.line)).toEqual([8, 12]);
    expect(scenarios?.coverage).toEqual({ application: { rejetee: 'Sans effet.' } });
    expect(scenarios?.coverageLocations.application?.rejetee?.line).toBe(16);
  });

  it('says in French, at the line, what the schema refuses', () => {
    const text = [
      'call: essai-2024',
      'scenarios:',
      '  un:',
      '    label: Un scénario',
      '    steps:',
      '      - at: 2024-04-15',
      '        create: application',
      '        as: candidature',
      '        with: {}',
      '        expext: { state: deposee }',
      '      - send: { to: candidature, type: retenir }',
      '        expect: { earned: "12.50 €", refused: pas-un-code }',
      '      - create: measure',
      '        as: menage',
      '        with: {}',
      '        send: { to: candidature, type: retenir }',
      '      - {}',
    ].join('\n');
    expect(problems(text)).toEqual([
      '10:9 Clé « expext » inconnue : vouliez-vous dire « expect » ?',
      expect.stringMatching(/^12:27 « 12\.50 € » : format attendu : Montant exact/),
      expect.stringMatching(/^12:47 Valeur « pas-un-code » non permise ; valeurs permises : definition-inconnue/),
      '13:9 Une étape crée une instance (create) ou envoie un événement (send), pas les deux : faites-en deux étapes.',
      '17:9 Étape vide : écrivez create, send, at ou expect.',
    ]);
  });

  it('refuses references to instances not yet named, unknown actors and going back in time', () => {
    const text = [
      'call: essai-2024',
      'scenarios:',
      '  un:',
      '    label: Un scénario',
      '    steps:',
      '      - at: 2024-06-10',
      '        send: { to: candidatur, type: retenir, actor: agnet }',
      '      - at: 2024-04-15',
      '        create: application',
      '        as: candidature',
      '        with: {}',
      '      - at: 2024-05-01',
      '        expect: { state: deposee }',
      '      - create: application',
      '        as: candidature',
      '        with: {}',
    ].join('\n');
    expect(problems(text)).toEqual([
      "7:21 Instance « candidatur » inconnue à cette étape : nommez-la d'abord avec « as: » dans une étape create.",
      '7:55 Acteur « agnet » inconnu : déclarez-le sous « actors: » en tête du fichier.',
      "8:13 L'horloge ne recule pas : 2024-04-15 est avant 2024-06-10. Ordonnez les étapes dans le temps.",
      "13:9 Cette étape ne crée ni n'envoie rien : précisez l'instance vérifiée avec « of: ».",
      '15:13 Le nom « candidature » est déjà pris dans ce scénario : choisissez-en un autre.',
    ]);
  });

  it('reports YAML syntax errors', () => {
    expect(problems('call: [essai\nscenarios: {}')[0]).toMatch(/^\d+:\d+ Syntaxe YAML invalide/);
  });

  it('reads a calendar date as noon in Paris and an ISO instant as itself', () => {
    expect(instantOf('2024-04-15')?.toISOString()).toBe('2024-04-15T10:00:00.000Z');
    expect(instantOf('2024-01-15')?.toISOString()).toBe('2024-01-15T11:00:00.000Z');
    expect(instantOf('2024-05-31T23:59:00+02:00')?.toISOString()).toBe('2024-05-31T21:59:00.000Z');
    expect(instantOf('2024-02-30')).toBeUndefined();
  });
});
