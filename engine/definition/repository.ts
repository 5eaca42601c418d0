/**
 * A repository of definitions: every YAML file of some folders, parsed, resolved, validated and linted.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { acceptedParts, beyondRefused, refusedPointers } from './accepted-parts.ts';
import { canonicalHash } from './canonical-hash.ts';
import type { Call, EnvelopesPiece, LifecyclePiece, MeasurePiece, PlanPiece, TerritoriesPiece } from './definition-types.ts';
import { addEnvelopes, sharedEnvelopeFindings, type SharedEnvelope } from './shared-envelopes.ts';
import { hasErrors, sortFindings, type Finding } from './finding.ts';
import { staleYearFindings } from './inherited-years.ts';
import { lintCall, type LintContext } from './lint/index.ts';
import { isJsonObject, type JsonObject } from './merge-patch.ts';
import type { Provenance } from './provenance.ts';
import { resolveCallDocument, resolvePieceDocument, type PieceIndex, type RawDefinition } from './resolve.ts';
import type { ResolvedCall } from './resolved-call.ts';
import { schemaFindings } from './schema-errors.ts';
import { schemaErrors } from './schema-compiler.ts';
import { TerritoryCatalog } from './territory-catalog.ts';
import { parseYamlSource } from './yaml-source.ts';
import { modelineFindings } from './modeline.ts';

/** A shared piece (measure or lifecycle), resolved (its own `use` applied), with its file. */
export interface Piece<T> {
  id: string;
  file: string;
  piece: T;
}

/** Every definition of some folders, resolved; only calls without errors are in `calls`. */
export interface Repository {
  calls: Map<string, ResolvedCall>;
  pieces: { measure: Map<string, Piece<MeasurePiece>>; lifecycle: Map<string, Piece<LifecyclePiece>> };
  territories: TerritoryCatalog;
  plan: PlanPiece | undefined;
  /** Envelopes shared by several calls (`kind: envelopes`), by id. */
  envelopes: Map<string, SharedEnvelope>;
  /** Every finding, sorted by file, line and column. */
  findings: Finding[];
  /** The `*.scenarios.yaml` files found (not validated here: see `engine/scenario`). */
  scenarioFiles: string[];
  /** The definition files read, sorted. */
  files: string[];
  /** @internal raw parsed files, so that `validateText` can replace one. */
  sources: Map<string, string>;
}

/** A YAML text and the file name it is reported under. */
export interface DefinitionSource {
  file: string;
  text: string;
  /** A file read from disk (shipped or the user's own): its parse may be kept between runs. Posted texts are not. */
  cache?: boolean;
}

/**
 * Reads every `*.yaml` file under the folders (or the files themselves), resolves and validates them.
 * Never throws on bad definitions: problems are findings.
 * @example
 * const repository = await loadRepository('definitions');
 * repository.calls.get('equipes-mobiles-2025')?.definition.windows;
 */
export async function loadRepository(dirs: string | string[] = 'definitions'): Promise<Repository> {
  const roots = Array.isArray(dirs) ? dirs : [dirs];
  const found = new Set<string>();
  for (const root of roots) for (const file of await listYamlFiles(root)) found.add(file);
  const all = [...found].sort();
  const scenarioFiles = all.filter((file) => file.endsWith('.scenarios.yaml'));
  const files = all.filter((file) => !file.endsWith('.scenarios.yaml'));
  const unreadable: Finding[] = [];
  const read = await Promise.all(
    files.map(async (file): Promise<DefinitionSource | undefined> => {
      try {
        return { file, text: await readFile(file, 'utf8'), cache: true };
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? 'erreur de lecture';
        unreadable.push({ code: 'fichier-illisible', severity: 'error', message: `Fichier illisible (${reason}).`, file, line: 1, column: 1, path: '' });
        return undefined;
      }
    }),
  );
  const sources = read.filter((source): source is DefinitionSource => source !== undefined);
  const repository = buildRepository(sources, { scenarioFiles, modeline: true });
  return unreadable.length === 0 ? repository : { ...repository, findings: sortFindings([...repository.findings, ...unreadable]) };
}

/** Options of `buildRepository`. */
export interface BuildOptions {
  /** The scenario files found beside the definitions. */
  scenarioFiles?: string[];
  /** Warn about files without the editor modeline (for files on disk). */
  modeline?: boolean;
}

/** Builds a repository from texts already read (the editor, the API and tests use it). */
export function buildRepository(sources: readonly DefinitionSource[], options: BuildOptions = {}): Repository {
  const findings: Finding[] = [];
  const raws: RawDefinition[] = [];
  for (const { file, text, cache } of sources) {
    if (options.modeline === true) findings.push(...modelineFindings(file, text));
    const { document, findings: syntax } = parseYamlSource(text, file, { cache: cache === true });
    findings.push(...syntax);
    if (syntax.length > 0) continue;
    if (!isJsonObject(document.value)) {
      findings.push({
        code: 'racine-invalide',
        severity: 'error',
        message: 'Le fichier doit contenir un objet YAML (des clés et leurs valeurs), en commençant par « kind: ».',
        ...document.locate(''),
        path: '',
      });
      continue;
    }
    raws.push({ file, document, value: document.value, kind: document.value.kind, id: document.value.id });
  }

  const calls = new Map<string, RawDefinition>();
  const pieces: PieceIndex = { measure: new Map(), lifecycle: new Map() };
  const valid = new Set<RawDefinition>();
  for (const raw of raws) {
    const registry = raw.kind === 'call' ? calls : raw.kind === 'measure' || raw.kind === 'lifecycle' ? pieces[raw.kind] : undefined;
    if (registry !== undefined && typeof raw.id === 'string') {
      const previous = registry.get(raw.id);
      if (previous !== undefined) {
        findings.push({
          code: 'identifiant-en-double',
          severity: 'error',
          message: `L'identifiant « ${raw.id} » est déjà pris par ${previous.file} : chaque ${raw.kind === 'call' ? 'appel' : 'pièce'} a son propre id.`,
          ...raw.document.locate('/id'),
          path: '/id',
        });
        continue;
      }
      registry.set(raw.id, raw);
    }
  }
  // Shared pieces and catalogs are validated on their own, pieces once resolved (a piece may use another).
  const resolvedPieces = new Map<RawDefinition, JsonObject>();
  for (const raw of raws) {
    if (raw.kind === 'call') continue;
    if (raw.kind === 'measure' || raw.kind === 'lifecycle') {
      const { value, provenance, findings: resolution } = resolvePieceDocument(raw, pieces);
      const errors = schemaFindings(schemaErrors(value), provenance.locate.bind(provenance));
      findings.push(...resolution, ...errors.filter((item) => item.file === raw.file));
      if (resolution.length === 0 && errors.length === 0) {
        valid.add(raw);
        resolvedPieces.set(raw, value);
      }
      continue;
    }
    const errors = schemaFindings(schemaErrors(raw.value), raw.document.locate);
    findings.push(...errors);
    if (errors.length === 0) valid.add(raw);
  }

  const catalog = new TerritoryCatalog();
  let plan: PlanPiece | undefined;
  for (const raw of valid) {
    if (raw.kind === 'territories') addToCatalog(catalog, raw.value as unknown as TerritoriesPiece);
    if (raw.kind === 'plan') plan ??= raw.value as unknown as PlanPiece;
  }
  const envelopes = new Map<string, SharedEnvelope>();
  for (const raw of valid) {
    if (raw.kind === 'envelopes') findings.push(...addEnvelopes(envelopes, raw.value as unknown as EnvelopesPiece, raw.file, raw.document.locate));
  }

  const resolvedCalls = new Map<string, ResolvedCall>();
  const inherited: { finding: Finding; restate: (finding: Finding) => Finding }[] = [];
  for (const raw of raws) {
    if (raw.kind !== 'call') continue;
    const { call, findings: callFindings, restate } = resolveAndCheck(raw, calls, pieces, catalog, plan);
    for (const item of callFindings) {
      if (item.file === raw.file || restate === undefined) findings.push(item);
      else inherited.push({ finding: item, restate });
    }
    if (call !== undefined && typeof raw.id === 'string' && calls.get(raw.id) === raw) resolvedCalls.set(call.id, call);
  }
  // Free text a child inherits that names an earlier year: warned in the parent, naming the child.
  for (const call of resolvedCalls.values()) {
    const parentFiles = new Set(call.parents.flatMap((id) => (calls.get(id) === undefined ? [] : [calls.get(id)!.file])));
    if (parentFiles.size > 0) findings.push(...staleYearFindings(call, parentFiles));
  }
  // A finding of a call located in its parent or in a piece: dropped when that file reports it itself,
  // otherwise it is the call's problem (how it combines them) and is reported in the call's own file.
  const own = new Set(findings.map(findingKey));
  for (const { finding, restate } of inherited) if (!own.has(findingKey(finding))) findings.push(restate(finding));
  for (const [id, call] of resolvedCalls) {
    const wrong = sharedEnvelopeFindings(call.definition, envelopes, (pointer) => call.locate(pointer));
    findings.push(...wrong);
    if (hasErrors(wrong)) resolvedCalls.delete(id);
  }

  return {
    calls: resolvedCalls,
    pieces: { measure: pieceMap<MeasurePiece>(pieces.measure, resolvedPieces), lifecycle: pieceMap<LifecyclePiece>(pieces.lifecycle, resolvedPieces) },
    territories: catalog,
    plan,
    envelopes,
    findings: sortFindings(findings),
    scenarioFiles: options.scenarioFiles ?? [],
    files: sources.map((source) => source.file).sort(),
    sources: new Map(sources.map((source) => [source.file, source.text])),
  };
}

/**
 * A finding located in a parent or a piece, restated in the call's own file (at the nearest key the call
 * writes) with the original place in the message; kept as is when the parent reports it too.
 */
function ownFile(item: Finding, raw: RawDefinition, provenance: Provenance): Finding {
  if (item.file === raw.file) return item;
  return { ...item, ...provenance.locateOwn(item.path), message: `${item.message} (écrit dans ${item.file}:${item.line}:${item.column})` };
}

/** Resolves one call, validates it against the schema, then lints it; the call only when error-free. */
export function resolveAndCheck(
  raw: RawDefinition,
  calls: ReadonlyMap<string, RawDefinition>,
  pieces: PieceIndex,
  catalog: TerritoryCatalog,
  plan: PlanPiece | undefined,
): { call?: ResolvedCall; findings: Finding[]; restate?: (finding: Finding) => Finding } {
  const findings: Finding[] = [];
  if (raw.value.extends !== undefined && typeof raw.id !== 'string') {
    findings.push({
      code: 'cle-manquante',
      severity: 'error',
      message: "Clé obligatoire « id » manquante : un appel qui en reprend un autre (extends) a son propre identifiant.",
      ...raw.document.locate(''),
      path: '',
    });
    return { findings };
  }
  const { resolved, findings: resolution } = resolveCallDocument(raw, calls, pieces);
  findings.push(...resolution);
  if (resolved === undefined) return { findings };
  const { provenance } = resolved;
  const locate = provenance.locate.bind(provenance);
  const errors = schemaErrors(resolved.value);
  const schema = schemaFindings(errors, locate);
  findings.push(...schema);
  const restate = (item: Finding) => ownFile(item, raw, provenance);
  if (resolution.length > 0) return { findings, restate };
  if (schema.length > 0) {
    // Every finding at once: lint what the schema accepted, and say nothing twice.
    findings.push(...lintAccepted(resolved.value, refusedPointers(errors), { locate, catalog, plan }));
    return { findings, restate };
  }
  const definition = resolved.value as unknown as Call;
  findings.push(...lintCall({ call: definition, locate, catalog, plan }));
  if (hasErrors(findings)) return { findings, restate };
  const call: ResolvedCall = {
    id: definition.id,
    version: definition.version,
    hash: canonicalHash(definition),
    file: raw.file,
    parents: resolved.parents,
    definition,
    locate,
  };
  return { call, findings, restate };
}

/** Lint on the parts of a call the schema accepted; a part too broken to lint is left to the schema's findings. */
function lintAccepted(value: JsonObject, refused: string[], context: Omit<LintContext, 'call'>): Finding[] {
  const accepted = acceptedParts(value, refused);
  if (accepted === undefined) return [];
  try {
    return beyondRefused(lintCall({ ...context, call: accepted as unknown as Call }), refused);
  } catch {
    return [];
  }
}

function findingKey(finding: Finding): string {
  return `${finding.code}\0${finding.file}\0${finding.line}\0${finding.column}`;
}

function addToCatalog(catalog: TerritoryCatalog, piece: TerritoriesPiece): void {
  for (const [id, territory] of Object.entries(piece.territories)) {
    catalog.territories.set(id, { id, label: territory.label, epcis: new Map(Object.entries(territory.epcis ?? {})) });
  }
  for (const [id, group] of Object.entries(piece.groups ?? {})) {
    catalog.groups.set(id, { id, label: group.label, members: [...group.territories] });
  }
}

function pieceMap<T>(raws: Map<string, RawDefinition>, resolved: Map<RawDefinition, JsonObject>): Map<string, Piece<T>> {
  const result = new Map<string, Piece<T>>();
  for (const [id, raw] of raws) {
    const value = resolved.get(raw);
    if (value !== undefined) result.set(id, { id, file: raw.file, piece: value as unknown as T });
  }
  return result;
}

async function listYamlFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return [];
  if (info.isFile()) return path.endsWith('.yaml') || path.endsWith('.yml') ? [path] : [];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && (entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')))
    .map((entry) => join(entry.parentPath, entry.name));
}
