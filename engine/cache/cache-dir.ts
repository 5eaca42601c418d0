/**
 * The folder where what is derived from the sources is kept between runs (compiled validators, parsed
 * YAML, verdicts, bundles): node_modules/.cache/dispositifs, never committed, rebuilt when missing.
 */
import { fileURLToPath } from 'node:url';

/** Where compiled validators, parses and bundles are kept between runs. */
export const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/dispositifs/', import.meta.url));
