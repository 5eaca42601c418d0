/**
 * French words for the parts of a call a sheet or a diff shows: periods, windows, tariffs, grants,
 * payment schedules, quotas, reports, indicators. One sentence each, the same on the sheet and in the diff.
 */
import { describeDeadline, describeDuration } from '../diagram/index.ts';
import type { Call, Grant, Indicator, Measure, Payment, Period, Quota, Report, Source, Tariff, Window } from '../definition/definition-types.ts';
import { assertNever } from '../errors.ts';
import { formatMoney, parseMoney } from '../money/index.ts';
import { formatDate } from '../time/index.ts';
import { advanceShare, grantMeasure, quotaScope, singlePaymentMoment } from './fragments.ts';

/** Acts of a measure kind (id → label, unit), to say « par semaine ». */
export type ActWords = Record<string, { label: string; unit?: string } | undefined>;

/** An amount as written in a definition, formatted the one French way (« 162,38 € »). */
export function describeMoney(text: string): string {
  const cents = parseMoney(text);
  return cents === undefined ? text : formatMoney(cents);
}

/**
 * A period of inclusive dates: « 01/04/2024–31/05/2024 », « jusqu'au 06/09/2019 (ouverture non précisée) »
 * for a deadline alone, or « dates non connues ».
 * @example describePeriod({ start: '2024-04-01', end: '2024-05-31' }) // '01/04/2024–31/05/2024'
 */
export function describePeriod(period: Period): string {
  if (period.unknown === true) return 'dates non connues';
  if (!('start' in period)) return `jusqu'au ${safeDate(period.end)} (ouverture non précisée)`;
  return `${safeDate(period.start)}–${safeDate(period.end)}`;
}

/** A window: its application period and its agreement period. */
export function describeWindow(window: Window): string {
  return `candidatures ${describePeriod(window.application)}, convention ${describePeriod(window.agreement)}`;
}

/**
 * A tariff in French (a sum lists its parts).
 * @example describeTariff({ kind: 'perAct', act: 'semaine', price: '55 €', maxUnits: 8 }, { semaine: { label: 'Semaine', unit: 'semaine' } })
 * // '55,00 € par semaine, 8 au plus'
 */
export function describeTariff(tariff: Tariff, acts: ActWords = {}): string {
  switch (tariff.kind) {
    case 'perAct': {
      const price = `${describeMoney(tariff.price)} par ${unitOf(tariff.act, acts)}`;
      return tariff.maxUnits === undefined ? price : `${price}, ${tariff.maxUnits} au plus`;
    }
    case 'declared':
      return `montant déclaré, au plus ${describeMoney(tariff.max)} par ${unitOf(tariff.act, acts)}`;
    case 'prorata': {
      const amount = `${describeMoney(tariff.amount)} pour ${describeDuration(tariff.per)}, au prorata des mois commencés`;
      return tariff.maxMonths === undefined ? amount : `${amount}, ${tariff.maxMonths} mois au plus`;
    }
    case 'flat':
      return `forfait de ${describeMoney(tariff.amount)}`;
    case 'sum': {
      const parts = Object.entries(tariff.parts).map(([id, part]) => `${part.label ?? id} : ${describeTariff(part, acts)}`);
      const sum = `somme de ${parts.join(' ; ')}`;
      return tariff.max === undefined ? sum : `${sum} ; au plus ${describeMoney(tariff.max)}`;
    }
    default:
      return assertNever(tariff);
  }
}

/** The grant of an agreement: « au plus 20 000,00 € par convention ». */
export function describeGrant(grant: Grant): string {
  switch (grant.kind) {
    case 'flat':
      return `montant fixe de ${describeMoney(grant.amount)}`;
    case 'upTo':
      return `au plus ${describeMoney(grant.max)} par ${grantMeasure(grant) ?? 'convention'}`;
    case 'activity':
      return "l'activité tarifée des mesures, dans la limite du montant conventionné";
    default:
      return assertNever(grant);
  }
}

/** The payment schedule: « avance de 60 % à la signature, solde sur service fait ». */
export function describePayment(payment: Payment, year?: number): string {
  switch (payment.kind) {
    case 'advanceAndBalance':
      return `avance ${advanceShare(payment)} à la signature de la convention, solde sur service fait`;
    case 'single': {
      const when = singlePaymentMoment(payment);
      const offset = payment.yearOffset ? `, en ${year === undefined ? `n + ${payment.yearOffset}` : year + payment.yearOffset}` : '';
      return `versement unique ${when}${offset}`;
    }
    case 'unknown':
      return 'non précisé par le texte (signature refusée tant qu’il ne l’est pas)';
    default:
      return assertNever(payment);
  }
}

/** The call's envelope: an amount, or « non connue à la publication ». */
export function describeEnvelope(envelope: NonNullable<Call['funding']['envelope']>): string {
  if (envelope.amount !== undefined) return describeMoney(envelope.amount);
  if (envelope.shared !== undefined) return `commune à plusieurs appels (enveloppe « ${envelope.shared} »)`;
  return envelope.unknown === true ? 'non connue à la publication' : 'non précisée';
}

/** A quota: « 45 mesures au plus pour l'appel (objectif) ». */
export function describeQuota(quota: Quota): string {
  const what = quota.of === 'measures' ? `mesure${quota.max > 1 ? 's' : ''}${quota.measure ? ` ${quota.measure}` : ''}` : `convention${quota.max > 1 ? 's' : ''}`;
  const per = quotaScope(quota) ?? "pour l'appel";
  return `${quota.max} ${what} au plus ${per}${quota.enforce === 'warn' ? ' (objectif, signalé sans refus)' : ''}`;
}

/** A report: « bilan final, dû 6 mois après la fin de la convention ». */
export function describeReport(report: Report): string {
  return `${report.kind === 'final' ? 'bilan final' : 'bilan intermédiaire'}, dû ${describeDeadline(report.due)}`;
}

/** An indicator: « nombre de mesures equipe-mobile, par territoire ». */
export function describeIndicator(indicator: Indicator): string {
  const kind = { count: 'nombre', sum: 'somme', average: 'moyenne', distribution: 'répartition', ratio: indicator.change === true ? 'taux de variation' : 'ratio' }[indicator.kind];
  const of = { measures: 'mesures', applications: 'candidatures', reports: 'bilans', events: 'événements' }[indicator.of];
  const parts = [`${kind} de ${of}${indicator.measure ? ` ${indicator.measure}` : ''}${indicator.event ? ` « ${indicator.event} »` : ''}`];
  if (indicator.field) parts.push(indicator.per ? `${indicator.field} rapporté à ${indicator.per}` : `champ ${indicator.field}`);
  if (indicator.states?.length) parts.push(`états ${indicator.states.join(', ')}`);
  if (indicator.where) parts.push(`où ${Object.entries(indicator.where).map(([key, value]) => `${key} = ${String(value)}`).join(', ')}`);
  if (indicator.groupBy?.length) parts.push(`par ${indicator.groupBy.map((group) => group.replace(/^territory$/, 'territoire').replace(/^month$/, 'mois').replace(/^operator$/, 'opérateur').replace(/^field:/, '').replace(/^age:(.*)$/, "tranches d'âge ($1)")).join(', ')}`);
  return parts.join(', ');
}

/** A measure kind's duration: « 12 mois, renouvelable de 3 à 6 mois, 24 mois au plus ». */
export function describeMeasureDuration(duration: NonNullable<Measure['duration']>): string {
  const parts: string[] = [];
  if (duration.initial) parts.push(describeDuration(duration.initial));
  const renewal = duration.renewal;
  if (renewal?.min && renewal.max) parts.push(`renouvelable de ${describeDuration(renewal.min)} à ${describeDuration(renewal.max)}`);
  else if (renewal?.max) parts.push(`renouvelable jusqu'à ${describeDuration(renewal.max)}`);
  else if (renewal?.min) parts.push(`renouvelable, ${describeDuration(renewal.min)} au moins`);
  if (duration.max) parts.push(`${describeDuration(duration.max)} au plus`);
  return parts.length === 0 ? 'non précisée' : parts.join(', ');
}

/** The status of a call: brouillon, publié, clos. */
export function describeStatus(status: Call['status']): string {
  return { draft: 'brouillon', published: 'publié', closed: 'clos' }[status];
}

/** Where a rule comes from: « appels-a-projets-2024.md, DURÉE ET FINANCEMENT, ligne 1565 ». */
export function describeSource(source: Source): string {
  return [source.document, source.section, source.line === undefined ? undefined : `ligne ${source.line}`].filter(Boolean).join(', ');
}

function unitOf(act: string, acts: ActWords): string {
  return acts[act]?.unit ?? acts[act]?.label.toLowerCase() ?? act;
}

function safeDate(date: string): string {
  try {
    return formatDate(date);
  } catch {
    return date;
  }
}
