/**
 * The JSON Schemas of the OpenAPI document, taken from the very schemas the engine validates with: the
 * definition language's schema (draft-07, hoisted into `components.schemas`) and each event's payload
 * schema from the loaded definitions.
 */
import { readFileSync } from 'node:fs';
import type { Lifecycle, ResolvedCall } from '../engine/definition/index.ts';

/** A JSON Schema as plain JSON. */
export type JsonSchema = Record<string, unknown>;

/** An event of a lifecycle, as the OpenAPI document describes it. */
export interface OpenApiEvent {
  type: string;
  label: string;
  roles?: string[];
  /** The payload's JSON Schema, as the definition writes it (absent: no payload). */
  payload?: JsonSchema;
}

/** A lifecycle of a loaded call: `application`, `report` or `measure:<measure id>`. */
export interface OpenApiLifecycle {
  key: string;
  label?: string;
  events: OpenApiEvent[];
}

/** A loaded call, reduced to what the OpenAPI document needs. */
export interface OpenApiCall {
  id: string;
  version: number;
  title: string;
  lifecycles: OpenApiLifecycle[];
}

const DEFINITION_SCHEMA_URL = new URL('../schema/definition.schema.json', import.meta.url);

/** The component name of the definition language's root schema. */
export const DEFINITION_COMPONENT = 'Definition';

/** Reads the definition language's schema from `schema/definition.schema.json`. */
export function readDefinitionSchema(): JsonSchema {
  return JSON.parse(readFileSync(DEFINITION_SCHEMA_URL, 'utf8')) as JsonSchema;
}

/**
 * Hoists a draft-07 schema with `definitions` into OpenAPI components: the root becomes `<root>`, each
 * definition `<root>.<name>`, and every `#/definitions/<name>` reference points at its component.
 * Draft-07 keywords used by the definition schema are valid in OpenAPI 3.1's JSON Schema 2020-12 dialect.
 * @example
 * hoistDefinitions(readDefinitionSchema(), 'Definition') // { Definition: {…}, 'Definition.call': {…}, … }
 */
export function hoistDefinitions(schema: JsonSchema, root: string): Record<string, JsonSchema> {
  const { definitions, $schema: _dialect, $id: _id, ...rest } = schema;
  const rewrite = (value: unknown): unknown => rewriteRefs(value, (ref) => {
    const match = /^#\/definitions\/(.+)$/.exec(ref);
    return match?.[1] === undefined ? ref : `#/components/schemas/${root}.${match[1]}`;
  });
  const components: Record<string, JsonSchema> = { [root]: rewrite(rest) as JsonSchema };
  if (typeof definitions === 'object' && definitions !== null) {
    for (const [name, sub] of Object.entries(definitions as Record<string, unknown>)) {
      components[`${root}.${name}`] = rewrite(sub) as JsonSchema;
    }
  }
  return components;
}

/** Copies a schema, rewriting every `$ref` keyword (never a property that happens to be named `$ref`). */
function rewriteRefs(value: unknown, map: (ref: string) => string, underProperties = false): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, map));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(value as Record<string, unknown>)) {
    if (!underProperties && key === '$ref' && typeof sub === 'string') copy[key] = map(sub);
    else copy[key] = rewriteRefs(sub, map, !underProperties && (key === 'properties' || key === 'patternProperties' || key === 'definitions'));
  }
  return copy;
}

/** The component name of an event's request body. */
export function eventComponentName(call: OpenApiCall, lifecycle: OpenApiLifecycle, event: OpenApiEvent): string {
  return `Event.${call.id}.v${call.version}.${lifecycle.key.replace(':', '.')}.${event.type}`;
}

/**
 * The request body schema of one event: `{ type: <event>, payload: <its schema> }`, with the labels in
 * French so that the documentation reads like the definition.
 */
export function eventBodySchema(call: OpenApiCall, lifecycle: OpenApiLifecycle, event: OpenApiEvent): JsonSchema {
  const roles = event.roles === undefined ? '' : ` Rôles : ${event.roles.join(', ')}.`;
  const { $schema: _dialect, $id: _id, ...payload } = event.payload ?? {};
  const properties: Record<string, JsonSchema> = { type: { const: event.type } };
  if (event.payload !== undefined) properties['payload'] = payload;
  return {
    title: `${event.label} (${call.id} v${call.version}, ${lifecycle.key})`,
    description: `${event.label}.${roles}`,
    type: 'object',
    required: event.payload === undefined ? ['type'] : ['type', 'payload'],
    additionalProperties: false,
    properties,
  };
}

/** The components of every event of the loaded calls, and the lists of them per instance kind. */
export function eventComponents(calls: readonly OpenApiCall[]): {
  schemas: Record<string, JsonSchema>;
  byKind: Record<'application' | 'measure' | 'report', string[]>;
} {
  const schemas: Record<string, JsonSchema> = {};
  const byKind: Record<'application' | 'measure' | 'report', string[]> = { application: [], measure: [], report: [] };
  for (const call of calls) {
    for (const lifecycle of call.lifecycles) {
      const kind = lifecycle.key.startsWith('measure:') ? 'measure' : lifecycle.key === 'report' ? 'report' : 'application';
      for (const event of lifecycle.events) {
        const name = eventComponentName(call, lifecycle, event);
        schemas[name] = eventBodySchema(call, lifecycle, event);
        byKind[kind].push(name);
      }
    }
  }
  return { schemas, byKind };
}

/** Reduces resolved calls to their lifecycles and events (what the OpenAPI document describes). */
export function openApiCallsOf(calls: Iterable<ResolvedCall>): OpenApiCall[] {
  const result: OpenApiCall[] = [];
  for (const { id, version, definition } of calls) {
    const lifecycles: OpenApiLifecycle[] = [];
    const add = (key: string, lifecycle: Lifecycle | undefined): void => {
      if (lifecycle === undefined) return;
      const events = Object.entries(lifecycle.events ?? {}).map(([type, event]) => {
        const described: OpenApiEvent = { type, label: event.label };
        if (event.roles !== undefined) described.roles = [...event.roles];
        if (event.payload !== undefined) described.payload = event.payload;
        return described;
      });
      const described: OpenApiLifecycle = { key, events };
      if (lifecycle.label !== undefined) described.label = lifecycle.label;
      lifecycles.push(described);
    };
    add('application', definition.lifecycles?.application);
    for (const [measureId, measure] of Object.entries(definition.measures ?? {})) add(`measure:${measureId}`, measure.lifecycle);
    add('report', definition.lifecycles?.report);
    result.push({ id, version, title: definition.title, lifecycles });
  }
  return result.sort((a, b) => a.id.localeCompare(b.id));
}
