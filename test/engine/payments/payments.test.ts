import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../engine/money/index.ts';
import { AGENT, certifyServiceFait, FINANCE, financeWorld, registerOperator, signFirstAgreement } from './finance-world.ts';

/** The real calls paid once on service fait, a year after theirs (« sur présentation en n + 1 du bilan »). */
async function singleOnServiceFaitNextYear() {
  const world = await financeWorld();
  const calls = [...world.repository.calls.values()].filter((c) => {
    const payment = c.definition.funding.payment;
    return payment.kind === 'single' && payment.on === 'serviceFait' && payment.yearOffset !== undefined;
  });
  return { world, calls };
}

describe('payment orders on the real calls', () => {
  it('orders the 2024 hotline’s single payment on the report in the year after the call, with the service fait it rests on', async () => {
    const { world, calls } = await singleOnServiceFaitNextYear();
    const hotline = calls.find((c) => c.id === 'numero-vert-2024');
    expect(hotline).toBeDefined();
    const call = hotline!.definition;
    const payment = call.funding.payment as { yearOffset: number };
    const agreement = await signFirstAgreement(world, call.id);
    await registerOperator(world, agreement.operatorId);
    expect(await world.payments.list({ callId: call.id }, AGENT)).toEqual([]); // nothing due before the service fait
    const reportDay = `${call.year + payment.yearOffset}-03-03`;
    await certifyServiceFait(world, agreement.id, agreement.operatorId, reportDay);
    const orders = await world.payments.list({ callId: call.id }, AGENT);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      kind: 'balance', amountCents: agreement.montant, budgetYear: call.year + payment.yearOffset, status: 'a-emettre', dueOn: reportDay,
      serviceFait: { by: AGENT.id, on: reportDay, reportId: `${agreement.id}.bilan-activite` },
    });
    expect(agreement.montant).toBe(call.funding.grant.kind === 'flat' ? parseMoney(call.funding.grant.amount) : agreement.montant);
    expect(await world.payments.list({ year: call.year }, AGENT)).toEqual([]);
  });

  it('exports the orders to emit as CSV, reads the finance return once, sends a rejected order back to « à émettre » with its reason, and takes the ledger’s paid from the return', async () => {
    const world = await financeWorld();
    const call = world.repository.calls.get('numero-vert-2024')!.definition;
    const agreement = await signFirstAgreement(world, call.id);
    await registerOperator(world, agreement.operatorId);
    await certifyServiceFait(world, agreement.id, agreement.operatorId, '2025-03-03');
    await expect(world.payments.export(2025, AGENT)).rejects.toMatchObject({ code: 'role-non-autorise' });

    const first = await world.payments.export(2025, FINANCE);
    const rows = parse(first.csv, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ exercice: '2025', siret: '77580130000002', iban: 'FR7630006000011234567890189', echeance: '03/03/2025' });
    expect(row?.['montant']).toBe(`${Math.floor(agreement.montant / 100)},${String(agreement.montant % 100).padStart(2, '0')}`);
    expect(row?.['reference_convention']).toMatch(/^CD62-2024-NUMERO-VERT-2024-/);
    const orderId = row?.['reference_ordre'] ?? '';
    expect((await world.payments.export(2025, FINANCE)).exported).toEqual([]); // already emitted

    const rejected = `reference_ordre;statut;date;mandat;motif\r\n${orderId};rejeté;10/03/2025;;IBAN clos\r\n`;
    expect(await world.payments.importReturn(rejected, FINANCE)).toMatchObject({ rejected: 1, unchanged: 0, findings: [] });
    expect(await world.payments.importReturn(rejected, FINANCE)).toMatchObject({ rejected: 0, unchanged: 1 });
    const [back] = await world.payments.list({ year: 2025 }, AGENT);
    expect(back).toMatchObject({ status: 'a-emettre', rejection: 'IBAN clos' });
    expect((await world.payments.history(orderId, AGENT)).map((e) => e.status)).toEqual(['a-emettre', 'emis', 'rejete', 'a-emettre']);
    expect((await world.engine.ledger(agreement.id, AGENT)).ledger.paid).toBe(0);

    expect((await world.payments.export(2025, FINANCE)).exported.map((o) => o.id)).toEqual([orderId]);
    const paid = `\uFEFFreference_ordre;statut;date;mandat;motif\r\n${orderId};payé;20/03/2025;M-2025-0042;\r\n`;
    expect(await world.payments.importReturn(paid, FINANCE)).toMatchObject({ paid: 1, findings: [] });
    expect(await world.payments.importReturn(paid, FINANCE)).toMatchObject({ paid: 0, unchanged: 1, findings: [] });
    const ledger = (await world.engine.ledger(agreement.id, AGENT)).ledger;
    expect(ledger).toMatchObject({ paid: agreement.montant, remaining: 0 });
    expect((await world.payments.list({ year: 2025 }, AGENT))[0]).toMatchObject({ status: 'paye', mandate: 'M-2025-0042', paidOn: '2025-03-20', rejection: null });
  });

  it('refuses a return with a wrong line, naming the line and the column, and applies nothing', async () => {
    const world = await financeWorld();
    const result = await world.payments.importReturn('reference_ordre;statut;date;mandat;motif\nop-1;payé;32/13/2025;;\nop-2;perdu;;;\n', FINANCE);
    expect(result.findings.map((f) => [f.line, f.column])).toEqual([[2, 'date'], [2, 'mandat'], [3, 'statut']]);
    expect(result.paid + result.rejected).toBe(0);
  });

  it('blocks an order whose beneficiary is not in the register, saying what is missing', async () => {
    const world = await financeWorld();
    const agreement = await signFirstAgreement(world, 'information-juridique-2024');
    const result = await world.payments.export(2024, FINANCE);
    expect(result.exported).toEqual([]);
    expect(result.blocked.map((b) => b.reason)).toEqual([expect.stringContaining(`« ${agreement.operatorId} » n'est pas au registre`)]);
  });
});
