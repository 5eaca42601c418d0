import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { loadConvention, renderConventionHtml, renderConventionPdf } from '../../../engine/convention/index.ts';
import { formatMoney } from '../../../engine/money/index.ts';
import { formatDate } from '../../../engine/time/index.ts';
import { AGENT, financeWorld, registerOperator, signFirstAgreement } from '../payments/finance-world.ts';

const DEPARTEMENT = { name: 'Département du Pas-de-Calais', siret: '22620000000009' };

/** The text of a PDF, page after page, read back with pdfjs (spaces normalized). */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: 'node_modules/pdfjs-dist/standard_fonts/' }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the convention', () => {
  it('prints the legal-information convention as PDF and HTML: parties, amount, single payment on the signature date, reports, reference and délibération', async () => {
    const world = await financeWorld();
    const agreement = await signFirstAgreement(world, 'information-juridique-2024', { on: '2024-02-05', deliberation: 'CP-2024-02-05-17' });
    await registerOperator(world, agreement.operatorId);
    const doc = await loadConvention({ store: world.store, register: world.register, departement: DEPARTEMENT, expand: (ids) => world.repository.territories.expand(ids) }, agreement.id);
    const call = world.repository.calls.get('information-juridique-2024')!.definition;
    expect(doc).toMatchObject({ amountCents: agreement.montant, date: '2024-02-05', deliberation: 'CP-2024-02-05-17', schedule: [{ cents: agreement.montant, date: '2024-02-05' }] });
    const reportDue = (await world.engine.get(`${agreement.id}.bilan-activite`, AGENT)).data['echeance'] as string;
    const text = await pdfText(await renderConventionPdf(doc));
    for (const expected of [
      doc.reference, call.title, `Organisme ${agreement.operatorId}`, '77580130000002', DEPARTEMENT.siret, plain(formatMoney(agreement.montant)),
      `le ${formatDate('2024-02-05')}`, `au plus tard le ${formatDate(reportDue)}`, 'CP-2024-02-05-17', 'appels-a-projets-2024.md',
      ...Object.values(call.indicators ?? {}).map((i) => i.label).slice(0, 3),
    ]) expect(text).toContain(plain(expected));
    const html = plain(renderConventionHtml(doc));
    expect(html).toContain(`Versement unique à la signature : ${plain(formatMoney(agreement.montant))}, le 05/02/2024.`);
    expect(html).toContain('délibération CP-2024-02-05-17');
  });

  it('gives an advance-and-balance convention its advance at signature and its balance on service fait, with their amounts', async () => {
    const world = await financeWorld();
    const call = world.repository.calls.get('adsl-2024')!.definition;
    const payment = call.funding.payment as { advancePercent: number };
    const agreement = await signFirstAgreement(world, call.id);
    await registerOperator(world, agreement.operatorId);
    const doc = await loadConvention({ store: world.store, register: world.register, departement: DEPARTEMENT, expand: (ids) => world.repository.territories.expand(ids) }, agreement.id);
    const advance = Math.floor((agreement.montant * payment.advancePercent) / 100);
    expect(doc.schedule.map((p) => [p.cents, p.date ?? null])).toEqual([[advance, doc.date], [agreement.montant - advance, null]]);
    const text = await pdfText(await renderConventionPdf(doc));
    expect(text).toContain(plain(`${formatMoney(advance)}, le ${formatDate(doc.date)}`));
    expect(text).toContain(plain(formatMoney(agreement.montant - advance)));
    expect(text).toContain(`du ${formatDate(doc.period!.start)} au ${formatDate(doc.period!.end)}`);
  });

  it('refuses to print before the signature or without a registered beneficiary', async () => {
    const world = await financeWorld();
    const agreement = await signFirstAgreement(world, 'information-juridique-2024');
    await expect(loadConvention({ store: world.store, register: world.register, departement: DEPARTEMENT, expand: (ids) => world.repository.territories.expand(ids) }, agreement.id)).rejects.toThrow(/registre des organismes/);
  });
});
