/**
 * The register's tables as kysely sees them, added to the store's schema by the migration
 * `2026-12-03-i15-organisations`; the register reads them through `store.db.withTables()`.
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/** An organisation, its current values. */
export interface OrganisationsTable {
  id: string;
  name: string;
  siret: string;
  rna: string | null;
  address: string | null;
  email: string | null;
  iban: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Every change of an organisation, append-only. */
export interface OrganisationHistoryTable {
  seq: Generated<number>;
  organisation_id: string;
  version: number;
  at: string;
  /** `{ id, role }`, JSON. */
  actor: string;
  kind: string;
  /** Field → `{ from, to }`, JSON. */
  changes: string;
}

/** The register's tables. */
export type RegisterTables = {
  organisations: OrganisationsTable;
  organisation_history: OrganisationHistoryTable;
};

/** The store's kysely handle, seeing the register's tables too. */
export type RegisterDb = Kysely<Database & RegisterTables>;

/** The store's kysely handle with the register's tables. */
export function registerDb(db: Kysely<Database>): RegisterDb {
  return db.withTables<RegisterTables>();
}
