#!/usr/bin/env node
// Derives, from the hand-written part of schema/definition.schema.json (the one source of truth):
// - the `*Patch` definitions of the schema itself: what a child call (extends) or a local change of a shared
//   piece (use) may write, i.e. the same keys with nothing required and null to remove a key (RFC 7396);
//   editors validate such documents against them, the validator validates the resolved document instead;
// - engine/definition/definition-types.ts, the TypeScript types of resolved definitions.
// `npm run gen:types` writes both; `node bin/gen-types.js --check` exits 1 when either is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = new URL('../', import.meta.url);
const schemaPath = fileURLToPath(new URL('schema/definition.schema.json', root));
const typesPath = fileURLToPath(new URL('engine/definition/definition-types.ts', root));

/** Definitions that choose between a full object and a patch: name → the full definition. */
const ENTRIES = { callFile: 'call', measureEntry: 'measure', lifecycleEntry: 'lifecycle' };
/** Objects that are not patched: embedded JSON Schemas (merged as plain objects), whole files. */
const NOT_PATCHED = new Set(['jsonSchema', 'measurePiece', 'lifecyclePiece', 'territoriesPiece', 'planPiece']);
const PATCH_SUFFIX = 'Patch';
const GENERATED_NOTE = 'Généré par « npm run gen:types » à partir de la définition du même nom sans « Patch » : ne pas modifier à la main.';

/** The schema with its `*Patch` definitions regenerated. */
export function withPatchDefinitions(schema) {
  const definitions = Object.fromEntries(Object.entries(schema.definitions).filter(([name]) => !name.endsWith(PATCH_SUFFIX)));
  const patchable = new Set(Object.keys(definitions).filter((name) => isObjectLike(definitions[name]) && !NOT_PATCHED.has(name) && !(name in ENTRIES)));
  const patchOf = (node) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/definitions/', '');
      const target = ENTRIES[name] ?? name;
      return patchable.has(target) ? { ...node, $ref: `#/definitions/${target}${PATCH_SUFFIX}` } : node;
    }
    if (Array.isArray(node.oneOf)) return patchOf(mergeBranches(node, definitions));
    if (Array.isArray(node.anyOf)) return { ...node, anyOf: node.anyOf.map(patchOf) };
    if (!isObjectLike(node)) return node;
    const { required, minProperties, if: _if, then: _then, else: _else, discriminator, title, ...rest } = node;
    const result = { ...rest, type: 'object' };
    if (node.properties) {
      result.properties = Object.fromEntries(Object.entries(node.properties).map(([key, value]) => [key, nullable(patchOf(value))]));
    }
    if (node.additionalProperties !== undefined && typeof node.additionalProperties === 'object') {
      result.additionalProperties = nullable(patchOf(node.additionalProperties));
    }
    return result;
  };
  const patches = {};
  for (const name of patchable) {
    const { title, ...patch } = patchOf({ ...definitions[name], $ref: undefined });
    delete patch.$ref;
    // The whole definition's French title: editors show it on hover, never the internal name.
    patches[`${name}${PATCH_SUFFIX}`] = { title: definitions[name].title, $comment: GENERATED_NOTE, ...patch };
  }
  // A child call names its own id and its parent.
  patches.callPatch.required = ['kind', 'id', 'extends'];
  // Keep only the patches reachable from an entry (a union's branches are merged into one patch).
  const reachable = new Set();
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/definitions/', '');
      if (name.endsWith(PATCH_SUFFIX) && !reachable.has(name)) {
        reachable.add(name);
        visit(patches[name]);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const target of Object.values(ENTRIES)) visit({ $ref: `#/definitions/${target}${PATCH_SUFFIX}` });
  const kept = Object.fromEntries(Object.entries(patches).filter(([name]) => reachable.has(name)));
  return { ...schema, definitions: { ...definitions, ...kept } };
}

function isObjectLike(node) {
  return node?.type === 'object' || node?.properties !== undefined || Array.isArray(node?.oneOf);
}

/** A union of tagged objects as one object: every key of every branch, kind among all tags. */
function mergeBranches(node, definitions) {
  const properties = {};
  const tags = [];
  const tagDescriptions = [];
  for (const branch of node.oneOf) {
    const target = branch.$ref ? definitions[branch.$ref.replace('#/definitions/', '')] : branch;
    for (const [key, value] of Object.entries(target.properties ?? {})) {
      if (key === 'kind' && 'const' in value) {
        tags.push(value.const);
        tagDescriptions.push(target.title ?? value.const);
        properties.kind ??= { description: value.description };
        continue;
      }
      const existing = properties[key];
      if (existing === undefined) properties[key] = value;
      else if (JSON.stringify(existing) !== JSON.stringify(value)) {
        const variants = existing.anyOf && existing.$merged ? existing.anyOf : [existing];
        if (!variants.some((variant) => JSON.stringify(variant) === JSON.stringify(value))) {
          properties[key] = { $merged: true, anyOf: [...variants, value] };
        }
      }
    }
  }
  if (tags.length > 0) properties.kind = { ...properties.kind, enum: tags, enumDescriptions: tagDescriptions };
  for (const [key, value] of Object.entries(properties)) {
    if (!value.$merged) continue;
    // A key that means one thing per branch: its description says each, so that no key goes undocumented.
    const { $merged, ...merged } = value;
    const described = [...new Set(merged.anyOf.map((variant) => variant.description ?? definitions[variant.$ref?.replace('#/definitions/', '')]?.description).filter(Boolean))];
    properties[key] = described.length === 0 ? merged : { description: described.join(' Ou : '), ...merged };
  }
  const { oneOf, discriminator, ...rest } = node;
  return { ...rest, type: 'object', additionalProperties: false, properties };
}

/** `null` in a patch: removes the key (RFC 7396). Titled, so that editors never show a neighbour's title for it. */
const NULL_REMOVES = { title: 'null', description: 'null retire la clé héritée (JSON Merge Patch, RFC 7396).', type: 'null' };

function nullable(node) {
  if (node === true || node === false) return node;
  const { description, ...rest } = node;
  return { ...(description !== undefined && { description }), anyOf: [rest, NULL_REMOVES] };
}

/** Type names that are not the definition's key in PascalCase (`Date` would shadow the global). */
const TYPE_NAMES = { date: 'CalendarDate' };

/** The TypeScript name of a definition (its `title` is French, for people; the type is named from its key). */
function typeName(definition) {
  return TYPE_NAMES[definition] ?? definition[0].toUpperCase() + definition.slice(1);
}

/** Generates the TypeScript source of the types of resolved definitions (patches and entries left out). */
export async function generateDefinitionTypes(schema) {
  const resolvedOnly = prepareForTypes(schema);
  resolvedOnly.title = 'DefinitionFile';
  const source = await compile(resolvedOnly, 'DefinitionFile', {
    bannerComment: '/* Generated by `npm run gen:types` from schema/definition.schema.json: do not edit by hand. */',
    additionalProperties: false,
    unreachableDefinitions: true,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  return source.replaceAll(EXTENDS_PLACEHOLDER, 'extends');
}

const EXTENDS_PLACEHOLDER = 'extends__property';

/**
 * Adapts the schema to json-schema-to-typescript without changing what it says of resolved definitions:
 * - patches and entries go (a resolved definition is always full): a reference to an entry names the full type;
 * - each type is named from its definition's key (the schema's titles are French, for editors);
 * - a `$ref` with a sibling description becomes `allOf: [{ $ref }]`, so that the referenced type is reused
 *   (instead of copies named Id1, Id2…) and the description still documents the property;
 * - a property named `extends` is renamed while compiling (the tool reads `extends` as a legacy keyword);
 * - an embedded JSON Schema is typed as a record.
 */
function prepareForTypes(schema) {
  const definitions = Object.fromEntries(
    Object.entries(schema.definitions)
      .filter(([name]) => !name.endsWith(PATCH_SUFFIX) && !(name in ENTRIES))
      .map(([name, definition]) => [name, { ...definition, title: typeName(name) }]),
  );
  const prepare = (node) => {
    if (Array.isArray(node)) return node.map(prepare);
    if (node === null || typeof node !== 'object') return node;
    const result = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties') {
        result.properties = {};
        for (const [name, property] of Object.entries(value)) {
          result.properties[name === 'extends' ? EXTENDS_PLACEHOLDER : name] = prepare(property);
        }
      } else if (key === '$ref') {
        const name = value.replace('#/definitions/', '');
        result.$ref = `#/definitions/${ENTRIES[name] ?? name}`;
      } else result[key] = prepare(value);
    }
    if (result.title === 'JsonSchema') result.tsType = 'Record<string, unknown>';
    if (typeof result.$ref === 'string' && Object.keys(result).length > 1) {
      const { $ref, ...rest } = result;
      return { ...rest, allOf: [{ $ref }] };
    }
    return result;
  };
  return prepare({ ...schema, definitions });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const current = await readFile(schemaPath, 'utf8');
  const schema = withPatchDefinitions(JSON.parse(current));
  const schemaText = `${JSON.stringify(schema, null, 2)}\n`;
  const types = await generateDefinitionTypes(schema);
  const currentTypes = await readFile(typesPath, 'utf8').catch(() => '');
  if (process.argv.includes('--check')) {
    const stale = [current !== schemaText && 'schema/definition.schema.json (définitions *Patch)', currentTypes !== types && 'engine/definition/definition-types.ts'].filter(Boolean);
    if (stale.length > 0) {
      console.error(`Périmé : ${stale.join(', ')}. Lancez « npm run gen:types ».`);
      process.exit(1);
    }
  } else {
    if (current !== schemaText) await writeFile(schemaPath, schemaText);
    if (currentTypes !== types) await writeFile(typesPath, types);
    console.log('schema/definition.schema.json (définitions *Patch) et engine/definition/definition-types.ts à jour.');
  }
}
