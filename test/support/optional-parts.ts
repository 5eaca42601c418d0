/**
 * The optional system parts some suites need (Debian's Chromium, PostgreSQL server binaries): where they
 * are, or what is missing and the command that installs it. `npm test` on a machine with only Node and npm
 * skips those suites with one line per missing part; under CI (`CI` set, as `.ci/run` does) a missing part
 * is an error, since `.ci/setup.d/` installs them.
 * `CHROMIUM_PATH` and `POSTGRES_BIN` point the lookups elsewhere (a path that does not exist shows what a
 * fresh machine sees).
 * @module
 */
import { existsSync } from 'node:fs';
import { findPostgresBinaries } from './postgres-cluster.ts';

/** Found (with its path), or absent (with one French line saying what is missing and how to install it). */
export type OptionalPart = { kind: 'found'; path: string } | { kind: 'absent'; why: string };

/** Debian's Chromium, driven by playwright-core in the browser suites. */
export function findChromium(): OptionalPart {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return { kind: 'found', path };
  return {
    kind: 'absent',
    why: `Chromium introuvable (${path}) : installer « sudo apt-get install chromium » (ou .ci/setup.d/chromium.sh), ou indiquer CHROMIUM_PATH.`,
  };
}

/** PostgreSQL server binaries (`initdb`, `pg_ctl`), or an existing server named by `TEST_POSTGRES_URL`. */
export function findPostgres(): OptionalPart {
  if (process.env.TEST_POSTGRES_URL) return { kind: 'found', path: process.env.TEST_POSTGRES_URL };
  const binaries = findPostgresBinaries();
  return binaries.kind === 'found' ? { kind: 'found', path: binaries.dir } : binaries;
}

/** True under CI, where every suite must run. */
export const underCi = (): boolean => Boolean(process.env.CI) && process.env.CI !== 'false';

/**
 * Says once that the suites needing `part` are skipped, or, under CI, refuses to go on.
 * @example
 * announce('navigateur', findChromium()); // [tests] suites navigateur sautées : Chromium introuvable …
 */
export function announce(suites: string, part: OptionalPart): void {
  if (part.kind === 'found') return;
  if (underCi()) throw new Error(`CI : les suites ${suites} doivent tourner, mais ${part.why}`);
  console.warn(`[tests] suites ${suites} sautées : ${part.why}`);
}
