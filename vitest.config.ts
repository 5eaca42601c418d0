import { defineConfig } from 'vitest/config';
import { findPostgres, underCi } from './test/support/optional-parts.ts';

/**
 * Suites that run twice: on SQLite and on PostgreSQL. Their stores come from `openTestStore()`
 * (`test/support/test-store.ts`), which reads `TEST_STORE`. The PostgreSQL store's own tests, and
 * everything else, run once in the default project.
 */
const BOTH_STORES = [
  'test/engine/runtime/**/*.test.ts',
  'test/engine/crash/**/*.test.ts',
  'test/engine/report/{age-bands,astre-indicators,budget,indicator-plan,privacy,report-lifecycle,run-indicators}.test.ts',
  'test/server/{access,app,errors,server,year}.test.ts',
  'test/server/signin/database-sessions.test.ts',
  'test/engine/{organisations,payments}/**/*.test.ts',
  'test/engine/privacy/**/*.test.ts',
  'test/server/reminders/*.test.ts',
];

/**
 * The `postgres` project runs only where a PostgreSQL server can be had: on a machine with only Node and
 * npm it is left out (the global setup says once what is missing); under CI it always runs, and the
 * global setup fails when PostgreSQL is absent.
 */
const withPostgres = underCi() || findPostgres().kind === 'found';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One private PostgreSQL cluster for the run (issue 8): test files create their own databases in it.
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      ...(withPostgres ? [{ extends: true, test: { name: 'postgres', include: BOTH_STORES, env: { TEST_STORE: 'postgres' } } }] : []),
    ],
  },
});
