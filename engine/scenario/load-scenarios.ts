/**
 * Reading scenario files: YAML with positions, the scenario schema, then the references between steps
 * (an instance is named by `as:` before it is used). Problems are findings, never exceptions.
 */
import { readFile } from 'node:fs/promises';
import { parseYamlSource } from '../definition/yaml-source.ts';
import type { Finding } from '../definition/index.ts';
import { isPlainDate, parisInstant } from '../time/index.ts';
import { scenarioSchemaFindings, suggest } from './scenario-schema.ts';
import type { SourceLocation } from '../definition/index.ts';
import type { ActorRef, Scenario, ScenarioActor, ScenarioFile, ScenarioInheritance, ScenarioStep, ScenarioStepInput } from './scenario-types.ts';

/** A scenario file read: its content when it could be read, and what is wrong with it. */
export interface LoadedScenarioFile {
  file: string;
  scenarios?: ScenarioFile;
  findings: Finding[];
}

/** Reads and checks a scenario file from disk. */
export async function loadScenarioFile(file: string): Promise<LoadedScenarioFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { file, findings: [finding(file, 1, 1, 'fichier-illisible', `Fichier de scénarios illisible : ${file}.`, '')] };
  }
  return parseScenarioText(text, file);
}

/**
 * Parses and checks the text of a scenario file.
 * @example
 * const { scenarios, findings } = parseScenarioText(text, 'definitions/2024/x.scenarios.yaml');
 */
export function parseScenarioText(text: string, file: string): LoadedScenarioFile {
  const { document, findings: syntax } = parseYamlSource(text, file);
  if (syntax.length > 0) return { file, findings: syntax };
  const schema = scenarioSchemaFindings(document.value, document.locate);
  if (schema.length > 0) return { file, findings: schema };

  const raw = document.value as {
    call: string;
    actors?: Record<string, ScenarioActor>;
    scenarios?: Record<string, { label: string; source?: Scenario['source']; start?: string; steps: ScenarioStepInput[] }>;
    coverage?: Record<string, Record<string, string>>;
    inherits?: { call: string; years?: number; except?: string[]; override?: Record<string, Record<string, ScenarioStepInput>> };
  };
  const findings: Finding[] = [];
  const report = (pointer: string, code: string, message: string, key = false) => {
    const at = document.locate(pointer, { key });
    findings.push(finding(file, at.line, at.column, code, message, pointer));
  };
  const actors = raw.actors ?? {};

  const scenarios: Scenario[] = Object.entries(raw.scenarios ?? {}).map(([id, input]) => {
    const base = `/scenarios/${id}`;
    const named = new Set<string>();
    let lastAt: { text: string; time: number } | undefined;
    const checkAt = (at: string | undefined, pointer: string) => {
      if (at === undefined) return;
      const time = instantOf(at)?.getTime();
      if (time === undefined || Number.isNaN(time)) return report(pointer, 'date-invalide', `Date ou instant invalide : « ${at} ».`);
      if (lastAt !== undefined && time < lastAt.time) report(pointer, 'retour-dans-le-temps', `L'horloge ne recule pas : ${at} est avant ${lastAt.text}. Ordonnez les étapes dans le temps.`);
      lastAt = { text: at, time };
    };
    checkAt(input.start, `${base}/start`);
    const checkName = (ref: string | undefined, pointer: string) => {
      const name = ref?.split('/')[0];
      if (name === undefined || named.has(name)) return;
      const hint = suggest(name, [...named]);
      report(pointer, 'instance-non-nommee', `Instance « ${name} » inconnue à cette étape : nommez-la d'abord avec « as: » dans une étape create${hint ? ` (vouliez-vous dire « ${hint} » ?)` : ''}.`);
    };
    const checkActor = (actor: ActorRef | undefined, pointer: string) => {
      if (typeof actor !== 'string' || actor in actors) return;
      const hint = suggest(actor, Object.keys(actors));
      report(pointer, 'acteur-inconnu', `Acteur « ${actor} » inconnu : déclarez-le sous « actors: » en tête du fichier${hint ? ` (vouliez-vous dire « ${hint} » ?)` : ''}.`);
    };
    const steps: ScenarioStep[] = input.steps.map((step, index) => {
      const at = `${base}/steps/${index}`;
      checkAt(step.at, `${at}/at`);
      checkName(step.parent, `${at}/parent`);
      checkName(step.send?.to, `${at}/send/to`);
      checkActor(step.actor, `${at}/actor`);
      checkActor(step.send?.actor, `${at}/send/actor`);
      if (step.as !== undefined) {
        if (named.has(step.as)) report(`${at}/as`, 'nom-deja-pris', `Le nom « ${step.as} » est déjà pris dans ce scénario : choisissez-en un autre.`);
        named.add(step.as);
      }
      checkName(step.expect?.of, `${at}/expect/of`);
      checkName(step.expect?.ledger?.of, `${at}/expect/ledger/of`);
      if (step.expect !== undefined && step.create === undefined && step.send === undefined && step.expect.of === undefined && needsInstance(step)) {
        report(`${at}/expect`, 'instance-a-preciser', 'Cette étape ne crée ni n\'envoie rien : précisez l\'instance vérifiée avec « of: ».', true);
      }
      if (step.expect?.refused !== undefined && step.create === undefined && step.send === undefined) {
        report(`${at}/expect/refused`, 'refus-sans-action', 'Seule une étape create ou send peut être refusée.', true);
      }
      return { ...step, index, location: document.locate(at) };
    });
    return { id, label: input.label, ...(input.source ? { source: input.source } : {}), ...(input.start ? { start: input.start } : {}), steps, location: document.locate(base, { key: true }) };
  });

  const coverage = raw.coverage ?? {};
  const coverageLocations = Object.fromEntries(
    Object.entries(coverage).map(([lifecycle, reasons]) => [
      lifecycle,
      Object.fromEntries(Object.keys(reasons).map((item) => [item, document.locate(`/coverage/${lifecycle}/${item.replaceAll('~', '~0').replaceAll('/', '~1')}`, { key: true })])),
    ]),
  );
  if (findings.length > 0) return { file, findings };
  const inherits = raw.inherits && inheritance(raw.inherits, document.locate);
  return { file, findings, scenarios: { file, call: raw.call, callLocation: document.locate('/call'), actors, scenarios, coverage, coverageLocations, ...(inherits && { inherits }) } };
}

function inheritance(raw: NonNullable<{ call: string; years?: number; except?: string[]; override?: Record<string, Record<string, ScenarioStepInput>> }>, locate: (pointer: string, options?: { key?: boolean }) => SourceLocation): ScenarioInheritance {
  const override = raw.override ?? {};
  return {
    call: raw.call,
    ...(raw.years !== undefined && { years: raw.years }),
    except: raw.except ?? [],
    override,
    location: locate('/inherits/call'),
    locations: {
      override: Object.fromEntries(Object.entries(override).map(([id, steps]) => [id, Object.fromEntries(Object.keys(steps).map((n) => [n, locate(`/inherits/override/${id}/${n}`)]))])),
      scenarios: Object.fromEntries(Object.keys(override).map((id) => [id, locate(`/inherits/override/${id}`, { key: true })])),
      except: (raw.except ?? []).map((_, i) => locate(`/inherits/except/${i}`)),
    },
  };
}

/** The instant of a step's `at`: a calendar date is noon in Europe/Paris; an ISO instant is itself. */
export function instantOf(at: string): Date | undefined {
  if (isPlainDate(at)) return parisInstant(at, '12:00');
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return undefined;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function needsInstance(step: ScenarioStepInput): boolean {
  const e = step.expect ?? {};
  return e.state !== undefined || e.data !== undefined || e.earned !== undefined || e.timers !== undefined || e.allowed !== undefined || (e.ledger !== undefined && e.ledger.of === undefined);
}

function finding(file: string, line: number, column: number, code: string, message: string, path: string): Finding {
  return { code, severity: 'error', message, file, line, column, path };
}
