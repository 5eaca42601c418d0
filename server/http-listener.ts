/**
 * Serves a Hono app on a real socket (`@hono/node-server`) and closes it without cutting a request:
 * new connections are refused, requests under way finish, idle keep-alive connections are closed.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

type FetchCallback = Parameters<typeof serve>[0]['fetch'];

/** A listening server. */
export interface HttpListener {
  /** The base URL, e.g. `http://127.0.0.1:3000` (the real port when 0 was asked). */
  url: string;
  port: number;
  /**
   * Stops accepting connections and resolves once every request under way is answered. After
   * `graceMs` the remaining connections are cut (a request stuck that long is not coming back).
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 picks a free one).
 * @example
 * const listener = await listen(app, { port: 0, host: '127.0.0.1' });
 * await fetch(`${listener.url}/health`);
 * await listener.close();
 */
export function listen(app: { fetch: FetchCallback }, options: { port: number; host: string }): Promise<HttpListener> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({ url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, port, close: (graceMs) => closeServer(server, graceMs) });
    });
  });
}

function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    // A keep-alive connection that becomes idle after its last response is closed at once, so that
    // close() does not wait for the client's keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
