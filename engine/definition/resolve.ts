/**
 * Resolution of a call: its `extends` chain (each call is a JSON Merge Patch over its resolved parent) and
 * the shared pieces it `use`s (a measure or lifecycle piece is the base, local keys patch it), with
 * provenance for every pointer.
 *
 * A `use` written in a call restarts that measure or lifecycle from the piece (with that call's local
 * keys); without `use`, a child patches what its parent resolved to, so `null` can remove a key that came
 * from a piece.
 */
import type { Finding } from './finding.ts';
import { childPointer } from './json-pointer.ts';
import { isJsonObject, type JsonObject } from './merge-patch.ts';
import { Provenance } from './provenance.ts';
import type { SourceDocument } from './yaml-source.ts';
import { suggest } from './schema-errors.ts';

/** A parsed definition file whose root is an object, before resolution. */
export interface RawDefinition {
  file: string;
  document: SourceDocument;
  value: JsonObject;
  kind: unknown;
  id: unknown;
}

/** The shared pieces a call can `use`, by id. */
export interface PieceIndex {
  measure: Map<string, RawDefinition>;
  lifecycle: Map<string, RawDefinition>;
}

/** A call after resolution (not yet validated). */
export interface ResolvedDocument {
  value: JsonObject;
  parents: string[];
  provenance: Provenance;
}

type UseKind = 'measure' | 'lifecycle';
type Root = 'call' | 'piece' | UseKind;

/** Which `use` kind the object at `path` (relative to a root of kind `root`) may carry. */
function useKindAt(root: Root, path: readonly string[] | undefined): UseKind | undefined {
  if (path === undefined) return undefined;
  if (root === 'call') {
    if (path.length === 2 && path[0] === 'measures') return 'measure';
    if (path.length === 3 && path[0] === 'measures' && path[2] === 'lifecycle') return 'lifecycle';
    if (path.length === 2 && path[0] === 'lifecycles') return 'lifecycle';
  }
  if (root === 'measure' && path.length === 1 && path[0] === 'lifecycle') return 'lifecycle';
  if (root === 'piece' && path.length === 1 && (path[0] === 'measure' || path[0] === 'lifecycle')) return path[0];
  if (root === 'piece' && path.length === 2 && path[0] === 'measure' && path[1] === 'lifecycle') return 'lifecycle';
  return undefined;
}

/**
 * Resolves the `extends` chain and the `use` references of a call.
 * Returns no `resolved` (with findings) when the chain does not resolve.
 */
export function resolveCallDocument(
  raw: RawDefinition,
  calls: ReadonlyMap<string, RawDefinition>,
  pieces: PieceIndex,
): { resolved?: ResolvedDocument; findings: Finding[] } {
  const findings: Finding[] = [];
  const chain: RawDefinition[] = [raw];
  for (let current = raw; current.value.extends !== undefined; ) {
    const parentId = current.value.extends;
    if (typeof parentId !== 'string') return { findings };
    const parent = calls.get(parentId);
    if (parent === undefined) {
      findings.push({
        code: 'extends-introuvable',
        severity: 'error',
        message: `L'appel parent « ${parentId} » est introuvable${parentHint(parentId, [...calls.keys()])} : vérifiez son identifiant (clé id de l'appel de l'année précédente) et que son fichier est bien dans le dossier validé.`,
        ...current.document.locate('/extends'),
        path: '/extends',
      });
      return { findings };
    }
    if (chain.includes(parent)) {
      const cycle = [...chain.map((link) => String(link.id)), parentId].join(' → ');
      findings.push({
        code: 'extends-cycle',
        severity: 'error',
        message: `La chaîne extends forme une boucle (${cycle}) : un appel ne peut pas hériter de lui-même.`,
        ...raw.document.locate('/extends'),
        path: '/extends',
      });
      return { findings };
    }
    chain.push(parent);
    current = parent;
  }

  // From the oldest ancestor down: each call patches what its parent resolved to.
  let value: unknown = {};
  let layers: Provenance['layers'] = [];
  for (const link of [...chain].reverse()) {
    const step = new Provenance();
    const patcher = new Patcher(pieces, step, findings);
    step.add(link.document);
    value = patcher.apply(value, link.value, 'call', [], '', []);
    layers = [...step.layers, ...layers];
  }
  // The resolved call is whole: its lineage is `parents`, not a key that would make it read as a patch.
  delete (value as JsonObject).extends;
  const provenance = new Provenance();
  for (const layer of layers) provenance.add(layer.document, layer.prefix, layer.sourcePrefix);
  return { resolved: { value: value as JsonObject, parents: chain.slice(1).map((link) => String(link.id)), provenance }, findings };
}

/** « (vouliez-vous dire « x » ?) » among the known calls, or nothing. */
function parentHint(id: string, known: string[]): string {
  const near = suggest(id, known);
  return near === undefined ? '' : ` (vouliez-vous dire « ${near} » ?)`;
}

/**
 * Resolves a shared piece (kind: measure or lifecycle) on its own: a piece may be another piece plus
 * changes. Validated resolved, like a call.
 */
export function resolvePieceDocument(raw: RawDefinition, pieces: PieceIndex): { value: JsonObject; provenance: Provenance; findings: Finding[] } {
  const findings: Finding[] = [];
  const provenance = new Provenance();
  provenance.add(raw.document);
  const kind = raw.kind as UseKind;
  const patcher = new Patcher(pieces, provenance, findings);
  const content = raw.value[kind];
  const resolved = patcher.apply({}, { [kind]: content }, 'piece', [], '', typeof raw.id === 'string' ? [raw.id] : []);
  return { value: { ...raw.value, ...(resolved as JsonObject) }, provenance, findings };
}

/** JSON Merge Patch that resolves `use` where a measure or a lifecycle may be written. */
class Patcher {
  constructor(
    private readonly pieces: PieceIndex,
    private readonly provenance: Provenance,
    private readonly findings: Finding[],
  ) {}

  /** RFC 7396 `patch` over `target`; at a `use` position, a patch with `use` restarts from the piece. */
  apply(target: unknown, patch: unknown, root: Root, path: string[] | undefined, pointer: string, stack: string[]): unknown {
    if (!isJsonObject(patch)) return typeof patch === 'object' && patch !== null ? copyJson(patch) : patch;
    const result: JsonObject = isJsonObject(target) ? { ...target } : {};
    for (const key of Object.keys(patch)) {
      const value = patch[key];
      if (value === null) {
        delete result[key];
        continue;
      }
      // A `use` sits at most 3 keys deep: below, the path is no longer followed (no copy per key).
      const childPath = path === undefined || path.length >= 3 ? undefined : [...path, key];
      // The pointer only serves a `use` (at most 3 keys deep): deeper keys do not build theirs.
      const at = childPath === undefined ? pointer : childPointer(pointer, key);
      const kind = useKindAt(root, childPath);
      result[key] =
        kind !== undefined && isJsonObject(value) && typeof value.use === 'string'
          ? this.use(value, kind, at, stack)
          : key === 'source'
            ? // A citation is one thing: the child's replaces the parent's whole (never the old line or choice).
              this.apply(undefined, value, root, childPath, at, stack)
            : this.apply(result[key], value, root, childPath, at, stack);
    }
    return result;
  }

  /** The piece named by `local.use` (itself resolved), patched by the other local keys. */
  private use(local: JsonObject, kind: UseKind, pointer: string, stack: string[]): unknown {
    const { use: pieceId, ...rest } = local as JsonObject & { use: string };
    const piece = this.pieces[kind].get(pieceId);
    const at = this.provenance.locate(`${pointer}/use`);
    let base: unknown = {};
    if (piece === undefined) {
      const what = kind === 'measure' ? 'type de mesure partagé (kind: measure)' : 'cycle de vie partagé (kind: lifecycle)';
      this.report('piece-introuvable', `La pièce « ${pieceId} » est introuvable : aucun ${what} ne porte cet identifiant.`, at, pointer);
    } else if (stack.includes(pieceId)) {
      this.report('piece-cycle', `Les pièces partagées se reprennent en boucle (${[...stack, pieceId].join(' → ')}).`, at, pointer);
    } else {
      this.provenance.add(piece.document, pointer, `/${kind}`);
      const content = piece.value[kind];
      // A piece may itself be written as another piece plus changes.
      base =
        isJsonObject(content) && typeof content.use === 'string'
          ? this.use(content, kind, pointer, [...stack, pieceId])
          : this.apply({}, content, kind, [], pointer, [...stack, pieceId]);
    }
    return this.apply(base, rest, kind, [], pointer, stack);
  }

  private report(code: string, message: string, at: { file: string; line: number; column: number }, pointer: string): void {
    this.findings.push({ code, severity: 'error', message, ...at, path: `${pointer}/use` });
  }
}

/** A deep copy of a JSON value (lists and objects of a parsed text: no cycles, no special objects). */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (typeof value !== 'object' || value === null) return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const child = copyJson((value as JsonObject)[key]);
    // `__proto__` stays an own key (a finding reports it), never the copy's prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: child, enumerable: true, writable: true, configurable: true });
    else copy[key] = child as JsonObject[string];
  }
  return copy;
}
