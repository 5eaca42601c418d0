/**
 * What a measure's lifecycle lets it bill at most, read from the definition alone: how many times each act
 * can be counted (an act on a transition that can come back, or whose quantity the message gives, is not
 * capped), and the longest period in months (the longest `start`, lengthened by `extend` effects within the
 * `maxDuration` guards on them; an extension no such guard caps leaves the period open). Months of an
 * interruption are not paid (`suspend`), so the period's length bounds the months paid.
 */
import type { Duration, Lifecycle, Transition } from '../definition/index.ts';

/** A limit: a number, or why nothing caps it (French). */
export type Limit = { max: number; text: string } | { max: null; text: string };

/** The limits of a lifecycle. */
export interface LifecycleLimits {
  /** The longest period in months (0 when nothing opens one). */
  months: Limit;
  /** How many of `act` can be counted at most. */
  acts(act: string): Limit;
}

interface Edge {
  from: string;
  to: string;
  event: string;
  transition: Transition;
}

/** Months a duration spans at most (a week or a day part counts as the months it can begin). */
export function monthsOf(d: Duration): number {
  return 12 * (d.years ?? 0) + (d.months ?? 0) + Math.ceil((7 * (d.weeks ?? 0) + (d.days ?? 0)) / 28);
}

/**
 * Reads the limits of a resolved lifecycle.
 * @example
 * lifecycleLimits(call.measures['adsl'].lifecycle).months // { max: 24, text: 'période de 12 mois, prolongée jusqu'à 24 mois au plus par « renouveler »' }
 */
export function lifecycleLimits(lifecycle: Lifecycle): LifecycleLimits {
  const states = lifecycle.states ?? {};
  const edges: Edge[] = [];
  for (const [from, state] of Object.entries(states)) {
    for (const [event, spec] of Object.entries(state.on ?? {})) {
      for (const transition of Array.isArray(spec) ? spec : [spec]) edges.push({ from, to: transition.target ?? from, event, transition });
    }
  }
  const component = components(Object.keys(states), edges);
  // A transition can be taken again when its target leads back to its source.
  const repeats = (e: Edge) => component.get(e.from) === component.get(e.to);
  const where = (e: Edge) => `« ${e.event} » dans l'état « ${states[e.from]?.label ?? e.from} »`;

  return {
    months: periodMonths(lifecycle, edges, repeats, where),
    acts(act) {
      const counting = edges.filter((e) => (e.transition.effects ?? []).some((x) => x.kind === 'act' && x.act === act));
      if (counting.length === 0) return { max: 0, text: `aucun événement ne compte l'acte « ${act} »` };
      const byMessage = counting.find((e) => (e.transition.effects ?? []).some((x) => x.kind === 'act' && x.act === act && x.quantity !== undefined));
      if (byMessage) return { max: null, text: `le nombre d'actes « ${act} » est donné par le message de ${where(byMessage)}` };
      const again = counting.find(repeats);
      if (again) return { max: null, text: `l'acte « ${act} » se compte à chaque ${where(again)}, qui peut revenir` };
      const weight = (e: Edge) => (e.transition.effects ?? []).filter((x) => x.kind === 'act' && x.act === act).length;
      const max = longestPath(lifecycle.initial ?? Object.keys(states)[0] ?? '', edges, component, weight);
      return { max, text: `le cycle de vie compte l'acte « ${act} » ${max} fois au plus` };
    },
  };
}

function periodMonths(lifecycle: Lifecycle, edges: Edge[], repeats: (e: Edge) => boolean, where: (e: Edge) => string): Limit {
  const guards = lifecycle.guards ?? {};
  let start = 0;
  for (const e of edges) for (const x of e.transition.effects ?? []) if (x.kind === 'start') start = Math.max(start, monthsOf(x.duration));
  if (start === 0) return { max: 0, text: 'aucune période ouverte' };
  let max = start;
  const caps: string[] = [];
  for (const e of edges) {
    if (!(e.transition.effects ?? []).some((x) => x.kind === 'extend')) continue;
    const ids = e.transition.guard === undefined ? [] : Array.isArray(e.transition.guard) ? e.transition.guard : [e.transition.guard];
    const capped = ids.map((id) => guards[id]).flatMap((g) => (g?.kind === 'maxDuration' ? [monthsOf(g.max)] : []));
    if (capped.length === 0) {
      return { max: null, text: `la prolongation ${where(e)} n'est bornée par aucune garde de durée maximale (maxDuration)${repeats(e) ? ' et peut revenir' : ''}` };
    }
    const cap = Math.min(...capped);
    caps.push(`${cap} mois au plus par « ${e.event} »`);
    max = Math.max(max, cap);
  }
  return { max, text: caps.length === 0 ? `période de ${start} mois` : `période de ${start} mois, prolongée jusqu'à ${caps.join(', ')}` };
}

/** Strongly connected components of the state graph (Tarjan): state → component index. */
function components(states: string[], edges: Edge[]): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of edges) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const component = new Map<string, number>();
  let next = 0;
  let count = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        on.delete(w);
        component.set(w, count);
        if (w === v) break;
      }
      count += 1;
    }
  };
  for (const s of states) if (!index.has(s)) visit(s);
  return component;
}

/** The heaviest path from `initial` (the graph's cycles carry no weight: only their exits are followed). */
function longestPath(initial: string, edges: Edge[], component: Map<string, number>, weight: (e: Edge) => number): number {
  const best = new Map<number, number>();
  const from = (c: number): number => {
    const known = best.get(c);
    if (known !== undefined) return known;
    best.set(c, 0);
    let max = 0;
    for (const e of edges) {
      if (component.get(e.from) !== c || component.get(e.to) === c) continue;
      max = Math.max(max, weight(e) + from(component.get(e.to)!));
    }
    best.set(c, max);
    return max;
  };
  return from(component.get(initial) ?? -1);
}
