/**
 * What a composed YAML document expands to, measured before any value is built: each node is visited once
 * (in document order, so an alias meets its anchor already measured, or still open when the alias sits
 * inside it: a recursive alias), and an alias costs what its anchor expands to. A billion laughs is thus
 * refused from its size, not discovered by building it. The same walk checks keys (text only, no
 * duplicate, no name of `Object.prototype`'s machinery) in linear time.
 */
import type { Alias, Document, Node, Pair } from 'yaml';
import { escapeSegment } from './json-pointer.ts';
import { aliasesProblem, depthProblem, thousands, YAML_LIMITS, type YamlProblem } from './yaml-limits.ts';

/** Keys refused anywhere in a definition: they would reach an object's prototype instead of a property. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** What a node expands to: values, characters of their pointers below it, and its height. */
interface Size {
  nodes: number;
  pointerCharacters: number;
  height: number;
}

/** The YAML module's type guards (loaded lazily by the caller). */
export interface YamlGuards {
  isAlias(node: unknown): node is Alias;
  isMap(node: unknown): node is import('yaml').YAMLMap;
  isSeq(node: unknown): node is import('yaml').YAMLSeq;
  isScalar(node: unknown): node is import('yaml').Scalar;
  isPair(node: unknown): node is Pair;
}

/** The measure of a document: the node each alias stands for, or the first problem met. */
export type Expansion = { targets: Map<Alias, Node>; keys: Map<Pair, string>; problem?: undefined } | { problem: YamlProblem };

interface Frame {
  node: Node;
  children: Array<{ node: Node | null; segment: number }>;
  next: number;
  size: Size;
}

const LEAF: Size = { nodes: 1, pointerCharacters: 0, height: 0 };

/**
 * Measures `doc` against `YAML_LIMITS`: aliases resolved once each (never through `Alias.resolve`, which
 * walks the whole document per alias), keys checked. Returns the alias targets and map keys for building
 * the value, or the first problem.
 */
export function measureExpansion(doc: Document.Parsed, guards: YamlGuards): Expansion {
  const { isAlias, isMap, isSeq, isScalar, isPair } = guards;
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const sizes = new Map<Node, Size>();
  const targets = new Map<Alias, Node>();
  const keys = new Map<Pair, string>();
  let aliases = 0;
  const offsetOf = (node: Node | null | undefined) => node?.range?.[0] ?? 0;

  /** The size of a node that is not a collection, or a problem. */
  const leaf = (node: Node | null): Size | YamlProblem => {
    if (node === null || !isAlias(node)) {
      const anchor = (node as { anchor?: string } | null)?.anchor;
      if (node !== null && anchor) anchors.set(anchor, node);
      return LEAF;
    }
    aliases++;
    if (aliases > YAML_LIMITS.maxAliases) {
      return aliasesProblem(offsetOf(node));
    }
    const target = anchors.get(node.source);
    if (target === undefined) return { code: 'yaml-syntaxe', offset: offsetOf(node), message: `alias inconnu « *${node.source} » : l'ancre « &${node.source} » doit être définie plus haut` };
    if (open.has(target)) return { code: 'yaml-alias-recursif', offset: offsetOf(node), message: `l'alias « *${node.source} » est écrit à l'intérieur de ce qu'il désigne : sa valeur serait infinie` };
    targets.set(node, target);
    return sizes.get(target) ?? LEAF;
  };

  /** Opens a collection: its anchor, its keys checked, its children listed in document order. */
  const enter = (node: Node): Frame | YamlProblem => {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    open.add(node);
    const children: Frame['children'] = [];
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyValue = isAlias(keyNode) ? anchors.get(keyNode.source) : keyNode;
        if (keyNode !== null && !isScalar(keyValue)) {
          return { code: 'yaml-syntaxe', offset: offsetOf(keyNode), message: 'les clés doivent être des textes' };
        }
        const key = String(keyNode === null ? null : (keyValue as { value: unknown }).value);
        if (FORBIDDEN_KEYS.has(key)) {
          return { code: 'cle-interdite', offset: offsetOf(keyNode), message: `la clé « ${key} » est réservée par JavaScript et ne peut pas servir de nom : renommez-la` };
        }
        if (seen.has(key)) {
          return { code: 'yaml-syntaxe', offset: offsetOf(keyNode), message: 'clé en double dans le même objet : chaque clé ne doit apparaître qu’une fois' };
        }
        seen.add(key);
        keys.set(pair, key);
        if (isAlias(keyNode)) targets.set(keyNode, keyValue as Node);
        children.push({ node: pair.value as Node | null, segment: escapeSegment(key).length + 1 });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => children.push({ node: item as Node | null, segment: String(index).length + 1 }));
    }
    return { node, children, next: 0, size: { nodes: 1, pointerCharacters: 0, height: 1 } };
  };

  const isProblem = (value: Frame | Size | YamlProblem): value is YamlProblem => 'code' in value;
  const root = doc.contents as Node | null;
  if (!isMap(root) && !isSeq(root)) {
    const size = leaf(root);
    return isProblem(size) ? { problem: size } : { targets, keys };
  }
  const first = enter(root);
  if (isProblem(first)) return { problem: first };
  const stack: Frame[] = [first];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.children[frame.next];
    let size: Size | undefined;
    if (child === undefined) {
      stack.pop();
      open.delete(frame.node);
      // Only an anchor's size is ever looked up again (by its aliases).
      if ((frame.node as { anchor?: string }).anchor) sizes.set(frame.node, frame.size);
      const parent = stack[stack.length - 1];
      if (parent === undefined) break;
      size = frame.size;
      const segment = (parent.children[parent.next] as { segment: number }).segment;
      const problem = add(parent, size, segment, offsetOf(frame.node));
      if (problem) return { problem };
      parent.next++;
      continue;
    }
    if (isMap(child.node) || isSeq(child.node)) {
      if (stack.length >= YAML_LIMITS.maxDepth) return { problem: depthProblem(offsetOf(child.node)) };
      const opened = enter(child.node);
      if (isProblem(opened)) return { problem: opened };
      stack.push(opened);
      continue;
    }
    const measured = leaf(child.node);
    if (isProblem(measured)) return { problem: measured };
    const problem = add(frame, measured, child.segment, offsetOf(child.node));
    if (problem) return { problem };
    frame.next++;
  }
  return { targets, keys };
}

/** Adds a child's size to its parent's, or the limit it crosses. */
function add(parent: Frame, child: Size, segment: number, offset: number): YamlProblem | undefined {
  const size = parent.size;
  size.nodes += child.nodes;
  size.pointerCharacters += child.pointerCharacters + child.nodes * segment;
  size.height = Math.max(size.height, child.height + 1);
  if (size.height > YAML_LIMITS.maxDepth) return depthProblem(offset);
  if (size.nodes > YAML_LIMITS.maxNodes || size.pointerCharacters > YAML_LIMITS.maxPointerCharacters) {
    return {
      code: 'yaml-trop-gros',
      offset,
      message: `une fois ses alias développés, le document dépasserait ${thousands(YAML_LIMITS.maxNodes)} valeurs (ou leurs chemins ${YAML_LIMITS.maxPointerCharacters / 1024 / 1024} Mio) : ce texte ne peut pas être une définition (une « bombe » d'alias ?)`,
    };
  }
  return undefined;
}
