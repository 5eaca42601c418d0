/**
 * Scenarios that grow with the call: a child call's scenario file takes its parent's scenarios
 * (`inherits: { call }`), every date moved by whole years (ISO dates and instants, French JJ/MM/AAAA in
 * labels), and rewrites only the steps whose expectations change (`override: { <scenario>: { <n>: … } }`).
 */
import { Temporal } from 'temporal-polyfill';
import type { Finding, Repository } from '../definition/index.ts';
import { addDuration } from '../time/index.ts';
import { loadScenarioFile } from './load-scenarios.ts';
import { suggest } from './scenario-schema.ts';
import type { Scenario, ScenarioFile } from './scenario-types.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;
const FRENCH_DATE = /\b(\d{2})\/(\d{2})\/(\d{4})\b/g;

/** Moves every date of a value by whole years (Europe/Paris wall time kept for instants; 29/02 → 28/02). */
export function shiftDates<T>(value: T, years: number): T {
  if (years === 0) return value;
  if (typeof value === 'string') return shiftText(value, years) as T;
  if (Array.isArray(value)) return value.map((item) => shiftDates(item, years)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'location' ? item : shiftDates(item, years)])) as T;
  }
  return value;
}

function shiftText(text: string, years: number): string {
  if (ISO_DATE.test(text)) return addDuration(text, { years });
  if (ISO_INSTANT.test(text)) {
    try {
      const zoned = Temporal.Instant.from(text).toZonedDateTimeISO('Europe/Paris').add({ years });
      return zoned.toString({ timeZoneName: 'never' });
    } catch {
      return text;
    }
  }
  return text.replace(FRENCH_DATE, (whole, day: string, month: string, year: string) => {
    const moved = addDuration(`${year}-${month}-${day}`, { years });
    return `${moved.slice(8, 10)}/${moved.slice(5, 7)}/${moved.slice(0, 4)}`;
  });
}

/** A file's scenarios once `inherits:` is applied, and what is wrong with it. */
export interface InheritedFile {
  file: ScenarioFile;
  findings: Finding[];
}

/**
 * Applies `inherits:` to `file`, given the parent's file (itself resolved). Scenarios the child writes under
 * the same id replace the inherited ones; `except` leaves some out.
 */
export function inheritScenarios(file: ScenarioFile, parent: ScenarioFile | undefined, repository: Pick<Repository, 'calls'>): InheritedFile {
  const inherits = file.inherits;
  if (inherits === undefined) return { file, findings: [] };
  const findings: Finding[] = [];
  const error = (code: string, message: string, at: { file: string; line: number; column: number }, path: string) =>
    findings.push({ code, severity: 'error', message, ...at, path });
  if (parent === undefined) {
    error('scenarios-herites-introuvables', `Aucun fichier de scénarios ne teste l'appel « ${inherits.call} » : « inherits: » reprend les scénarios d'un appel qui en a (son fichier <appel>.scenarios.yaml).`, inherits.location, '/inherits/call');
    return { file, findings };
  }
  const childYear = repository.calls.get(file.call)?.definition.year;
  const parentYear = repository.calls.get(parent.call)?.definition.year;
  const years = inherits.years ?? (childYear !== undefined && parentYear !== undefined ? childYear - parentYear : 0);
  const ids = parent.scenarios.map((s) => s.id);
  inherits.except.forEach((id, i) => {
    if (ids.includes(id)) return;
    const hint = suggest(id, ids);
    error('scenario-herite-inconnu', `Scénario « ${id} » absent de ${parent.file}${hint ? ` : vouliez-vous dire « ${hint} » ?` : ` (scénarios : ${ids.join(', ')})`}.`, inherits.locations.except[i] ?? inherits.location, `/inherits/except/${i}`);
  });
  for (const [id, steps] of Object.entries(inherits.override)) {
    const scenario = parent.scenarios.find((s) => s.id === id);
    if (scenario === undefined) {
      const hint = suggest(id, ids);
      error('scenario-herite-inconnu', `Scénario « ${id} » absent de ${parent.file}${hint ? ` : vouliez-vous dire « ${hint} » ?` : ` (scénarios : ${ids.join(', ')})`}.`, inherits.locations.scenarios[id] ?? inherits.location, `/inherits/override/${id}`);
      continue;
    }
    for (const n of Object.keys(steps)) {
      if (Number(n) <= scenario.steps.length) continue;
      error('etape-heritee-inconnue', `Le scénario « ${id} » de ${parent.file} a ${scenario.steps.length} étapes : il n'y a pas d'étape ${n} à réécrire.`, inherits.locations.override[id]?.[n] ?? inherits.location, `/inherits/override/${id}/${n}`);
    }
  }
  if (findings.length > 0) return { file, findings };

  const own = new Set(file.scenarios.map((s) => s.id));
  const taken: Scenario[] = parent.scenarios
    .filter((s) => !own.has(s.id) && !inherits.except.includes(s.id))
    .map((s) => inheritScenario(s, years, inherits.override[s.id] ?? {}, inherits.locations.override[s.id] ?? {}, parent));
  const coverage = mergeReasons(parent.coverage, file.coverage);
  const coverageLocations = mergeReasons(parent.coverageLocations, file.coverageLocations);
  return { file: { ...file, actors: { ...parent.actors, ...file.actors }, scenarios: [...taken, ...file.scenarios], coverage, coverageLocations }, findings };
}

function inheritScenario(scenario: Scenario, years: number, override: NonNullable<ScenarioFile['inherits']>['override'][string], locations: Record<string, { file: string; line: number; column: number }>, parent: ScenarioFile): Scenario {
  const steps = scenario.steps.map((step) => {
    const moved = { ...shiftDates(step, years), location: step.location };
    const replaced = override[String(step.index + 1)];
    return replaced === undefined ? moved : { ...moved, ...replaced, index: step.index, location: locations[String(step.index + 1)] ?? step.location };
  });
  return {
    ...scenario,
    label: shiftDates(scenario.label, years),
    ...(scenario.start !== undefined && { start: shiftDates(scenario.start, years) }),
    steps,
    inherited: { file: parent.file, call: parent.call, years },
  };
}

function mergeReasons<T>(parent: Record<string, Record<string, T>>, child: Record<string, Record<string, T>>): Record<string, Record<string, T>> {
  const merged: Record<string, Record<string, T>> = {};
  for (const key of new Set([...Object.keys(parent), ...Object.keys(child)])) merged[key] = { ...parent[key], ...child[key] };
  return merged;
}

/**
 * Loads scenario files and applies their `inherits:`, finding each parent file among `available` (the
 * repository's scenario files) by the call it tests; a chain of inheritance resolves, a cycle is refused.
 */
export async function loadScenarioSuite(files: readonly string[], available: readonly string[], repository: Pick<Repository, 'calls'>): Promise<{ files: ScenarioFile[]; findings: Finding[] }> {
  const loaded = new Map<string, Awaited<ReturnType<typeof loadScenarioFile>>>();
  const load = async (path: string) => {
    let found = loaded.get(path);
    if (found === undefined) {
      found = await loadScenarioFile(path);
      loaded.set(path, found);
    }
    return found;
  };
  const byCall = async (callId: string): Promise<ScenarioFile | undefined> => {
    for (const path of available) {
      const { scenarios } = await load(path);
      if (scenarios?.call === callId) return scenarios;
    }
    return undefined;
  };
  const resolved = new Map<ScenarioFile, InheritedFile>();
  const resolve = async (file: ScenarioFile, seen: Set<string>): Promise<InheritedFile> => {
    const done = resolved.get(file);
    if (done) return done;
    if (file.inherits === undefined) return { file, findings: [] };
    const parentFile = seen.has(file.inherits.call) ? undefined : await byCall(file.inherits.call);
    const parent = parentFile && (await resolve(parentFile, new Set([...seen, file.call])));
    const result = inheritScenarios(file, parent?.file, repository);
    resolved.set(file, result);
    return result;
  };
  const out: ScenarioFile[] = [];
  const findings: Finding[] = [];
  for (const path of files) {
    const { scenarios, findings: problems } = await load(path);
    findings.push(...problems);
    if (scenarios === undefined) continue;
    const result = await resolve(scenarios, new Set([scenarios.call]));
    findings.push(...result.findings);
    if (result.findings.length === 0) out.push(result.file);
  }
  return { files: out, findings };
}
