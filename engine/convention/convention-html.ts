/**
 * The convention as a printable HTML page (French, self-contained, print styles): the parties, the object,
 * the period, the amount and its basis, the payment schedule, the reports and indicators, the sources.
 */
import { formatMoney } from '../money/index.ts';
import { escapeHtml as e } from '../report/html-escape.ts';
import { formatDate } from '../time/index.ts';
import type { ConventionDocument } from './convention-document.ts';

/** The sections of a convention, in order, as titles and paragraphs (shared by the HTML and the PDF). */
export function conventionSections(doc: ConventionDocument): { title: string; lines: string[] }[] {
  const period = doc.period === undefined ? 'non précisée par l’appel' : `du ${formatDate(doc.period.start)} au ${formatDate(doc.period.end)}`;
  const beneficiary = [
    `${doc.beneficiary.name}, SIRET ${doc.beneficiary.siret}${doc.beneficiary.rna === undefined ? '' : `, RNA ${doc.beneficiary.rna}`}`,
    ...(doc.beneficiary.address === undefined ? [] : [doc.beneficiary.address]),
    ...(doc.beneficiary.email === undefined ? [] : [`Contact : ${doc.beneficiary.email}`]),
  ];
  return [
    { title: 'Entre les soussignés', lines: [`${doc.departement.name}${doc.departement.siret === undefined ? '' : `, SIRET ${doc.departement.siret}`}, ci-après « le Département »,`, 'et', ...beneficiary, 'ci-après « l’opérateur ».'] },
    { title: 'Article 1 – Objet', lines: [`Mise en œuvre de l’appel à projets « ${doc.call.title} » (${doc.call.year}).`, ...(doc.call.summary === undefined ? [] : [doc.call.summary]), ...doc.measures.map((m) => `${m.label}${m.tariff.length === 0 ? '' : ` : ${m.tariff.join(' ; ')}`}`)] },
    { title: 'Article 2 – Durée', lines: [`La convention court ${period}.`] },
    { title: 'Article 3 – Montant de la participation', lines: [`Le Département attribue à l’opérateur une participation de ${formatMoney(doc.amountCents)}.`, ...doc.basis] },
    { title: 'Article 4 – Calendrier de versement', lines: doc.schedule.length === 0 ? ['Calendrier non précisé par l’appel.'] : doc.schedule.map((p) => `${p.label} : ${formatMoney(p.cents)}${p.date === undefined ? '' : `, le ${formatDate(p.date)}`}${p.condition === undefined ? '' : `, ${p.condition}`}.`) },
    { title: 'Article 5 – Bilans dus', lines: doc.reports.length === 0 ? ['Aucun bilan prévu par l’appel.'] : doc.reports.map((r) => `${r.label}${r.due === undefined ? '' : ` : au plus tard le ${formatDate(r.due)}`}.`) },
    { title: 'Article 6 – Indicateurs à fournir', lines: doc.indicators.length === 0 ? ['Aucun indicateur prévu par l’appel.'] : doc.indicators },
    { title: 'Références', lines: [...doc.sources.map((s) => `Source : ${s}`), `Convention n° ${doc.reference}, du ${formatDate(doc.date)}${doc.deliberation === undefined ? '' : `, en application de la délibération ${doc.deliberation}`}.`] },
  ];
}

/** The convention as a whole HTML page. */
export function renderConventionHtml(doc: ConventionDocument): string {
  const sections = conventionSections(doc)
    .map((s) => `<section><h2>${e(s.title)}</h2>${s.lines.map((l) => `<p>${e(l)}</p>`).join('')}</section>`)
    .join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Convention ${e(doc.reference)}</title>` +
    '<style>body{font-family:Marianne,Arial,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5;color:#161616}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem}' +
    '.ref{color:#555}@media print{body{margin:0;max-width:none}section{break-inside:avoid}}</style></head><body>' +
    `<h1>Convention de financement n° ${e(doc.reference)}</h1><p class="ref">${e(doc.call.title)} – convention du ${e(formatDate(doc.date))}</p>${sections}` +
    `<section><h2>Signatures</h2><p>Fait le ${e(formatDate(doc.date))}.</p><p>Pour le Département : ……………… Pour l’opérateur : ………………</p></section></body></html>\n`;
}
