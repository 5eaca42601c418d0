/**
 * What an indicator's field is: where it is stored (the instance's data or the event's message), its type,
 * its French label and value labels, and its sensitivity. Read from the definition: the declared fields
 * (beneficiary, applicant) first, then the JSON Schemas of the event messages that fill the data.
 */
import type { Call, Field, Indicator, Lifecycle } from '../definition/index.ts';
import { assertNever } from '../errors.ts';

/** The sensitivities of the definition language (`none` is not sensitive). */
export type Sensitivity = NonNullable<Field['sensitivity']>;

/** A field an indicator reads. */
export interface IndicatorField {
  id: string;
  label: string;
  /** The declared type, or the JSON Schema type of the message property. */
  type: Field['type'];
  /** `data`: the instance's business data; `payload`: the event's message. */
  location: 'data' | 'payload';
  sensitivity: Sensitivity;
  /** Labels of an enum's values, in declaration order. */
  values?: Record<string, string>;
}

/**
 * Finds `fieldId` for an indicator; `undefined` when the definition does not declare it.
 * For `of: events`, the event's message comes first, then the data of the instance it was sent to.
 */
export function resolveIndicatorField(call: Call, indicator: Indicator, fieldId: string): IndicatorField | undefined {
  if (indicator.of === 'events') {
    const event = indicator.event === undefined ? undefined : eventSchemaProperty(lifecyclesOf(call, indicator), indicator.event, fieldId);
    if (event) return { ...withDeclared(call, indicator, fieldId, event), location: 'payload' };
  }
  const declared = declaredField(call, indicator, fieldId);
  if (declared) return { ...declared, location: 'data' };
  for (const lifecycle of lifecyclesOf(call, indicator)) {
    for (const eventId of Object.keys(lifecycle.events ?? {})) {
      const property = eventSchemaProperty([lifecycle], eventId, fieldId);
      if (property) return { ...property, location: 'data' };
    }
  }
  if (indicator.of === 'reports') return reportDataField(fieldId);
  return undefined;
}

/** The lifecycles whose instances an indicator reads. */
export function lifecyclesOf(call: Call, indicator: Pick<Indicator, 'of' | 'measure'>): Lifecycle[] {
  const measures = Object.entries(call.measures ?? {}).filter(([id]) => indicator.measure === undefined || id === indicator.measure);
  const ofMeasures = measures.flatMap(([, measure]) => (measure.lifecycle ? [measure.lifecycle] : []));
  const application = call.lifecycles?.application ? [call.lifecycles.application] : [];
  const report = call.lifecycles?.report ? [call.lifecycles.report] : [];
  switch (indicator.of) {
    case 'measures':
      return ofMeasures;
    case 'applications':
      return application;
    case 'reports':
      return report;
    case 'events':
      return indicator.measure === undefined ? [...ofMeasures, ...application, ...report] : ofMeasures;
    default:
      return assertNever(indicator.of);
  }
}

type FieldInfo = Omit<IndicatorField, 'location'>;

function declaredField(call: Call, indicator: Indicator, fieldId: string): FieldInfo | undefined {
  const sources: Array<Record<string, Field> | undefined> = [];
  if (indicator.of === 'applications' || (indicator.of === 'events' && indicator.measure === undefined)) sources.push(call.applicants?.fields);
  if (indicator.of === 'measures' || indicator.of === 'events') {
    for (const [id, measure] of Object.entries(call.measures ?? {})) {
      if (indicator.measure === undefined || id === indicator.measure) sources.push(measure.beneficiary?.fields);
    }
  }
  for (const fields of sources) {
    const field = fields?.[fieldId];
    if (field) return fromDeclared(fieldId, field);
  }
  return undefined;
}

function withDeclared(call: Call, indicator: Indicator, fieldId: string, fromSchema: FieldInfo): FieldInfo {
  return declaredField(call, indicator, fieldId) ?? fromSchema;
}

function fromDeclared(id: string, field: Field): FieldInfo {
  const info: FieldInfo = { id, label: field.label, type: field.type, sensitivity: field.sensitivity ?? 'none' };
  if (field.values) info.values = { ...field.values };
  return info;
}

function eventSchemaProperty(lifecycles: Lifecycle[], eventId: string, fieldId: string): FieldInfo | undefined {
  for (const lifecycle of lifecycles) {
    const payload = lifecycle.events?.[eventId]?.payload as { properties?: Record<string, unknown> } | undefined;
    const property = payload?.properties?.[fieldId];
    if (property && typeof property === 'object') return fromSchema(fieldId, property as SchemaProperty);
  }
  return undefined;
}

interface SchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  title?: string;
  format?: string;
}

function fromSchema(id: string, property: SchemaProperty): FieldInfo {
  const label = property.title ?? id;
  if (Array.isArray(property.enum)) {
    const values = Object.fromEntries(property.enum.map((value) => [String(value), String(value)]));
    return { id, label, type: 'enum', sensitivity: 'none', values };
  }
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
  switch (type) {
    case 'integer':
      return { id, label, type: 'integer', sensitivity: 'none' };
    case 'number':
      return { id, label, type: 'number', sensitivity: 'none' };
    case 'boolean':
      return { id, label, type: 'boolean', sensitivity: 'none' };
    case 'array':
      return { id, label, type: 'list', sensitivity: 'none' };
    default:
      return { id, label, type: property.format === 'date' ? 'date' : 'string', sensitivity: 'none' };
  }
}

/** The data the engine gives every report instance (see `definitions/shared/cycles/rapport.yaml`). */
function reportDataField(fieldId: string): IndicatorField | undefined {
  switch (fieldId) {
    case 'rapport':
      return { id: fieldId, label: 'Bilan', type: 'string', location: 'data', sensitivity: 'none' };
    case 'nature':
      return { id: fieldId, label: 'Nature du bilan', type: 'enum', location: 'data', sensitivity: 'none', values: { intermediate: 'Bilan intermédiaire', final: 'Bilan final' } };
    case 'echeance':
      return { id: fieldId, label: 'Échéance', type: 'date', location: 'data', sensitivity: 'none' };
    default:
      return undefined;
  }
}
