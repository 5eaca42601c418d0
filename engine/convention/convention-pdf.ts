/**
 * The convention as a PDF (pdfkit, A4, the standard Helvetica font), the same sections as the HTML page.
 */
import { formatDate } from '../time/index.ts';
import type { ConventionDocument } from './convention-document.ts';
import { conventionSections } from './convention-html.ts';

/** The standard PDF fonts encode WinAnsi: the narrow no-break space of French amounts becomes a no-break space. */
function pdfText(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}

/**
 * Renders the convention as PDF bytes.
 * @example
 * const bytes = await renderConventionPdf(doc); // Buffer starting with %PDF-
 */
export async function renderConventionPdf(doc: ConventionDocument): Promise<Buffer> {
  // pdfkit (and its fonts) loads on the first PDF, not when the server starts.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Convention ${doc.reference}`, Author: doc.departement.name, Subject: doc.call.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(16).text(pdfText(`Convention de financement n° ${doc.reference}`));
  pdf.font('Helvetica').fontSize(10).fillColor('#555555').text(pdfText(`${doc.call.title} – convention du ${formatDate(doc.date)}`)).fillColor('#000000');
  for (const section of conventionSections(doc)) {
    pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(pdfText(section.title));
    pdf.font('Helvetica').fontSize(10);
    for (const line of section.lines) pdf.moveDown(0.2).text(pdfText(line));
  }
  pdf.moveDown(1).font('Helvetica-Bold').fontSize(12).text('Signatures');
  pdf.font('Helvetica').fontSize(10).text(pdfText(`Fait le ${formatDate(doc.date)}.`)).moveDown(2).text('Pour le Département :                                        Pour l’opérateur :');
  pdf.end();
  return done;
}
