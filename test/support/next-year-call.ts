/**
 * Next year's call as a policy officer writes it, derived from any current call: a file that `extends` it,
 * moves every window by one year and changes one tariff (one euro more on the first amount of a measure's
 * tariff), and a scenario file that takes the parent's scenarios (`inherits:`), rewriting only the steps
 * whose amounts the new tariff changes. Nothing here knows a call by name: it reads the resolved call.
 */
import { stringify } from 'yaml';
import type { ResolvedCall } from '../../engine/definition/index.ts';
import { formatMoney, parseMoney } from '../../engine/money/index.ts';
import { shiftDates, type ScenarioFile, type ScenarioStepInput } from '../../engine/scenario/index.ts';
import { addDuration } from '../../engine/time/index.ts';

/** The files of a generated next-year call. */
export interface NextYearCall {
  id: string;
  year: number;
  /** The definition's YAML text. */
  definition: string;
  /** The changed tariff: where, before and after (absent when the call has no tariff amount). */
  tariff?: { measure: string; pointer: string; before: string; after: string };
  /** The scenario file's YAML text, when the parent has scenarios. */
  scenarios?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A copy of `value` with every calendar date moved by `years`. */
function moveDates(value: unknown, years: number): unknown {
  if (typeof value === 'string') return DATE.test(value) ? addDuration(value, { years }) : value;
  if (Array.isArray(value)) return value.map((item) => moveDates(item, years));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'source').map(([key, item]) => [key, moveDates(item, years)]));
  }
  return value;
}

/** The first amount written in a measure's tariff, as a path of object keys (no list on the way). */
function firstTariffAmount(call: ResolvedCall): { measure: string; path: string[]; text: string } | undefined {
  const walk = (value: unknown, path: string[]): { path: string[]; text: string } | undefined => {
    if (typeof value === 'string') return parseMoney(value) !== undefined && value.includes('€') ? { path, text: value } : undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'source') continue;
      const found = walk(item, [...path, key]);
      if (found) return found;
    }
    return undefined;
  };
  for (const [measure, definition] of Object.entries(call.definition.measures ?? {})) {
    const found = walk(definition.tariff, ['measures', measure, 'tariff']);
    if (found) return { measure, ...found };
  }
  return undefined;
}

function nest(path: string[], leaf: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf) as Record<string, unknown>;
}

/** The id of next year's call: the year in the id moved, or `-<year>` added; `taken` ids are avoided. */
export function nextYearId(call: ResolvedCall, taken: ReadonlySet<string>): string {
  const year = call.definition.year;
  const base = call.id.endsWith(`-${year}`) ? call.id.slice(0, -String(year).length - 1) : call.id;
  const id = `${base}-${year + 1}`;
  return taken.has(id) ? `${base}-${year + 1}-essai` : id;
}

/**
 * Next year's call for `call`, and its scenario file when `parentScenarios` exist.
 * @param taken ids already used (the generated id avoids them)
 */
export function nextYearCall(call: ResolvedCall, taken: ReadonlySet<string>, parentScenarios?: ScenarioFile): NextYearCall {
  const year = call.definition.year + 1;
  const id = nextYearId(call, taken);
  const amount = firstTariffAmount(call);
  const tariff = amount && { measure: amount.measure, pointer: `/${amount.path.join('/')}`, before: amount.text, after: formatMoney((parseMoney(amount.text) ?? 0) + 100).replace(/\u00a0|\u202f/g, ' ') };
  const document: Record<string, unknown> = {
    kind: 'call',
    extends: call.id,
    id,
    title: call.definition.title.replaceAll(String(year - 1), String(year)),
    year,
    version: 1,
    status: 'draft',
    windows: moveDates(call.definition.windows, 1),
    ...(amount && tariff ? nest(amount.path, tariff.after) : {}),
  };
  const header = '# yaml-language-server: $schema=../../schema/definition.schema.json\n';
  const result: NextYearCall = { id, year, definition: header + stringify(document, { lineWidth: 0 }), ...(tariff && { tariff }) };
  if (parentScenarios !== undefined) result.scenarios = scenarioFile(id, call.id, parentScenarios, tariff?.measure);
  return result;
}

/**
 * The child's scenario file: the parent's scenarios, dates moved by a year; in the scenarios that refer a
 * household to the measure whose tariff changed, the steps that check amounts are rewritten without the
 * amounts (their other expectations kept), as an officer would after reading the failures.
 */
function scenarioFile(id: string, parent: string, scenarios: ScenarioFile, changedMeasure: string | undefined): string {
  const override: Record<string, Record<string, ScenarioStepInput>> = {};
  for (const scenario of scenarios.scenarios) {
    const touches = changedMeasure !== undefined && scenario.steps.some((s) => s.create === 'measure' && s.with?.measure === changedMeasure);
    if (!touches) continue;
    for (const step of scenario.steps) {
      if (step.expect?.earned === undefined && step.expect?.ledger === undefined) continue;
      const { earned: _earned, ledger: _ledger, ...rest } = step.expect;
      // An override is written in the child's own dates.
      (override[scenario.id] ??= {})[String(step.index + 1)] = { expect: shiftDates(rest, 1), label: `${shiftDates(step.label ?? 'Étape', 1)} (montants changés par le nouveau tarif)` };
    }
  }
  const document = { call: id, inherits: { call: parent, ...(Object.keys(override).length > 0 && { override }) } };
  return `# yaml-language-server: $schema=../../schema/scenario.schema.json\n${stringify(document, { lineWidth: 0 })}`;
}
