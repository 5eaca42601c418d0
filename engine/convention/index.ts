/**
 * @module convention
 * The convention of an agreement: generated from the definition and the agreement (parties, object, period,
 * amount and basis, schedule, reports, indicators, sources, reference), printed as HTML and PDF.
 */
export { conventionDocument, type ConventionDocument, type ConventionInput, type SchedulePayment } from './convention-document.ts';
export { conventionSections, renderConventionHtml } from './convention-html.ts';
export { renderConventionPdf } from './convention-pdf.ts';
export { conventionReference } from './convention-reference.ts';
export { loadConvention, type ConventionSources } from './load-convention.ts';
