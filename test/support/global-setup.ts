/**
 * Vitest global setup: starts one private PostgreSQL cluster for the whole run (each test file then
 * creates its own database in it, see `postgres.ts`) and stops it at the end.
 * `TEST_POSTGRES_URL` points the suites at an existing server instead (a role allowed to create
 * databases). Without server binaries the PostgreSQL suites are skipped, with the reason printed;
 * under CI (`CI` set) that is an error, since `.ci/setup.d/postgresql.sh` installs them.
 * @module
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, startPostgresCluster } from './postgres-cluster.ts';

/** What the test files receive through `inject('postgres')`. */
export type ProvidedPostgres = { kind: 'url'; url: string } | { kind: 'absent'; why: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

/** Starts the cluster (or not) and returns its teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_POSTGRES_URL;
  if (external) {
    project.provide('postgres', { kind: 'url', url: external });
    return async () => {};
  }
  const binaries = findPostgresBinaries();
  if (binaries.kind === 'absent') {
    if (process.env.CI) throw new Error(`PostgreSQL est requis en CI : ${binaries.why}`);
    console.warn(`[postgres] suites PostgreSQL sautées : ${binaries.why}`);
    project.provide('postgres', { kind: 'absent', why: binaries.why });
    return async () => {};
  }
  const cluster = await startPostgresCluster(binaries.dir);
  project.provide('postgres', { kind: 'url', url: cluster.url });
  return () => cluster.stop();
}
