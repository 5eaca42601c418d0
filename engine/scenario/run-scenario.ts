/**
 * Running one scenario: each step moves the clock (firing due timers), creates or sends, then checks
 * what it expects. The first failing step stops the scenario; its failures carry file:line.
 */
import type { Repository, SourceLocation } from '../definition/index.ts';
import { indicatorProblems, scenarioIndicators } from './scenario-indicators.ts';
import { EngineError } from '../errors.ts';
import type { Actor, EngineRepository, StepResponse } from '../runtime/index.ts';
import type { TakenTransition } from './coverage.ts';
import { checkExpectations } from './expectations.ts';
import { instantOf } from './load-scenarios.ts';
import { fingerprint, openWorld, resolveRef, takenTransitions, toActor, type ScenarioWorld } from './scenario-world.ts';
import type { Scenario, ScenarioFile, ScenarioStep } from './scenario-types.ts';

/** Why a step failed, where it is written. */
export interface StepFailure {
  /** 1-based step number. */
  step: number;
  location: SourceLocation;
  /** What the step does, in French (« envoi de « retenir » à « candidature » »). */
  action: string;
  problems: string[];
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  file: string;
  call: string;
  id: string;
  label: string;
  location: SourceLocation;
  passed: boolean;
  steps: number;
  failure?: StepFailure;
  /** The lifecycles' states the scenario's instances started in, and the transitions they took. */
  started: Array<{ lifecycle: string; state: string }>;
  taken: TakenTransition[];
  /** A scenario taken from another call's file, its dates moved (`inherits:`). */
  inherited?: Scenario['inherited'];
}

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Reads the world once the steps ran, before its store is closed (reports read the data it wrote). */
  inspect?: (world: Pick<ScenarioWorld, 'store' | 'clock' | 'repository'>) => Promise<void>;
}

/**
 * Runs one scenario of a file against a fresh engine (in-memory SQLite, manual clock).
 * @example
 * const result = await runScenario(file, file.scenarios[0], repository);
 * if (!result.passed) console.log(result.failure?.problems);
 */
export async function runScenario(file: ScenarioFile, scenario: Scenario, repository: EngineRepository, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const base = { file: file.file, call: file.call, id: scenario.id, label: scenario.label, location: scenario.location, steps: scenario.steps.length, ...(scenario.inherited && { inherited: scenario.inherited }) };
  const year = repository.calls.get(file.call)?.definition.year ?? 2024;
  const start = instantOf(scenario.start ?? scenario.steps.find((s) => s.at !== undefined)?.at ?? `${year}-01-01`) ?? new Date(Date.UTC(year, 0, 1, 11));
  const world = await openWorld(repository, start);
  try {
    let failure: StepFailure | undefined;
    for (const step of scenario.steps) {
      const problems = await runStep(world, file, step);
      if (problems.length > 0) {
        failure = { step: step.index + 1, location: step.location, action: describeStep(step), problems };
        break;
      }
    }
    const { started, taken } = await takenTransitions(world.store, file.call);
    await options.inspect?.(world);
    return { ...base, passed: failure === undefined, ...(failure && { failure }), started, taken };
  } finally {
    await world.close();
  }
}

async function runStep(world: ScenarioWorld, file: ScenarioFile, step: ScenarioStep): Promise<string[]> {
  if (step.at !== undefined) {
    const instant = instantOf(step.at);
    if (instant === undefined) return [`date invalide « ${step.at} »`];
    if (instant.getTime() > world.clock.now().getTime()) world.clock.set(instant);
    await world.engine.runDueTimers();
  }
  const expect = step.expect ?? {};
  const refused = typeof expect.refused === 'string' ? { code: expect.refused } : expect.refused;
  const actor = await actorOf(world, file, step);
  const target = expect.of ?? step.as ?? step.send?.to;
  const before = refused === undefined ? undefined : await fingerprint(world.store);

  let error: unknown;
  let response: StepResponse | undefined;
  try {
    response = await act(world, file, step, actor);
  } catch (caught) {
    error = caught;
  }
  if (error !== undefined && !(error instanceof EngineError)) {
    return [`erreur inattendue du moteur : ${error instanceof Error ? error.message : String(error)}`];
  }
  if (refused !== undefined) {
    if (error === undefined) return [`refus attendu (${refused.code}), mais l'étape a été acceptée`];
    if (error.code !== refused.code) return [`refus attendu (${refused.code}), obtenu ${error.code} : ${error.message}`];
    if (refused.message !== undefined && !error.message.includes(refused.message)) {
      return [`le message du refus devait contenir « ${refused.message} » : ${error.message}`];
    }
    if ((await fingerprint(world.store)) !== before) return ['un refus ne doit rien changer, or la base a changé (instance, journal, minuteries ou comptes)'];
  } else if (error !== undefined) {
    return [`refusé (${error.code}) : ${error.message}`];
  }
  const reader = expect.of !== undefined && step.create === undefined && step.send === undefined ? await defaultActor(world, file, expect.of) : actor;
  const warned = expect.warnings === undefined ? [] : warningProblems(expect.warnings, response?.warnings ?? []);
  const indicators = expect.indicators === undefined ? [] : indicatorProblems(expect.indicators, await scenarioIndicators(world.store, world.repository as Repository, file.call, world.clock.now()));
  try {
    return [...warned, ...indicators, ...(await checkExpectations(world, expect, target, reader ?? actor ?? { id: 'scenario', role: 'departement' }))];
  } catch (caught) {
    if (caught instanceof EngineError) return [`vérification impossible (${caught.code}) : ${caught.message}`];
    throw caught;
  }
}

/** The step's warnings (a late declaration) against the expected ones: each text in one of them; [] for none. */
function warningProblems(expected: string[], actual: string[]): string[] {
  const said = actual.length === 0 ? 'aucun' : actual.map((w) => `« ${w} »`).join(' ; ');
  if (expected.length === 0) return actual.length === 0 ? [] : [`aucun avertissement attendu, obtenu : ${said}`];
  return expected.filter((text) => !actual.some((warning) => warning.includes(text))).map((text) => `avertissement attendu contenant « ${text} », obtenu : ${said}`);
}

async function act(world: ScenarioWorld, file: ScenarioFile, step: ScenarioStep, actor: Actor | undefined): Promise<StepResponse | undefined> {
  let response: StepResponse | undefined;
  if (step.create === 'application' && step.as !== undefined && actor !== undefined) {
    const input = step.with ?? {};
    response = await world.engine.createApplication({
      callId: file.call, operatorId: String(input.operatorId ?? ''), territory: String(input.territory ?? ''),
      ...(isObject(input.applicant) && { applicant: input.applicant }), actor, id: step.as,
      ...(step.idempotencyKey !== undefined && { idempotencyKey: step.idempotencyKey }),
    });
    world.creators.set(step.as, actor);
  } else if (step.create === 'measure' && step.as !== undefined && actor !== undefined) {
    const input = step.with ?? {};
    response = await world.engine.createMeasure({
      parentId: step.parent ?? String(input.parentId ?? ''), measure: String(input.measure ?? ''),
      ...(typeof input.territory === 'string' && { territory: input.territory }),
      ...(isObject(input.beneficiary) && { beneficiary: input.beneficiary }), actor, id: step.as,
      ...(step.idempotencyKey !== undefined && { idempotencyKey: step.idempotencyKey }),
    });
    world.creators.set(step.as, actor);
  } else if (step.send !== undefined && actor !== undefined) {
    const instance = await resolveRef(world, step.send.to);
    if (instance === undefined) throw new EngineError('instance-inconnue', `Instance « ${step.send.to} » introuvable.`);
    const key = step.send.idempotencyKey ?? step.idempotencyKey;
    response = await world.engine.send(instance.id, { type: step.send.type, ...(step.send.payload && { payload: step.send.payload }), actor, ...(key !== undefined && { idempotencyKey: key }) });
  }
  return response;
}

/** The actor of a step: written in the step, else the creator of the instance it sends to. */
async function actorOf(world: ScenarioWorld, file: ScenarioFile, step: ScenarioStep): Promise<Actor | undefined> {
  const written = step.send?.actor ?? step.actor;
  if (written !== undefined) return toActor(written, file.actors);
  if (step.create === 'application') return { id: 'operateur', role: 'operator', operatorId: String(step.with?.operatorId ?? '') };
  if (step.create === 'measure') {
    const parent = step.parent === undefined ? undefined : await world.store.getInstance(step.parent);
    return { id: 'operateur', role: 'operator', ...(parent?.operatorId && { operatorId: parent.operatorId }) };
  }
  if (step.send !== undefined) return defaultActor(world, file, step.send.to);
  return undefined;
}

/** The creator of an instance (for a report, the creator of its agreement). */
async function defaultActor(world: ScenarioWorld, _file: ScenarioFile, ref: string): Promise<Actor | undefined> {
  const alias = ref.split('/')[0] ?? ref;
  const creator = world.creators.get(alias);
  if (creator !== undefined) return creator;
  const instance = await resolveRef(world, ref);
  return instance?.operatorId ? { id: 'operateur', role: 'operator', operatorId: instance.operatorId } : undefined;
}

/** What a step does, in French, for messages. */
export function describeStep(step: ScenarioStep): string {
  const parts: string[] = [];
  if (step.label !== undefined) return step.label;
  if (step.create !== undefined) parts.push(`création ${step.create === 'application' ? "d'une candidature" : "d'une mesure"} « ${step.as ?? ''} »`);
  if (step.send !== undefined) parts.push(`envoi de « ${step.send.type} » à « ${step.send.to} »`);
  if (parts.length === 0 && step.at !== undefined) parts.push(`passage au ${step.at}`);
  if (parts.length === 0) parts.push('vérification');
  return parts.join(', ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
