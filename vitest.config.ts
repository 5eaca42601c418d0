import { defineConfig } from 'vitest/config';

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
  'test/server/reminders/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One private PostgreSQL cluster for the run (issue 8): test files create their own databases in it.
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'postgres', include: BOTH_STORES, env: { TEST_STORE: 'postgres' } } },
    ],
  },
});
