import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../engine/definition/index.ts';
import { checkOrganisation } from '../../engine/organisations/index.ts';
import { openApiDocument } from '../../server/openapi.ts';

// CommonJS module: its default export arrives wrapped under tsx/NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const newAjv = () => addFormats(new Ajv2020({ strict: false, allErrors: true }));

describe('the OpenAPI document', async () => {
  const repository = await loadRepository('definitions');
  const document = openApiDocument(repository.calls.values()) as {
    paths: Record<string, unknown>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };

  it('is valid OpenAPI 3.1 (the official schema)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes each event body with the payload schema the definition gives it', () => {
    const call = repository.calls.get('prevention-expulsions-2024')!;
    const terminer = call.definition.measures!['equipe-mobile']!.lifecycle!.events!['terminer']!;
    const component = document.components.schemas['Event.prevention-expulsions-2024.v1.measure.equipe-mobile.terminer']!;
    expect((component['properties'] as Record<string, unknown>)['payload']).toEqual(terminer.payload);
    const measureBodies = JSON.stringify(document.components.schemas['EventBody.measure']);
    expect(measureBodies).toContain('Event.equipes-mobiles-2025.v1.measure.equipe-mobile.semaine');
  });

  it('compiles every schema it holds, so that a client can validate with them', () => {
    const ajv = newAjv();
    ajv.addSchema({ $id: 'https://dispositifs.local/openapi.json', components: document.components }, 'openapi');
    const every = Object.keys(document.components.schemas).map((name) => ({ $ref: `https://dispositifs.local/openapi.json#/components/schemas/${name}` }));
    expect(() => ajv.compile({ anyOf: every })).not.toThrow();
  });

  it('holds the definition language schema that validates a real definition', () => {
    const ajv = newAjv();
    ajv.addSchema({ $id: 'https://dispositifs.local/openapi.json', components: document.components }, 'openapi');
    const validate = ajv.compile({ $ref: 'https://dispositifs.local/openapi.json#/components/schemas/Definition' });
    const definition = repository.calls.get('prevention-expulsions-2024')!.definition;
    expect(validate(definition), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ kind: 'call', id: 'x' })).toBe(false);
  });

  it('describes the organisation body as the register checks it', () => {
    const ajv = newAjv();
    ajv.addSchema({ $id: 'https://dispositifs.local/openapi.json', components: document.components }, 'openapi');
    const validate = ajv.compile({ $ref: 'https://dispositifs.local/openapi.json#/components/schemas/OrganisationInput' });
    const good = { id: 'adil-62', name: 'ADIL 62', siret: '35600000000048', email: 'contact@adil62.fr' };
    const bodies = [good, { ...good, fax: '03 21' }, { ...good, id: 'ADIL 62' }, { ...good, name: 'x'.repeat(301) }, { id: 'adil-62', siret: '35600000000048' }];
    const verdicts = bodies.map((body) => [validate(body), checkOrganisation(body).findings.length === 0]);
    expect(verdicts).toEqual([[true, true], [false, false], [false, false], [false, false], [false, false]]);
  });
});
