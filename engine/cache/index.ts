/**
 * @module cache
 * What is derived from the sources and kept between runs, keyed by content hash: the cache folder and
 * compiled JSON Schema validators.
 */
export { CACHE_DIR } from './cache-dir.ts';
export { cachedValidator, lazyValidator, validatorKey, type CachedValidate, type CachedValidatorOptions, type CacheSettings } from './cached-validator.ts';
