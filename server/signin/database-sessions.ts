/**
 * Sessions kept in the store's database (SQLite or PostgreSQL), so that a restart signs nobody out. Only
 * the SHA-256 of a session's id is written: whoever reads the table cannot present a cookie from it.
 * Expired sessions are refused when presented and deleted at each sign-in; the count is bounded (the least
 * recently seen go first).
 * @module
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../engine/store/index.ts';
import type { Principal, Sensitivity } from '../tokens.ts';
import { DEFAULT_SESSION_LIMITS, randomSecret, type Session, type SessionLimits, type SessionStore } from './sessions.ts';

/** A session seen again within this time is not written again (one write per minute at most). */
const TOUCH_EVERY_MS = 60_000;

/** The principal as stored: its sensitivities as a list. */
type StoredPrincipal = Omit<Principal, 'sees'> & { sees: Sensitivity[] };

/**
 * Sessions in the database.
 * @example
 * const sessions = new DatabaseSessions(store.db);
 * const session = await sessions.open(principal); // session.id goes in the cookie; its hash in the table
 */
export class DatabaseSessions implements SessionStore {
  readonly #db: Kysely<Database>;
  readonly #limits: SessionLimits;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, limits: Partial<SessionLimits> = {}, now: () => number = Date.now) {
    this.#db = db;
    this.#limits = { ...DEFAULT_SESSION_LIMITS, ...limits };
    this.#now = now;
  }

  async open(principal: Principal): Promise<Session> {
    const now = this.#now();
    await this.#forgetExpired(now);
    const count = Number((await this.#db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    if (count >= this.#limits.maxSessions) {
      const oldest = this.#db.selectFrom('sessions').select('id_hash').orderBy('seen_at').limit(count - this.#limits.maxSessions + 1);
      await this.#db.deleteFrom('sessions').where('id_hash', 'in', oldest).execute();
    }
    const session: Session = { id: randomSecret(), principal, csrf: randomSecret(), createdAt: now, seenAt: now };
    const stored: StoredPrincipal = { ...principal, sees: [...principal.sees] };
    const at = new Date(now).toISOString();
    await this.#db.insertInto('sessions').values({ id_hash: hashOf(session.id), principal: JSON.stringify(stored), csrf: session.csrf, created_at: at, seen_at: at }).execute();
    return session;
  }

  async find(id: string | undefined): Promise<Session | undefined> {
    if (id === undefined || id === '' || id.length > 128) return undefined;
    const hash = hashOf(id);
    const row = await this.#db.selectFrom('sessions').selectAll().where('id_hash', '=', hash).executeTakeFirst();
    if (row === undefined) return undefined;
    const now = this.#now();
    const createdAt = new Date(row.created_at).getTime();
    const seenAt = new Date(row.seen_at).getTime();
    if (now - seenAt > this.#limits.idleMs || now - createdAt > this.#limits.absoluteMs) {
      await this.#db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
      return undefined;
    }
    if (now - seenAt > TOUCH_EVERY_MS) await this.#db.updateTable('sessions').set({ seen_at: new Date(now).toISOString() }).where('id_hash', '=', hash).execute();
    const stored = JSON.parse(row.principal) as StoredPrincipal;
    return { id, principal: { ...stored, sees: new Set(stored.sees) }, csrf: row.csrf, createdAt, seenAt: now };
  }

  async close(id: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('id_hash', '=', hashOf(id)).execute();
  }

  async #forgetExpired(now: number): Promise<void> {
    await this.#db.deleteFrom('sessions')
      .where((eb) => eb.or([eb('seen_at', '<', new Date(now - this.#limits.idleMs).toISOString()), eb('created_at', '<', new Date(now - this.#limits.absoluteMs).toISOString())]))
      .execute();
  }
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
