/**
 * Tests drive the API through a real socket: the app listens on port 0 and `fetch` calls it.
 */
import { listen, type HttpListener } from '../../../server/http-listener.ts';

/** A client of a listening app, with a bearer token per call. */
export interface TestClient {
  listener: HttpListener;
  url: string;
  request(method: string, path: string, options?: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 and returns a client. */
export async function serveForTest(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<TestClient> {
  const listener = await listen(app, { port: 0, host: '127.0.0.1' });
  return {
    listener,
    url: listener.url,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
      let body = options.body;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['content-type'] ??= 'application/json';
      }
      return fetch(`${listener.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    },
    close: () => listener.close(),
  };
}
