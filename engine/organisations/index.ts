/**
 * @module organisations
 * The register of organisations (operators): identity (name, SIRET, RNA), contact, bank details for the
 * finance service, an append-only history, a CSV import. Its `id` is the operatorId of applications and tokens.
 */
export { emailProblem, ibanProblem, maskIban, normalizeIban, rnaProblem, siretProblem } from './identifiers.ts';
export { checkOrganisation, MAX_ORGANISATION_TEXT, ORGANISATION_ID_PATTERN, ORGANISATION_LABELS, type OrganisationFinding } from './organisation-check.ts';
export { importOrganisationsCsv, readOrganisationsCsv, MAX_IMPORT_ROWS, type ImportResult } from './organisation-csv.ts';
export { organisationRegister, organisationView, refuseFindings, type OrganisationRegister, type RegisterOutcome } from './organisation-register.ts';
export { ORGANISATION_FIELDS, type Organisation, type OrganisationChange, type OrganisationField, type OrganisationInput, type OrganisationView, type RegisterActor } from './organisation-types.ts';
export { registerDb, type RegisterDb, type RegisterTables } from './register-tables.ts';
