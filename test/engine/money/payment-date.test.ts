import { describe, expect, it } from 'vitest';
import { computeLedger, paymentDueOn } from '../../../engine/money/index.ts';

const nPlusOne = { kind: 'single', on: 'serviceFait', yearOffset: 1 } as const;
const flat = { kind: 'flat', amount: '18 000 €' } as const;

describe('when a payment falls due', () => {
  it('is not before 1 January of the year the call names (« en n + 1 »)', () => {
    expect(paymentDueOn(nPlusOne, '2024-11-20', 2024)).toBe('2025-01-01');
    expect(paymentDueOn(nPlusOne, '2025-03-10', 2024)).toBe('2025-03-10');
    expect(paymentDueOn({ kind: 'single', on: 'serviceFait' }, '2024-11-20', 2024)).toBe('2024-11-20');
    expect(paymentDueOn({ kind: 'advanceAndBalance', advancePercent: 60 }, '2024-11-20', 2024)).toBe('2024-11-20');
  });

  it('makes the ledger and its sentence agree: nothing due in year n, all of it from 1 January n + 1', () => {
    const ledgerOn = (asOf: string) => computeLedger({
      grant: flat, payment: nPlusOne, earnedCents: 0, callYear: 2024, asOf,
      milestones: { signature: '2024-02-05', serviceFait: '2024-11-20', payments: [] },
    });
    const before = ledgerOn('2024-12-31');
    expect(before).toMatchObject({ balance: 1_800_000, due: 0, remaining: 0 });
    expect(before.lines.map((l) => l.text).join('\n')).toMatch(/Versement unique sur service fait, en 2025 \(année n \+ 1\) : 18\s000,00\s€ \(dû à compter du 01\/01\/2025\)/);
    const after = ledgerOn('2025-01-01');
    expect(after).toMatchObject({ due: 1_800_000, remaining: 1_800_000 });
    expect(after.lines.map((l) => l.text).join('\n')).toMatch(/\(dû depuis le 01\/01\/2025\)/);
  });

  it('keeps a flat grant at its amount even when an agreement was recorded at another', () => {
    const ledger = computeLedger({
      grant: flat, payment: { kind: 'single', on: 'signature' }, agreedCents: 2_400_000, earnedCents: 0, callYear: 2024,
      milestones: { signature: '2024-02-05', payments: [] },
    });
    expect(ledger).toMatchObject({ agreed: 1_800_000, due: 1_800_000 });
    expect(ledger.lines[1]!.text).toMatch(/^Montant conventionné ramené à la participation forfaitaire de 18\s000,00\s€$/);
  });
});
