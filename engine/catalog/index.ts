/**
 * @module
 * The catalog: every call with its year, territories, windows, funding, measure kinds and tariffs, built from
 * a repository (a pure function) and rendered as the table a policy officer pins on the wall, or as JSON.
 *
 * @example
 * import { buildCatalog, renderCatalogText } from './engine/catalog/index.ts';
 * import { loadRepository } from './engine/definition/index.ts';
 * process.stdout.write(renderCatalogText(buildCatalog(await loadRepository('definitions'))));
 */
export type * from './catalog-types.ts';
export { buildCatalog, type CatalogSource } from './build-catalog.ts';
export { describeFunding } from './describe-funding.ts';
export { describeCostBound } from './describe-bound.ts';
/** A measure kind's tariff as the catalog's lines (one per part). */
export { tariffLines as describeTariff } from '../wording/index.ts';
export { renderCatalogText } from './render-catalog-text.ts';
