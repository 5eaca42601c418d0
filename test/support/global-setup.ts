/**
 * Vitest global setup: starts one private PostgreSQL cluster for the whole run (each test file then
 * creates its own database in it, see `postgres.ts`) and stops it at the end.
 * `TEST_POSTGRES_URL` points the suites at an existing server instead (a role allowed to create
 * databases). It also looks for Chromium once. A missing part skips its suites with one line saying what
 * is missing and how to install it; under CI (`CI` set) that is an error (`optional-parts.ts`).
 * @module
 */
import type { TestProject } from 'vitest/node';
import { announce, findChromium, type OptionalPart } from './optional-parts.ts';
import { findPostgresBinaries, startPostgresCluster } from './postgres-cluster.ts';

/** What the test files receive through `inject('postgres')`. */
export type ProvidedPostgres = { kind: 'url'; url: string } | { kind: 'absent'; why: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
    chromium: OptionalPart;
  }
}

/** The run's cluster, shared by every project of the run (vitest calls the setup once per project). */
interface Shared {
  provided: Promise<ProvidedPostgres>;
  chromium: OptionalPart;
  stop: () => Promise<void>;
  users: number;
}
const SHARED = Symbol.for('dispositifs.test.postgres');
const registry = globalThis as { [SHARED]?: Shared };

async function provide(): Promise<{ provided: ProvidedPostgres; stop: () => Promise<void> }> {
  const external = process.env.TEST_POSTGRES_URL;
  if (external) return { provided: { kind: 'url', url: external }, stop: async () => {} };
  const binaries = findPostgresBinaries();
  if (binaries.kind === 'absent') {
    announce('PostgreSQL', binaries);
    return { provided: { kind: 'absent', why: binaries.why }, stop: async () => {} };
  }
  const cluster = await startPostgresCluster(binaries.dir);
  return { provided: { kind: 'url', url: cluster.url }, stop: () => cluster.stop() };
}

/** Starts the cluster (or not) once per run, gives it to `project`, and returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = registry[SHARED];
  if (!shared) {
    const chromium = findChromium();
    announce('navigateur (Chromium)', chromium);
    const started = provide();
    shared = { provided: started.then((s) => s.provided), chromium, stop: async () => (await started).stop(), users: 0 };
    registry[SHARED] = shared;
  }
  shared.users++;
  project.provide('postgres', await shared.provided);
  project.provide('chromium', shared.chromium);
  const mine = shared;
  return async () => {
    if (--mine.users > 0) return;
    delete registry[SHARED];
    await mine.stop();
  };
}
