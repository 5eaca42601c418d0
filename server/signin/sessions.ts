/**
 * Sessions of signed-in people: an opaque random id in a secure, HTTP-only cookie, the principal and a
 * CSRF token per session. Bounded in count (the oldest goes first) and in time (idle and absolute limits),
 * so that no visitor can make them grow without end. The server keeps them in its database
 * (`database-sessions.ts`, they survive a restart); {@link MemorySessions} keeps them in memory.
 * @module
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../tokens.ts';

/** A session. */
export interface Session {
  id: string;
  principal: Principal;
  /** The token every form of the session carries back (synchronizer token pattern). */
  csrf: string;
  createdAt: number;
  seenAt: number;
}

/** Limits of the session store. */
export interface SessionLimits {
  maxSessions: number;
  /** A session unused this long is gone (ms). */
  idleMs: number;
  /** A session older than this is gone, used or not (ms). */
  absoluteMs: number;
}

/** Defaults: 10 000 sessions, 2 hours idle, 12 hours in all (a working day). */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxSessions: 10_000, idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 };

/** A random, URL-safe secret of 32 bytes. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where sessions are kept. */
export interface SessionStore {
  /** Opens a session for a principal (a new id at every sign-in: no fixation). */
  open(principal: Principal): Promise<Session>;
  /** The live session of an id, refreshed; undefined when absent or expired. */
  find(id: string | undefined): Promise<Session | undefined>;
  /** Closes a session (sign-out). */
  close(id: string): Promise<void>;
}

/** Sessions in the process's memory (lost on restart). */
export class MemorySessions implements SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #limits: SessionLimits;
  readonly #now: () => number;

  constructor(limits: Partial<SessionLimits> = {}, now: () => number = Date.now) {
    this.#limits = { ...DEFAULT_SESSION_LIMITS, ...limits };
    this.#now = now;
  }

  /** Opens a session for a principal (a new id at every sign-in: no fixation). */
  async open(principal: Principal): Promise<Session> {
    const now = this.#now();
    while (this.#sessions.size >= this.#limits.maxSessions) {
      const oldest = this.#sessions.keys().next();
      if (oldest.done) break;
      this.#sessions.delete(oldest.value);
    }
    const session: Session = { id: randomSecret(), principal, csrf: randomSecret(), createdAt: now, seenAt: now };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session of an id, refreshed; undefined when absent or expired. */
  async find(id: string | undefined): Promise<Session | undefined> {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    const now = this.#now();
    if (now - session.seenAt > this.#limits.idleMs || now - session.createdAt > this.#limits.absoluteMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.seenAt = now;
    // Map order is insertion order: move it last so that the oldest unused goes first.
    this.#sessions.delete(id);
    this.#sessions.set(id, session);
    return session;
  }

  /** Closes a session. */
  async close(id: string): Promise<void> {
    this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }
}
