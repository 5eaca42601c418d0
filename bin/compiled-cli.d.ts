// Types of bin/compiled-cli.js (plain JavaScript: it runs before anything can load TypeScript).

/** The checkout this file belongs to. */
export const ROOT: string;
/** The folders whose files are the build's sources. */
export const SOURCE_DIRS: string[];
/** How many builds are kept. */
export const KEPT_BUILDS: number;
/** The hash of everything the build is made of (paths and contents of the sources, esbuild's version, the checkout's path). */
export function buildKey(root?: string): string;
/** {@link buildKey}, reading the sources only when their metadata changed since it was last computed. */
export function currentKey(root: string, cacheDir: string): string;
/** The entry of the compiled CLI for the sources as they are now, built when missing. */
export function compiledCli(options?: { root?: string; cacheDir?: string }): Promise<{ entry: string; built: boolean; key: string }>;
