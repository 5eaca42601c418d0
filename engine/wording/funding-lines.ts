/**
 * A call's money as the catalog's lines: envelope, origin of the credits, grant, payment schedule, quotas
 * (« Avance de 60 % à la signature, solde sur service fait »).
 */
import type { Call, Grant, Payment, Quota } from '../definition/index.ts';
import { assertNever } from '../errors.ts';
import { formatMoney, requireMoney } from '../money/index.ts';
import { advanceShare, grantMeasure, quotaScope, singlePaymentMoment } from './fragments.ts';

type Funding = Call['funding'];
type SourceId = NonNullable<Funding['sources']>[number];

/** French names of the origins of credits (« Fonds Solidarité Logement (FSL) »). */
export const SOURCE_LABELS: Record<SourceId, string> = {
  departement: 'Département',
  fsl: 'Fonds Solidarité Logement (FSL)',
  'logement-d-abord': "Logement d'abord",
  dihal: 'Crédits DIHAL',
  'pacte-des-solidarites': 'Pacte des solidarités',
  etat: 'État',
  epci: 'EPCI',
};

/** The envelope as a line, with its amount in cents when known (« Non connue » otherwise). */
export function envelopeLine(envelope: Funding['envelope']): { cents?: number; text: string; note?: string } {
  const note = envelope?.note;
  if (envelope?.amount !== undefined) {
    const cents = requireMoney(envelope.amount, "l'enveloppe");
    return { cents, text: formatMoney(cents), ...(note !== undefined && { note }) };
  }
  const text = envelope?.shared !== undefined ? `Commune à plusieurs appels (enveloppe « ${envelope.shared} »)` : envelope?.unknown === true ? 'Non connue' : 'Non précisée';
  return { text, ...(note !== undefined && { note }) };
}

/** The grant as a line; a ceiling per measure kind names the kind by its label. */
export function grantLine(grant: Grant, measureLabel: (id: string) => string | undefined): string {
  switch (grant.kind) {
    case 'flat':
      return `Participation forfaitaire de ${formatMoney(requireMoney(grant.amount, 'la participation'))} par convention`;
    case 'upTo': {
      const max = formatMoney(requireMoney(grant.max, 'le plafond de la participation'));
      const measure = grantMeasure(grant);
      const per = measure === undefined ? 'convention' : (measureLabel(measure) ?? measure);
      return `Jusqu'à ${max} par ${per.charAt(0).toLowerCase()}${per.slice(1)}`;
    }
    case 'activity':
      return "Selon l'activité : les mesures au tarif de l'appel, dans la limite du montant conventionné";
    default:
      return assertNever(grant);
  }
}

/** The payment schedule as a line, a later year of payment named (« en 2025 »). */
export function paymentLine(payment: Payment, year: number): string {
  switch (payment.kind) {
    case 'advanceAndBalance':
      return `Avance ${advanceShare(payment)} à la signature, solde sur service fait`;
    case 'single': {
      const inYear = payment.yearOffset !== undefined && payment.yearOffset > 0 ? `, en ${year + payment.yearOffset}` : '';
      return `Versement unique ${singlePaymentMoment(payment)}${inYear}`;
    }
    case 'unknown':
      return `Non précisé (${payment.note})`;
    default:
      return assertNever(payment);
  }
}

/** A quota as a line: « Mesures (12 au plus par opérateur) », or an objective when only warned. */
export function quotaLine(quota: Quota): string {
  const scope = quotaScope(quota);
  const per = scope === undefined ? '' : ` ${scope}`;
  const rule = quota.enforce === 'warn' ? `objectif : ${quota.max}${per}` : `${quota.max} au plus${per}`;
  return `${quota.label} (${rule})`;
}
