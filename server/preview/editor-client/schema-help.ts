/**
 * Completion and hover documentation for a YAML definition, read from the definition JSON Schema itself:
 * the keys a map may hold and the values a key may take, each with its French description. The schema's
 * definition names and titles (internal type names such as `callPatch`) are never shown. Runs in the
 * browser (bundled with the editor) and in tests.
 */
import { isMap, isScalar, type Node } from 'yaml';
import { locate, type PathStep } from './yaml-location.ts';

/** A JSON Schema node, as far as this module reads it. */
export interface SchemaNode {
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  if?: { required?: string[] };
  then?: SchemaNode;
  else?: SchemaNode;
  enum?: unknown[];
  enumDescriptions?: string[];
  const?: unknown;
  type?: string | string[];
  definitions?: Record<string, SchemaNode>;
}

/** A proposal: a key or a value, with its French documentation. */
export interface Proposal {
  label: string;
  kind: 'key' | 'value';
  documentation: string;
}

/** What the editor asks for at a position. */
export interface Completions {
  from: number;
  to: number;
  options: Proposal[];
}

/** The documentation of the key or value under a position. */
export interface HoverDoc {
  from: number;
  to: number;
  /** The key or value, as written. */
  name: string;
  /** French paragraphs (the key's description, then the value's when it is one of the enumerated values). */
  paragraphs: string[];
}

/** The editor's help over one schema. */
export interface SchemaHelp {
  complete(text: string, offset: number): Completions | undefined;
  hover(text: string, offset: number): HoverDoc | undefined;
}

/**
 * Help for the YAML documents of a schema.
 * @example
 * const help = schemaHelp(definitionSchema);
 * help.hover('kind: call\nstatus: draft\n', 13)?.paragraphs; // the description of status, then of draft
 */
export function schemaHelp(root: SchemaNode): SchemaHelp {
  const definitions = root.definitions ?? {};
  const deref = (node: SchemaNode): SchemaNode => {
    let current = node;
    for (let depth = 0; current.$ref !== undefined && depth < 20; depth += 1) {
      const target = definitions[current.$ref.replace('#/definitions/', '')];
      if (target === undefined) break;
      current = target;
    }
    return current;
  };

  /** The concrete schemas a node may be, for the map (or value) found there. */
  const branches = (node: SchemaNode, container: Node | undefined, depth = 0): SchemaNode[] => {
    if (depth > 12) return [];
    const resolved = deref(node);
    const found: SchemaNode[] = [];
    if (resolved.if !== undefined && (resolved.then !== undefined || resolved.else !== undefined)) {
      const required = resolved.if.required ?? [];
      const chosen = isMap(container) && required.every((key) => container.has(key)) ? resolved.then : resolved.else;
      if (chosen !== undefined) found.push(...branches(chosen, container, depth + 1));
    }
    const alternatives = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])];
    for (const alternative of alternatives) found.push(...branches(alternative, container, depth + 1));
    if (resolved.properties !== undefined || resolved.enum !== undefined || resolved.const !== undefined || resolved.items !== undefined || resolved.additionalProperties !== undefined) {
      found.push(resolved);
    }
    if (depth > 0 || !isMap(container)) return found;
    const kind = container.get('kind');
    const tagged = found.filter((branch) => branch.properties?.kind !== undefined && acceptsValue(deref(branch.properties.kind), kind));
    return tagged.length > 0 ? tagged : found;
  };

  const acceptsValue = (node: SchemaNode, value: unknown): boolean =>
    node.const === value || (node.enum?.includes(value) ?? false) || [...(node.anyOf ?? []), ...(node.oneOf ?? [])].some((branch) => acceptsValue(deref(branch), value));

  /** The schemas of the child `segment` of the given schemas. */
  const child = (schemas: SchemaNode[], segment: string | number): SchemaNode[] =>
    schemas.flatMap((schema) => {
      if (typeof segment === 'number') return schema.items === undefined ? [] : [schema.items];
      const property = schema.properties !== undefined && Object.hasOwn(schema.properties, segment) ? schema.properties[segment] : undefined;
      if (property !== undefined) return [property];
      return typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : [];
    });

  /** The schemas met at the end of `steps`, before choosing among their branches. */
  const walk = (steps: PathStep[]): SchemaNode[] => {
    let schemas: SchemaNode[] = [root];
    for (const step of steps) {
      schemas = child(schemas.flatMap((schema) => branches(schema, step.container)), step.segment);
    }
    return schemas;
  };

  /** The French description of a key's schema (its own, else the referenced definition's). */
  const describe = (node: SchemaNode, depth = 0): string | undefined => {
    if (node.description !== undefined) return node.description;
    if (depth > 8) return undefined;
    if (node.$ref !== undefined) return describe(deref(node), depth + 1);
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
      if (branch.type === 'null') continue; // a patch's « null removes the key », not what the key is
      const found = describe(branch, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  /** Every value a schema enumerates, with its French description. */
  const values = (node: SchemaNode, depth = 0): Proposal[] => {
    if (depth > 8) return [];
    const resolved = deref(node);
    const own: Proposal[] = (resolved.enum ?? []).map((value, index) => ({
      label: String(value),
      kind: 'value',
      documentation: resolved.enumDescriptions?.[index] ?? '',
    }));
    if (resolved.const !== undefined) own.push({ label: String(resolved.const), kind: 'value', documentation: resolved.description ?? '' });
    const nested = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].flatMap((branch) => values(branch, depth + 1));
    return unique([...own, ...nested]);
  };

  const keysOf = (schemas: SchemaNode[], container: Node | undefined): Proposal[] =>
    unique(
      schemas
        .flatMap((schema) => branches(schema, container))
        .flatMap((schema) => Object.entries(schema.properties ?? {}))
        .filter(([key]) => key !== '$schema')
        .map(([key, property]) => ({ label: key, kind: 'key' as const, documentation: describe(property) ?? '' })),
    );

  return {
    complete(text, offset) {
      const at = locate(text, offset);
      if (at === undefined) return undefined;
      const schemas = walk(at.steps);
      let options: Proposal[];
      if (at.role === 'key') {
        const present = new Set(at.map?.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')) ?? []);
        present.delete(at.word);
        options = keysOf(schemas, at.map).filter((option) => !present.has(option.label));
        if (options.length === 0) options = schemas.flatMap((schema) => values(schema));
      } else {
        options = unique(schemas.flatMap((schema) => values(schema)));
      }
      return options.length === 0 ? undefined : { from: at.from, to: at.to, options };
    },

    hover(text, offset) {
      const at = locate(text, offset);
      if (at === undefined || at.word === '') return undefined;
      if (at.role === 'key') {
        const schemas = walk([...at.steps, { segment: at.word, container: at.map }]);
        const paragraphs = unique(schemas.map((schema) => describe(schema)).filter((text): text is string => text !== undefined));
        return paragraphs.length === 0 ? undefined : { from: at.from, to: at.to, name: at.word, paragraphs: paragraphs.slice(0, 1) };
      }
      const schemas = walk(at.steps);
      const key = schemas.map((schema) => describe(schema)).find((text) => text !== undefined);
      const value = unique(schemas.flatMap((schema) => values(schema))).find((option) => option.label === at.word && option.documentation !== '');
      const paragraphs = [key, value === undefined ? undefined : `${value.label} : ${value.documentation}`].filter((text): text is string => text !== undefined);
      return paragraphs.length === 0 ? undefined : { from: at.from, to: at.to, name: at.word, paragraphs };
    },
  };
}

/** Keeps the first of equal items (proposals by label, texts by value). */
function unique<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = typeof item === 'object' && item !== null && 'label' in item ? String((item as { label: unknown }).label) : String(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
