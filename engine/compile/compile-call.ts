/**
 * A resolved call compiled once per definition hash: one machine per lifecycle (the application, each
 * measure kind, the report), the tariffs, the eligibility rules and the windows by territory.
 */
import type { Call, Lifecycle, Measure, Period } from '../definition/definition-types.ts';
import { EngineError } from '../errors.ts';
import { compileTariff, requireMoney, type TariffFunction } from '../money/index.ts';
import type { PlainDateString } from '../time/index.ts';
import type { ValidateFunction } from 'ajv';
import { compileEligibility, type EligibilityCheck } from './eligibility.ts';
import { compileFields } from './fields-schema.ts';
import type { GrantCap } from './guards.ts';
import { compileLifecycle, type CompiledLifecycle } from './lifecycle.ts';

/** The part of a resolved call the compiler reads (a stored definition has exactly this). */
export interface CallToCompile {
  id: string;
  version: number;
  hash: string;
  definition: Call;
}

/** Expands territory groups (`ami-1`) to territory ids, as the repository's catalog does. */
export interface TerritoryExpander {
  expand(ids: readonly string[]): string[];
}

/** What the compiler needs besides the call. */
export interface CompileOptions {
  territories: TerritoryExpander;
  /** Lifecycles used when the call declares none (the shared `candidature` and `rapport` templates). */
  defaults?: { application?: Lifecycle; report?: Lifecycle };
}

/** A measure kind, compiled. */
export interface CompiledMeasure {
  id: string;
  label: string;
  definition: Measure;
  lifecycle: CompiledLifecycle;
  tariff?: TariffFunction;
  /** The beneficiary's eligibility rules (at referral, and wherever an `eligibility` guard stands). */
  eligibility: EligibilityCheck;
  /** Checks the beneficiary's data against the declared fields. */
  validateData: ValidateFunction;
}

/** A period's known bounds: always its last day, its first day unless the call only states a deadline. */
export interface KnownBounds {
  start?: PlainDateString;
  end: PlainDateString;
}

/** A window of the call for one territory: its application and agreement periods when known. */
export interface TerritoryWindow {
  id: string;
  label: string;
  /** The leaf territories the window covers: an agreement made under it serves these and no other. */
  territories: ReadonlySet<string>;
  application?: KnownBounds;
  agreement?: KnownBounds;
}

/** A call compiled: pure values, shared by every instance pinned to its hash. */
export interface CompiledCall {
  id: string;
  version: number;
  hash: string;
  definition: Call;
  application: CompiledLifecycle;
  report: CompiledLifecycle;
  measures: ReadonlyMap<string, CompiledMeasure>;
  /** The applicant's eligibility rules (checked when an application is created). */
  applicantEligibility: EligibilityCheck;
  /** Checks the applicant's data against the declared fields. */
  validateApplicant: ValidateFunction;
  /** The window that covers a territory (first in declaration order), if any. */
  windowFor(territory: string): TerritoryWindow | undefined;
  /** A lifecycle by its key: `application`, `report` or `measure:<id>`. */
  lifecycle(key: string): CompiledLifecycle | undefined;
}

/**
 * Compiles a resolved call.
 * @example
 * const compiled = compileCall(repository.calls.get('equipes-mobiles-2025')!, {
 *   territories: repository.territories,
 *   defaults: { application: repository.pieces.lifecycle.get('candidature')?.piece.lifecycle },
 * });
 * compiled.measures.get('equipe-mobile')?.lifecycle.machine; // an XState machine
 */
export function compileCall(call: CallToCompile, options: CompileOptions): CompiledCall {
  const definition = call.definition;
  const windows = Object.entries(definition.windows).map(([id, w]) => ({
    id,
    label: w.label ?? id,
    territories: new Set(options.territories.expand(w.territories)),
    application: knownBounds(w.application),
    agreement: knownBounds(w.agreement),
  }));
  const windowFor = (territory: string): TerritoryWindow | undefined => {
    const found = windows.find((w) => w.territories.has(territory));
    if (!found) return undefined;
    return { id: found.id, label: found.label, territories: found.territories, ...(found.application && { application: found.application }), ...(found.agreement && { agreement: found.agreement }) };
  };
  const applicationWindow = (territory: string) => windowFor(territory)?.application;

  const agreementQuotas = Object.entries(definition.funding.quotas ?? {})
    .filter(([, quota]) => quota.of === 'agreements')
    .map(([id, quota]) => ({ id, label: quota.label }));
  const grantCap = grantCapOf(definition);
  const applicantEligibility = compileEligibility(definition.applicants.eligibility, definition.applicants.fields);
  const noRules = compileEligibility(undefined, undefined);
  const required = (key: string, lifecycle: Lifecycle | undefined): Lifecycle => {
    if (lifecycle) return lifecycle;
    throw new EngineError('donnees-invalides', `L'appel « ${call.id} » n'a pas de cycle de vie « ${key} » : ajoutez « lifecycles: { ${key}: { use: ${key === 'application' ? 'candidature' : 'rapport'} } } ».`, { call: call.id, lifecycle: key });
  };
  const application = compileLifecycle('application', required('application', definition.lifecycles?.application ?? options.defaults?.application), {
    eligibility: applicantEligibility, applicationWindow, agreementQuotas, ...(grantCap && { grantCap }),
    ...(definition.funding.grant.kind === 'flat' && { flatGrant: { amountCents: requireMoney(definition.funding.grant.amount, 'la participation forfaitaire') } }),
    ...(definition.funding.payment.kind === 'unknown' && { unknownPayment: { note: definition.funding.payment.note } }),
  });
  const report = compileLifecycle('report', required('report', definition.lifecycles?.report ?? options.defaults?.report), {
    eligibility: noRules, applicationWindow, agreementQuotas,
  });

  const measures = new Map<string, CompiledMeasure>();
  for (const [id, measure] of Object.entries(definition.measures ?? {})) {
    const eligibility = compileEligibility(measure.beneficiary?.eligibility, measure.beneficiary?.fields);
    const key = `measure:${id}`;
    const lifecycle = compileLifecycle(key, required(key, measure.lifecycle), { eligibility, applicationWindow, agreementQuotas, ...(measure.duration && { measureDuration: measure.duration }) });
    measures.set(id, {
      id, label: measure.label ?? id, definition: measure, lifecycle, eligibility, validateData: compileFields(measure.beneficiary?.fields),
      ...(measure.tariff && { tariff: compileTariff(measure.tariff, { acts: measure.acts ?? {} }) }),
    });
  }

  const byKey = new Map<string, CompiledLifecycle>([['application', application], ['report', report]]);
  for (const m of measures.values()) byKey.set(m.lifecycle.key, m.lifecycle);
  return {
    id: call.id, version: call.version, hash: call.hash, definition, application, report, measures, applicantEligibility,
    validateApplicant: compileFields(definition.applicants.fields),
    windowFor, lifecycle: (key) => byKey.get(key),
  };
}

/** The cap of an `upTo` grant per measure kind (`per: groupe`); none per agreement (the ledger caps that one). */
function grantCapOf(definition: Call): GrantCap | undefined {
  const grant = definition.funding.grant;
  if (grant.kind !== 'upTo' || grant.per === undefined || grant.per === 'agreement') return undefined;
  const measure = definition.measures?.[grant.per];
  return { measure: grant.per, label: measure?.label ?? grant.per, maxCents: requireMoney(grant.max, 'le plafond de la participation') };
}

/**
 * Compiled calls by definition hash: a definition is compiled once per process, whatever the number of
 * instances pinned to it.
 */
export class CompiledCallCache {
  readonly #options: CompileOptions;
  readonly #calls = new Map<string, CompiledCall>();
  constructor(options: CompileOptions) {
    this.#options = options;
  }
  /** The compiled call of a hash, if it was compiled already. */
  peek(hash: string): CompiledCall | undefined {
    return this.#calls.get(hash);
  }
  /** The compiled call of `call.hash`, compiled on first use. */
  get(call: CallToCompile): CompiledCall {
    let compiled = this.#calls.get(call.hash);
    if (!compiled) {
      compiled = compileCall(call, this.#options);
      this.#calls.set(call.hash, compiled);
    }
    return compiled;
  }
}

/** The bounds of a period, or undefined while its dates are not known (`unknown: true`). */
function knownBounds(period: Period): KnownBounds | undefined {
  if (period.unknown === true) return undefined;
  return 'start' in period ? { start: period.start, end: period.end } : { end: period.end };
}
