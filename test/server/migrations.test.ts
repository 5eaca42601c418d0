import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/runtime/index.ts';
import { manualClock } from '../../engine/time/index.ts';
import type { ApiEnv } from '../../server/auth.ts';
import { problemErrorHandler } from '../../server/error-handler.ts';
import { silentLog } from '../../server/request-log.ts';
import { migrationRoutes } from '../../server/routes/migrations.ts';
import { loadTokenRegistry } from '../../server/tokens.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear, type MobileTeamsYear } from '../engine/impact/mobile-teams-activity.ts';
import { TOKENS } from './support/server.ts';

describe('POST /calls/:callId/migrations', () => {
  let year: MobileTeamsYear;
  let app: Hono<ApiEnv>;
  const post = (token: string, body: unknown) =>
    app.request(`/calls/${MOBILE_TEAMS}/migrations`, { method: 'POST', body: JSON.stringify(body), headers: { 'x-test-token': token, 'content-type': 'application/json' } });

  beforeAll(async () => {
    year = await recordMobileTeamsYear({ households: 1 });
    const tokens = (await loadTokenRegistry('config/tokens.demo.yaml')).registry;
    const engine = createEngine({ store: year.store, repository: year.repository, clock: manualClock(new Date('2026-03-01T10:00:00Z')) });
    app = new Hono<ApiEnv>();
    app.onError(problemErrorHandler(silentLog));
    app.use('*', async (c, next) => {
      c.set('principal', tokens.find(c.req.header('x-test-token') ?? '')!);
      await next();
    });
    app.route('/calls', migrationRoutes({ engine, store: year.store, repository: () => year.repository }));
  });
  afterAll(() => year.store.close());

  it("is the Département's only, and checks its body", async () => {
    expect((await post(TOKENS.operatorA, { toVersion: 1 })).status).toBe(403);
    expect((await post(TOKENS.departement, { toVersion: 'deux' })).status).toBe(422);
  });

  it('refuses a version without a migration plan, in French, and writes nothing', async () => {
    const version = year.repository.calls.get(MOBILE_TEAMS)!.version;
    const response = await post(TOKENS.departement, { toVersion: version, dryRun: true });
    const problem = (await response.json()) as { code: string; detail: string };
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(problem.code).toBe('migration-incomplete');
    expect(problem.detail).toContain("n'a pas de plan de migration");
  });
});
