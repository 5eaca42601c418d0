/**
 * The catalog built from a repository: a pure function, every valid call as one row.
 */
import type { Call, Period, Repository, ResolvedCall } from '../definition/index.ts';
import { formatDate } from '../time/index.ts';
import { tariffLines } from '../wording/index.ts';
import type { Catalog, CatalogMeasure, CatalogPeriod, CatalogPlan, CatalogRow, CatalogTerritory, CatalogWindow } from './catalog-types.ts';
import { describeFunding } from './describe-funding.ts';

const STATUS_LABELS: Record<Call['status'], string> = { draft: 'Brouillon', published: 'Publié', closed: 'Clos' };

/** What the catalog reads of a repository. */
export type CatalogSource = Pick<Repository, 'calls' | 'territories' | 'plan' | 'findings'>;

/**
 * Builds the catalog: every call of the repository that has no error, newest year first, then by title.
 * @example
 * const catalog = buildCatalog(await loadRepository('definitions'));
 * catalog.rows[0]?.windows[0]?.application.text // 'du 01/04/2025 au 09/05/2025'
 */
export function buildCatalog(repository: CatalogSource): Catalog {
  const rows = [...repository.calls.values()]
    .map((call) => buildRow(call, repository))
    .sort((a, b) => b.year - a.year || a.title.localeCompare(b.title, 'fr'));
  const invalidFiles = new Set(repository.findings.filter((f) => f.severity === 'error').map((f) => f.file));
  return { rows, invalid: invalidFiles.size };
}

function buildRow(resolved: ResolvedCall, repository: CatalogSource): CatalogRow {
  const call = resolved.definition;
  const measures = call.measures ?? {};
  const measureLabel = (id: string): string | undefined => measures[id]?.label;
  const plan = buildPlan(call, repository);
  const parent = resolved.parents[0];
  return {
    id: call.id,
    title: call.title,
    year: call.year,
    version: call.version,
    status: call.status,
    statusLabel: STATUS_LABELS[call.status],
    ...(parent !== undefined && { extends: parent }),
    file: resolved.file,
    ...(plan !== undefined && { plan }),
    territories: call.territories.map((id) => territory(id, repository)),
    windows: Object.entries(call.windows).map(([id, window]): CatalogWindow => ({
      id,
      label: window.label ?? id,
      territories: window.territories.map((t) => territory(t, repository)),
      application: period(window.application),
      agreement: period(window.agreement),
    })),
    funding: describeFunding(call, measureLabel, (ids) => repository.territories.expand(ids).length),
    measures: Object.entries(measures).map(([id, measure]): CatalogMeasure => ({
      id,
      label: measure.label ?? id,
      tariff: tariffLines(measure.tariff, measure.acts),
    })),
  };
}

function buildPlan(call: Call, repository: CatalogSource): CatalogPlan | undefined {
  if (call.plan === undefined) return undefined;
  const axis = repository.plan?.axes[String(call.plan.axis)];
  return {
    axis: call.plan.axis,
    ...(axis !== undefined && { axisLabel: axis.label }),
    ...(call.plan.sheet !== undefined && { sheet: call.plan.sheet }),
    orientations: (call.plan.orientations ?? []).map((id) => {
      const label = axis?.orientations[id] ?? findOrientation(repository, id);
      return label === undefined ? { id } : { id, label };
    }),
  };
}

function findOrientation(repository: CatalogSource, id: string): string | undefined {
  for (const axis of Object.values(repository.plan?.axes ?? {})) if (axis.orientations[id] !== undefined) return axis.orientations[id];
  return undefined;
}

function territory(id: string, repository: CatalogSource): CatalogTerritory {
  const catalog = repository.territories;
  const label = catalog.territories.get(id)?.label ?? catalog.groups.get(id)?.label ?? id;
  const covers = catalog.expand([id]).map((leaf) => catalog.territories.get(leaf)?.label ?? leaf);
  return { id, label, covers };
}

function period(value: Period): CatalogPeriod {
  if (value.unknown === true) {
    return { kind: 'unknown', text: 'Dates non connues', ...(value.note !== undefined && { note: value.note }) };
  }
  if (!('start' in value)) {
    return { kind: 'deadline', end: value.end, text: `jusqu'au ${formatDate(value.end)} (ouverture non précisée)`, ...(value.note !== undefined && { note: value.note }) };
  }
  return { kind: 'known', start: value.start, end: value.end, text: `du ${formatDate(value.start)} au ${formatDate(value.end)}` };
}
