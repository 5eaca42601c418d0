/**
 * An organisation of the register: an operator (association, CCAS, company…) that applies to calls, signs
 * conventions and receives payments. Its `id` is the `operatorId` of applications and tokens.
 */

/** What a user writes about an organisation (create or change). */
export interface OrganisationInput {
  /** Stable identifier, the operatorId of applications and tokens (`asso-a`, `adil-62`). */
  id: string;
  /** Raison sociale or legal name. */
  name: string;
  /** 14 digits, Luhn key (La Poste's exception). */
  siret: string;
  /** `W` + 9 digits, for an association that has one. */
  rna?: string;
  /** Postal address, one line. */
  address?: string;
  /** Contact e-mail. */
  email?: string;
  /** Bank account (ISO 13616), read by the Département's finance service only. */
  iban?: string;
}

/** An organisation as the register keeps it. */
export interface Organisation extends OrganisationInput {
  /** 1 at creation, +1 at each change. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** An organisation as a reader sees it: the IBAN only for the finance service, masked otherwise. */
export type OrganisationView = Omit<Organisation, 'iban'> & { iban?: string; ibanMasked?: string };

/** Who reads or changes the register. */
export interface RegisterActor {
  id: string;
  role: 'departement' | 'coordinator' | 'operator' | 'evaluator' | 'system';
  /** An operator's own organisation. */
  operatorId?: string;
  /** The Département's finance service: reads bank details. */
  finance?: boolean;
}

/** One entry of an organisation's history (append-only). */
export interface OrganisationChange {
  organisationId: string;
  version: number;
  at: string;
  by: { id: string; role: string };
  /** `creation`, `modification` or `import`. */
  kind: 'creation' | 'modification' | 'import';
  /** The fields changed, with their old and new values (bank details masked unless the reader is the finance service). */
  changes: Record<string, { from: string | null; to: string | null }>;
}

/** The fields of an organisation, in the order of the CSV and of the forms. */
export const ORGANISATION_FIELDS = ['id', 'name', 'siret', 'rna', 'address', 'email', 'iban'] as const;

/** A field of an organisation. */
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number];
