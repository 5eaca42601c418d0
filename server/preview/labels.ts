/**
 * French names the sheet needs that a call holds as ids: territories, funding sources, the plan's axes,
 * and every source the definition cites.
 */
import type { Call, Repository, Source } from '../../engine/definition/index.ts';

const FUNDING_SOURCES: Record<string, string> = {
  departement: 'Département',
  fsl: 'Fonds de solidarité logement (FSL)',
  'logement-d-abord': "Logement d'abord",
  dihal: 'DIHAL (État)',
  'pacte-des-solidarites': 'Pacte des solidarités',
  etat: 'État',
  epci: 'EPCI',
};

/** The label of a territory or a group of the catalog (its id when unknown). */
export function territoryLabel(repository: Repository, id: string): string {
  return repository.territories.groups.get(id)?.label ?? repository.territories.territories.get(id)?.label ?? id;
}

/** A group with its members: « AMI 1 (Lens-Hénin, Artois) »; a territory: its label. */
export function territoryWithMembers(repository: Repository, id: string): string {
  const group = repository.territories.groups.get(id);
  if (group === undefined) return territoryLabel(repository, id);
  return `${group.label} (${group.members.map((member) => territoryLabel(repository, member)).join(', ')})`;
}

/** The French name of a funding source. */
export function fundingSourceLabel(id: string): string {
  return FUNDING_SOURCES[id] ?? id;
}

/** The plan's axis and orientations in words, when the repository holds the plan. */
export function planWords(repository: Repository, plan: NonNullable<Call['plan']>): { axis: string; orientations: string[] } {
  const axis = repository.plan?.axes[String(plan.axis)];
  return {
    axis: axis === undefined ? `Axe ${plan.axis}` : `Axe ${plan.axis} : ${axis.label}`,
    orientations: (plan.orientations ?? []).map((letter) => (axis?.orientations[letter] ? `${letter}. ${axis.orientations[letter]}` : letter)),
  };
}

/** A cited passage of a source document. */
export interface Citation {
  section: string;
  line?: number;
  quote?: string;
  choice?: string;
}

/** Every source the definition cites, by document, each passage once, in line order. */
export function citedSources(call: Call): Map<string, Citation[]> {
  const byDocument = new Map<string, Map<string, Citation>>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'source' && isSource(item)) {
        const passages = byDocument.get(item.document) ?? new Map<string, Citation>();
        const citation: Citation = { section: item.section, line: item.line, quote: item.quote, choice: item.choice };
        passages.set(JSON.stringify(citation), citation);
        byDocument.set(item.document, passages);
      } else visit(item);
    }
  };
  visit(call);
  const sorted = new Map<string, Citation[]>();
  for (const document of [...byDocument.keys()].sort()) {
    sorted.set(document, [...byDocument.get(document)!.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.section.localeCompare(b.section)));
  }
  return sorted;
}

function isSource(value: unknown): value is Source {
  return typeof value === 'object' && value !== null && typeof (value as Source).document === 'string' && typeof (value as Source).section === 'string';
}
