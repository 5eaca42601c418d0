/**
 * The essential data of grant conventions in the SCDL « Subventions » format (décret n° 2017-779, arrêté du
 * 17 novembre 2017; Table Schema 2.0.1 in `standards/scdl-subventions/`): one row per signed convention,
 * the beneficiary being the operator (an organisation, never a household). By default only the conventions
 * the law targets: above 23 000 € a year. Every row is checked against the standard before it is written;
 * a row that breaks it is refused with the column named, never published.
 */
import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import { conventionReference } from '../convention/convention-reference.ts';
import type { Call } from '../definition/index.ts';
import { assertNever, EngineError } from '../errors.ts';
import type { OrganisationRegister } from '../organisations/index.ts';
import { agreementPeriod, agreementsOf, definitionOf } from '../payments/index.ts';
import type { InstanceRecord, Store } from '../store/index.ts';
import { checkRow, type CellProblem, type TableSchema } from './table-schema.ts';

/** The SCDL « Subventions » Table Schema (2.0.1), as published. */
export const SCDL_SCHEMA = createRequire(import.meta.url)('../../standards/scdl-subventions/schema.json') as TableSchema;

/** Columns added after the 2.0.1 ones, as version 2.1 names them. */
export const SCDL_EXTRA_COLUMNS = ['rnaBeneficiaire', 'dispositifAide'] as const;

/** The threshold of a mandatory convention and of publication: 23 000 € a year (décret n° 2001-495). */
export const PUBLICATION_THRESHOLD_CENTS = 2_300_000;

/** The attributing authority (configuration). */
export interface Attribuant {
  name: string;
  siret?: string;
}

/** What an export wrote and what it left out. */
export interface OpenDataResult {
  csv: string;
  rows: Record<string, string>[];
  /** Conventions not published: below the threshold (without `all`), or refused (the reason, with the column). */
  skipped: { agreementId: string; reason: string }[];
}

function signatureOf(agreement: InstanceRecord): string | undefined {
  const context = (agreement.snapshot as { context?: { milestones?: { signature?: string; serviceFait?: string } } }).context;
  return context?.milestones?.signature;
}

function objet(call: Call): string {
  const measures = Object.values(call.measures ?? {}).map((m) => m.label);
  const text = measures.length === 0 ? call.title : `${call.title} : ${measures.join(', ')}`;
  return [...text].length <= 256 ? text : `${[...text].slice(0, 255).join('')}…`;
}

/** `unique` or `échelonné`, and the date or period of payment, from the call's schedule and the agreement's milestones. */
function paymentTerms(call: Call, period: { start: string; end: string } | undefined, signed: string, serviceFait: string | undefined): { conditions: string; dates: string } {
  const payment = call.funding.payment;
  const expectedEnd = serviceFait ?? period?.end ?? signed;
  switch (payment.kind) {
    case 'single':
      if (payment.on === 'signature') return { conditions: 'unique', dates: signed };
      return { conditions: 'unique', dates: serviceFait ?? `${signed}/${expectedEnd}` };
    case 'advanceAndBalance':
      return { conditions: 'échelonné', dates: `${signed}/${expectedEnd < signed ? signed : expectedEnd}` };
    case 'unknown':
      return { conditions: [...payment.note].slice(0, 256).join(''), dates: `${signed}/${expectedEnd}` };
    default:
      return assertNever(payment);
  }
}

/** The agreed amount of a signed agreement, in cents. */
function agreedOf(agreement: InstanceRecord): number | undefined {
  const milestones = (agreement.snapshot as { context?: { milestones?: { agreedCents?: number } } }).context?.milestones;
  return milestones?.agreedCents;
}

/** The amount per year: the whole amount for a period of a year or less, pro rata of 12 months beyond. */
function annualCents(cents: number, period: { start: string; end: string } | undefined): number {
  if (period === undefined) return cents;
  const months = (Number(period.end.slice(0, 4)) - Number(period.start.slice(0, 4))) * 12 + Number(period.end.slice(5, 7)) - Number(period.start.slice(5, 7)) + 1;
  return months <= 12 ? cents : Math.round((cents * 12) / months);
}

/**
 * The SCDL rows of the conventions signed (dated) in `year`, as CSV (UTF-8, comma, decimal point).
 * @example
 * const { csv } = await openDataCsv({ store, register, attribuant: { name: 'Département du Pas-de-Calais', siret: '…' }, year: 2024 });
 */
export async function openDataCsv(options: { store: Store; register: OrganisationRegister; attribuant: Attribuant; year: number; all?: boolean; expand?: (ids: string[]) => string[] }): Promise<OpenDataResult> {
  const { attribuant } = options;
  if (attribuant.siret === undefined) {
    throw new EngineError('donnees-invalides', "Le SIRET du Département n'est pas configuré : renseignez-le dans config/departement.yaml (siret) ou DISPOSITIFS_DEPARTEMENT_SIRET, puis recommencez.");
  }
  const rows: Record<string, string>[] = [];
  const skipped: OpenDataResult['skipped'] = [];
  for await (const agreement of agreementsOf(options.store)) {
    const signed = signatureOf(agreement);
    const cents = agreedOf(agreement);
    if (signed === undefined || cents === undefined) continue;
    const dateConvention = typeof agreement.data['date-convention'] === 'string' ? agreement.data['date-convention'] : signed;
    if (Number(dateConvention.slice(0, 4)) !== options.year) continue;
    const call = await definitionOf(options.store, agreement);
    const period = agreementPeriod(call, agreement, options.expand);
    if (options.all !== true && annualCents(cents, period) <= PUBLICATION_THRESHOLD_CENTS) {
      skipped.push({ agreementId: agreement.id, reason: 'sous le seuil de 23 000 € par an (publiée avec --all)' });
      continue;
    }
    const organisation = agreement.operatorId === null ? undefined : await options.register.find(agreement.operatorId);
    if (organisation === undefined) {
      skipped.push({ agreementId: agreement.id, reason: `bénéficiaire « ${agreement.operatorId ?? '?'} » absent du registre des organismes (raison sociale et SIRET requis)` });
      continue;
    }
    const serviceFait = (agreement.snapshot as { context?: { milestones?: { serviceFait?: string } } }).context?.milestones?.serviceFait;
    const terms = paymentTerms(call, period, signed, serviceFait);
    const row: Record<string, string> = {
      nomAttribuant: attribuant.name, idAttribuant: attribuant.siret, dateConvention,
      referenceDecision: typeof agreement.data['deliberation'] === 'string' ? agreement.data['deliberation'] : '',
      nomBeneficiaire: organisation.name, idBeneficiaire: organisation.siret, objet: objet(call),
      montant: (cents / 100).toFixed(2), nature: 'aide en numéraire', conditionsVersement: terms.conditions,
      datesPeriodeVersement: terms.dates, idRAE: '', notificationUE: 'non', pourcentageSubvention: '1.00',
      rnaBeneficiaire: organisation.rna ?? '', dispositifAide: `${call.id} (${conventionReference(call, agreement.id)})`,
    };
    const problems = checkRow(SCDL_SCHEMA, row, rows.length + 1);
    if (problems.length > 0) {
      skipped.push({ agreementId: agreement.id, reason: `ligne refusée par le schéma SCDL : ${problems.map((p: CellProblem) => p.message).join(' ; ')}` });
      continue;
    }
    rows.push(row);
  }
  const columns = [...SCDL_SCHEMA.fields.map((f) => f.name), ...SCDL_EXTRA_COLUMNS];
  return { csv: stringify(rows, { header: true, columns, delimiter: ',', record_delimiter: '\n' }), rows, skipped };
}
