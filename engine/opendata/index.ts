/**
 * @module opendata
 * The essential data of grant conventions, published in the SCDL « Subventions » format and checked
 * against its Table Schema.
 */
export { openDataCsv, PUBLICATION_THRESHOLD_CENTS, SCDL_EXTRA_COLUMNS, SCDL_SCHEMA, type Attribuant, type OpenDataResult } from './scdl-subventions.ts';
export { checkRow, type CellProblem, type TableField, type TableSchema } from './table-schema.ts';
