/**
 * The whole server: a fresh SQLite file is created and reused, and a graceful stop answers the request
 * under way, refuses new connections, stops the timers and closes the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS } from './support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'dispositifs-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server', () => {
  it('finishes the request under way when stopped, then refuses connections and closes the database', async () => {
    const database = join(dir, 'arret.sqlite');
    const api = await startTestServer(new Date('2024-04-15T10:00:00Z'), { database });
    const order: string[] = [];

    // A request whose body is still arriving when the stop begins.
    let push!: (text: string) => void;
    let end!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
        end = () => controller.close();
      },
    });
    push('{"call": "prevention-expulsions-2024", ');
    const inFlight = fetch(`${api.url}/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.operatorA}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit).then(async (response) => {
      order.push('answered');
      return { status: response.status, body: (await response.json()) as { instanceId: string } };
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const stopped = api.stop().then(() => order.push('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();

    expect(order).toEqual([]); // the stop waits for the request
    push('"territory": "lens-henin", "applicant": { "agrement-isft": true } }');
    end();
    const answer = await inFlight;
    await stopped;
    expect(answer.status).toBe(201);
    expect(order.sort()).toEqual(['answered', 'stopped']);

    await expect(api.server.store.getInstance(answer.body.instanceId)).rejects.toThrow();
    const file = new Database(database, { readonly: true });
    const row = file.prepare('select state from instances where id = ?').get(answer.body.instanceId) as { state: string };
    file.close();
    expect(row.state).toBe('deposee');
    await api.stop(); // idempotent
  });

  it('creates the database file on first start and finds its data on the next', async () => {
    const database = join(dir, 'reprise.sqlite');
    const first = await startTestServer(new Date('2024-04-15T10:00:00Z'), { database });
    const created = await first.request('POST', '/applications', {
      token: TOKENS.operatorA,
      json: { call: 'prevention-expulsions-2024', territory: 'lens-henin', applicant: { 'agrement-isft': true } },
    });
    const { instanceId } = (await created.json()) as { instanceId: string };
    await first.stop();
    const second = await startTestServer(new Date('2024-04-16T10:00:00Z'), { database });
    const read = await second.request('GET', `/applications/${instanceId}`, { token: TOKENS.operatorA });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { state: { id: string } }).state.id).toBe('deposee');
    await second.stop();
  });
});
