/**
 * A call's funding in words, for the catalog: envelope, origin of the credits, grant, payment schedule,
 * conditions and quotas.
 */
import type { Call, Grant, Payment, Quota } from '../definition/index.ts';
import { assertNever } from '../errors.ts';
import { formatMoney, requireMoney } from '../money/index.ts';
import type { CatalogFunding } from './catalog-types.ts';

type Funding = Call['funding'];
type SourceId = NonNullable<Funding['sources']>[number];

const SOURCE_LABELS: Record<SourceId, string> = {
  departement: 'Département',
  fsl: 'Fonds Solidarité Logement (FSL)',
  'logement-d-abord': "Logement d'abord",
  dihal: 'Crédits DIHAL',
  'pacte-des-solidarites': 'Pacte des solidarités',
  etat: 'État',
  epci: 'EPCI',
};

/**
 * Describes a call's funding.
 * @example
 * describeFunding(call).payment // 'Avance de 60 % à la signature, solde sur service fait'
 */
export function describeFunding(call: Call, measureLabel: (id: string) => string | undefined): CatalogFunding {
  const funding = call.funding;
  return {
    envelope: describeEnvelope(funding.envelope),
    sources: (funding.sources ?? []).map((id) => ({ id, label: SOURCE_LABELS[id] })),
    grant: describeGrant(funding.grant, measureLabel),
    payment: describePayment(funding.payment, call.year),
    conditions: Object.values(funding.conditions ?? {}).map((condition) => condition.label),
    quotas: Object.values(funding.quotas ?? {}).map(describeQuota),
  };
}

function describeEnvelope(envelope: Funding['envelope']): CatalogFunding['envelope'] {
  const note = envelope?.note;
  if (envelope?.amount !== undefined) {
    const cents = requireMoney(envelope.amount, "l'enveloppe");
    return { cents, text: formatMoney(cents), ...(note !== undefined && { note }) };
  }
  const text = envelope?.unknown === true ? 'Non connue' : 'Non précisée';
  return { text, ...(note !== undefined && { note }) };
}

function describeGrant(grant: Grant, measureLabel: (id: string) => string | undefined): string {
  switch (grant.kind) {
    case 'flat':
      return `Participation forfaitaire de ${formatMoney(requireMoney(grant.amount, 'la participation'))} par convention`;
    case 'upTo': {
      const max = formatMoney(requireMoney(grant.max, 'le plafond de la participation'));
      const per = grant.per === undefined || grant.per === 'agreement' ? 'convention' : (measureLabel(grant.per) ?? grant.per);
      return `Jusqu'à ${max} par ${per.charAt(0).toLowerCase()}${per.slice(1)}`;
    }
    case 'activity':
      return "Selon l'activité : les mesures au tarif de l'appel, dans la limite du montant conventionné";
    default:
      return assertNever(grant);
  }
}

function describePayment(payment: Payment, year: number): string {
  switch (payment.kind) {
    case 'advanceAndBalance':
      return `Avance ${payment.upTo === true ? 'dans la limite ' : ''}de ${payment.advancePercent} % à la signature, solde sur service fait`;
    case 'single': {
      const when = payment.on === 'signature' ? 'à la signature de la convention' : 'sur service fait (bilan accepté)';
      const inYear = payment.yearOffset !== undefined && payment.yearOffset > 0 ? `, en ${year + payment.yearOffset}` : '';
      return `Versement unique ${when}${inYear}`;
    }
    case 'unknown':
      return `Non précisé (${payment.note})`;
    default:
      return assertNever(payment);
  }
}

function describeQuota(quota: Quota): string {
  const per = quota.per === 'operator' ? ' par opérateur' : quota.per === 'territory' ? ' par territoire' : '';
  const rule = quota.enforce === 'warn' ? `objectif : ${quota.max}${per}` : `${quota.max} au plus${per}`;
  return `${quota.label} (${rule})`;
}
