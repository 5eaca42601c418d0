/**
 * Bounds on amounts and dates from outside (issue 13): an amount beyond 100 000 000,00 € or a date outside
 * 1900–2100 is refused before anything is recorded, and whatever was recorded before the bounds still reads.
 */
import { describe, expect, it } from 'vitest';
import { compileFields } from '../../../engine/compile/fields-schema.ts';
import { formatMoney, isPlausibleDate, MAX_AMOUNT_CENTS, sumCents } from '../../../engine/money/index.ts';
import { departement, operator, REAL, refused, testEngine } from '../runtime/support.ts';

const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };
const HUGE = [1e21, 1e308, 9007199254740993, MAX_AMOUNT_CENTS + 1];

async function signedAgreement(t: Awaited<ReturnType<typeof testEngine>>) {
  const { instanceId } = await t.engine.createApplication({
    callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator('asso-a'),
  });
  await t.on('2024-06-10');
  await t.engine.send(instanceId, { type: 'retenir', actor: departement });
  await t.on('2024-11-15');
  return instanceId;
}

describe('amounts from outside', () => {
  it('refuses a payment or a signature beyond the bound, changing nothing, and the ledger stays readable', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const agreementId = await signedAgreement(t);
    for (const montant of HUGE) {
      const error = await refused(t.engine.send(agreementId, { type: 'signer', payload: { montant }, actor: departement }));
      expect(error.code).toBe('message-invalide');
      expect(error.message).toContain('100 000 000,00 €');
    }
    await t.engine.send(agreementId, { type: 'signer', payload: { montant: MAX_AMOUNT_CENTS }, actor: departement });
    const before = await t.engine.ledger(agreementId, departement);
    for (const montant of HUGE) {
      expect((await refused(t.engine.send(agreementId, { type: 'verser', payload: { montant }, actor: departement }))).code).toBe('message-invalide');
    }
    const after = await t.engine.ledger(agreementId, departement);
    expect(after).toEqual(before);
    expect(after.ledger.agreed).toBe(MAX_AMOUNT_CENTS);
    expect(after.ledger.lines.map((line) => line.text).join('\n')).toContain('100\u00a0000\u00a0000,00\u00a0€');
  });

  it('refuses a beneficiary’s debt beyond the bound (montant-dette), and creates nothing', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const agreementId = await signedAgreement(t);
    await t.engine.send(agreementId, { type: 'signer', payload: { montant: 1_000_000 }, actor: departement });
    await t.on('2024-12-02');
    for (const debt of HUGE) {
      const error = await refused(t.engine.createMeasure({ parentId: agreementId, measure: 'equipe-mobile', beneficiary: { ...household, 'montant-dette': debt }, actor: operator('asso-a') }));
      expect(error.code).toBe('donnees-invalides');
    }
    const list = await t.engine.list({ kind: 'measure' }, departement);
    expect(list.items).toEqual([]);
  });
});

describe('dates from outside', () => {
  it('accepts real days between 1900 and 2100 only', () => {
    for (const date of ['1900-01-01', '1984-02-29', '2024-12-31', '2100-12-31']) expect(isPlausibleDate(date)).toBe(true);
    for (const date of ['0000-01-01', '9999-12-31', '1899-12-31', '2101-01-01', '2023-02-29', '2024-13-01', '2024-04-31', '24-01-01']) expect(isPlausibleDate(date)).toBe(false);
  });

  it('refuses a birth date or a contract date of year 0000 or 9999 in a field, with the range in French', () => {
    const validate = compileFields({ naissance: { label: 'Date de naissance', type: 'birthdate' }, contrat: { label: 'Contrat', type: 'date' } });
    expect(validate({ naissance: '1980-05-01', contrat: '2024-06-01' })).toBe(true);
    for (const date of ['0000-01-01', '9999-12-31']) {
      expect(validate({ naissance: date })).toBe(false);
      expect(validate({ contrat: date })).toBe(false);
    }
  });
});

describe('sums and formatting', () => {
  it('formats any integer amount digit for digit, even one recorded beyond 2⁵³ before the bounds', () => {
    expect(formatMoney(1e21)).toBe('10\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000,00\u00a0€');
    expect(formatMoney(9007199254740991)).toBe('90\u00a0071\u00a0992\u00a0547\u00a0409,91\u00a0€');
  });

  it('sums amounts exactly', () => {
    expect(sumCents([MAX_AMOUNT_CENTS, MAX_AMOUNT_CENTS, 1])).toBe(2 * MAX_AMOUNT_CENTS + 1);
    expect(sumCents(Array.from({ length: 1000 }, () => 0.1 * 10))).toBe(1000);
  });
});
