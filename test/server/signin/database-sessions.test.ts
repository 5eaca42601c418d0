/**
 * Sessions kept in the database: a person signed in stays signed in when the server restarts on the same
 * database, a signed-out cookie opens nothing, only a hash of the session's id is stored, and sessions
 * expire (idle and absolute limits) and are bounded in count. Runs on SQLite, and on PostgreSQL in the
 * `postgres` project.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseSessions } from '../../../server/signin/database-sessions.ts';
import { SESSION_COOKIE } from '../../../server/signin/session-auth.ts';
import { DEFAULT_SENSITIVITIES, type Principal } from '../../../server/tokens.ts';
import { openTestStore, testDatabaseUrl, testStoreKind } from '../../support/test-store.ts';
import { BrowserSession, inputOf } from '../support/browser-session.ts';
import { startTestServer, TOKENS } from '../support/server.ts';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

/** A database that outlives a server: a file for SQLite, a fresh database for PostgreSQL. */
async function lastingDatabase(): Promise<string> {
  if (testStoreKind === 'postgres') return testDatabaseUrl();
  const folder = await mkdtemp(join(tmpdir(), 'sessions-'));
  folders.push(folder);
  return join(folder, 'dispositifs.sqlite');
}

const AGENT: Principal = { id: 'agent-1', name: 'Agent 1', role: 'departement', sees: new Set(DEFAULT_SENSITIVITIES.departement) };

describe('sessions kept in the database', () => {
  it('survive a restart of the server on the same database; a signed-out cookie opens nothing', async () => {
    const database = await lastingDatabase();
    const browser = new BrowserSession();
    let api = await startTestServer(undefined, { database });
    const port = Number(new URL(api.url).port);
    let cookie = '';
    try {
      expect((await browser.post(`${api.url}/connexion/jeton`, { jeton: TOKENS.operatorA, retour: '/espace' })).status).toBe(303);
      expect((await browser.fetch(`${api.url}/espace`)).status).toBe(200);
      cookie = browser.cookies.get(new URL(api.url).host)!.get(SESSION_COOKIE)!;
      const stored = await api.server.store.db.selectFrom('sessions').select(['id_hash', 'principal', 'csrf']).execute();
      expect(stored.map((row) => row.id_hash)).toEqual([createHash('sha256').update(cookie).digest('hex')]);
      expect(JSON.stringify(stored)).not.toContain(cookie);
    } finally {
      await api.stop();
    }
    api = await startTestServer(undefined, { database, port });
    try {
      const again = await browser.fetch(`${api.url}/espace`);
      expect(again.status).toBe(200);
      const out = await browser.post(`${api.url}/deconnexion`, { _csrf: inputOf(await again.text(), '_csrf', '/deconnexion')! });
      expect(out.status).toBe(303);
      expect(await api.server.store.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
      const replayed = new BrowserSession();
      replayed.cookies.set(new URL(api.url).host, new Map([[SESSION_COOKIE, cookie]]));
      expect((await replayed.fetch(`${api.url}/espace`)).status).toBe(303);
    } finally {
      await api.stop();
    }
  });

  it('keeps the cookie of a signed-out session from working, even presented again by hand', async () => {
    const store = await openTestStore();
    const sessions = new DatabaseSessions(store.db);
    const session = await sessions.open(AGENT);
    expect((await sessions.find(session.id))?.principal.sees.has('health')).toBe(true);
    await sessions.close(session.id);
    expect(await sessions.find(session.id)).toBeUndefined();
  });

  it('expires an idle session and an old one, and deletes expired ones at the next sign-in', async () => {
    const store = await openTestStore();
    let now = Date.parse('2026-01-05T08:00:00Z');
    const sessions = new DatabaseSessions(store.db, { idleMs: 60 * 60_000, absoluteMs: 3 * 60 * 60_000 }, () => now);
    const idle = await sessions.open(AGENT);
    const busy = await sessions.open(AGENT);
    for (let minutes = 0; minutes < 150; minutes += 50) {
      now += 50 * 60_000;
      expect(await sessions.find(busy.id)).toBeDefined();
    }
    expect(await sessions.find(idle.id)).toBeUndefined();
    now += 40 * 60_000;
    expect(await sessions.find(busy.id)).toBeUndefined();
    const forgotten = await sessions.open(AGENT);
    now += 2 * 60 * 60_000;
    await sessions.open(AGENT);
    const left = await store.db.selectFrom('sessions').select('id_hash').execute();
    expect(left).toHaveLength(1);
    expect(await sessions.find(forgotten.id)).toBeUndefined();
  });

  it('keeps at most the configured number of sessions, the least recently seen going first', async () => {
    const store = await openTestStore();
    let now = Date.parse('2026-01-05T08:00:00Z');
    const sessions = new DatabaseSessions(store.db, { maxSessions: 3 }, () => (now += 120_000));
    const first = await sessions.open(AGENT);
    const second = await sessions.open(AGENT);
    await sessions.open(AGENT);
    expect(await sessions.find(first.id)).toBeDefined();
    await sessions.open(AGENT);
    expect(await sessions.find(second.id)).toBeUndefined();
    expect(await sessions.find(first.id)).toBeDefined();
    expect(await store.db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(3);
  });
});
