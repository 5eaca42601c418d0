/**
 * @module scenario
 * Scenario files (`<call>.scenarios.yaml`, `schema/scenario.schema.json`) run against a fresh engine
 * (in-memory SQLite, manual clock): dated creations and events, expected states, data, amounts and
 * refusals; and the coverage of the lifecycles (`xstate/graph`) that no scenario reaches.
 *
 * @example
 * import { loadRepository } from '../definition/index.ts';
 * const repository = await loadRepository('definitions');
 * const run = await runScenarioFiles(repository.scenarioFiles, repository);
 * process.stdout.write(renderText(run, { coverage: true }));
 */
export { lifecycleCoverage, machineGraph, type CoverageItem, type LifecycleCoverage, type StaleReason, type TakenTransition } from './coverage.ts';
export { instantOf, loadScenarioFile, parseScenarioText, type LoadedScenarioFile } from './load-scenarios.ts';
export { renderFailure, renderJson, renderText, type RenderOptions } from './render.ts';
export { runScenarioFiles, type CoverageReport, type ScenarioRun, type ScenarioRunOptions } from './run-files.ts';
export { checkCall } from './run-files.ts';
export { describeStep, runScenario, type RunScenarioOptions, type ScenarioResult, type StepFailure } from './run-scenario.ts';
export { SCENARIO_SCHEMA_PATH } from './scenario-schema.ts';
export type { ActorRef, Expectation, IndicatorExpectation, Scenario, ScenarioActor, ScenarioFile, ScenarioInheritance, ScenarioStep, ScenarioStepInput } from './scenario-types.ts';
export { subsetMismatches, type Mismatch } from './subset.ts';
export { inheritScenarios, loadScenarioSuite, shiftDates, type InheritedFile } from './inherit-scenarios.ts';
export { creditedRuns } from './inherited-coverage.ts';
export { IndicatorTally, indicatorProblems, scenarioIndicators } from './scenario-indicators.ts';
