import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../engine/definition/index.ts';
import { compileTariff, type Activity } from '../../../engine/money/index.ts';

// The amount alone (`tariff.cents`, the hot path) must be the amount the breakdown states, for every tariff
// the shipped calls define, over activities below, at and above each cap.
const repository = await loadRepository('definitions');
const tariffs = [...repository.calls.values()].flatMap((call) =>
  Object.entries(call.definition.measures ?? {}).flatMap(([id, measure]) =>
    measure.tariff === undefined ? [] : [{ name: `${call.id} / ${id}`, earn: compileTariff(measure.tariff, { acts: measure.acts ?? {} }), acts: Object.keys(measure.acts ?? {}) }]));

function activities(acts: string[]): Activity[] {
  const out: Activity[] = [];
  for (const quantity of [0, 1, 2, 7, 8, 9, 30]) {
    const counted: Activity['acts'] = {};
    for (const [i, act] of acts.entries()) {
      const n = (quantity + i) % 31;
      counted[act] = { quantity: n, declaredCents: Array.from({ length: n % 4 }, (_, k) => 10_000 * (k + 1) * (n + 1)) };
    }
    out.push({ acts: counted, asOf: '2025-06-30' });
    out.push({ acts: counted, period: { start: '2024-03-15' }, asOf: '2025-06-30' });
    out.push({ acts: counted, period: { start: '2024-01-31', end: '2024-09-30', suspensions: [{ from: '2024-04-16', to: '2024-05-14' }] }, asOf: '2024-12-31' });
    out.push({ acts: counted, period: { start: '2023-01-01', suspensions: [{ from: '2023-06-01' }] }, asOf: '2026-01-01' });
  }
  return out;
}

describe('a tariff\'s amount alone', () => {
  it('finds tariffs in the shipped calls', () => expect(tariffs.length).toBeGreaterThan(0));
  it.each(tariffs)('equals the breakdown\'s amount for $name', ({ earn, acts }) => {
    for (const activity of activities(acts)) expect(earn.cents(activity)).toBe(earn(activity).cents);
  });
});
