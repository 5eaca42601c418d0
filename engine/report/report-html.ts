/**
 * The report as one self-contained HTML page (inline CSS and SVG charts, no script, nothing fetched):
 * indicators with their charts by month and by territory, the budget, the quotas, the operators' reports.
 */
import { assertNever } from '../errors.ts';
import { formatMoney } from '../money/index.ts';
import { formatDisplayNumber, formatFrenchDate, formatShortMonth } from './french-format.ts';
import { escapeHtml as e } from './html-escape.ts';
import { maskedText } from './privacy.ts';
import type { BudgetLine, CallReport, IndicatorBreakdown, IndicatorResult } from './report-types.ts';
import { barChart, columnChart, type ChartBar } from './svg-chart.ts';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1f2933;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #2b6a99;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .3rem}h4{font-size:.95rem;margin:.8rem 0 .2rem;color:#52606d}
.meta,.source{color:#52606d;font-size:.85rem}.notice{background:#fff8e1;border-left:4px solid #f0b429;padding:.4rem .8rem}
.total{font-size:1.3rem;font-weight:600;margin:.2rem 0}.withheld,.error{color:#8d2b0b}
table{border-collapse:collapse;margin:.4rem 0;font-size:.9rem}th,td{border:1px solid #cbd2d9;padding:.2rem .5rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.masked{color:#4f5b69;font-style:italic}
meter{width:12rem}figure{margin:.4rem 0}nav ul{columns:2}.scroll{overflow-x:auto}
@media print{nav{display:none}h2{break-before:page}}
`;

/**
 * Renders a report as an HTML page.
 * @example
 * return c.html(renderHtml(report));
 */
export function renderHtml(report: CallReport): string {
  const masked = report.disclosure.masked
    ? `<p class="notice">Les effectifs inférieurs à ${report.disclosure.threshold} sont masqués (« ${e(maskedText(report.disclosure))} »), totaux compris, ainsi que les effectifs voisins qui permettraient de les retrouver par différence.</p>`
    : '';
  const toc = report.indicators.map((indicator) => `<li><a href="#indicateur-${e(indicator.id)}">${e(indicator.label)}</a></li>`).join('');
  return [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Rapport — ${e(report.call.title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${e(report.call.title)}</h1>`,
    `<p class="meta">Appel ${e(report.call.id)} (${report.call.year}), version ${report.call.version} — rapport du ${e(formatFrenchDate(report.generatedOn))}${scopeText(report)}.</p>${masked}</header>`,
    `<nav><h2>Sommaire</h2><ul>${toc}<li><a href="#budget">Budget</a></li><li><a href="#bilans">Bilans des opérateurs</a></li></ul></nav>`,
    `<section id="indicateurs"><h2>Indicateurs</h2>${report.indicators.map((indicator) => indicatorHtml(indicator, report)).join('')}</section>`,
    budgetHtml(report),
    reportsHtml(report),
    '</body></html>',
  ].join('\n');
}

function scopeText(report: CallReport): string {
  if (report.viewer.operatorId !== undefined) return `, opérateur ${e(report.viewer.operatorId)}`;
  if (report.viewer.territories !== undefined) return `, territoires ${e(report.viewer.territories.join(', '))}`;
  return '';
}

function indicatorHtml(indicator: IndicatorResult, report: CallReport): string {
  const source = indicator.source ? `<p class="source">Source : ${e(indicator.source.document)}, « ${e(indicator.source.section)} »${indicator.source.line ? `, ligne ${indicator.source.line}` : ''}.</p>` : '';
  const head = `<article id="indicateur-${e(indicator.id)}"><h3>${e(indicator.label)}</h3>`;
  switch (indicator.status) {
    case 'withheld':
      return `${head}<p class="withheld">${e(indicator.message)}</p>${source}</article>`;
    case 'error':
      return `${head}<p class="error">${e(indicator.message)}</p>${source}</article>`;
    case 'ok': {
      const format = (value: number | null) => (value === null ? 'non renseigné' : formatDisplayNumber(value, indicator.unit));
      const shownTotal = indicator.totalMasked ? `<span class="masked">${e(maskedText(report.disclosure))}</span>` : e(format(indicator.total));
      const total = `<p class="total">${indicator.kind === 'average' ? 'Moyenne' : indicator.kind === 'ratio' ? 'Ensemble' : 'Total'} : ${shownTotal}</p>`;
      const breakdowns = indicator.breakdowns.map((breakdown) => breakdownHtml(breakdown, format, report, indicator.breakdowns)).join('');
      return `${head}${total}${breakdowns}${source}</article>`;
    }
    default:
      return assertNever(indicator);
  }
}

function breakdownHtml(breakdown: IndicatorBreakdown, format: (value: number | null) => string, report: CallReport, siblings: IndicatorBreakdown[]): string {
  const text = (row: IndicatorBreakdown['rows'][number]) => (row.masked ? maskedText(report.disclosure) : format(row.value));
  const cell = (row: IndicatorBreakdown['rows'][number]) => `<td class="num${row.masked ? ' masked' : ''}">${e(text(row))}</td>`;
  const title = `<h4>${e(breakdown.label)}</h4>`;
  if (breakdown.rows.length === 0) return `${title}<p class="meta">Aucune donnée.</p>`;
  if (breakdown.by.length === 1) {
    const isMonth = breakdown.by[0] === 'month';
    const bars: ChartBar[] = breakdown.rows.map((row) => ({
      label: isMonth && row.keys[0] ? formatShortMonth(row.keys[0]) : (row.labels[0] ?? ''),
      value: row.masked ? null : row.value,
      text: text(row),
      masked: row.masked,
    }));
    const chart = isMonth ? columnChart(breakdown.label, bars) : barChart(breakdown.label, bars);
    const rows = breakdown.rows.map((row) => `<tr><td>${e(row.labels[0] ?? '')}</td>${cell(row)}</tr>`).join('');
    return `${title}<figure>${chart}</figure><details><summary>Tableau</summary><table><tbody>${rows}</tbody></table></details>`;
  }
  // Two dimensions or more: a cross table, lines by the first key, columns by the others, in the order of
  // the indicator's own breakdown by those keys when it has one (a distribution's values, in order).
  const lines = unique(breakdown.rows.map((row) => row.labels[0] ?? ''));
  const rest = breakdown.by.slice(1).join();
  const ordered = siblings.find((sibling) => sibling.by.join() === rest)?.rows.map((row) => row.labels.join(' / ')) ?? [];
  const seen = unique(breakdown.rows.map((row) => row.labels.slice(1).join(' / ')));
  const columns = [...ordered.filter((column) => seen.includes(column)), ...seen.filter((column) => !ordered.includes(column))];
  const header = `<tr><th></th>${columns.map((column) => `<th class="num">${e(column)}</th>`).join('')}</tr>`;
  const body = lines
    .map((line) => {
      const cells = columns.map((column) => {
        const row = breakdown.rows.find((r) => (r.labels[0] ?? '') === line && r.labels.slice(1).join(' / ') === column);
        return row ? cell(row) : '<td class="num">—</td>';
      });
      return `<tr><th>${e(line)}</th>${cells.join('')}</tr>`;
    })
    .join('');
  return `${title}<div class="scroll" tabindex="0"><table><thead>${header}</thead><tbody>${body}</tbody></table></div>`;
}

function budgetHtml(report: CallReport): string {
  const { budget } = report;
  const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents));
  const header =
    '<tr><th>Périmètre</th><th class="num">Enveloppe</th><th class="num">Engagé</th><th class="num">Réalisé</th><th class="num">Avances</th>' +
    '<th class="num">Dû</th><th class="num">Versé</th><th class="num">Reste à verser</th><th class="num">Reste à engager</th><th class="num">Conventions</th></tr>';
  const row = (line: BudgetLine) =>
    `<tr><th>${e(line.label)}</th>${[line.envelope, line.committed, line.earned, line.advanced, line.due, line.paid, line.toPay, line.remaining]
      .map((cents) => `<td class="num">${e(money(cents))}</td>`)
      .join('')}<td class="num">${line.agreements}</td></tr>`;
  const table = (title: string, lines: BudgetLine[]) =>
    lines.length === 0 ? '' : `<h3>${e(title)}</h3><div class="scroll" tabindex="0"><table><thead>${header}</thead><tbody>${lines.map(row).join('')}</tbody></table></div>`;
  const envelope = budget.envelopeKnown ? '' : `<p class="notice">Enveloppe non connue${budget.envelopeNote ? ` : ${e(budget.envelopeNote)}` : '.'}</p>`;
  const quotas = budget.quotas
    .map((quota) => {
      const uses = quota.used
        .map((use) => {
          const meter = use.count === null ? '' : ` <meter min="0" max="${quota.max}" value="${Math.min(use.count, quota.max)}">${use.count} sur ${quota.max}</meter>`;
          return `<li>${quota.per === 'call' ? '' : `${e(use.label)} : `}<span class="${use.masked ? 'masked' : ''}">${e(use.text)}</span>${meter}</li>`;
        })
        .join('');
      return `<h4>${e(quota.label)}${quota.enforce === 'warn' ? ' (objectif)' : ''}</h4><ul>${uses || '<li>Aucune.</li>'}</ul>`;
    })
    .join('');
  const shared = budget.shared === undefined ? '' :
    `<p>Enveloppe commune « ${e(budget.shared.label)} » (${e(budget.shared.calls.join(', '))}) : ${e(money(budget.shared.amount))}, engagé par ces appels ${e(money(budget.shared.committed))}, reste à engager ${e(money(budget.shared.remaining))}.</p>`;
  const years = budget.years.length === 0 ? '' :
    '<h3>Par année budgétaire</h3><div class="scroll" tabindex="0"><table><thead><tr><th>Année</th><th class="num">Enveloppe</th><th class="num">Engagé</th><th class="num">Mandats émis</th><th class="num">Payé</th><th class="num">Reste à engager</th></tr></thead><tbody>' +
    budget.years.map((y) => `<tr><th>${y.year}</th>${[y.envelope, y.committed, y.issued, y.paid, y.remaining].map((cents) => `<td class="num">${e(money(cents))}</td>`).join('')}</tr>`).join('') +
    '</tbody></table></div>';
  return (
    `<section id="budget"><h2>Budget</h2>${envelope}${shared}` +
    table("Appel", [budget.call]) +
    years +
    table('Par groupe de territoires', budget.groups) +
    table('Par opérateur', budget.operators) +
    (quotas ? `<h3>Quotas</h3>${quotas}` : '') +
    '</section>'
  );
}

function reportsHtml(report: CallReport): string {
  const { byState, pending } = report.reports;
  const counts = byState.length === 0
    ? '<p class="meta">Aucun bilan attendu pour l\'instant.</p>'
    : `<table><tbody>${byState.map((row) => `<tr><th>${e(row.label)}</th><td class="num${row.masked ? ' masked' : ''}">${row.count === null ? e(maskedText(report.disclosure)) : row.count}</td></tr>`).join('')}</tbody></table>`;
  const list = pending.length === 0
    ? ''
    : `<h3>Bilans attendus</h3><table><thead><tr><th>Échéance</th><th>Bilan</th><th>Opérateur</th><th>État</th></tr></thead><tbody>${pending
        .map((row) => `<tr><td>${row.due === null ? '—' : e(formatFrenchDate(row.due))}</td><td>${e(row.label)}</td><td>${e(row.operatorId ?? '—')}</td><td>${e(row.stateLabel)}</td></tr>`)
        .join('')}</tbody></table>`;
  return `<section id="bilans"><h2>Bilans des opérateurs</h2>${counts}${list}</section>`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
