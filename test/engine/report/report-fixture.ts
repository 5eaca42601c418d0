/**
 * A call's year run through the real engine into a real store (SQLite, or PostgreSQL when the suite runs
 * with `TEST_STORE=postgres`), for the report tests: three
 * operators apply, are selected and sign; households are referred over three months, diagnosed,
 * supported and closed; VEJ are made; one operator's final report is returned, then accepted.
 *
 * The call extends the real 2024 eviction-prevention call with indicators of every kind and grouping.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRepository, type Repository, type ResolvedCall } from '../../../engine/definition/index.ts';
import { createEngine, type Actor, type Engine } from '../../../engine/runtime/index.ts';
import { openSqliteStore, type Store } from '../../../engine/store/index.ts';
import { manualClock, parisInstant, type ManualClock } from '../../../engine/time/index.ts';
import { openTestStore } from '../../support/test-store.ts';

/** The test call: the 2024 call plus indicators of every kind, filter and grouping. */
export const TEST_CALL_YAML = `
kind: call
extends: prevention-expulsions-2024
id: rapports-test-2024
title: Appel de test des rapports
version: 1
funding:
  envelope:
    amount: "20 000 €"
    unknown: null
    note: null
  quotas:
    menages:
      label: 25 ménages accompagnés
      of: measures
      measure: equipe-mobile
      max: 25
    conventions:
      label: 5 conventions au plus
      of: agreements
      max: 5
    par-operateur:
      label: Objectif de 10 ménages par opérateur
      of: measures
      measure: equipe-mobile
      max: 10
      per: operator
      enforce: warn
reports:
  bilan-intermediaire:
    label: Bilan intermédiaire à 6 mois
    kind: intermediate
    due: { from: agreement.start, after: { months: 6 } }
indicators:
  menages-par-mois:
    label: Ménages orientés
    kind: count
    of: measures
    measure: equipe-mobile
    groupBy: [month, territory, operator]
  issues:
    label: Issue des interventions
    kind: distribution
    of: measures
    measure: equipe-mobile
    field: issue
    groupBy: [territory]
  dette-totale:
    label: Dette locative totale
    kind: sum
    of: measures
    measure: equipe-mobile
    field: montant-dette
    groupBy: [territory]
  dette-moyenne:
    label: Dette locative moyenne
    kind: average
    of: measures
    measure: equipe-mobile
    field: montant-dette
  semaines-par-mois:
    label: Semaines d'accompagnement
    kind: count
    of: events
    measure: equipe-mobile
    event: semaine
    groupBy: [month]
  issues-declarees:
    label: Issues déclarées
    kind: distribution
    of: events
    event: terminer
    field: issue
  maintiens:
    label: Maintiens dans le logement
    kind: count
    of: measures
    measure: equipe-mobile
    where: { issue: maintien }
    groupBy: [operator]
  conventions-signees:
    label: Conventions signées
    kind: count
    of: applications
    states: [conventionnee, soldee]
  bilans-par-nature:
    label: Bilans par nature
    kind: count
    of: reports
    groupBy: [field:nature]
  menages-par-stade:
    label: Ménages par stade de la procédure
    kind: count
    of: measures
    measure: equipe-mobile
    groupBy: [field:stade-procedure]
  diagnostics-par-territoire:
    label: Diagnostics flash par territoire
    kind: count
    of: events
    measure: equipe-mobile
    event: diagnostic-flash
    groupBy: [territory]
  vej-avec-accompagnement:
    label: VEJ suivies d'un accompagnement
    kind: count
    of: measures
    measure: vej
    where: { accompagnement-propose: true }
`;

/** Everything the tests read: the store the engine wrote, the call, the engine and its clock. */
export interface ReportFixture {
  store: Store;
  repository: Repository;
  call: ResolvedCall;
  engine: Engine;
  clock: ManualClock;
  agreements: Record<'a' | 'b' | 'c', string>;
}

export const DEPARTEMENT: Actor = { id: 'agent', role: 'departement' };
export const operator = (operatorId: string): Actor => ({ id: `u-${operatorId}`, role: 'operator', operatorId });

/** Loads `definitions/` plus the test call. */
export async function reportRepository(extra: string = TEST_CALL_YAML): Promise<Repository> {
  const files = await yamlFiles('definitions');
  const sources = await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  const repository = buildRepository([...sources, { file: 'test/rapports-test-2024.yaml', text: extra }]);
  if (!repository.calls.has('rapports-test-2024')) {
    const errors = repository.findings.filter((finding) => finding.severity === 'error');
    throw new Error(errors.map((f) => `${f.file}:${f.line} ${f.message}`).join('\n'));
  }
  return repository;
}

/** Where the clock is moved: noon in Paris on a calendar day. */
export const noon = (date: string) => parisInstant(date, '12:00');

/**
 * Runs the year. Households (equipe-mobile), by operator and month of referral:
 * asso-a (lens-henin): 3 in December 2024, 4 in January 2025; asso-b (boulonnais): 2 in January, 1 in
 * February (at 00:30 on the 1st, Paris time); asso-c (artois): 1 in February. Every household has a flash diagnostic (150 €); asso-a's
 * first five get two weeks of support (55 € each) then end « maintien »; asso-a's sixth ends
 * « orientation »; asso-b's first gets an in-depth diagnostic (370 €) then ends « expulsion ».
 * Debts: 1 000,00 € + 100,00 € × i for asso-a's i-th household (i from 0), 2 500,50 € for asso-b's,
 * none for asso-c's. Agreements signed on 20/11/2024: 2 000 €, 1 000 €, 500 €; asso-a's advance (60 %: 1 200 €) paid
 * on 10/12/2024. The VEJ: one made and followed by a proposed support, one closed door.
 */
export async function runReportYear(options: { repository?: Repository; file?: string } = {}): Promise<ReportFixture> {
  const repo = options.repository ?? (await reportRepository());
  const store = options.file === undefined ? await openTestStore() : await openSqliteStore({ file: options.file });
  const clock = manualClock(noon('2024-04-15'));
  const engine = createEngine({ store, repository: repo, clock });
  const call = repo.calls.get('rapports-test-2024')!;
  const at = (date: string) => clock.set(noon(date));

  const operators = { a: ['asso-a', 'lens-henin', 200_000], b: ['asso-b', 'boulonnais', 100_000], c: ['asso-c', 'artois', 50_000] } as const;
  const agreements = {} as Record<'a' | 'b' | 'c', string>;
  for (const [key, [operatorId, territory]] of Object.entries(operators) as Array<['a' | 'b' | 'c', (typeof operators)['a']]>) {
    const created = await engine.createApplication({
      callId: call.id, operatorId, territory, applicant: { 'agrement-isft': true }, actor: operator(operatorId), id: `app-${key}`,
    });
    agreements[key] = created.instanceId;
  }
  at('2024-06-10');
  for (const id of Object.values(agreements)) await engine.send(id, { type: 'retenir', actor: DEPARTEMENT });
  at('2024-11-20');
  for (const [key, [, , montant]] of Object.entries(operators) as Array<['a' | 'b' | 'c', (typeof operators)['a']]>) {
    await engine.send(agreements[key], { type: 'signer', payload: { montant }, actor: DEPARTEMENT });
  }
  const household = async (key: 'a' | 'b' | 'c', index: number, debtCents: number | undefined) => {
    const operatorId = operators[key][0];
    const beneficiary: Record<string, unknown> = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };
    if (debtCents !== undefined) beneficiary['montant-dette'] = debtCents;
    const created = await engine.createMeasure({ parentId: agreements[key], measure: 'equipe-mobile', beneficiary, actor: operator(operatorId), id: `menage-${key}${index}` });
    await engine.send(created.instanceId, { type: 'diagnostic-flash', actor: operator(operatorId) });
    return created.instanceId;
  };
  // Referrals in time order; asso-b's third at 00:30 on 1 February in Paris (still 31 January in UTC).
  const referrals: Array<[Date, 'a' | 'b' | 'c', number]> = [
    [noon('2024-12-02'), 'a', 0], [noon('2024-12-10'), 'a', 1], [noon('2024-12-31'), 'a', 2], [noon('2025-01-02'), 'a', 3],
    [noon('2025-01-06'), 'b', 0], [noon('2025-01-07'), 'b', 1], [noon('2025-01-15'), 'a', 4], [noon('2025-01-20'), 'a', 5],
    [noon('2025-01-31'), 'a', 6], [parisInstant('2025-02-01', '00:30'), 'b', 2], [noon('2025-02-10'), 'c', 0],
  ];
  const households: Record<'a' | 'b' | 'c', string[]> = { a: [], b: [], c: [] };
  for (const [instant, key, index] of referrals) {
    clock.set(instant);
    if (instant.getTime() === noon('2024-12-10').getTime()) await engine.send(agreements.a, { type: 'verser', payload: { montant: 120_000 }, actor: DEPARTEMENT });
    const debt = key === 'a' ? 100_000 + 10_000 * index : key === 'b' ? 250_050 : undefined;
    households[key][index] = await household(key, index, debt);
  }

  at('2025-02-20');
  for (const id of households.a.slice(0, 5)) {
    await engine.send(id, { type: 'semaine', actor: operator('asso-a') });
    await engine.send(id, { type: 'contact-bailleur', actor: operator('asso-a') });
  }
  at('2025-03-03');
  for (const id of households.a.slice(0, 5)) {
    await engine.send(id, { type: 'semaine', actor: operator('asso-a') });
    await engine.send(id, { type: 'terminer', payload: { issue: 'maintien' }, actor: operator('asso-a') });
  }
  await engine.send(households.a[5]!, { type: 'terminer', payload: { issue: 'orientation' }, actor: operator('asso-a') });
  await engine.send(households.b[0]!, { type: 'diagnostic-approfondi', actor: operator('asso-b') });
  await engine.send(households.b[0]!, { type: 'terminer', payload: { issue: 'expulsion' }, actor: operator('asso-b') });

  at('2025-03-10');
  const vej = async (index: number) =>
    (await engine.createMeasure({
      parentId: agreements.a, measure: 'vej', beneficiary: { 'stade-procedure': 'jugement', 'mandat-slisl': true }, actor: operator('asso-a'), id: `vej-${index}`,
    })).instanceId;
  const v1 = await vej(1);
  await engine.send(v1, { type: 'visite', actor: operator('asso-a') });
  await engine.send(v1, { type: 'suite', payload: { 'accompagnement-propose': true, 'accompagnement-lda': false }, actor: operator('asso-a') });
  const v2 = await vej(2);
  await engine.send(v2, { type: 'porte-close', actor: operator('asso-a') });

  return { store, repository: repo, call, engine, clock, agreements };
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await yamlFiles(path)));
    else if (entry.name.endsWith('.yaml') && !entry.name.endsWith('.scenarios.yaml')) files.push(path);
  }
  return files.sort();
}
