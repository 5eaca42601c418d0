/**
 * The convention of an agreement, as data: generated from the call's definition and the agreement (its
 * signature, amount, ledger and reports), the parties from the register and the configuration. The HTML and
 * PDF renderings print this and nothing else, so both say the same.
 */
import type { Call, Source } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import { computeLedger, formatMoney } from '../money/index.ts';
import type { Attribuant } from '../opendata/index.ts';
import type { Organisation } from '../organisations/index.ts';
import { agreementPeriod } from '../payments/order-sync.ts';
import type { InstanceRecord } from '../store/index.ts';
import { formatDate } from '../time/index.ts';
import { describeGrant, describePayment, describeSource, tariffLines } from '../wording/index.ts';
import { conventionReference } from './convention-reference.ts';

/** One payment of the schedule: when, how much, on what condition. */
export interface SchedulePayment {
  label: string;
  cents: number;
  /** The day it is (or became) due, when known. */
  date?: string;
  /** When the date is not known yet: what it waits for. */
  condition?: string;
}

/** A convention, ready to print. */
export interface ConventionDocument {
  reference: string;
  departement: Attribuant;
  beneficiary: Pick<Organisation, 'name' | 'siret'> & Partial<Pick<Organisation, 'rna' | 'address' | 'email'>>;
  call: { id: string; title: string; year: number; summary?: string };
  /** The object: the call and its measures, each with its tariff in words. */
  measures: { label: string; tariff: string[] }[];
  period?: { start: string; end: string };
  amountCents: number;
  /** How the amount is computed: the grant and its caps in words. */
  basis: string[];
  schedule: SchedulePayment[];
  reports: { label: string; due?: string }[];
  indicators: string[];
  sources: string[];
  /** The convention's date (the signature's, or the one it recorded) and the délibération that granted it. */
  date: string;
  deliberation?: string;
}

/** What {@link conventionDocument} reads. */
export interface ConventionInput {
  call: Call;
  agreement: InstanceRecord;
  /** The agreement's reports (instances), for their due dates. */
  reports: InstanceRecord[];
  beneficiary: Organisation | undefined;
  departement: Attribuant;
  /** Expands groups of territories, to find the agreement's window. */
  expand?: (ids: string[]) => string[];
}

/** The convention of a signed agreement; refused before the signature or without a registered beneficiary. */
export function conventionDocument(input: ConventionInput): ConventionDocument {
  const { call, agreement } = input;
  const milestones = (agreement.snapshot as { context?: { milestones?: { signature?: string; serviceFait?: string; agreedCents?: number } } }).context?.milestones ?? {};
  if (milestones.signature === undefined || milestones.agreedCents === undefined) {
    throw new EngineError('evenement-non-permis', 'La convention n’est pas encore signée : elle s’imprime une fois signée (montant et date connus).', { instanceId: agreement.id });
  }
  if (input.beneficiary === undefined) {
    throw new EngineError('donnees-invalides', `Le bénéficiaire « ${agreement.operatorId ?? '?'} » n’est pas au registre des organismes : enregistrez-le (raison sociale, SIRET) pour imprimer sa convention.`, { operatorId: agreement.operatorId });
  }
  const signed = milestones.signature;
  const ledger = computeLedger({
    grant: call.funding.grant, payment: call.funding.payment, agreedCents: milestones.agreedCents, earnedCents: 0,
    milestones: { signature: signed, ...(milestones.serviceFait !== undefined && { serviceFait: milestones.serviceFait }) }, callYear: call.year,
  });
  const reports = input.reports.map((report) => {
    const definition = report.reportId === null ? undefined : call.reports?.[report.reportId];
    const due = report.data['echeance'];
    return { label: definition?.label ?? report.reportId ?? 'Bilan', ...(typeof due === 'string' && { due }), final: definition?.kind === 'final' };
  });
  const finalDue = reports.find((r) => r.final)?.due;
  const payment = call.funding.payment;
  const schedule: SchedulePayment[] = [];
  const afterReport = finalDue === undefined ? 'après acceptation du bilan final (service fait)' : `après acceptation du bilan final, dû le ${formatDate(finalDue)} (service fait)`;
  switch (payment.kind) {
    case 'advanceAndBalance':
      schedule.push({ label: `Avance de ${payment.advancePercent} % à la signature`, cents: ledger.advance, date: signed });
      schedule.push({ label: 'Solde selon le service fait', cents: ledger.agreed - ledger.advance, ...(milestones.serviceFait !== undefined ? { date: milestones.serviceFait } : { condition: `${afterReport} ; au plus ce montant` }) });
      break;
    case 'single':
      schedule.push(payment.on === 'signature'
        ? { label: 'Versement unique à la signature', cents: ledger.agreed, date: signed }
        : { label: `Versement unique sur service fait${payment.yearOffset === undefined ? '' : ` en ${call.year + payment.yearOffset}`}`, cents: ledger.agreed, ...(milestones.serviceFait !== undefined ? { date: milestones.serviceFait } : { condition: afterReport }) });
      break;
    case 'unknown':
      break;
  }
  const sources = new Map<string, Source>();
  const cite = (source: Source | undefined) => {
    if (source !== undefined) sources.set(describeSource(source), source);
  };
  cite(call.source);
  cite(call.funding.grant.source);
  cite(call.funding.payment.source);
  for (const window of Object.values(call.windows)) cite((window.agreement as { source?: Source } | undefined)?.source);
  for (const report of Object.values(call.reports ?? {})) cite(report.source);
  const period = agreementPeriod(call, agreement, input.expand);
  const date = typeof agreement.data['date-convention'] === 'string' ? agreement.data['date-convention'] : signed;
  const organisation = input.beneficiary;
  return {
    reference: conventionReference(call, agreement.id),
    departement: input.departement,
    beneficiary: {
      name: organisation.name, siret: organisation.siret,
      ...(organisation.rna !== undefined && { rna: organisation.rna }),
      ...(organisation.address !== undefined && { address: organisation.address }),
      ...(organisation.email !== undefined && { email: organisation.email }),
    },
    call: { id: call.id, title: call.title, year: call.year, ...(call.summary !== undefined && { summary: call.summary }) },
    measures: Object.entries(call.measures ?? {}).map(([id, measure]) => ({ label: measure.label ?? id, tariff: tariffLines(measure.tariff, measure.acts ?? {}) })),
    ...(period !== undefined && { period }),
    amountCents: ledger.agreed,
    basis: [
      `Participation : ${describeGrant(call.funding.grant)}${call.funding.grant.label === undefined ? '' : ` (${call.funding.grant.label})`}.`,
      `Montant conventionné : ${formatMoney(ledger.agreed)}.`,
      `Versement : ${describePayment(payment, call.year)}.`,
    ],
    schedule,
    reports: reports.map(({ label, due }) => ({ label, ...(due !== undefined && { due }) })),
    indicators: Object.values(call.indicators ?? {}).map((indicator) => indicator.label),
    sources: [...sources.keys()],
    date,
    ...(typeof agreement.data['deliberation'] === 'string' && { deliberation: agreement.data['deliberation'] }),
  };
}
