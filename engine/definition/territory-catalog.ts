/**
 * The shared catalog of territories (the Département's territories, their EPCIs, named groups such as "AMI 1").
 */
import type { Call, Window } from './definition-types.ts';

/** A territory of the Département with its EPCIs (id → label). */
export interface Territory {
  id: string;
  label: string;
  epcis: Map<string, string>;
}

/** A named group of territories or of other groups. */
export interface TerritoryGroup {
  id: string;
  label: string;
  members: string[];
}

/** The territories and groups known to a repository. */
export class TerritoryCatalog {
  readonly territories = new Map<string, Territory>();
  readonly groups = new Map<string, TerritoryGroup>();

  /** True when `id` names a territory or a group. */
  has(id: string): boolean {
    return this.territories.has(id) || this.groups.has(id);
  }

  /**
   * Expands territory and group ids to territory ids (sorted, without repeats); unknown ids are ignored
   * (the validator reports them as `territoire-inconnu`).
   * @example
   * catalog.expand(['ami-1']) // ['arras', 'lens-henin', …]
   */
  expand(ids: readonly string[]): string[] {
    const result = new Set<string>();
    const visiting = new Set<string>();
    const visit = (id: string): void => {
      if (this.territories.has(id)) {
        result.add(id);
        return;
      }
      const group = this.groups.get(id);
      if (group === undefined || visiting.has(id)) return;
      visiting.add(id);
      group.members.forEach(visit);
      visiting.delete(id);
    };
    ids.forEach(visit);
    return [...result].sort();
  }

  /** The territory whose EPCIs include `epciId`, if any. */
  territoryOfEpci(epciId: string): Territory | undefined {
    for (const territory of this.territories.values()) if (territory.epcis.has(epciId)) return territory;
    return undefined;
  }

  /** The window of `call` that covers `territoryId` (first in declaration order), if any. */
  windowFor(call: Pick<Call, 'windows'>, territoryId: string): { id: string; window: Window } | undefined {
    for (const [id, window] of Object.entries(call.windows ?? {})) {
      if (this.expand(window.territories).includes(territoryId)) return { id, window };
    }
    return undefined;
  }
}
