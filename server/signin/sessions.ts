/**
 * Sessions of signed-in people: an opaque random id in a secure, HTTP-only cookie, the principal and a
 * CSRF token per session. Bounded in count (the oldest goes first) and in time (idle and absolute limits),
 * so that no visitor can make them grow without end. The server keeps them in its database
 * (`database-sessions.ts`): they survive a restart.
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
