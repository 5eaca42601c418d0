import { describe, expect, it } from 'vitest';
import { compileTariff, MONEY_SPACE, type Activity, type Tariff } from '../../../engine/money/index.ts';

const plain = (text: string) => text.replaceAll(MONEY_SPACE, ' ');
const asOf = '2025-06-30';
const acts = (counts: Record<string, number>): Activity['acts'] =>
  Object.fromEntries(Object.entries(counts).map(([id, quantity]) => [id, { quantity }]));

// The mobile eviction-prevention teams of 2024 (appels-a-projets-2024.md, « Modalités de financement »).
const mobileTeamActs = {
  'diagnostic-flash': { label: 'Diagnostic flash' },
  'diagnostic-approfondi': { label: 'Diagnostic approfondi' },
  semaine: { label: "Semaine d'accompagnement", unit: 'semaine' },
};
const mobileTeam: Tariff = {
  kind: 'sum',
  parts: {
    'diagnostic-flash': { kind: 'perAct', act: 'diagnostic-flash', price: '150 €', maxUnits: 1 },
    'diagnostic-approfondi': { kind: 'perAct', act: 'diagnostic-approfondi', price: '370 €', maxUnits: 1 },
    semaine: { kind: 'perAct', act: 'semaine', price: '55 €', maxUnits: 8 },
  },
};

describe('perAct tariffs', () => {
  it('pays a judgment-explanation visit 162,38 € and a closed door 39,12 €', () => {
    const visit = compileTariff({ kind: 'perAct', act: 'vej', price: '162,38 €' }, { acts: { vej: { label: 'Visite explicative de jugement', unit: 'visite' } } });
    const closedDoor = compileTariff({ kind: 'perAct', act: 'porte-close', price: '39,12 €' }, { acts: { 'porte-close': { label: 'Porte close' } } });
    expect(visit({ acts: acts({ vej: 3 }), asOf })).toEqual({ cents: 48714, lines: [{ text: '3 visites × 162,38\u00a0€ = 487,14\u00a0€', cents: 48714 }] });
    const door = closedDoor({ acts: acts({ 'porte-close': 1 }), asOf });
    expect(door.cents).toBe(3912);
    expect(plain(door.lines[0]!.text)).toBe('Porte close : 1 acte × 39,12 € = 39,12 €');
  });

  it('pays 55 € a week up to 8 weeks, and says which weeks are not paid', () => {
    const week = compileTariff({ kind: 'perAct', act: 'semaine', price: '55 €', maxUnits: 8 }, { acts: mobileTeamActs });
    expect(week({ acts: acts({ semaine: 5 }), asOf }).cents).toBe(27500);
    const atCap = week({ acts: acts({ semaine: 8 }), asOf });
    expect(atCap.cents).toBe(44000);
    expect(plain(atCap.lines[0]!.text)).toBe('8 semaines × 55,00 € = 440,00 € (plafond de 8 semaines atteint)');
    const over = week({ acts: acts({ semaine: 9 }), asOf });
    expect(over.cents).toBe(44000);
    expect(plain(over.lines[0]!.text)).toBe('8 semaines × 55,00 € = 440,00 € (plafond de 8 semaines atteint : 1 semaine non payable)');
    expect(plain(week({ acts: acts({ semaine: 11 }), asOf }).lines[0]!.text)).toContain('3 semaines non payables');
    expect(week({ acts: {}, asOf }).cents).toBe(0);
  });
});

describe('sum tariffs', () => {
  it('pays a household through both diagnostics and more weeks than the cap: 150 + 370 + 440 = 960 €', () => {
    const earn = compileTariff(mobileTeam, { acts: mobileTeamActs });
    const result = earn({ acts: acts({ 'diagnostic-flash': 1, 'diagnostic-approfondi': 1, semaine: 10 }), asOf });
    expect(result.cents).toBe(96000);
    expect(result.lines.map((l) => [plain(l.text), l.cents, l.part])).toEqual([
      ['Diagnostic flash : 1 acte × 150,00 € = 150,00 € (plafond de 1 acte atteint)', 15000, 'diagnostic-flash'],
      ['Diagnostic approfondi : 1 acte × 370,00 € = 370,00 € (plafond de 1 acte atteint)', 37000, 'diagnostic-approfondi'],
      ['8 semaines × 55,00 € = 440,00 € (plafond de 8 semaines atteint : 2 semaines non payables)', 44000, 'semaine'],
      ['Total : 150,00 € + 370,00 € + 440,00 € = 960,00 €', 96000, undefined],
    ]);
  });

  it('pays ENVAUL 10 000 € for 12 months: 5 000 € housing + 5 000 € support', () => {
    const envaul = compileTariff({
      kind: 'sum',
      label: 'ENVAUL',
      parts: {
        logement: { kind: 'prorata', label: 'Loyer, charges et subsides', amount: '5 000 €', per: { months: 12 } },
        accompagnement: { kind: 'prorata', label: 'Accompagnement global', amount: '5 000 €', per: { months: 12 } },
      },
    });
    const year = envaul({ acts: {}, period: { start: '2024-11-01', end: '2025-10-31' }, asOf: '2025-12-31' });
    expect(year.cents).toBe(1000000);
    expect(plain(year.lines.at(-1)!.text)).toBe('ENVAUL : 5 000,00 € + 5 000,00 € = 10 000,00 €');
    const oneMonth = envaul({ acts: {}, period: { start: '2024-11-01' }, asOf: '2024-11-20' });
    expect(oneMonth.cents).toBe(2 * 41667);
  });

  it('caps the total with max', () => {
    const capped = compileTariff({ kind: 'sum', max: '500 €', parts: { a: { kind: 'flat', amount: '300 €' }, b: { kind: 'flat', amount: '300 €' } } });
    const result = capped({ acts: {}, asOf });
    expect(result.cents).toBe(50000);
    expect(plain(result.lines.at(-1)!.text)).toBe('Total : 300,00 € + 300,00 € = 600,00 €, ramené au plafond de 500,00 € (100,00 € non payables)');
    expect(plain(result.lines[0]!.text)).toBe('a : 300,00 €');
  });
});

describe('prorata tariffs', () => {
  const astre = compileTariff({ kind: 'prorata', amount: '2 100 €', per: { months: 12 } });
  const adsl = compileTariff({ kind: 'prorata', amount: '5 000 €', per: { months: 12 }, maxMonths: 24 });
  const vial = compileTariff({ kind: 'prorata', amount: '7 000 €', per: { years: 1 } });

  it('pays ASTRE 2 100 € for 12 months, that is 175 € a month begun', () => {
    expect(astre({ acts: {}, period: { start: '2024-11-01' }, asOf: '2024-11-01' }).cents).toBe(17500);
    expect(astre({ acts: {}, period: { start: '2024-11-01' }, asOf: '2025-01-15' }).cents).toBe(52500);
    const year = astre({ acts: {}, period: { start: '2024-11-01', end: '2025-10-31' }, asOf: '2026-01-01' });
    expect(year.cents).toBe(210000);
    expect(plain(year.lines[0]!.text)).toBe('12 mois × 2 100,00 € / 12 mois = 2 100,00 €');
  });

  it('rounds once on the total, never month by month', () => {
    const one = adsl({ acts: {}, period: { start: '2024-11-01' }, asOf: '2024-11-30' });
    expect(one.cents).toBe(41667);
    expect(plain(one.lines[0]!.text)).toBe('1 mois × 5 000,00 € / 12 mois = 416,67 € (arrondi au centime une seule fois, sur le total)');
    // 12 × 416,67 € would be 5 000,04 €: the total is exactly 5 000 €.
    expect(adsl({ acts: {}, period: { start: '2024-11-01', end: '2025-10-31' }, asOf: '2025-12-31' }).cents).toBe(500000);
    expect(adsl({ acts: {}, period: { start: '2024-11-01' }, asOf: '2025-04-30' }).cents).toBe(250000);
    expect(vial({ acts: {}, period: { start: '2024-11-01', end: '2025-10-31' }, asOf: '2025-12-31' }).cents).toBe(700000);
    expect(vial({ acts: {}, period: { start: '2024-11-01' }, asOf: '2024-12-01' }).cents).toBe(116667);
  });

  it('counts months only up to the period end and the valuation date', () => {
    expect(adsl({ acts: {}, period: { start: '2024-11-15', end: '2025-01-20' }, asOf: '2025-12-31' }).cents).toBe(125000);
    expect(adsl({ acts: {}, period: { start: '2025-01-01' }, asOf: '2024-12-31' }).cents).toBe(0);
    expect(plain(adsl({ acts: {}, asOf }).lines[0]!.text)).toBe('période non commencée : 0 mois = 0,00 €');
  });

  it('stops paying after maxMonths', () => {
    const result = adsl({ acts: {}, period: { start: '2024-01-01' }, asOf: '2026-02-15' });
    expect(result.cents).toBe(1000000);
    expect(plain(result.lines[0]!.text)).toBe('24 mois × 5 000,00 € / 12 mois = 10 000,00 € (plafond de 24 mois atteint : 2 mois non payables)');
  });

  it('refuses a period that is not in months', () => {
    expect(() => compileTariff({ kind: 'prorata', amount: '55 €', per: { weeks: 1 } })).toThrow(/en mois/);
  });

  it('pays only the months begun while active: an interruption stops the count, the resume goes on where it stopped', () => {
    // interrupted on 15/04/2024, resumed on 15/05/2024: suspended from 16/04 to 14/05 (29 days)
    const suspended = [{ from: '2024-04-16', to: '2024-05-14' }];
    const period = { start: '2024-03-01', end: '2025-03-29', suspensions: suspended };
    // the 3rd month would begin on 01/05; it begins 29 days later, on 30/05
    expect(adsl({ acts: {}, period, asOf: '2024-05-29' }).cents).toBe(83333);
    const third = adsl({ acts: {}, period, asOf: '2024-05-30' });
    expect(third.cents).toBe(125000);
    expect(plain(third.lines[0]!.text)).toBe("3 mois × 5 000,00 € / 12 mois = 1 250,00 € (hors interruption du 16/04/2024 au 14/05/2024 (29 jours, aucun mois n'y commence))");
    // the 12 months of the period, pushed back by 29 days, pay exactly 12 months: 5 000,00 €
    expect(adsl({ acts: {}, period, asOf: '2026-01-01' }).cents).toBe(500000);
    // while it lasts, no month begins, however long
    const open = adsl({ acts: {}, period: { start: '2024-03-01', end: '2025-02-28', suspensions: [{ from: '2024-04-16' }] }, asOf: '2024-12-31' });
    expect(open.cents).toBe(83333);
    expect(plain(open.lines[0]!.text)).toBe("2 mois × 5 000,00 € / 12 mois = 833,33 € (hors interruption depuis le 16/04/2024 (260 jours, aucun mois n'y commence) ; arrondi au centime une seule fois, sur le total)");
  });
});

describe('declared and flat tariffs', () => {
  const diagnostic = compileTariff({ kind: 'declared', act: 'diagnostic', max: '375 €' }, { acts: { diagnostic: { label: 'Diagnostic de faisabilité des travaux' } } });

  it('pays the ASTRE feasibility diagnostic as declared, up to 375 €', () => {
    const under = diagnostic({ acts: { diagnostic: { quantity: 1, declaredCents: [30000] } }, asOf });
    expect(under.cents).toBe(30000);
    expect(plain(under.lines[0]!.text)).toBe('Diagnostic de faisabilité des travaux : 300,00 € déclarés = 300,00 €');
    const over = diagnostic({ acts: { diagnostic: { quantity: 2, declaredCents: [40000, 37500] } }, asOf });
    expect(over.cents).toBe(75000);
    expect(over.lines.map((l) => plain(l.text))).toEqual([
      'Diagnostic de faisabilité des travaux n° 1 : 400,00 € déclarés, ramené au plafond de 375,00 € par acte (25,00 € non payables) = 375,00 €',
      'Diagnostic de faisabilité des travaux n° 2 : 375,00 € déclarés = 375,00 €',
    ]);
    expect(diagnostic({ acts: {}, asOf }).cents).toBe(0);
  });

  it('pays a flat amount per measure', () => {
    const flat = compileTariff({ kind: 'flat', amount: '2 100 €', label: 'Mesure ASTRE' });
    expect(flat({ acts: {}, asOf })).toEqual({ cents: 210000, lines: [{ text: 'Mesure ASTRE : 2\u00a0100,00\u00a0€', cents: 210000 }] });
  });

  it('refuses an amount it cannot read', () => {
    expect(() => compileTariff({ kind: 'flat', amount: '2.100 €' })).toThrow(/Montant invalide/);
  });
});
