/**
 * A call's indicators in its scenarios: `expect: { indicators: … }` checks totals and groups at a step, and
 * every run records which indicators got a value, so that `dispositifs test` says (at the indicator's line)
 * which ones no scenario feeds, and which ones fail to compute.
 */
import type { Finding, Repository } from '../definition/index.ts';
import { buildReport, type IndicatorResult } from '../report/index.ts';
import type { Store } from '../store/index.ts';
import type { IndicatorExpectation } from './scenario-types.ts';

/** The indicators of `callId` on the data of a scenario, as the Département sees them (nothing masked). */
export async function scenarioIndicators(store: Pick<Store, 'db' | 'dialect'>, repository: Pick<Repository, 'calls' | 'territories' | 'pieces'>, callId: string, now: Date): Promise<IndicatorResult[]> {
  const call = repository.calls.get(callId);
  if (call === undefined) return [];
  return (await buildReport({ store, call, viewer: { role: 'departement' }, repository, now })).indicators;
}

/** The problems of expected indicators against computed ones, in French. */
export function indicatorProblems(expected: Record<string, IndicatorExpectation>, computed: readonly IndicatorResult[]): string[] {
  const problems: string[] = [];
  for (const [id, expectation] of Object.entries(expected)) {
    const result = computed.find((r) => r.id === id);
    if (result === undefined) {
      problems.push(`indicateur « ${id} » inconnu de l'appel (indicateurs : ${computed.map((r) => r.id).join(', ') || 'aucun'})`);
      continue;
    }
    if (result.status !== 'ok') {
      problems.push(`indicateur « ${id} » non calculé : ${result.message}`);
      continue;
    }
    const { total, groups } = typeof expectation === 'number' ? { total: expectation, groups: undefined } : expectation;
    if (total !== undefined && result.total !== total) problems.push(`indicateur « ${id} » (${result.label}) : total attendu ${total}, obtenu ${result.total ?? 'aucun'}`);
    for (const [by, keys] of Object.entries(groups ?? {})) {
      const breakdown = result.breakdowns.find((b) => b.by.join('+') === by);
      if (breakdown === undefined) {
        problems.push(`indicateur « ${id} » : pas de regroupement « ${by} » (regroupements : ${result.breakdowns.map((b) => b.by.join('+')).join(', ') || 'aucun'})`);
        continue;
      }
      for (const [key, value] of Object.entries(keys)) {
        const row = breakdown.rows.find((r) => r.keys.map((k) => k ?? '').join('/') === key);
        if (row?.value !== value) problems.push(`indicateur « ${id} », ${breakdown.label}, « ${key} » : attendu ${value}, obtenu ${row?.value ?? 'aucune ligne'}`);
      }
    }
  }
  return problems;
}

/** What the scenarios of a call gave each indicator: the largest total seen, and computing errors. */
export class IndicatorTally {
  readonly #seen = new Map<string, Map<string, { largest: number; errors: Set<string> }>>();

  /** Records the indicators computed at the end of a scenario of `callId`. */
  record(callId: string, results: readonly IndicatorResult[]): void {
    const call = this.#seen.get(callId) ?? new Map();
    this.#seen.set(callId, call);
    for (const result of results) {
      const seen = call.get(result.id) ?? { largest: 0, errors: new Set<string>() };
      call.set(result.id, seen);
      if (result.status === 'ok') seen.largest = Math.max(seen.largest, Math.abs(result.total ?? 0));
      else seen.errors.add(result.message);
    }
  }

  /**
   * Findings at each indicator's place: an error when it does not compute, a warning when no scenario of
   * the call gives it a value (unless no window of the call is known yet: nobody can apply).
   */
  findings(repository: Pick<Repository, 'calls'>): Finding[] {
    const findings: Finding[] = [];
    for (const [callId, indicators] of this.#seen) {
      const call = repository.calls.get(callId);
      if (call === undefined) continue;
      const open = Object.values(call.definition.windows).some((w) => w.application.unknown !== true);
      for (const [id, seen] of indicators) {
        const pointer = `/indicators/${id}`;
        const at = call.locate(pointer, { key: true });
        const label = call.definition.indicators?.[id]?.label ?? id;
        for (const message of seen.errors) {
          findings.push({ code: 'indicateur-en-erreur', severity: 'error', message: `L'indicateur « ${label} » (${callId}) ne se calcule pas : ${message}`, ...at, path: pointer });
        }
        if (seen.errors.size === 0 && seen.largest === 0 && open) {
          findings.push({
            code: 'indicateur-sans-donnees',
            severity: 'warning',
            message: `Aucun scénario de « ${callId} » ne donne de valeur à l'indicateur « ${label} » : ajoutez un scénario qui produit ce qu'il compte (et vérifiez-le avec « expect: { indicators: { ${id}: … } } »), ou corrigez son filtre s'il ne peut rien compter.`,
            ...at,
            path: pointer,
          });
        }
      }
    }
    return findings;
  }
}
