/**
 * The bound before any activity counts the longest durations and the acts the lifecycle allows: read on the
 * shipped measures, their expectations taken from the definition files (start durations, maxDuration
 * guards on renewals, acts on transitions that come back), never written per call.
 */
import { describe, expect, it } from 'vitest';
import { loadRepository, type Call, type Lifecycle, type Measure, type Tariff } from '../../../engine/definition/index.ts';
import { costBound, lifecycleLimits, monthsOf, parseMoney } from '../../../engine/money/index.ts';

const repository = await loadRepository('definitions');
const count = (ids: readonly string[]) => repository.territories.expand(ids).length;
const measures = [...repository.calls.values()].flatMap((call) =>
  Object.entries(call.definition.measures ?? {}).filter(([, m]) => m.lifecycle).map(([id, m]) => ({ call: call.definition, id, measure: m as Measure & { lifecycle: Lifecycle } })));

/** Every transition of a lifecycle with where it is. */
function transitions(lifecycle: Lifecycle) {
  return Object.entries(lifecycle.states ?? {}).flatMap(([state, s]) => Object.entries(s.on ?? {}).flatMap(([event, spec]) => (Array.isArray(spec) ? spec : [spec]).map((t) => ({ state, event, t }))));
}

/** The prorata parts of a tariff. */
function prorata(tariff: Tariff | undefined): Array<Extract<Tariff, { kind: 'prorata' }>> {
  if (!tariff) return [];
  if (tariff.kind === 'prorata') return [tariff];
  return tariff.kind === 'sum' ? Object.values(tariff.parts).flatMap(prorata) : [];
}

/** The call with one measure replaced (a deep copy: the repository is not touched). */
function withMeasure(call: Call, id: string, change: (m: Measure & { lifecycle: Lifecycle }) => void): Call {
  const copy = structuredClone(call);
  change(copy.measures![id] as Measure & { lifecycle: Lifecycle });
  return copy;
}

const boundOf = (call: Call, id: string) => costBound(call, count).measures.find((m) => m.measure === id)!.perMeasure;

describe('lifecycleLimits on the shipped measures', () => {
  it('gives the longest period: the longest start, lengthened up to the maxDuration guards of its renewals', () => {
    let checked = 0;
    for (const { measure } of measures) {
      const all = transitions(measure.lifecycle);
      const starts = all.flatMap(({ t }) => (t.effects ?? []).flatMap((e) => (e.kind === 'start' ? [monthsOf(e.duration)] : [])));
      const renewals = all.filter(({ t }) => (t.effects ?? []).some((e) => e.kind === 'extend'));
      const caps = renewals.map(({ t }) => [t.guard ?? []].flat().map((g) => measure.lifecycle.guards?.[g]).flatMap((g) => (g?.kind === 'maxDuration' ? [monthsOf(g.max)] : [])));
      const months = lifecycleLimits(measure.lifecycle).months;
      if (starts.length === 0) expect(months.max).toBe(0);
      else if (caps.some((c) => c.length === 0)) expect(months.max).toBeNull();
      else expect(months.max).toBe(Math.max(...starts, ...caps.map((c) => Math.min(...c))));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('bounds a prorata tariff without its month cap by the lifecycle (Housing First: 24 months with renewals)', () => {
    let checked = 0;
    for (const { call, id, measure } of measures) {
      const parts = prorata(measure.tariff);
      const months = lifecycleLimits(measure.lifecycle).months.max;
      if (parts.length === 0 || !months) continue;
      const uncapped = withMeasure(call, id, (m) => prorata(m.tariff).forEach((p) => delete p.maxMonths));
      const expected = parts.reduce((sum, p) => {
        const per = (p.per.months ?? 0) + 12 * (p.per.years ?? 0);
        return sum + Math.floor((2 * parseMoney(p.amount)! * months + per) / (2 * per));
      }, 0);
      const bound = boundOf(uncapped, id);
      if (measure.tariff?.kind === 'sum' && measure.tariff.max !== undefined) expect(bound.cents).toBeLessThanOrEqual(expected);
      else expect(bound.cents).toBe(expected);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('says « non borné » and names the renewal when no maxDuration guard caps it, and the tariff does not either', () => {
    let checked = 0;
    for (const { call, id, measure } of measures) {
      const renewal = transitions(measure.lifecycle).find(({ t }) => (t.effects ?? []).some((e) => e.kind === 'extend'));
      if (!renewal || prorata(measure.tariff).length === 0) continue;
      const open = withMeasure(call, id, (m) => {
        prorata(m.tariff).forEach((p) => delete p.maxMonths);
        if (m.tariff?.kind === 'sum') delete m.tariff.max;
        for (const { t } of transitions(m.lifecycle)) {
          if (!(t.effects ?? []).some((e) => e.kind === 'extend')) continue;
          const kept = [t.guard ?? []].flat().filter((g) => m.lifecycle.guards?.[g]?.kind !== 'maxDuration');
          if (kept.length === 0) delete t.guard;
          else t.guard = kept as [string, ...string[]];
        }
      });
      const bound = boundOf(open, id);
      expect(bound.cents).toBeNull();
      expect(bound.text).toContain(`« ${renewal.event} »`);
      expect(costBound(open, count).total.cents).toBeNull();
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('counts an act on a transition that comes back as unbounded, and one that cannot as the lifecycle allows', () => {
    let repeated = 0;
    for (const { call, id, measure } of measures) {
      const tariff = measure.tariff;
      if (tariff?.kind !== 'sum') continue;
      for (const [part, p] of Object.entries(tariff.parts)) {
        if (p.kind !== 'perAct' || p.maxUnits === undefined) continue;
        const counting = transitions(measure.lifecycle).filter(({ t }) => (t.effects ?? []).some((e) => e.kind === 'act' && e.act === p.act));
        const loops = counting.some(({ state, t }) => (t.target ?? state) === state);
        const uncapped = withMeasure(call, id, (m) => {
          const sum = m.tariff as Extract<Tariff, { kind: 'sum' }>;
          delete sum.max;
          delete (sum.parts[part] as { maxUnits?: number }).maxUnits;
        });
        const bound = boundOf(uncapped, id);
        if (loops) {
          // A weekly act on a self-loop: only the tariff's cap (8 weeks) bounds it.
          expect(bound.cents).toBeNull();
          expect(bound.text).toContain(`« ${p.act} »`);
          repeated += 1;
        } else {
          // Counted on transitions that do not come back: the lifecycle caps it (a diagnostic, once or twice).
          const limit = lifecycleLimits(measure.lifecycle).acts(p.act);
          expect(bound.cents === null).toBe(limit.max === null);
        }
      }
    }
    expect(repeated).toBeGreaterThan(0);
  });
});
