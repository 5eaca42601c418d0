/**
 * The server's log: one line per request (method, path without query, status, duration), never a body,
 * a header or a query string, so that no personal data and no token reaches it.
 */
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';

/** Where the server writes its lines. */
export interface ServerLog {
  info(line: string): void;
  error(line: string): void;
}

/** Writes to stdout and stderr. */
export const consoleLog: ServerLog = {
  info: (line) => console.log(line),
  error: (line) => console.error(line),
};

/** Writes nothing (tests, benchmarks). */
export const silentLog: ServerLog = { info: () => {}, error: () => {} };

/** Logs each request once it is answered. */
export function requestLog(log: ServerLog): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    log.info(`${c.req.method} ${c.req.path} ${c.res.status} ${ms} ms`);
  });
}
