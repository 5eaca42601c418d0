/**
 * The impact of candidate definitions on a recorded year of the real equipes-mobiles-2025 call. Every
 * expectation is read from the definition (the week's price and paid maximum, the eligibility rules) and
 * from what was recorded (each household's weeks and data), never written here.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PerActTariff, SumTariff } from '../../../engine/money/index.ts';
import { formatMoney, parseMoney } from '../../../engine/money/index.ts';
import { candidateFromRepository, candidateFromText, computeImpact, loadActivity, renderImpactHtml, renderImpactText, type RecordedActivity } from '../../../engine/impact/index.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear, type MobileTeamsYear } from './mobile-teams-activity.ts';

let year: MobileTeamsYear;
let activity: RecordedActivity;

beforeAll(async () => {
  year = await recordMobileTeamsYear();
  const loaded = await loadActivity(year.store, MOBILE_TEAMS);
  if (loaded.kind !== 'loaded') throw new Error('activity too large');
  activity = loaded.activity;
});
afterAll(() => year.store.close());

/** The call's file with one value changed at a YAML path (a merge patch over what it inherits). */
function variant(path: string[], value: unknown): { text: string; file: string } {
  const file = year.repository.calls.get(MOBILE_TEAMS)!.file;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(path, value);
  return { text: doc.toString(), file: '/tmp/variante-equipes-mobiles.yaml' };
}

function impactOf(path: string[], value: unknown) {
  const { text, file } = variant(path, value);
  const candidate = candidateFromText(text, file, year.repository);
  if (candidate.kind !== 'call') throw new Error(candidate.findings.map((f) => f.message).join('\n'));
  return computeImpact({ activity, candidate: candidate.call, territories: year.repository.territories });
}

/** The measure kind, its weekly tariff part (the perAct part whose act's unit is the week) and its id. */
function weekPart() {
  const measure = year.repository.calls.get(MOBILE_TEAMS)!.definition.measures!['equipe-mobile']!;
  const parts = (measure.tariff as SumTariff).parts;
  const [id, part] = Object.entries(parts).find(([, p]) => p.kind === 'perAct' && measure.acts?.[p.act]?.unit === 'semaine')!;
  return { id, part: part as PerActTariff };
}

describe('computeImpact on the recorded activity of equipes-mobiles-2025', () => {
  it('finds nothing changed under the definition the activity was recorded under', () => {
    const impact = computeImpact({ activity, candidate: candidateFromRepository(year.repository, MOBILE_TEAMS)!, territories: year.repository.territories });
    expect(impact.changes).toEqual([]);
    expect(impact.counts.identique).toBe(activity.instances.size);
    expect(impact.call.costAfter).toBe(impact.call.costBefore);
    expect(impact.call.earnedBefore).toBeGreaterThan(0);
  });

  it('prices a week 3 € dearer: exactly 3 € more per paid week, household by household and in total', () => {
    const { id, part } = weekPart();
    const price = parseMoney(part.price)!;
    const impact = impactOf(['measures', 'equipe-mobile', 'tariff', 'parts', id, 'price'], `${(price + 300) / 100} €`.replace('.', ','));
    const paid = (weeks: number) => Math.min(weeks, part.maxUnits ?? weeks);
    for (const household of year.households) {
      const change = impact.changes.find((c) => c.instanceId === household.id);
      if (paid(household.weeks) === 0) expect(change).toBeUndefined();
      else expect(change && change.after.cents - change.before.cents).toBe(300 * paid(household.weeks));
    }
    const paidWeeks = year.households.reduce((n, h) => n + paid(h.weeks), 0);
    expect(impact.call.earnedAfter - impact.call.earnedBefore).toBe(300 * paidWeeks);
    expect(impact.call.costAfter - impact.call.costBefore).toBe(300 * paidWeeks); // no agreement reaches its agreed amount
    expect(renderImpactText(impact)).toContain(`(+${formatMoney(300 * paidWeeks)}`);
  });

  it('lowers the cap of paid weeks: names the agreements that lose, and by how much', () => {
    const { id, part } = weekPart();
    const price = parseMoney(part.price)!;
    const max = part.maxUnits!;
    const lowered = max - 2;
    const impact = impactOf(['measures', 'equipe-mobile', 'tariff', 'parts', id, 'maxUnits'], lowered);
    for (const agreement of year.agreements) {
      const loss = year.households.filter((h) => h.agreement === agreement.id).reduce((sum, h) => sum + price * (Math.min(h.weeks, max) - Math.min(h.weeks, lowered)), 0);
      const line = impact.byAgreement.find((l) => l.key === agreement.id)!;
      expect(line.earnedBefore - line.earnedAfter).toBe(loss);
      expect(impact.changes.some((c) => c.instanceId === agreement.id && c.outcome === 'montant-different')).toBe(loss > 0);
    }
    expect(impact.byAgreement.some((l) => l.earnedAfter < l.earnedBefore)).toBe(true);
  });

  it('tightens an eligibility rule: names the households it refuses, and nothing else changes for the others', () => {
    const measure = year.repository.calls.get(MOBILE_TEAMS)!.definition.measures!['equipe-mobile']!;
    const [ruleId] = Object.entries(measure.beneficiary!.eligibility!).find(([, rule]) => JSON.stringify(rule.schema).includes('sans-reponse-sollicitations'))!;
    const impact = impactOf(['measures', 'equipe-mobile', 'beneficiary', 'eligibility', ruleId, 'schema'], { required: ['inconnu-services-sociaux'], properties: { 'inconnu-services-sociaux': { const: true } } });
    const expected = year.households.filter((h) => h.onlyWithoutAnswer).map((h) => h.id).sort();
    expect(impact.refusedHouseholds.map((h) => h.instanceId).sort()).toEqual(expected);
    for (const h of impact.refusedHouseholds) {
      expect(h.refusal).toMatchObject({ version: 1, code: 'non-eligible', rule: ruleId });
      expect(h.refusal.message).toMatch(/^Orientation refusée, bénéficiaire non éligible/);
    }
    expect(impact.byMeasureKind[0]!.countAfter).toBe(year.households.length - expected.length);
    const html = renderImpactHtml(impact);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`Ménages que les nouvelles règles auraient refusés (${expected.length})`);
  });

  it('refuses a candidate with errors, located in its own file, and computes nothing', () => {
    const { text, file } = variant(['measures', 'equipe-mobile', 'tariff', 'parts', weekPart().id, 'price'], 'cinquante-huit');
    const candidate = candidateFromText(text, file, year.repository);
    expect(candidate.kind).toBe('invalid');
    expect(candidate.findings.some((f) => f.file === file && f.severity === 'error')).toBe(true);
  });
});

describe('what-if: the 2025 activity under a 2026 call', () => {
  /** A 2026 call extending the 2025 one: its windows moved by a year, the week 3 € dearer, the eligibility tightened. */
  function call2026(): string {
    const resolved = year.repository.calls.get(MOBILE_TEAMS)!.definition;
    const { id: part, part: week } = weekPart();
    const moved = (date: string | undefined) => (date === undefined ? undefined : `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`);
    const windows = Object.fromEntries(Object.entries(resolved.windows).map(([id, w]) => [id, {
      application: { start: moved((w.application as { start?: string }).start), end: moved((w.application as { end?: string }).end) },
      agreement: { start: moved((w.agreement as { start?: string }).start), end: moved((w.agreement as { end?: string }).end) },
    }]));
    const [ruleId] = Object.entries(resolved.measures!['equipe-mobile']!.beneficiary!.eligibility!).find(([, rule]) => JSON.stringify(rule.schema).includes('sans-reponse-sollicitations'))!;
    const doc = parseDocument('kind: call\n');
    doc.set('extends', MOBILE_TEAMS);
    doc.set('id', 'equipes-mobiles-2026');
    doc.set('year', resolved.year + 1);
    doc.set('version', 1);
    doc.set('windows', windows);
    doc.setIn(['measures', 'equipe-mobile', 'tariff', 'parts', part, 'price'], `${(parseMoney(week.price)! + 300) / 100} €`.replace('.', ','));
    doc.setIn(['measures', 'equipe-mobile', 'beneficiary', 'eligibility', ruleId, 'schema'], { required: ['inconnu-services-sociaux'], properties: { 'inconnu-services-sociaux': { const: true } } });
    return doc.toString();
  }

  it('says what the 2026 call would cost at constant activity, and lists the households it would refuse', () => {
    const candidate = candidateFromText(call2026(), 'definitions/2026/equipes-mobiles-2026.yaml', year.repository);
    if (candidate.kind !== 'call') throw new Error(candidate.findings.map((f) => `${f.line}: ${f.message}`).join('\n'));
    const impact = computeImpact({ activity, candidate: candidate.call, territories: year.repository.territories });
    expect(impact.shiftYears).toBe(1);
    expect(impact.asOf.after.slice(0, 4)).toBe(String(Number(impact.asOf.before.slice(0, 4)) + 1));
    const { part } = weekPart();
    const price = parseMoney(part.price)!;
    const paid = (w: number) => Math.min(w, part.maxUnits ?? w);
    const kept = year.households.filter((h) => !h.onlyWithoutAnswer);
    const refused = year.households.filter((h) => h.onlyWithoutAnswer);
    expect(impact.refusedHouseholds.map((h) => h.instanceId).sort()).toEqual(refused.map((h) => h.id).sort());
    // Those kept earn 3 € more per paid week; those refused earn nothing.
    const before = (h: { id: string }) => impact.changes.find((c) => c.instanceId === h.id)?.before.cents;
    for (const h of kept) {
      const change = impact.changes.find((c) => c.instanceId === h.id);
      if (paid(h.weeks) > 0) expect(change!.after.cents - change!.before.cents).toBe(300 * paid(h.weeks));
    }
    for (const h of refused) expect(impact.changes.find((c) => c.instanceId === h.id)?.after.cents).toBe(0);
    expect(impact.byMeasureKind[0]!.earnedAfter).toBe(impact.byMeasureKind[0]!.earnedBefore + 300 * kept.reduce((n, h) => n + paid(h.weeks), 0) - refused.reduce((n, h) => n + (before(h) ?? 0), 0));
    expect(price).toBeGreaterThan(0);
    const text = renderImpactText(impact);
    expect(text).toMatch(new RegExp(`^À activité constante \\(celle de « ${MOBILE_TEAMS} », dates décalées de 1 an\\), l'appel 2026 « equipes-mobiles-2026 » coûterait ${formatMoney(impact.call.costAfter)} \\([+−]`));
  });

  it('refuses every application when the 2026 windows are not moved (the 2025 dates fall outside them)', () => {
    const candidate = candidateFromText(call2026(), 'definitions/2026/equipes-mobiles-2026.yaml', year.repository);
    if (candidate.kind !== 'call') throw new Error('invalid');
    const impact = computeImpact({ activity, candidate: candidate.call, territories: year.repository.territories, shiftYears: 0 });
    const applications = impact.changes.filter((c) => c.kind === 'application');
    expect(applications).toHaveLength(year.agreements.length);
    expect(applications.every((c) => c.refusal?.code === 'hors-fenetre')).toBe(true);
  });
});
