/**
 * The French sentences of an impact, shared by its text and HTML renderings: the headline (« à activité
 * constante, l'appel 2026 coûterait X € (+Y %) »), an outcome's name, a change of an instance.
 */
import { formatMoney } from '../money/index.ts';
import { formatDate } from '../time/index.ts';
import type { ImpactLine, ImpactOutcome, ImpactReport, InstanceImpact } from './impact-types.ts';

/** « +12,5 % », « −3 % », « 0 % », or « — » when there was nothing before. */
export function percentChange(before: number, after: number): string {
  if (before === 0) return after === 0 ? '0 %' : '—';
  const p = Math.round(((after - before) / before) * 1000) / 10;
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p).toLocaleString('fr-FR')} %`;
}

/** « +3,00 € », « −1 200,00 € ». */
export function signedMoney(cents: number): string {
  return `${cents > 0 ? '+' : cents < 0 ? '−' : ''}${formatMoney(Math.abs(cents))}`;
}

/** The outcome of an instance, in French. */
export const OUTCOME_LABELS: Record<ImpactOutcome, string> = {
  identique: 'inchangé',
  refuse: 'refusé',
  'non-couvert': 'non créé (convention absente)',
  'etat-different': 'autre état final',
  'chemin-different': 'autre chemin',
  'montant-different': 'autre montant',
};

/** The headline sentence of an impact. */
export function headline(report: ImpactReport): string {
  const { call } = report;
  const what = report.activity.callId === report.candidate.callId
    ? `Sous la définition candidate de « ${report.candidate.callId} » (version ${report.candidate.version})`
    : `À activité constante (celle de « ${report.activity.callId} », dates décalées de ${report.shiftYears} an${Math.abs(report.shiftYears) > 1 ? 's' : ''}), l'appel ${report.candidate.year} « ${report.candidate.callId} »`;
  const cost = report.activity.callId === report.candidate.callId
    ? `${what}, l'activité enregistrée coûterait ${formatMoney(call.costAfter)} au lieu de ${formatMoney(call.costBefore)} (${signedMoney(call.costAfter - call.costBefore)}, ${percentChange(call.costBefore, call.costAfter)})`
    : `${what} coûterait ${formatMoney(call.costAfter)} (${percentChange(call.costBefore, call.costAfter)} ; ${formatMoney(call.costBefore)} sous les règles de ${report.activity.year})`;
  return `${cost} ; activité aux tarifs : ${formatMoney(call.earnedBefore)} → ${formatMoney(call.earnedAfter)} (${signedMoney(call.earnedAfter - call.earnedBefore)}).`;
}

/** One change, in a sentence: what happens to the instance and its money. */
export function describeChange(change: InstanceImpact): string {
  const who = change.kind === 'measure' ? `mesure ${change.measureKind ?? ''} « ${change.instanceId} »` : change.kind === 'application' ? `convention « ${change.instanceId} »` : `bilan « ${change.instanceId} »`;
  switch (change.outcome) {
    case 'refuse': {
      const r = change.refusal;
      const at = r ? (r.version === 1 ? `dès sa création le ${formatDate(r.date)}` : `à l'événement n° ${r.version} (« ${r.type} », le ${formatDate(r.date)})`) : '';
      return `${who} : refusé ${at}${r?.rule !== undefined ? ` [règle ${r.rule}]` : ''} — ${r?.message ?? ''}`;
    }
    case 'non-couvert':
      return `${who} : non créé, ${change.reason ?? ''}`;
    case 'etat-different':
      return `${who} : finit en « ${change.after.state ?? '?'} » au lieu de « ${change.before.state ?? '?'} » (${money(change)})`;
    case 'chemin-different':
      return `${who} : même état final « ${change.after.state ?? '?'} » par un autre chemin (${money(change)})`;
    case 'montant-different':
      return `${who} : ${money(change)}`;
  }
}

function money(change: InstanceImpact): string {
  return `${formatMoney(change.before.cents)} → ${formatMoney(change.after.cents)}, ${signedMoney(change.after.cents - change.before.cents)}`;
}

/** A totals line's cells: count, activity and cost before → after with their difference. */
export function lineCells(line: ImpactLine): string[] {
  return [
    line.label,
    line.countBefore === line.countAfter ? String(line.countAfter) : `${line.countBefore} → ${line.countAfter}`,
    `${formatMoney(line.earnedBefore)} → ${formatMoney(line.earnedAfter)}`,
    signedMoney(line.earnedAfter - line.earnedBefore),
    `${formatMoney(line.costBefore)} → ${formatMoney(line.costAfter)}`,
    signedMoney(line.costAfter - line.costBefore),
  ];
}

/** The headers of {@link lineCells}. */
export const LINE_HEADERS = ['', 'nombre', 'activité aux tarifs', 'écart', 'coût (participation retenue)', 'écart'];
