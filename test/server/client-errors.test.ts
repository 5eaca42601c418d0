/**
 * A malformed chunked body (issue 13): Node's HTTP parser answers 400 on the socket, and the server logs
 * the request as the client error it is (400), not as an internal error with a stack trace.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerLog } from '../../server/request-log.ts';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

const lines: string[] = [];
const log: ServerLog = { info: (line) => lines.push(`info ${line}`), error: (line) => lines.push(`error ${line}`) };
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer(undefined, { log });
});
afterAll(() => api?.stop());

/** Sends raw bytes and returns the status line of the answer. */
function raw(request: string): Promise<string> {
  const url = new URL(api.url);
  return new Promise((resolve) => {
    let data = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
  });
}

describe('a malformed chunked body', () => {
  for (const [path, type] of [['/definitions/validate', 'application/yaml'], ['/applications', 'application/json']] as const) {
    it(`is answered 400 and logged as a client error on ${path}`, async () => {
      lines.length = 0;
      const status = await raw(
        `POST ${path} HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${TOKENS.departement}\r\nContent-Type: ${type}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nkind: call\r\n0\r\n\r\n`,
      );
      expect(status).toBe('HTTP/1.1 400 Bad Request');
      await expect.poll(() => lines.find((line) => line.includes(`POST ${path}`))).toBeDefined();
      expect(lines.find((line) => line.includes(`POST ${path}`))).toMatch(new RegExp(`^info POST ${path} 400 `));
      expect(lines.filter((line) => line.startsWith('error'))).toEqual([]);
    });
  }
});
