/**
 * The report as one CSV table for a French spreadsheet: `;` separator, decimal comma, dates JJ/MM/AAAA,
 * months MM/AAAA, amounts in euros, a byte-order mark so that accents open right, CRLF line ends.
 */
import { stringify } from 'csv-stringify/sync';
import { assertNever } from '../errors.ts';
import { formatCsvMonth, formatCsvNumber, formatFrenchDate } from './french-format.ts';
import { maskedText } from './privacy.ts';
import type { BudgetLine, CallReport, IndicatorResult } from './report-types.ts';

/** The columns of the CSV, in order. */
export const CSV_COLUMNS = ['rubrique', 'code', 'libellé', 'ventilation', 'modalité', 'valeur', 'unité'] as const;

type Row = [string, string, string, string, string, string, string];

/**
 * Renders a report as CSV text.
 * @example
 * await writeFile('rapport.csv', renderCsv(report));
 * // rubrique;code;libellé;ventilation;modalité;valeur;unité
 * // indicateur;menages-eligibles;Nombre de ménages éligibles;Total;;17;nombre
 */
export function renderCsv(report: CallReport): string {
  const rows: Row[] = [
    ['rapport', 'appel', report.call.title, '', '', report.call.id, `version ${report.call.version}`],
    ['rapport', 'date', 'Date du rapport', '', '', formatFrenchDate(report.generatedOn), 'date'],
  ];
  if (report.disclosure.masked) {
    rows.push(['rapport', 'masquage', `Effectifs inférieurs à ${report.disclosure.threshold} masqués`, '', '', maskedText(report.disclosure), '']);
  }
  for (const indicator of report.indicators) rows.push(...indicatorRows(indicator, report));
  rows.push(...budgetRows(report));
  for (const quota of report.budget.quotas) {
    for (const use of quota.used) {
      rows.push(['quota', quota.id, quota.label, perLabel(quota.per), use.label, use.count === null ? maskedText(report.disclosure) : String(use.count), `sur ${quota.max}`]);
    }
  }
  for (const state of report.reports.byState) {
    rows.push(['bilans', state.state, 'Bilans des opérateurs', 'Par état', state.label, state.count === null ? maskedText(report.disclosure) : String(state.count), 'nombre']);
  }
  for (const pending of report.reports.pending) {
    rows.push(['bilan', pending.report, pending.label, pending.operatorId ?? '', pending.stateLabel, pending.due === null ? '' : formatFrenchDate(pending.due), 'échéance']);
  }
  const safe = rows.map((row) => row.map((cell, column) => (column === 5 ? cell : inert(cell))));
  return stringify([[...CSV_COLUMNS], ...safe], { delimiter: ';', record_delimiter: 'windows', bom: true });
}

/** A text cell a spreadsheet will not run as a formula (a leading = + - @ is quoted away). */
function inert(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function indicatorRows(indicator: IndicatorResult, report: CallReport): Row[] {
  const head = (ventilation: string, modality: string, value: string, unit: string): Row => ['indicateur', indicator.id, indicator.label, ventilation, modality, value, unit];
  switch (indicator.status) {
    case 'withheld':
      return [head('Total', '', 'réservé', indicator.message)];
    case 'error':
      return [head('Total', '', 'erreur', indicator.message)];
    case 'ok': {
      const unit = unitLabel(indicator);
      const format = (value: number | null) => (value === null ? '' : formatCsvNumber(value, indicator.unit));
      const rows: Row[] = [head('Total', '', indicator.totalMasked ? maskedText(report.disclosure) : format(indicator.total), unit)];
      for (const breakdown of indicator.breakdowns) {
        for (const row of breakdown.rows) {
          const modality = row.keys.map((key, i) => (breakdown.by[i] === 'month' && key !== null ? formatCsvMonth(key) : (row.labels[i] ?? ''))).join(' / ');
          rows.push(head(breakdown.label, modality, row.masked ? maskedText(report.disclosure) : format(row.value), unit));
        }
      }
      return rows;
    }
    default:
      return assertNever(indicator);
  }
}

function budgetRows(report: CallReport): Row[] {
  const { budget } = report;
  const lines: Array<[string, BudgetLine]> = [
    ['Appel', budget.call],
    ...budget.groups.map((line): [string, BudgetLine] => ['Par groupe de territoires', line]),
    ...budget.operators.map((line): [string, BudgetLine] => ['Par opérateur', line]),
  ];
  const rows: Row[] = [];
  for (const [scope, line] of lines) {
    const money = (code: string, label: string, cents: number | null) => {
      if (cents !== null) rows.push(['budget', code, label, scope, line.label, formatCsvNumber(cents, 'money'), '€']);
    };
    if (scope === 'Appel') {
      if (line.envelope === null) rows.push(['budget', 'enveloppe', 'Enveloppe', scope, line.label, 'inconnue', budget.envelopeNote ?? '']);
      else money('enveloppe', 'Enveloppe', line.envelope);
    }
    money('engage', 'Engagé (conventions signées)', line.committed);
    money('realise', 'Réalisé (activité × tarifs)', line.earned);
    money('avance', 'Avances dues', line.advanced);
    money('du', 'Dû (avances et soldes)', line.due);
    money('verse', 'Versé', line.paid);
    money('reste-a-verser', 'Reste à verser', line.toPay);
    money('reste-a-engager', "Reste à engager sur l'enveloppe", line.remaining);
    rows.push(['budget', 'conventions', 'Conventions signées', scope, line.label, String(line.agreements), 'nombre']);
  }
  for (const year of budget.years) {
    const scope = `Année ${year.year}`;
    const money = (code: string, label: string, cents: number | null) => {
      if (cents !== null) rows.push(['budget', code, label, scope, String(year.year), formatCsvNumber(cents, 'money'), '€']);
    };
    money('enveloppe', 'Enveloppe', year.envelope);
    money('engage', 'Engagé (conventions signées)', year.committed);
    money('mandats-emis', 'Mandats émis', year.issued);
    money('paye', 'Payé', year.paid);
    money('reste-a-engager', "Reste à engager sur l'enveloppe", year.remaining);
  }
  return rows;
}

function unitLabel(indicator: Extract<IndicatorResult, { status: 'ok' }>): string {
  if (indicator.unit === 'money') return indicator.kind === 'average' ? '€ (moyenne)' : '€';
  if (indicator.unit === 'percent') return '%';
  if (indicator.kind === 'average') return 'moyenne';
  if (indicator.kind === 'sum') return 'somme';
  return 'nombre';
}

function perLabel(per: 'call' | 'operator' | 'territory'): string {
  switch (per) {
    case 'call':
      return 'Appel';
    case 'operator':
      return 'Par opérateur';
    case 'territory':
      return 'Par territoire';
    default:
      return assertNever(per);
  }
}
