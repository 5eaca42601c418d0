/**
 * The reference the API benchmark measures against: the least a server can do for an event post, with
 * node:http and raw better-sqlite3 at the engine's durability (WAL, synchronous = FULL): read the JSON
 * body, then in one transaction insert an event row and upsert a snapshot row, then answer JSON.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';

/** A running reference server. */
export interface ReferenceServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the reference server on 127.0.0.1 (a free port) over the SQLite file `file`, writing snapshots of
 * about `snapshotBytes`. `POST /measures/<id>/events` with `{ type, payload }` appends and answers a body
 * of the API's size.
 */
export async function startReferenceServer(file: string, snapshotBytes = 1024): Promise<ReferenceServer> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    create table if not exists events (seq integer primary key, instance_id text not null, version integer not null,
      type text not null, payload text not null, idempotency_key text, at text not null);
    create table if not exists snapshots (instance_id text primary key, version integer not null, snapshot text not null, updated_at text not null);
  `);
  const insertEvent = db.prepare('insert into events (instance_id, version, type, payload, idempotency_key, at) values (?, ?, ?, ?, ?, ?)');
  const readVersion = db.prepare<[string], { version: number }>('select version from snapshots where instance_id = ?');
  const upsertSnapshot = db.prepare(
    'insert into snapshots (instance_id, version, snapshot, updated_at) values (?, ?, ?, ?) on conflict (instance_id) do update set version = excluded.version, snapshot = excluded.snapshot, updated_at = excluded.updated_at',
  );
  const filler = 'x'.repeat(Math.max(0, snapshotBytes - 64));
  const step = db.transaction((id: string, type: string, payload: string, key: string | null) => {
    const version = (readVersion.get(id)?.version ?? 0) + 1;
    const at = new Date().toISOString();
    insertEvent.run(id, version, type, payload, key, at);
    upsertSnapshot.run(id, version, JSON.stringify({ value: 'diagnostiquee', context: { last: type, filler } }), at);
    return version;
  });

  const server: Server = createServer((request, response) => {
    const match = /^\/measures\/([^/]+)\/events$/.exec(request.url ?? '');
    if (request.method !== 'POST' || match?.[1] === undefined) {
      response.writeHead(404).end();
      return;
    }
    const id = match[1];
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: { type?: unknown; payload?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        response.writeHead(400).end();
        return;
      }
      const key = request.headers['idempotency-key'];
      const version = step(id, String(body.type), JSON.stringify(body.payload ?? {}), typeof key === 'string' ? key : null);
      const json = JSON.stringify({ instanceId: id, version, state: 'diagnostiquee', stateLabel: 'Diagnostic flash réalisé', final: false, date: '2024-12-02' });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
