/**
 * Resolution of a call: its `extends` chain (JSON Merge Patch over the parent) and the shared pieces it
 * `use`s (measure and lifecycle pieces as bases that local keys patch), with provenance for every pointer.
 */
import type { Finding } from './finding.ts';
import { childPointer } from './json-pointer.ts';
import { applyMergePatch, isJsonObject, type JsonObject } from './merge-patch.ts';
import { Provenance } from './provenance.ts';
import type { SourceDocument } from './yaml-source.ts';

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

/**
 * Resolves the `extends` chain and the `use` references of a call.
 * Returns `undefined` (with findings) when the chain does not resolve.
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
    const at = current.document.locate('/extends');
    if (typeof parentId !== 'string') return { findings };
    const parent = calls.get(parentId);
    if (parent === undefined) {
      findings.push({
        code: 'extends-introuvable',
        severity: 'error',
        message: `L'appel parent « ${parentId} » est introuvable : vérifiez son identifiant (clé id de l'appel de l'année précédente) et que son fichier est bien dans le dossier validé.`,
        ...at,
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

  const provenance = new Provenance();
  for (const link of chain) provenance.add(link.document);
  let merged: unknown = {};
  for (const link of [...chain].reverse()) merged = applyMergePatch(merged, link.value);
  const value = merged as JsonObject;

  const use = new UseResolver(pieces, provenance, findings);
  const measures = value.measures;
  if (isJsonObject(measures)) {
    for (const [id, measure] of Object.entries(measures)) {
      measures[id] = use.measure(measure, childPointer('/measures', id));
    }
  }
  const lifecycles = value.lifecycles;
  if (isJsonObject(lifecycles)) {
    for (const [id, lifecycle] of Object.entries(lifecycles)) {
      lifecycles[id] = use.resolve(lifecycle, 'lifecycle', childPointer('/lifecycles', id), []);
    }
  }
  return { resolved: { value, parents: chain.slice(1).map((link) => String(link.id)), provenance }, findings };
}

/** Resolves `use:` against the shared pieces and records their provenance. */
class UseResolver {
  constructor(
    private readonly pieces: PieceIndex,
    private readonly provenance: Provenance,
    private readonly findings: Finding[],
  ) {}

  /** A measure: its piece first, then the lifecycle inside it. */
  measure(local: unknown, pointer: string): unknown {
    const measure = this.resolve(local, 'measure', pointer, []);
    if (isJsonObject(measure) && measure.lifecycle !== undefined) {
      measure.lifecycle = this.resolve(measure.lifecycle, 'lifecycle', `${pointer}/lifecycle`, []);
    }
    return measure;
  }

  /** Applies the local keys of `local` over the piece it `use`s (recursively), without the `use` key. */
  resolve(local: unknown, kind: 'measure' | 'lifecycle', pointer: string, stack: string[]): unknown {
    if (!isJsonObject(local) || typeof local.use !== 'string') return local;
    const { use: pieceId, ...rest } = local as JsonObject & { use: string };
    const piece = this.pieces[kind].get(pieceId);
    const at = this.provenance.locate(`${pointer}/use`);
    if (piece === undefined) {
      const what = kind === 'measure' ? 'type de mesure partagé (kind: measure)' : 'cycle de vie partagé (kind: lifecycle)';
      this.findings.push({
        code: 'piece-introuvable',
        severity: 'error',
        message: `La pièce « ${pieceId} » est introuvable : aucun ${what} ne porte cet identifiant.`,
        ...at,
        path: `${pointer}/use`,
      });
      return rest;
    }
    if (stack.includes(pieceId)) {
      this.findings.push({
        code: 'piece-cycle',
        severity: 'error',
        message: `Les pièces partagées se reprennent en boucle (${[...stack, pieceId].join(' → ')}).`,
        ...at,
        path: `${pointer}/use`,
      });
      return rest;
    }
    this.provenance.add(piece.document, pointer, `/${kind}`);
    const base = this.resolve(piece.value[kind], kind, pointer, [...stack, pieceId]);
    return applyMergePatch(base, rest);
  }
}
