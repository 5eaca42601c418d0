import { describe, expect, it } from 'vitest';
import { computeLedger, MONEY_SPACE, type Grant, type Payment } from '../../../engine/money/index.ts';

const plain = (lines: { text: string }[]) => lines.map((l) => l.text.replaceAll(MONEY_SPACE, ' '));
const advance60: Payment = { kind: 'advanceAndBalance', advancePercent: 60 };
const activity: Grant = { kind: 'activity' };

describe('advance and balance (60 % at signature, balance on service fait)', () => {
  it('owes nothing before signature', () => {
    const ledger = computeLedger({ grant: activity, payment: advance60, earnedCents: 0, milestones: {} });
    expect(ledger).toMatchObject({ agreed: 0, advance: 0, due: 0, paid: 0, remaining: 0 });
    expect(plain(ledger.lines)[0]).toBe('Montant conventionné : pas encore fixé (convention non signée)');
  });

  it('makes 60 % of the agreed amount due at signature', () => {
    const ledger = computeLedger({ grant: activity, payment: advance60, agreedCents: 1_000_000, earnedCents: 96_000, milestones: { signature: '2024-12-01' } });
    expect(ledger).toMatchObject({ agreed: 1_000_000, earned: 96_000, retained: 96_000, advance: 600_000, due: 600_000, paid: 0, remaining: 600_000 });
    expect(plain(ledger.lines)).toContain('Avance de 60 % à la signature : 60 % × 10 000,00 € = 6 000,00 € (due depuis le 01/12/2024)');
    expect(plain(ledger.lines)).toContain('Solde sur service fait : 960,00 € − 6 000,00 € = -5 040,00 € : reversement de 5 040,00 € à demander à l\'opérateur (prévisionnel)');
  });

  it('pays the balance of the activity on service fait, within the agreed amount', () => {
    const ledger = computeLedger({
      grant: activity,
      payment: advance60,
      agreedCents: 1_000_000,
      earnedCents: 1_250_000,
      milestones: { signature: '2024-12-01', serviceFait: '2025-12-15', payments: [{ date: '2024-12-20', cents: 600_000 }] },
    });
    expect(ledger).toMatchObject({ retained: 1_000_000, advance: 600_000, balance: 400_000, due: 1_000_000, paid: 600_000, remaining: 400_000 });
    expect(plain(ledger.lines)).toEqual([
      'Montant conventionné : 10 000,00 €',
      'Activité réalisée (tarifs des mesures) : 12 500,00 €',
      "Participation selon l'activité, dans la limite du montant conventionné : 10 000,00 € (2 500,00 € d'activité au-delà du montant conventionné, non payable)",
      'Avance de 60 % à la signature : 60 % × 10 000,00 € = 6 000,00 € (due depuis le 01/12/2024)',
      'Solde sur service fait : 10 000,00 € − 6 000,00 € = 4 000,00 € (dû depuis le 15/12/2025)',
      'Versé : 6 000,00 € (6 000,00 € le 20/12/2024)',
      'Dû à ce jour : 10 000,00 €',
      'Reste à verser : 4 000,00 €',
    ]);
  });

  it('asks the operator to pay back when the activity is below the advance (reversement)', () => {
    const ledger = computeLedger({
      grant: activity,
      payment: advance60,
      agreedCents: 1_000_000,
      earnedCents: 400_000,
      milestones: { signature: '2024-12-01', serviceFait: '2025-12-15', payments: [{ date: '2024-12-20', cents: 600_000 }] },
    });
    expect(ledger).toMatchObject({ advance: 600_000, balance: -200_000, due: 400_000, paid: 600_000, remaining: -200_000 });
    expect(plain(ledger.lines).at(-1)).toBe("À reverser par l'opérateur : 2 000,00 €");
  });

  it('rounds the advance down so that it never exceeds the percentage ("dans la limite de 60 %")', () => {
    const ledger = computeLedger({
      grant: { kind: 'upTo', max: '20 000 €', per: 'groupe' },
      payment: { kind: 'advanceAndBalance', advancePercent: 60, upTo: true },
      agreedCents: 16_238,
      earnedCents: 0,
      milestones: { signature: '2024-12-01' },
    });
    expect(ledger.advance).toBe(9_742); // 60 % of 162,38 € is 97,428 €
    expect(plain(ledger.lines)).toContain('Avance dans la limite de 60 % à la signature : 60 % × 162,38 € = 97,42 € (due depuis le 01/12/2024)');
    expect(plain(ledger.lines)).toContain('Participation dans la limite de 20 000,00 € par groupe : 162,38 €');
  });

  it('caps the agreed amount of an upTo grant per agreement', () => {
    const ledger = computeLedger({
      grant: { kind: 'upTo', max: '20 000 €' },
      payment: advance60,
      agreedCents: 2_500_000,
      earnedCents: 0,
      milestones: { signature: '2024-12-01', serviceFait: '2025-12-01' },
    });
    expect(ledger).toMatchObject({ agreed: 2_000_000, advance: 1_200_000, balance: 800_000, due: 2_000_000 });
  });

  it('caps the agreed amount of an upTo grant per measure at max × the measures of that kind', () => {
    const input = {
      grant: { kind: 'upTo', max: '20 000 €', per: 'groupe' },
      payment: advance60,
      agreedCents: 4_500_000,
      earnedCents: 0,
      milestones: { signature: '2024-12-01', serviceFait: '2025-12-01' },
    } as const;
    const two = computeLedger({ ...input, grantUnits: 2 });
    expect(two).toMatchObject({ agreed: 4_000_000, retained: 4_000_000, advance: 2_400_000, balance: 1_600_000 });
    expect(plain(two.lines)).toContain('Montant conventionné ramené au plafond de 20 000,00 € par groupe × 2 groupes = 40 000,00 €');
    expect(plain(two.lines)).toContain('Participation dans la limite de 20 000,00 € par groupe × 2 groupes = 40 000,00 € : 40 000,00 €');
    const three = computeLedger({ ...input, grantUnits: 3 });
    expect(three).toMatchObject({ agreed: 4_500_000, retained: 4_500_000 });
    expect(plain(three.lines)).toContain('Participation dans la limite de 20 000,00 € par groupe × 3 groupes = 60 000,00 € : 45 000,00 €');
    expect(computeLedger({ ...input, grantUnits: 0 })).toMatchObject({ agreed: 0, advance: 0 });
  });

  it('pays a flat grant in full on service fait whatever the activity', () => {
    const ledger = computeLedger({
      grant: { kind: 'flat', amount: '15 000 €' },
      payment: advance60,
      earnedCents: 0,
      milestones: { signature: '2024-06-01', serviceFait: '2025-01-31', payments: [{ date: '2024-06-15', cents: 900_000 }, { date: '2025-02-10', cents: 600_000 }] },
    });
    expect(ledger).toMatchObject({ agreed: 1_500_000, retained: 1_500_000, advance: 900_000, balance: 600_000, due: 1_500_000, paid: 1_500_000, remaining: 0 });
    expect(plain(ledger.lines).at(-1)).toBe('Rien à verser ni à reverser à ce jour');
  });
});

describe('single payment', () => {
  it('pays the legal information call in one payment at signature', () => {
    const grant: Grant = { kind: 'flat', amount: '100 000 €' };
    const before = computeLedger({ grant, payment: { kind: 'single', on: 'signature' }, earnedCents: 0, milestones: {} });
    expect(before).toMatchObject({ agreed: 10_000_000, advance: 0, balance: 10_000_000, due: 0 });
    const after = computeLedger({ grant, payment: { kind: 'single', on: 'signature' }, earnedCents: 0, milestones: { signature: '2024-03-01' } });
    expect(after).toMatchObject({ due: 10_000_000, remaining: 10_000_000 });
    expect(plain(after.lines)).toContain('Versement unique à la signature : 100 000,00 € (dû depuis le 01/03/2024)');
  });

  it('pays the free hotline 18 000 € on the report in year n + 1', () => {
    const input = { grant: { kind: 'flat', amount: '18 000 €' } as Grant, payment: { kind: 'single', on: 'serviceFait', yearOffset: 1 } as Payment, earnedCents: 0, callYear: 2024 };
    const signed = computeLedger({ ...input, milestones: { signature: '2024-06-01' } });
    expect(signed).toMatchObject({ due: 0, balance: 1_800_000 });
    expect(plain(signed.lines)).toContain('Versement unique sur service fait, en 2025 (année n + 1) : 18 000,00 € (prévisionnel)');
    const done = computeLedger({ ...input, milestones: { signature: '2024-06-01', serviceFait: '2025-02-01' } });
    expect(done).toMatchObject({ due: 1_800_000, remaining: 1_800_000 });
  });
});

describe('unknown payment schedule', () => {
  it('makes nothing due and says why, whatever the milestones', () => {
    const ledger = computeLedger({ grant: { kind: 'upTo', max: '515 000 €' }, payment: { kind: 'unknown', note: 'La page ne dit rien du versement' }, earnedCents: 0, milestones: {} });
    expect(ledger).toMatchObject({ advance: 0, balance: 0, due: 0, remaining: 0 });
    expect(plain(ledger.lines)).toContain("Calendrier de versement non précisé par l'appel (La page ne dit rien du versement) : aucun montant n'est dû tant qu'il n'est pas renseigné");
  });
});
