/**
 * An impact rendered for people: French text for a terminal, and a self-contained HTML page (no script,
 * no external resource). JSON is the report itself.
 */
import { formatMoney } from '../money/index.ts';
import { escapeHtml } from '../report/html-escape.ts';
import { formatDate } from '../time/index.ts';
import type { ImpactLine, ImpactReport } from './impact-types.ts';
import { describeChange, headline, LINE_HEADERS, lineCells, OUTCOME_LABELS } from './impact-wording.ts';

const SECTIONS: Array<[string, (r: ImpactReport) => ImpactLine[]]> = [
  ['Par type de mesure (activité des ménages)', (r) => r.byMeasureKind],
  ['Par convention', (r) => r.byAgreement],
  ['Par opérateur', (r) => r.byOperator],
  ['Par groupe de territoires', (r) => r.byGroup],
];

function summary(report: ImpactReport): string[] {
  const counts = Object.entries(report.counts).filter(([, n]) => n > 0).map(([o, n]) => `${n} ${OUTCOME_LABELS[o as keyof typeof OUTCOME_LABELS]}`);
  const envelope = (cents: number | null) => (cents === null ? 'inconnue' : formatMoney(cents));
  return [
    `${report.instances} dossier(s), ${report.events} événement(s) rejoués en mémoire ; valorisation au ${formatDate(report.asOf.after)}.`,
    `Dossiers : ${counts.join(', ') || 'aucun'}.`,
    `Enveloppe : ${envelope(report.envelope.before)} → ${envelope(report.envelope.after)}${report.envelope.noteAfter !== undefined ? ` (${report.envelope.noteAfter})` : ''}` +
      (report.envelope.after !== null ? ` ; coût ${report.call.costAfter > report.envelope.after ? 'au-delà' : 'dans la limite'} de l'enveloppe.` : '.'),
    ...(report.bound ? [`Plafond de coût de la définition candidate : ${report.bound.text}`] : []),
  ];
}

/** The impact as French text. */
export function renderImpactText(report: ImpactReport, options: { maxChanges?: number } = {}): string {
  const max = options.maxChanges ?? 50;
  const out = [headline(report), '', ...summary(report)];
  for (const [title, lines] of SECTIONS) {
    const rows = lines(report);
    if (rows.length === 0) continue;
    out.push('', `${title} :`);
    for (const line of rows) {
      const [label, count, earned, dEarned, cost, dCost] = lineCells(line);
      out.push(`  ${label} — ${count} ; activité ${earned} (${dEarned}) ; coût ${cost} (${dCost})`);
    }
  }
  if (report.quotas.length > 0) {
    out.push('', 'Quotas :');
    for (const q of report.quotas) out.push(`  ${q.label} : ${q.before} → ${q.after} sur ${q.max}${q.after > q.max ? ' (dépassé)' : ''}`);
  }
  if (report.refusedHouseholds.length > 0) {
    out.push('', `Ménages que les nouvelles règles auraient refusés (${report.refusedHouseholds.length}) :`);
    for (const h of report.refusedHouseholds.slice(0, max)) out.push(`  ${h.instanceId} (${h.operatorId ?? '?'}, ${h.territory ?? '?'}) : ${h.refusal.message}`);
  }
  if (report.changes.length > 0) {
    out.push('', `Dossiers qui changent (${report.changes.length}) :`);
    for (const change of report.changes.slice(0, max)) out.push(`  ${describeChange(change)}`);
    if (report.changes.length > max) out.push(`  … et ${report.changes.length - max} autre(s) (format json pour tout voir).`);
  } else {
    out.push('', 'Aucun dossier ne change.');
  }
  return `${out.join('\n')}\n`;
}

function table(lines: ImpactLine[]): string {
  const head = LINE_HEADERS.map((h, i) => `<th scope="col"${i > 0 ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = lines.map((l) => `<tr>${lineCells(l).map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td class="n">${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The impact as a self-contained French HTML page. */
export function renderImpactHtml(report: ImpactReport): string {
  const sections = SECTIONS.map(([title, lines]) => (lines(report).length === 0 ? '' : `<section><h2>${escapeHtml(title)}</h2>${table(lines(report))}</section>`)).join('\n');
  const quotas = report.quotas.length === 0 ? '' : `<section><h2>Quotas</h2><ul>${report.quotas.map((q) => `<li>${escapeHtml(q.label)} : ${q.before} → ${q.after} sur ${q.max}${q.after > q.max ? ' <strong>(dépassé)</strong>' : ''}</li>`).join('')}</ul></section>`;
  const refused = report.refusedHouseholds.length === 0 ? '' : `<section><h2>Ménages que les nouvelles règles auraient refusés (${report.refusedHouseholds.length})</h2><ul>${report.refusedHouseholds.map((h) => `<li><code>${escapeHtml(h.instanceId)}</code> (${escapeHtml(h.operatorId ?? '?')}, ${escapeHtml(h.territory ?? '?')}) : ${escapeHtml(h.refusal.message)}</li>`).join('')}</ul></section>`;
  const changes = report.changes.length === 0 ? '<p>Aucun dossier ne change.</p>' : `<ul>${report.changes.map((c) => `<li>${escapeHtml(describeChange(c))}${c.before.lines.length + c.after.lines.length > 0 ? `<details><summary>Détail des montants</summary><div class="cols"><div><h4>Avant</h4><ul>${c.before.lines.map((l) => `<li>${escapeHtml(l.text)}</li>`).join('')}</ul></div><div><h4>Après</h4><ul>${c.after.lines.map((l) => `<li>${escapeHtml(l.text)}</li>`).join('')}</ul></div></div></details>` : ''}</li>`).join('\n')}</ul>`;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Impact sur l'activité enregistrée — ${escapeHtml(report.candidate.callId)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left}.n{text-align:right;white-space:nowrap}.lead{font-size:1.15rem;font-weight:600}.cols{display:flex;gap:2rem}details{margin:.3rem 0}</style>
</head><body><main>
<h1>Impact de « ${escapeHtml(report.candidate.title)} » sur l'activité enregistrée</h1>
<p class="lead">${escapeHtml(headline(report))}</p>
<ul>${summary(report).map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
${sections}
${quotas}
${refused}
<section><h2>Dossiers qui changent (${report.changes.length})</h2>${changes}</section>
</main></body></html>
`;
}
