/**
 * The scenario file format (`<call>.scenarios.yaml`), as `schema/scenario.schema.json` describes it.
 */
import type { EngineErrorCode } from '../errors.ts';
import type { SourceLocation } from '../definition/index.ts';

/** Who acts in a step. */
export interface ScenarioActor {
  id?: string;
  role: 'departement' | 'coordinator' | 'operator' | 'evaluator' | 'system';
  operatorId?: string;
  territories?: string[];
}

/** An actor, or the name of one declared under `actors`. */
export type ActorRef = string | ScenarioActor;

/** What a step must produce; every key is optional. */
export interface Expectation {
  of?: string;
  state?: string;
  data?: Record<string, unknown>;
  earned?: string;
  ledger?: { of?: string } & Partial<Record<LedgerKey, string>>;
  timers?: Array<{ name: string; due?: string }>;
  allowed?: string[];
  refused?: EngineErrorCode | { code: EngineErrorCode; message?: string };
  /** Texts the step's warnings must contain (a late declaration); [] for none. */
  warnings?: string[];
  /** The call's indicators computed on the scenario's data (the Département's view): a total, or groups. */
  indicators?: Record<string, IndicatorExpectation>;
}

/** An expected indicator: its total, or its total and some groups (`by` → key → value). */
export type IndicatorExpectation = number | { total?: number; groups?: Record<string, Record<string, number>> };

/** The ledger amounts a scenario can check. */
export type LedgerKey = 'agreed' | 'earned' | 'retained' | 'advance' | 'balance' | 'due' | 'paid' | 'remaining';

/** The ledger amounts a scenario can check, in the order they are reported. */
export const LEDGER_KEYS: readonly LedgerKey[] = ['agreed', 'earned', 'retained', 'advance', 'balance', 'due', 'paid', 'remaining'];

/** One step of a scenario, as written. */
export interface ScenarioStepInput {
  label?: string;
  at?: string;
  create?: 'application' | 'measure';
  as?: string;
  parent?: string;
  with?: Record<string, unknown>;
  actor?: ActorRef;
  idempotencyKey?: string;
  send?: { to: string; type: string; payload?: Record<string, unknown>; actor?: ActorRef; idempotencyKey?: string };
  expect?: Expectation;
}

/** A step with where it was written. */
export interface ScenarioStep extends ScenarioStepInput {
  /** 0-based position in the scenario's steps. */
  index: number;
  location: SourceLocation;
}

/** A scenario: a label and its steps. */
export interface Scenario {
  id: string;
  label: string;
  source?: { document: string; section: string; line?: number; quote?: string; choice?: string };
  start?: string;
  steps: ScenarioStep[];
  location: SourceLocation;
  /** A scenario taken from another call's file (`inherits:`), its dates moved by `years`. */
  inherited?: { file: string; call: string; years: number };
}

/** `inherits:` of a scenario file, as written. */
export interface ScenarioInheritance {
  call: string;
  years?: number;
  except: string[];
  /** Scenario id → 1-based step number → the keys that replace the inherited step's. */
  override: Record<string, Record<string, ScenarioStepInput>>;
  location: SourceLocation;
  /** Where each override was written (same keys), and each `except` entry. */
  locations: { override: Record<string, Record<string, SourceLocation>>; scenarios: Record<string, SourceLocation>; except: SourceLocation[] };
}

/** A scenario file, loaded and checked. */
export interface ScenarioFile {
  file: string;
  call: string;
  /** Where `call:` is written. */
  callLocation: SourceLocation;
  actors: Record<string, ScenarioActor>;
  scenarios: Scenario[];
  /** lifecycle path (`application`, `report`, `measure:<id>`) → state or transition → reason it is not covered. */
  coverage: Record<string, Record<string, string>>;
  /** Where each coverage reason was written (same keys). */
  coverageLocations: Record<string, Record<string, SourceLocation>>;
  /** Scenarios taken from another call's file (resolved by `inheritScenarios`). */
  inherits?: ScenarioInheritance;
}
