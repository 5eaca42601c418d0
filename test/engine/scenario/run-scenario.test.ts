import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { parseScenarioText, renderFailure, renderJson, renderText, runScenario, runScenarioFiles, type ScenarioFile } from '../../../engine/scenario/index.ts';

const FIXTURES = 'test/fixtures/scenarios';
let repository: Repository;

beforeAll(async () => {
  repository = await loadRepository(FIXTURES);
  expect(repository.findings).toEqual([]);
});

/** A scenario file written inline, starting with the fixture's actors and a selected application. */
function file(steps: string[]): ScenarioFile {
  const text = [
    'call: essai-2024',
    'actors:',
    '  asso-a: { role: operator, operatorId: asso-a }',
    '  agent: { role: departement }',
    'scenarios:',
    '  essai:',
    '    label: Essai',
    '    steps:',
    '      - at: 2024-04-15',
    '        create: application',
    '        as: candidature',
    '        with: { operatorId: asso-a, territory: nord, applicant: { agree: true } }',
    '      - send: { to: candidature, type: retenir, actor: agent }',
    ...steps,
  ].join('\n');
  const { scenarios, findings } = parseScenarioText(text, 'inline.scenarios.yaml');
  expect(findings).toEqual([]);
  return scenarios as ScenarioFile;
}

async function run(steps: string[]) {
  const scenarios = file(steps);
  return runScenario(scenarios, scenarios.scenarios[0]!, repository);
}

describe('running scenarios', () => {
  it('runs the fixture: an application, an agreement, a household beyond the cap, timers and the balance', async () => {
    const result = await runScenarioFiles([`${FIXTURES}/essai-2024.scenarios.yaml`], repository);
    expect(result.findings).toEqual([]);
    expect(result.results.map((r) => [r.id, r.passed, r.failure])).toEqual([
      ['parcours-complet', true, undefined],
      ['refus', true, undefined],
    ]);
    expect(result.summary).toMatchObject({ scenarios: 2, passed: 2, failed: 0, errors: 0 });
  });

  it('reports a wrong state at the line of the step, in French', async () => {
    const result = await run(['      - send: { to: candidature, type: signer, actor: agent, payload: { montant: 1000 } }', '        expect: { state: retenue }']);
    expect(result.passed).toBe(false);
    expect(result.failure).toEqual({
      step: 3,
      location: { file: 'inline.scenarios.yaml', line: 14, column: 9 },
      action: 'envoi de « signer » à « candidature »',
      problems: ['état attendu « retenue », obtenu « conventionnee » (Convention signée)'],
    });
    expect(renderFailure(result)).toBe(
      'inline.scenarios.yaml:14:9 : scénario « essai », étape 3 (envoi de « signer » à « candidature »)\n  - état attendu « retenue », obtenu « conventionnee » (Convention signée)',
    );
  });

  it('compares amounts to the cent and explains them', async () => {
    const result = await run([
      '      - at: 2024-12-01',
      '        send: { to: candidature, type: signer, actor: agent, payload: { montant: 33333 } }',
      '        expect: { ledger: { agreed: "333,33 €", advance: "200,00 €" } }',
    ]);
    expect(result.failure?.problems[0]).toBe('comptes de « candidature », avance (advance) : attendu 200,00 €, obtenu 199,99\u00a0€');
    expect(result.failure?.problems[1]).toContain('Avance de 60 % à la signature : 60 % × 333,33\u00a0€ = 199,99\u00a0€');
  });

  it('stops at an unexpected refusal and says why', async () => {
    const result = await run(['      - send: { to: candidature, type: verser, actor: agent, payload: { montant: 100 } }', '      - expect: { of: candidature, state: retenue }']);
    expect(result.failure?.step).toBe(3);
    expect(result.failure?.problems[0]).toMatch(/^refusé \(evenement-non-permis\) : /);
  });

  it('fails when an expected refusal is accepted, or refused with another code', async () => {
    const accepted = await run(['      - send: { to: candidature, type: signer, actor: agent, payload: { montant: 1 } }', '        expect: { refused: garde-refusee }']);
    expect(accepted.failure?.problems).toEqual(["refus attendu (garde-refusee), mais l'étape a été acceptée"]);
    const other = await run(['      - send: { to: candidature, type: signer, actor: asso-a, payload: { montant: 1 } }', '        expect: { refused: { code: hors-fenetre } }']);
    expect(other.failure?.problems[0]).toMatch(/^refus attendu \(hors-fenetre\), obtenu role-non-autorise : /);
    const message = await run(['      - send: { to: candidature, type: signer, actor: asso-a, payload: { montant: 1 } }', '        expect: { refused: { code: role-non-autorise, message: "pas ce texte" } }']);
    expect(message.failure?.problems[0]).toMatch(/^le message du refus devait contenir « pas ce texte »/);
  });

  it('checks data as a subset, timers with their due dates and the events allowed now', async () => {
    const result = await run([
      '      - at: 2024-12-01',
      '        send: { to: candidature, type: signer, actor: agent, payload: { montant: 100000 } }',
      '      - create: measure',
      '        as: menage',
      '        parent: candidature',
      '        with: { measure: suivi, beneficiary: { impaye: true } }',
      '        expect: { data: { impaye: true }, allowed: [commencer, abandon] }',
      '      - send: { to: menage, type: commencer, payload: { debut: 2024-08-31 } }',
      '        expect: { timers: [{ name: bilan-6-mois, due: 2025-02-28 }] }',
      '      - expect: { of: menage, data: { impaye: false }, timers: [{ name: bilan-6-mois, due: 2025-03-01 }], allowed: [terminer, retenir] }',
    ]);
    expect(result.failure?.step).toBe(6);
    expect(result.failure?.problems).toEqual([
      'donnée impaye : attendu false, obtenu true',
      'minuterie « bilan-6-mois » attendue le 2025-03-01, prévue le 2025-02-28',
      'événements attendus permis pour operator : retenir ; permis : semaine, terminer',
    ]);
  });

  it('checks the warnings of a step: a late declaration is recorded and says so, an early one says nothing', async () => {
    const steps = (debut: string, warnings: string) => [
      '      - at: 2024-12-01',
      '        send: { to: candidature, type: signer, actor: agent, payload: { montant: 100000 } }',
      '      - create: measure',
      '        as: menage',
      '        parent: candidature',
      '        with: { measure: suivi, beneficiary: { impaye: true } }',
      `      - send: { to: menage, type: commencer, payload: { debut: ${debut} } }`,
      `        expect: { state: suivi, warnings: ${warnings} }`,
    ];
    expect((await run(steps('2024-11-20', '["au plus tard le 27/11/2024", "(4 jours de retard)"]'))).failure).toBeUndefined();
    expect((await run(steps('2024-11-24', '[]'))).failure).toBeUndefined();
    const unexpected = await run(steps('2024-11-20', '[]'));
    expect(unexpected.failure?.problems).toEqual([
      'aucun avertissement attendu, obtenu : « Déclaration tardive de « Début du suivi » : le fait du 20/11/2024 devait être déclaré au plus tard le 27/11/2024 ; il l\'est le 01/12/2024 (4 jours de retard). L\'événement est enregistré et compté comme tardif. »',
    ]);
    const missing = await run(steps('2024-11-24', '["de retard"]'));
    expect(missing.failure?.problems).toEqual(['avertissement attendu contenant « de retard », obtenu : aucun']);
  });

  it('fires due timers when the clock moves, on the calendar date', async () => {
    const steps = [
      '      - at: 2024-12-01',
      '        send: { to: candidature, type: signer, actor: agent, payload: { montant: 100000 } }',
      '      - create: measure',
      '        as: menage',
      '        parent: candidature',
      '        with: { measure: suivi, beneficiary: { impaye: true } }',
      '      - send: { to: menage, type: commencer, payload: { debut: 2024-08-31 } }',
      '      - at: 2025-02-27T23:59:00+01:00',
      '        expect: { of: menage, state: suivi }',
      '      - at: 2025-02-28T00:00:00+01:00',
      '        expect: { of: menage, state: bilan-attendu, timers: [] }',
    ];
    const result = await run(steps);
    expect(result.failure).toBeUndefined();
    expect(result.taken).toContainEqual({ lifecycle: 'measure:suivi', from: 'suivi', event: 'echeance-bilan', to: 'bilan-attendu' });
    expect(result.started).toContainEqual({ lifecycle: 'measure:suivi', state: 'oriente' });
  });

  it('names reports the engine creates at signature as <agreement>/<report>', async () => {
    const result = await run([
      '      - at: 2024-12-01',
      '        send: { to: candidature, type: signer, actor: agent, payload: { montant: 100000 } }',
      '      - expect: { of: candidature/bilan-final, state: attendu }',
      '      - expect: { of: candidature/bilan-inconnu, state: attendu }',
    ]);
    expect(result.failure?.step).toBe(5);
    expect(result.failure?.problems).toEqual(["l'instance « candidature/bilan-inconnu » n'existe pas (le bilan est créé par le moteur à la signature de la convention)"]);
  });

  it('reports a scenario file whose call is unknown, at its call: line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scenarios-'));
    await writeFile(join(dir, 'x.scenarios.yaml'), 'call: inconnu-2024\nscenarios:\n  a:\n    label: A\n    steps: [{ at: 2024-04-15 }]\n');
    const run = await runScenarioFiles([join(dir, 'x.scenarios.yaml')], repository);
    expect(run.findings).toEqual([
      expect.objectContaining({ code: 'appel-inconnu', line: 1, column: 7, message: expect.stringContaining('Appel « inconnu-2024 » introuvable parmi les appels valides (essai-2024)') }),
    ]);
    expect(run.summary.errors).toBe(1);
    await rm(dir, { recursive: true });
  });

  it('renders the run as French text and as JSON', async () => {
    const run = await runScenarioFiles([`${FIXTURES}/essai-2024.scenarios.yaml`], repository);
    const text = renderText(run, { coverage: true });
    expect(text).toContain('  ✓ parcours-complet : ');
    expect(text).toContain('essai-2024 › measure:suivi : états 3/5, transitions 3/7');
    expect(text).toContain("avertissement : essai-2024 › measure:suivi : aucun scénario ne prend la transition « suivi.terminer », et « coverage: » n'en donne pas la raison");
    expect(text).toContain("    · état « sans-suite » — Un abandon avant le début ne change ni l'argent ni les minuteries. (test/fixtures/scenarios/essai-2024.scenarios.yaml:");
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 scénarios : 2 réussis, 0 en échec ; 10 états ou transitions non couverts (6 sans raison).');
    const json = JSON.parse(renderJson(run)) as { summary: unknown; results: Array<Record<string, unknown>> };
    expect(json.summary).toEqual({ scenarios: 2, passed: 2, failed: 0, errors: 0, uncovered: 10, unexplained: 6 });
    expect(json.results[0]).not.toHaveProperty('taken');
  });
});
